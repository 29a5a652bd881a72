package com.wooodoo.sync.sandbox.odoo;

import java.util.Locale;

/** The Odoo field types the simulator stores. */
enum OdooFieldType {
    CHAR, TEXT, HTML, SELECTION, INTEGER, FLOAT, MONETARY, BOOLEAN, DATE, DATETIME, MANY2ONE, ONE2MANY, MANY2MANY;

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

    /** A one2many or many2many: written with commands, read as a list of ids. */
    boolean isX2many() {
        return this == ONE2MANY || this == MANY2MANY;
    }
}
