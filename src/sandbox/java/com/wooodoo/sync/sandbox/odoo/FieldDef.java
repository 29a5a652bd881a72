package com.wooodoo.sync.sandbox.odoo;

import java.util.List;

/**
 * One field of a simulated model.
 *
 * @param readonly  what {@code fields_get} reports; as in Odoo, a stored readonly field (a sales
 *                  order's {@code state}) can still be written through the API
 * @param computed  a field whose value the simulator computes (Odoo's non-stored or computed
 *                  fields, the magic fields): writes to it are ignored
 * @param comodel   the related model of a many2one, one2many or many2many
 * @param inverse   the many2one on the comodel that a one2many lists
 * @param ondelete  for a many2one: what deleting the target does ({@code restrict}, {@code cascade}
 *                  or {@code set null}, as in Odoo)
 * @param digits    decimals a float keeps (Odoo rounds on write), or -1
 * @param precision the total digits {@code fields_get} reports with {@code digits} (Odoo's 16 unless told)
 * @param defaultValue the value a create gets when it gives none (null: none)
 * @param selection the values of a selection field with their labels, checked on write (null: not checked)
 */
record FieldDef(String name, OdooFieldType type, String label, boolean required, boolean readonly, boolean computed,
                String comodel, String inverse, String ondelete, int digits, int precision, Object defaultValue,
                List<List<String>> selection) {

    static FieldDef of(String name, OdooFieldType type, String label) {
        return new FieldDef(name, type, label, false, false, false, null, null, null, -1, 16, null, null);
    }

    static FieldDef many2one(String name, String label, String comodel, String ondelete) {
        return new FieldDef(name, OdooFieldType.MANY2ONE, label, false, false, false, comodel, null, ondelete, -1, 16, null, null);
    }

    static FieldDef one2many(String name, String label, String comodel, String inverse) {
        return new FieldDef(name, OdooFieldType.ONE2MANY, label, false, false, false, comodel, inverse, null, -1, 16, null, null);
    }

    /** A many2many: its relation table deletes its rows with either record (Odoo's {@code ondelete='cascade'}). */
    static FieldDef many2many(String name, String label, String comodel) {
        return new FieldDef(name, OdooFieldType.MANY2MANY, label, false, false, false, comodel, null, null, -1, 16, null, null);
    }

    /** A selection field and its values, each a value and its label. */
    static FieldDef selection(String name, String label, String... valuesAndLabels) {
        List<List<String>> options = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < valuesAndLabels.length; i += 2) {
            options.add(List.of(valuesAndLabels[i], valuesAndLabels[i + 1]));
        }
        return new FieldDef(name, OdooFieldType.SELECTION, label, false, false, false, null, null, null, -1, 16, null,
                List.copyOf(options));
    }

    FieldDef asRequired() {
        return new FieldDef(name, type, label, true, readonly, computed, comodel, inverse, ondelete, digits, precision,
                defaultValue, selection);
    }

    /** Reported readonly, still written by the API as Odoo writes a stored readonly field. */
    FieldDef asReadonly() {
        return new FieldDef(name, type, label, required, true, computed, comodel, inverse, ondelete, digits, precision,
                defaultValue, selection);
    }

    /** Readonly and computed by the simulator: writes are ignored. */
    FieldDef asComputed() {
        return new FieldDef(name, type, label, required, true, true, comodel, inverse, ondelete, digits, precision,
                defaultValue, selection);
    }

    /**
     * Computed by the simulator, yet writable as Odoo's computed fields with an inverse are (a
     * template's {@code default_code} writes its only variant's): {@code fields_get} reports it
     * writable; the rules of its model take the written value.
     */
    FieldDef asComputedWithInverse() {
        return new FieldDef(name, type, label, required, false, true, comodel, inverse, ondelete, digits, precision,
                defaultValue, selection);
    }

    FieldDef digits(int value) {
        return new FieldDef(name, type, label, required, readonly, computed, comodel, inverse, ondelete, value, precision,
                defaultValue, selection);
    }

    /** Odoo's {@code digits=(precision, scale)}. */
    FieldDef digits(int totalDigits, int scale) {
        return new FieldDef(name, type, label, required, readonly, computed, comodel, inverse, ondelete, scale, totalDigits,
                defaultValue, selection);
    }

    FieldDef defaultsTo(Object value) {
        return new FieldDef(name, type, label, required, readonly, computed, comodel, inverse, ondelete, digits, precision,
                value, selection);
    }

    /** Whether a value is one of the selection's (always, when the field lists none). */
    boolean allows(String value) {
        return selection == null || selection.stream().anyMatch(option -> option.get(0).equals(value));
    }
}
