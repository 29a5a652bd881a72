package com.wooodoo.sync.sandbox.odoo;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.BOOLEAN;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.CHAR;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.DATETIME;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.FLOAT;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.HTML;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.INTEGER;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.MONETARY;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.SELECTION;
import static com.wooodoo.sync.sandbox.odoo.OdooFieldType.TEXT;

/**
 * The models of a stock Odoo 17 with the Sales app (and so Invoicing's taxes, currencies and
 * pricelists), reduced to the fields a sync touches. As in Odoo: {@code default_code} is not
 * unique, a required many2one restricts deleting its target, order lines are deleted with their
 * order, unit prices keep the 'Product Price' precision (2 decimals) and discounts the 'Discount'
 * precision (2 unless {@link Options} say otherwise), tax amounts 4 decimals.
 */
final class StockModels {

    /** The order line's taxes: {@code tax_id} in Odoo 16 to 18, {@code tax_ids} from Odoo 19. */
    static final String TAX_ID = "tax_id";
    static final String TAX_IDS = "tax_ids";

    /**
     * What differs between Odoo versions and databases.
     *
     * @param orderLineTaxField {@link #TAX_ID} or {@link #TAX_IDS}
     * @param discountDigits    the decimals of the 'Discount' decimal precision
     * @param mailModule        whether the mail module is installed (as with Sales): it adds the
     *                          contact's stored, indexed {@code email_normalized}
     */
    record Options(String orderLineTaxField, int discountDigits, boolean mailModule) {

        static final Options DEFAULT = new Options(TAX_ID, 2, true);

        Options {
            if (!TAX_ID.equals(orderLineTaxField) && !TAX_IDS.equals(orderLineTaxField)) {
                throw new IllegalArgumentException("the order line's tax field is tax_id or tax_ids, not " + orderLineTaxField);
            }
            if (discountDigits < 0 || discountDigits > 10) {
                throw new IllegalArgumentException("discount digits are 0 to 10, not " + discountDigits);
            }
        }
    }

    private StockModels() {
    }

    static Map<String, ModelDef> all(Options options) {
        Map<String, ModelDef> models = new LinkedHashMap<>();
        for (ModelDef model : new ModelDef[] {users(), country(), currency(), company(), partner(options), category(), template(), product(),
                attribute(), attributeValue(), attributeLine(), templateAttributeValue(), pricelist(), tax(), location(), warehouse(),
                quant(), move(), saleOrder(), saleOrderLine(options)}) {
            models.put(model.name(), model);
        }
        return models;
    }

    private static ModelDef users() {
        return ModelDef.of("res.users", "User", "name", "name asc, login asc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("login", CHAR, "Login").asRequired(),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true));
    }

    private static ModelDef country() {
        return ModelDef.of("res.country", "Country", "name", "name asc",
                FieldDef.of("name", CHAR, "Country Name").asRequired(),
                FieldDef.of("code", CHAR, "Country Code"),
                FieldDef.of("phone_code", INTEGER, "Country Calling Code"));
    }

    private static ModelDef currency() {
        return ModelDef.of("res.currency", "Currency", "name", "active desc, name asc",
                FieldDef.of("name", CHAR, "Currency").asRequired(),
                FieldDef.of("symbol", CHAR, "Symbol").asRequired(),
                FieldDef.of("rounding", FLOAT, "Rounding Factor").digits(12, 6).defaultsTo(0.01),
                FieldDef.of("decimal_places", INTEGER, "Decimal Places").asComputed(),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true));
    }

    private static ModelDef company() {
        return ModelDef.of("res.company", "Companies", "name", "name asc",
                FieldDef.of("name", CHAR, "Company Name").asRequired(),
                FieldDef.many2one("currency_id", "Currency", "res.currency", "restrict").asRequired(),
                FieldDef.selection("tax_calculation_rounding_method", "Tax Calculation Rounding Method",
                        "round_per_line", "Round per Line", "round_globally", "Round Globally").defaultsTo("round_per_line"));
    }

