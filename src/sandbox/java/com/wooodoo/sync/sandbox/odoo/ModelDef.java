package com.wooodoo.sync.sandbox.odoo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated model: its fields (with Odoo's magic fields {@code id}, {@code display_name},
 * {@code create_date}, {@code create_uid}, {@code write_date}, {@code write_uid} added), the
 * field its records are named by, and its default order.
 */
record ModelDef(String name, String description, Map<String, FieldDef> fields, String recName, String defaultOrder) {

    static ModelDef of(String name, String description, String recName, String defaultOrder, FieldDef... own) {
        Map<String, FieldDef> fields = new LinkedHashMap<>();
        fields.put("id", FieldDef.of("id", OdooFieldType.INTEGER, "ID").asComputed());
        for (FieldDef field : own) {
            fields.put(field.name(), field);
        }
        fields.put("display_name", FieldDef.of("display_name", OdooFieldType.CHAR, "Display Name").asComputed());
        fields.put("create_uid", FieldDef.many2one("create_uid", "Created by", "res.users", "set null").asComputed());
        fields.put("create_date", FieldDef.of("create_date", OdooFieldType.DATETIME, "Created on").asComputed());
        fields.put("write_uid", FieldDef.many2one("write_uid", "Last Updated by", "res.users", "set null").asComputed());
        fields.put("write_date", FieldDef.of("write_date", OdooFieldType.DATETIME, "Last Updated on").asComputed());
        return new ModelDef(name, description, Collections.unmodifiableMap(fields), recName, defaultOrder);
    }

    Optional<FieldDef> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    FieldDef fieldOrFail(String fieldName) {
        return field(fieldName).orElseThrow(() -> OdooError.valueError("Invalid field '" + fieldName + "' on model '" + name + "'"));
    }

    /** The PostgreSQL table, as in constraint names. */
    String table() {
        return name.replace('.', '_');
    }

    /** How Odoo names the model in messages: {@code Contact (res.partner)}. */
    String label() {
        return description + " (" + name + ")";
    }
}
