package com.wooodoo.sync.connector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code wooodoo.organizations.<org>.stock}: the Odoo warehouses whose free quantity the shop sells
 * (their codes; none: every warehouse of the company) and whether a quantity below zero is written
 * as it is (backorders) rather than as 0. Checked at start-up into {@link StockSettings}.
 */
public class StockProperties {

    private List<String> warehouses = new ArrayList<>();
    private boolean backorders;

    public List<String> getWarehouses() {
        return warehouses;
    }

    public void setWarehouses(List<String> warehouses) {
        this.warehouses = warehouses;
    }

    public boolean isBackorders() {
        return backorders;
    }

    public void setBackorders(boolean backorders) {
        this.backorders = backorders;
    }
}
