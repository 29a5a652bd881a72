package com.wooodoo.sync.sandbox.odoo;

import java.util.Locale;

/** The Odoo field types the simulator stores. */
enum OdooFieldType {
    CHAR, TEXT, HTML, SELECTION, INTEGER, FLOAT, MONETARY, BOOLEAN, DATE, DATETIME, MANY2ONE, ONE2MANY;

    /** The name {@code fields_get} reports. */
    String odooName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isNumeric() {
        return this == INTEGER || this == FLOAT || this == MONETARY;
    }

    boolean isText() {
        return this == CHAR || this == TEXT || this == HTML || this == SELECTION;
    }
}
