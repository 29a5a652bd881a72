package com.wooodoo.sync.connector.mapping;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.mappings-dir}: where the field mappings are read from (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo")
public class MappingProperties {

    /** The folder with one mapping file per entity type. */
    private String mappingsDir = "config/mappings";

    public String getMappingsDir() {
        return mappingsDir;
    }

    public void setMappingsDir(String mappingsDir) {
        this.mappingsDir = mappingsDir;
    }
}
