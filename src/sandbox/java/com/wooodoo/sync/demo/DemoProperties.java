package com.wooodoo.sync.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code wooodoo.demo.*} in {@code config/application-demo.yaml}. */
@Component
@Profile("demo")
@ConfigurationProperties(prefix = "wooodoo.demo")
public class DemoProperties {
    private String organization = "demo";
    private int woocommercePort = 18081;
    private int odooPort = 18069;
    private long seed = 42;
    private int customers = 200;
    private int products = 50;
    private int orders = 100;
    private int variableProducts = 5;
    private int odooTemplates = 5;
    private String tokenFile = "demo-token";

    public String getOrganization() { return organization; }
    public void setOrganization(String organization) { this.organization = organization; }
    public int getWoocommercePort() { return woocommercePort; }
    public void setWoocommercePort(int woocommercePort) { this.woocommercePort = woocommercePort; }
    public int getOdooPort() { return odooPort; }
    public void setOdooPort(int odooPort) { this.odooPort = odooPort; }
    public long getSeed() { return seed; }
    public void setSeed(long seed) { this.seed = seed; }
    public int getCustomers() { return customers; }
    public void setCustomers(int customers) { this.customers = customers; }
    public int getProducts() { return products; }
    public void setProducts(int products) { this.products = products; }
    public int getOrders() { return orders; }
    public void setOrders(int orders) { this.orders = orders; }
    public int getVariableProducts() { return variableProducts; }
    public void setVariableProducts(int variableProducts) { this.variableProducts = variableProducts; }
    public int getOdooTemplates() { return odooTemplates; }
    public void setOdooTemplates(int odooTemplates) { this.odooTemplates = odooTemplates; }
    public String getTokenFile() { return tokenFile; }
    public void setTokenFile(String tokenFile) { this.tokenFile = tokenFile; }
}
