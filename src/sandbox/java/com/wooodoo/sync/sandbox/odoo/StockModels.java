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
 * The models of a stock Odoo with the Sales app, reduced to the fields a sync touches. As in
 * Odoo: {@code default_code} is not unique, a required many2one restricts deleting its target,
 * order lines are deleted with their order, prices keep two decimals.
 */
final class StockModels {

    private StockModels() {
    }

    static Map<String, ModelDef> all() {
        Map<String, ModelDef> models = new LinkedHashMap<>();
        for (ModelDef model : new ModelDef[] {users(), country(), partner(), product(), saleOrder(), saleOrderLine()}) {
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

    private static ModelDef saleOrder() {
        return ModelDef.of("sale.order", "Sales Order", "name", "date_order desc, id desc",
                FieldDef.of("name", CHAR, "Order Reference").asRequired(),
                FieldDef.many2one("partner_id", "Customer", "res.partner", "restrict").asRequired(),
                FieldDef.of("client_order_ref", CHAR, "Customer Reference"),
                FieldDef.of("date_order", DATETIME, "Order Date").asRequired(),
                FieldDef.of("note", HTML, "Terms and conditions"),
                FieldDef.of("state", SELECTION, "Status").defaultsTo("draft"),
                FieldDef.of("amount_total", MONETARY, "Total").asReadonly(),
                FieldDef.one2many("order_line", "Order Lines", "sale.order.line", "order_id"));
    }

    private static ModelDef saleOrderLine() {
        return ModelDef.of("sale.order.line", "Sales Order Line", "name", "order_id asc, sequence asc, id asc",
                FieldDef.many2one("order_id", "Order Reference", "sale.order", "cascade").asRequired(),
                FieldDef.of("sequence", INTEGER, "Sequence").defaultsTo(10L),
                FieldDef.many2one("product_id", "Product", "product.product", "restrict").asRequired(),
                FieldDef.of("name", TEXT, "Description").asRequired(),
                FieldDef.of("product_uom_qty", FLOAT, "Quantity").digits(2).defaultsTo(1.0),
                FieldDef.of("price_unit", FLOAT, "Unit Price").digits(2).asRequired(),
                FieldDef.of("price_subtotal", MONETARY, "Subtotal").asReadonly());
    }
}
