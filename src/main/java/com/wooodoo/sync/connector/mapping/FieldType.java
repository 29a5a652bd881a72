package com.wooodoo.sync.connector.mapping;

/** The neutral type of a mapped field; each connector converts its own representation to it. */
public enum FieldType {
    /** A string ("" and null are the same: no value). */
    TEXT,
    /** A decimal number, carried as {@link java.math.BigDecimal} (WooCommerce sends prices as strings). */
    DECIMAL,
    /** A whole number, carried as {@link Long}. */
    INTEGER,
    BOOLEAN,
    /** An instant, carried as an ISO-8601 string in UTC. */
    DATETIME,
    /** The id of another record (see {@link FieldMapping#references()}) in the same system. */
    REFERENCE,
    /** A list of nested records (an order's lines), mapped by {@link FieldMapping#lineFields()}. */
    LINES,
    /**
     * A product's category as a path of names from the top down, carried as one String with the
     * segments joined by {@value CategoryPath#SEPARATOR} ({@code Clothing > Tshirts}); null is no
     * category. See {@link CategoryPath}.
     */
    CATEGORY
}
