package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One neutral field and where it lives in each system.
 *
 * @param references for {@link FieldType#REFERENCE}: the entity type referred to
 * @param lineFields for {@link FieldType#LINES}: the fields of one line
 */
public record FieldMapping(String name, FieldType type, boolean required, Map<ExternalSystem, SystemField> systems,
                           Optional<EntityType> references, List<FieldMapping> lineFields) {

    public Optional<SystemField> in(ExternalSystem system) {
        return Optional.ofNullable(systems.get(system));
    }
}
