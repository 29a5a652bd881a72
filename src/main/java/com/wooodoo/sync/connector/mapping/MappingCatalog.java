package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.Map;

/** The field mappings in force, read once at start-up from {@code wooodoo.mappings-dir}. */
@Component
public class MappingCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(MappingCatalog.class);

    private final Map<EntityType, EntityMapping> mappings;

    @Autowired
    public MappingCatalog(MappingProperties properties) {
        this(MappingLoader.loadAll(Path.of(properties.getMappingsDir())));
        LOG.info("Field mappings read from {}: {}", Path.of(properties.getMappingsDir()).toAbsolutePath(), mappings.keySet());
    }

    public MappingCatalog(Map<EntityType, EntityMapping> mappings) {
        this.mappings = Map.copyOf(mappings);
    }

    public EntityMapping of(EntityType entity) {
        return mappings.get(entity);
    }
}
