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
     */
    record Options(String orderLineTaxField, int discountDigits) {

        static final Options DEFAULT = new Options(TAX_ID, 2);

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
        for (ModelDef model : new ModelDef[] {users(), country(), currency(), company(), partner(), product(), pricelist(), tax(),
                saleOrder(), saleOrderLine(options)}) {
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

    private static ModelDef partner() {
        return ModelDef.of("res.partner", "Contact", "name", "name asc, id desc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("email", CHAR, "Email"),
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
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true));
    }

    private static ModelDef product() {
        return ModelDef.of("product.product", "Product Variant", "name", "default_code asc, name asc, id asc",
                FieldDef.of("name", CHAR, "Name").asRequired(),
                FieldDef.of("default_code", CHAR, "Internal Reference"),
                FieldDef.of("barcode", CHAR, "Barcode"),
                FieldDef.of("list_price", FLOAT, "Sales Price").digits(2).defaultsTo(1.0),
                FieldDef.of("standard_price", FLOAT, "Cost").digits(2).defaultsTo(0.0),
                FieldDef.of("weight", FLOAT, "Weight").digits(2).defaultsTo(0.0),
                FieldDef.of("description_sale", TEXT, "Sales Description"),
                FieldDef.of("type", SELECTION, "Product Type").defaultsTo("consu"),
                FieldDef.of("sale_ok", BOOLEAN, "Can be Sold").defaultsTo(true),
                FieldDef.of("active", BOOLEAN, "Active").defaultsTo(true));
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
                FieldDef.one2many("order_line", "Order Lines", "sale.order.line", "order_id"));
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
                FieldDef.many2one("currency_id", "Currency", "res.currency", "restrict").asComputed());
    }
}