    private static ModelDef pricelist() {
        return ModelDef.of("product.pricelist", "Pricelist", "name", "sequence asc, id asc",
                FieldDef.of("name", CHAR, "Pricelist Name").asRequired(),
                FieldDef.many2one("currency_id", "Currency", "res.currency", "restrict").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(16L),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true));
    }

    /** Odoo's taxes without groups of taxes, repartition lines and "affect base of subsequent taxes". */
    private static ModelDef tax() {
        return ModelDef.of("account.tax", "Tax", "name", "sequence asc, id asc",
                FieldDef.of("name", CHAR, "Tax Name").asRequired(),
                FieldDef.selection("type_tax_use", "Tax Type", "sale", "Sales", "purchase", "Purchases", "none", "None")
                        .asRequired().defaultsTo("sale"),
                FieldDef.selection("amount_type", "Tax Computation", "fixed", "Fixed", "percent", "Percentage of Price",
                        "division", "Percentage of Price Tax Included").asRequired().defaultsTo("percent"),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.of("sequence", INTEGER, "Sequence").asRequired().defaultsTo(1L),
                FieldDef.of("amount", FLOAT, "Amount").digits(16, 4).asRequired().defaultsTo(0.0),
                FieldDef.of("description", CHAR, "Label on Invoices"),
                FieldDef.of("price_include", BOOLEAN, "Included in Price").defaultsTo(false),
                FieldDef.many2one("country_id", "Country", "res.country", "restrict"));
    }

    /** The e-mail as the mail module's {@code email_normalized} holds it: the address (of {@code Name <address>}) stripped,
     * lower-cased; null without one. */
    static String normalizedEmail(Object email) {
        String text = email instanceof String s ? s.strip() : "";
        int open = text.lastIndexOf('<');
        if (open >= 0 && text.endsWith(">")) {
            text = text.substring(open + 1, text.length() - 1).strip(); // "Ann <ann@x.com>"
        }
        text = text.toLowerCase(java.util.Locale.ROOT);
        return text.isEmpty() ? null : text;
    }

    private static ModelDef partner(Options options) {
        java.util.List<FieldDef> fields = new java.util.ArrayList<>(java.util.List.of(
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("email", CHAR, "Email")));
        if (options.mailModule()) {
            fields.add(FieldDef.of("email_normalized", CHAR, "Normalized Email").asComputed());
        }
        fields.addAll(java.util.List.of(
                FieldDef.of("phone", CHAR, "Phone"),
                FieldDef.of("mobile", CHAR, "Mobile"),
                FieldDef.of("street", CHAR, "Street"),
                FieldDef.of("street2", CHAR, "Street2"),
                FieldDef.of("city", CHAR, "City"),
                FieldDef.of("zip", CHAR, "Zip"),
                FieldDef.many2one("country_id", "Country", "res.country", "restrict"),
                FieldDef.of("company_name", CHAR, "Company Name"),
                FieldDef.of("is_company", BOOLEAN, "Is a Company").defaultsTo(false),
                FieldDef.of("type", SELECTION, "Address Type").defaultsTo("contact"),
                FieldDef.many2one("parent_id", "Related Company", "res.partner", "set null"),
                FieldDef.of("ref", CHAR, "Reference"),
                FieldDef.of("vat", CHAR, "Tax ID"),
                FieldDef.of("lang", SELECTION, "Language").defaultsTo("en_US"),
                FieldDef.of("comment", HTML, "Notes"),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true)));
        return ModelDef.of("res.partner", "Contact", "name", "name asc, id desc", fields.toArray(FieldDef[]::new));
    }

    /** Odoo 17's product types: {@code product} (Storable Product) is the one the Inventory app reserves stock for. */
    private static FieldDef productType() {
        return FieldDef.selection("type", "Product Type", "consu", "Consumable", "service", "Service", "product", "Storable Product")
                .asRequired().defaultsTo("consu");
    }

    /** {@code complete_name} is stored, as in Odoo: "All / Clothing / Shirts". */
    private static ModelDef category() {
        return ModelDef.of("product.category", "Product Category", "complete_name", "complete_name asc, id asc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("complete_name", CHAR, "Complete Name").asComputed(),
                FieldDef.many2one("parent_id", "Parent Category", "product.category", "cascade"),
                FieldDef.one2many("child_id", "Child Categories", "product.category", "parent_id"));
    }

    /**
     * A product and its variants ({@code product.product}). {@code default_code}, {@code barcode},
     * {@code standard_price} and {@code weight} are the variant's when there is exactly one, and
     * written to it then; otherwise empty, as in Odoo.
     */
    private static ModelDef template() {
        return ModelDef.of("product.template", "Product", "name", "name asc, id asc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(1L),
                FieldDef.of("description_sale", TEXT, "Sales Description"),
                productType(),
                FieldDef.many2one("categ_id", "Product Category", "product.category", "restrict").asRequired().defaultsTo(1L),
                FieldDef.of("list_price", FLOAT, "Sales Price").digits(2).defaultsTo(1.0),
                FieldDef.of("standard_price", FLOAT, "Cost").digits(2).asComputedWithInverse(),
                FieldDef.of("default_code", CHAR, "Internal Reference").asComputedWithInverse(),
                FieldDef.of("barcode", CHAR, "Barcode").asComputedWithInverse(),
                FieldDef.of("weight", FLOAT, "Weight").digits(2).asComputedWithInverse(),
                FieldDef.of("sale_ok", BOOLEAN, "Can be Sold").defaultsTo(true),
                FieldDef.of("purchase_ok", BOOLEAN, "Can be Purchased").defaultsTo(true),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.one2many("attribute_line_ids", "Product Attributes", "product.template.attribute.line", "product_tmpl_id"),
                FieldDef.one2many("product_variant_ids", "Products", "product.product", "product_tmpl_id"),
                FieldDef.many2one("product_variant_id", "Product", "product.product", "set null").asComputed(),
                FieldDef.of("product_variant_count", INTEGER, "# Product Variants").asComputed(),
                FieldDef.of("qty_available", FLOAT, "Quantity On Hand").digits(2).asComputed(),
                FieldDef.of("virtual_available", FLOAT, "Forecasted Quantity").digits(2).asComputed());
    }

    /**
     * A variant. Its template's fields ({@code name}, {@code list_price}, {@code type},
     * {@code sale_ok}, {@code description_sale}, {@code categ_id}) read and write through to the
     * template, as Odoo's delegation does; {@code default_code}, {@code barcode},
     * {@code standard_price}, {@code weight} and {@code active} are its own. The stock quantities
     * depend on the {@code warehouse}/{@code location} of the context.
     */
    private static ModelDef product() {
        return ModelDef.of("product.product", "Product Variant", "name", "default_code asc, name asc, id asc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("default_code", CHAR, "Internal Reference"),
                FieldDef.of("barcode", CHAR, "Barcode"),
                FieldDef.of("list_price", FLOAT, "Sales Price").digits(2).defaultsTo(1.0),
                FieldDef.of("lst_price", FLOAT, "Sales Price").digits(2).asComputedWithInverse(),
                FieldDef.of("price_extra", FLOAT, "Variant Price Extra").digits(2).asComputed(),
                FieldDef.of("standard_price", FLOAT, "Cost").digits(2).defaultsTo(0.0),
                FieldDef.of("weight", FLOAT, "Weight").digits(2).defaultsTo(0.0),
                FieldDef.of("description_sale", TEXT, "Sales Description"),
                productType(),
                FieldDef.of("sale_ok", BOOLEAN, "Can be Sold").defaultsTo(true),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.many2one("product_tmpl_id", "Product Template", "product.template", "cascade").asRequired(),
                FieldDef.many2one("categ_id", "Product Category", "product.category", "restrict"),
                FieldDef.many2many("product_template_attribute_value_ids", "Attribute Values", "product.template.attribute.value"),
                FieldDef.of("qty_available", FLOAT, "Quantity On Hand").digits(2).asComputed(),
                FieldDef.of("free_qty", FLOAT, "Free To Use Quantity").digits(2).asComputed(),
                FieldDef.of("virtual_available", FLOAT, "Forecasted Quantity").digits(2).asComputed(),
                FieldDef.of("incoming_qty", FLOAT, "Incoming").digits(2).asComputed(),
                FieldDef.of("outgoing_qty", FLOAT, "Outgoing").digits(2).asComputed());
    }

    private static ModelDef attribute() {
        return ModelDef.of("product.attribute", "Product Attribute", "name", "sequence asc, id asc",
                FieldDef.of("name", CHAR, "Attribute").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(0L),
                FieldDef.selection("create_variant", "Variants Creation Mode", "always", "Instantly", "dynamic", "Dynamically",
                        "no_variant", "Never (option)").asRequired().defaultsTo("always"),
                FieldDef.selection("display_type", "Display Type", "radio", "Radio", "pills", "Pills", "select", "Select",
                        "color", "Color", "multi", "Multi-checkbox (option)").asRequired().defaultsTo("radio"),
                FieldDef.one2many("value_ids", "Values", "product.attribute.value", "attribute_id"),
                FieldDef.one2many("attribute_line_ids", "Lines", "product.template.attribute.line", "attribute_id"));
    }

    /** A value's name is unique within its attribute (Odoo's {@code value_company_uniq}). */
    private static ModelDef attributeValue() {
        return ModelDef.of("product.attribute.value", "Attribute Value", "name", "attribute_id asc, sequence asc, id asc",
                FieldDef.of("name", CHAR, "Value").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(0L),
                FieldDef.many2one("attribute_id", "Attribute", "product.attribute", "cascade").asRequired(),
                FieldDef.of("html_color", CHAR, "Color"),
                FieldDef.of("default_extra_price", FLOAT, "Default Extra Price").digits(2).defaultsTo(0.0));
    }

    /** An attribute of a template with the values its variants take; archived rather than deleted while variants use it. */
    private static ModelDef attributeLine() {
        return ModelDef.of("product.template.attribute.line", "Product Template Attribute Line", "attribute_id",
                "sequence asc, attribute_id asc, id asc",
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.many2one("product_tmpl_id", "Product Template", "product.template", "cascade").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(10L),
                FieldDef.many2one("attribute_id", "Attribute", "product.attribute", "restrict").asRequired(),
                FieldDef.many2many("value_ids", "Values", "product.attribute.value"),
                FieldDef.of("value_count", INTEGER, "Value Count").asComputed(),
                FieldDef.one2many("product_template_value_ids", "Product Attribute Values", "product.template.attribute.value",
                        "attribute_line_id"));
    }

    /** A value of an attribute line, made by the line; its price extra adds to its variants' sales price. */
    private static ModelDef templateAttributeValue() {
        return ModelDef.of("product.template.attribute.value", "Product Template Attribute Value", "name",
                "attribute_line_id asc, id asc",
                FieldDef.of("ptav_active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.of("name", CHAR, "Value").asComputed(),
                FieldDef.many2one("product_attribute_value_id", "Attribute Value", "product.attribute.value", "cascade").asRequired(),
                FieldDef.many2one("attribute_line_id", "Attribute Line", "product.template.attribute.line", "cascade").asRequired(),
                FieldDef.of("price_extra", FLOAT, "Value Price Extra").digits(2).defaultsTo(0.0),
                FieldDef.many2one("product_tmpl_id", "Product Template", "product.template", "cascade").asComputed(),
                FieldDef.many2one("attribute_id", "Attribute", "product.attribute", "cascade").asComputed(),
                FieldDef.of("html_color", CHAR, "HTML Color Index").asComputed());
    }

    /** {@code complete_name} is stored: "WH/Stock", "Partners/Customers" (a view location's children start afresh). */
    private static ModelDef location() {
        return ModelDef.of("stock.location", "Inventory Locations", "complete_name", "complete_name asc, id asc",
                FieldDef.of("name", CHAR, "Location Name").asRequired(),
                FieldDef.of("complete_name", CHAR, "Full Location Name").asComputed(),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.selection("usage", "Location Type", "supplier", "Vendor Location", "view", "View", "internal",
                        "Internal Location", "customer", "Customer Location", "inventory", "Inventory Loss",
                        "production", "Production", "transit", "Transit Location").asRequired().defaultsTo("internal"),
                FieldDef.many2one("location_id", "Parent Location", "stock.location", "cascade"),
                FieldDef.one2many("child_ids", "Contains", "stock.location", "location_id"),
                FieldDef.many2one("warehouse_id", "Warehouse", "stock.warehouse", "set null").asComputed());
    }

    private static ModelDef warehouse() {
        return ModelDef.of("stock.warehouse", "Warehouse", "name", "sequence asc, id asc",
                FieldDef.of("name", CHAR, "Warehouse").asRequired(),
                FieldDef.of("code", CHAR, "Short Name").asRequired(),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(10L),
                FieldDef.many2one("view_location_id", "View Location", "stock.location", "restrict").asRequired(),
                FieldDef.many2one("lot_stock_id", "Location Stock", "stock.location", "restrict").asRequired());
    }

    /** What a location holds of a product; {@code inventory_quantity} is counted, then applied. */
    private static ModelDef quant() {
        return ModelDef.of("stock.quant", "Quants", "product_id", "id asc",
                FieldDef.many2one("product_id", "Product", "product.product", "restrict").asRequired(),
                FieldDef.many2one("location_id", "Location", "stock.location", "restrict").asRequired(),
                FieldDef.of("quantity", FLOAT, "Quantity").digits(2).defaultsTo(0.0),
                FieldDef.of("reserved_quantity", FLOAT, "Reserved Quantity").digits(2).defaultsTo(0.0),
                FieldDef.of("available_quantity", FLOAT, "Available Quantity").digits(2).asComputed(),
                FieldDef.of("inventory_quantity", FLOAT, "Counted Quantity").digits(2).defaultsTo(0.0),
                FieldDef.of("inventory_quantity_set", BOOLEAN, "Inventory Quantity Set").defaultsTo(false),
                FieldDef.of("in_date", DATETIME, "Incoming Date"));
    }

    /** {@code quantity} is what is reserved (or done), Odoo 17's merged field. */
    private static ModelDef move() {
        return ModelDef.of("stock.move", "Stock Move", "name", "sequence asc, id asc",
                FieldDef.of("name", CHAR, "Description").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(10L),
                FieldDef.of("origin", CHAR, "Source Document"),
                FieldDef.of("reference", CHAR, "Reference"),
                FieldDef.many2one("product_id", "Product", "product.product", "restrict").asRequired(),
                FieldDef.of("product_uom_qty", FLOAT, "Demand").digits(2).asRequired().defaultsTo(0.0),
                FieldDef.of("quantity", FLOAT, "Quantity").digits(2).defaultsTo(0.0),
                FieldDef.selection("state", "Status", "draft", "New", "waiting", "Waiting Another Move", "confirmed",
                        "Waiting Availability", "partially_available", "Partially Available", "assigned", "Available",
                        "done", "Done", "cancel", "Cancelled").asReadonly().defaultsTo("draft"),
                FieldDef.many2one("location_id", "Source Location", "stock.location", "restrict").asRequired(),
                FieldDef.many2one("location_dest_id", "Destination Location", "stock.location", "restrict").asRequired(),
                FieldDef.many2one("warehouse_id", "Warehouse", "stock.warehouse", "set null"),
                FieldDef.many2one("sale_line_id", "Sale Line", "sale.order.line", "set null"),
                FieldDef.of("date", DATETIME, "Date Scheduled"));
    }

    /**
     * The invoice and delivery addresses and the pricelist are computed from the customer when not
     * given (the pricelist while the order is a quotation); the currency is the pricelist's; the
     * amounts are computed from the lines, see {@link SaleTotals}.
     */
    private static ModelDef saleOrder() {
        return ModelDef.of("sale.order", "Sales Order", "name", "date_order desc, id desc",
                FieldDef.of("name", CHAR, "Order Reference").asRequired(),
                FieldDef.many2one("partner_id", "Customer", "res.partner", "restrict").asRequired(),
                FieldDef.many2one("partner_invoice_id", "Invoice Address", "res.partner", "restrict").asRequired(),
                FieldDef.many2one("partner_shipping_id", "Delivery Address", "res.partner", "restrict").asRequired(),
                FieldDef.many2one("pricelist_id", "Pricelist", "product.pricelist", "set null"),
                FieldDef.many2one("currency_id", "Currency", "res.currency", "restrict").asComputed(),
                FieldDef.of("client_order_ref", CHAR, "Customer Reference"),
                FieldDef.of("origin", CHAR, "Source Document"),
                FieldDef.of("date_order", DATETIME, "Order Date").asRequired(),
                FieldDef.of("note", HTML, "Terms and conditions"),
                FieldDef.selection("state", "Status", "draft", "Quotation", "sent", "Quotation Sent", "sale", "Sales Order",
                        "cancel", "Cancelled").asReadonly().defaultsTo("draft"),
                FieldDef.of("amount_untaxed", MONETARY, "Untaxed Amount").asComputed(),
                FieldDef.of("amount_tax", MONETARY, "Taxes").asComputed(),
                FieldDef.of("amount_total", MONETARY, "Total").asComputed(),
                FieldDef.one2many("order_line", "Order Lines", "sale.order.line", "order_id"),
                FieldDef.many2one("warehouse_id", "Warehouse", "stock.warehouse", "restrict"));
    }

    private static ModelDef saleOrderLine(Options options) {
        return ModelDef.of("sale.order.line", "Sales Order Line", "name", "order_id asc, sequence asc, id asc",
                FieldDef.many2one("order_id", "Order Reference", "sale.order", "cascade").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(10L),
                FieldDef.many2one("product_id", "Product", "product.product", "restrict").asRequired(),
                FieldDef.of("name", TEXT, "Description").asRequired(),
                FieldDef.of("product_uom_qty", FLOAT, "Quantity").digits(2).defaultsTo(1.0),
                FieldDef.of("price_unit", FLOAT, "Unit Price").digits(2).asRequired(),
                FieldDef.of("discount", FLOAT, "Discount (%)").digits(options.discountDigits()).defaultsTo(0.0),
                FieldDef.many2many(options.orderLineTaxField(), "Taxes", "account.tax"),
                FieldDef.of("price_subtotal", MONETARY, "Subtotal").asComputed(),
                FieldDef.of("price_tax", FLOAT, "Total Tax").asComputed(),
                FieldDef.of("price_total", MONETARY, "Total").asComputed(),
                FieldDef.many2one("currency_id", "Currency", "res.currency", "restrict").asComputed(),
                FieldDef.one2many("move_ids", "Stock Moves", "stock.move", "sale_line_id"));
    }
}
