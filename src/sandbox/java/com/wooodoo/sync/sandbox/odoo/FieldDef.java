package com.wooodoo.sync.sandbox.odoo;

/**
 * One field of a simulated model.
 *
 * @param comodel  the related model of a many2one or one2many
 * @param inverse  the many2one on the comodel that a one2many lists
 * @param ondelete for a many2one: what deleting the target does ({@code restrict}, {@code cascade}
 *                 or {@code set null}, as in Odoo)
 * @param digits   decimals a float keeps (Odoo rounds on write), or -1
 * @param defaultValue the value a create gets when it gives none (null: none)
 */
record FieldDef(String name, OdooFieldType type, String label, boolean required, boolean readonly, String comodel,
                String inverse, String ondelete, int digits, Object defaultValue) {

    static FieldDef of(String name, OdooFieldType type, String label) {
        return new FieldDef(name, type, label, false, false, null, null, null, -1, null);
    }

    static FieldDef many2one(String name, String label, String comodel, String ondelete) {
        return new FieldDef(name, OdooFieldType.MANY2ONE, label, false, false, comodel, null, ondelete, -1, null);
    }

    static FieldDef one2many(String name, String label, String comodel, String inverse) {
        return new FieldDef(name, OdooFieldType.ONE2MANY, label, false, false, comodel, inverse, null, -1, null);
    }

    FieldDef asRequired() {
        return new FieldDef(name, type, label, true, readonly, comodel, inverse, ondelete, digits, defaultValue);
    }

    FieldDef asReadonly() {
        return new FieldDef(name, type, label, required, true, comodel, inverse, ondelete, digits, defaultValue);
    }

    FieldDef digits(int value) {
        return new FieldDef(name, type, label, required, readonly, comodel, inverse, ondelete, value, defaultValue);
    }

    FieldDef defaultsTo(Object value) {
        return new FieldDef(name, type, label, required, readonly, comodel, inverse, ondelete, digits, value);
    }
}
