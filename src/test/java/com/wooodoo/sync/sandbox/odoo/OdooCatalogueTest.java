package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.DATABASE;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.LOGIN;
import static com.wooodoo.sync.sandbox.odoo.OdooFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The simulated Product app over HTTP: templates and their variants, attributes, categories, and the seeding of them. */
class OdooCatalogueTest {

    private OdooSimulator odoo;
    private RawHttp http;

    @BeforeEach
    void start() {
        odoo = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start();
        http = new RawHttp(odoo.baseUrl());
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void aVariantCreatedDirectlyGetsItsTemplateAndWritesThroughToIt() {
        long desk = result(http.executeKw("product.product", "create",
                List.of(Map.of("name", "Desk", "default_code", "D-1", "list_price", 120.0)), Map.of())).asLong();

        JsonNode variant = read("product.product", desk);
        long template = variant.get("product_tmpl_id").get(0).asLong();
        assertThat(variant.get("categ_id")).hasToString("[1,\"All\"]");
        assertThat(variant.get("lst_price").asDouble()).isEqualTo(120.0);
        JsonNode read = read("product.template", template);
        assertThat(read.get("name").asText()).isEqualTo("Desk");
        assertThat(read.get("default_code").asText()).as("the only variant's").isEqualTo("D-1");
        assertThat(read.get("list_price").asDouble()).isEqualTo(120.0);
        assertThat(read.get("product_variant_count").asLong()).isEqualTo(1);
        assertThat(read.get("product_variant_ids")).hasToString("[" + desk + "]");
        assertThat(odoo.count("product.template")).isEqualTo(1);

        ok(http.executeKw("product.product", "write", List.of(List.of(desk), Map.of("name", "Standing Desk", "list_price", 150.0)), Map.of()));
        assertThat(read("product.template", template).get("name").asText()).isEqualTo("Standing Desk");
        assertThat(read("product.template", template).get("list_price").asDouble()).isEqualTo(150.0);

        ok(http.executeKw("product.template", "write", List.of(List.of(template), Map.of("default_code", "D-2", "name", "Desk")), Map.of()));
        assertThat(read("product.product", desk).get("default_code").asText()).isEqualTo("D-2");
        assertThat(read("product.product", desk).get("display_name").asText()).isEqualTo("[D-2] Desk");

        ok(http.executeKw("product.product", "unlink", List.of(List.of(desk)), Map.of()));
        assertThat(odoo.count("product.template")).as("a template goes with its last variant").isZero();
    }

    @Test
    void aTemplateHasTheCartesianProductOfItsLinesValuesAsVariants() {
        long size = attribute("Size", "S", "M", "L");
        long colour = attribute("Colour", "Black", "White");
        long shirt = result(http.executeKw("product.template", "create", List.of(Map.of("name", "Shirt", "list_price", 20.0,
                "attribute_line_ids", List.of(line(size, values(size, "S", "M", "L")), line(colour, values(colour, "Black", "White"))))),
                Map.of())).asLong();

        JsonNode template = read("product.template", shirt);
        assertThat(template.get("product_variant_count").asLong()).isEqualTo(6);
        assertThat(template.get("default_code").asBoolean()).as("none with several variants").isFalse();
        assertThat(names(shirt)).containsExactlyInAnyOrder("Shirt (S, Black)", "Shirt (S, White)", "Shirt (M, Black)",
                "Shirt (M, White)", "Shirt (L, Black)", "Shirt (L, White)");
        assertThat(odoo.count("product.template.attribute.value")).isEqualTo(5);

        long black = result(http.executeKw("product.template.attribute.value", "search",
                List.of(List.of(List.of("product_tmpl_id", "=", shirt), List.of("name", "=", "Black"))), Map.of())).get(0).asLong();
        ok(http.executeKw("product.template.attribute.value", "write", List.of(List.of(black), Map.of("price_extra", 2.5)), Map.of()));
        JsonNode variants = result(http.executeKw("product.product", "search_read", List.of(List.of(List.of("product_tmpl_id", "=", shirt))),
                Map.of("fields", List.of("display_name", "lst_price", "list_price", "price_extra"))));
        for (JsonNode variant : variants) {
            double extra = variant.get("display_name").asText().contains("Black") ? 2.5 : 0;
            assertThat(variant.get("lst_price").asDouble()).as(variant.toString()).isEqualTo(20.0 + extra);
            assertThat(variant.get("list_price").asDouble()).isEqualTo(20.0);
        }
    }

    @Test
    void changingALinesValuesMakesTheVariantsAgainArchivingThoseInUse() {
        long size = attribute("Size", "S", "M", "L");
        long colour = attribute("Colour", "Black", "White");
        long shirt = result(http.executeKw("product.template", "create", List.of(Map.of("name", "Shirt",
                "attribute_line_ids", List.of(line(size, values(size, "S", "M"))))), Map.of())).asLong();
        List<Long> before = variantIds(shirt, false);
        assertThat(before).hasSize(2);
        long sizeLine = read("product.template", shirt).get("attribute_line_ids").get(0).asLong();
        long sVariant = variantWith(shirt, "(S)");
        long partner = odoo.insert("res.partner", Map.of("name", "Axelor"));
        odoo.insert("sale.order", Map.of("partner_id", partner, "order_line", List.of(List.of(0, 0, Map.of("product_id", sVariant)))));

        // S taken off, L added: the S variant is on an order line, so it is archived; M stays; L is new
        ok(http.executeKw("product.template.attribute.line", "write", List.of(List.of(sizeLine),
                Map.of("value_ids", List.of(List.of(6, 0, values(size, "M", "L"))))), Map.of()));
        assertThat(names(shirt)).containsExactlyInAnyOrder("Shirt (M)", "Shirt (L)");
        assertThat(variantIds(shirt, false)).hasSize(3).contains(sVariant).containsAll(before);
        assertThat(read("product.product", sVariant).get("active").asBoolean()).isFalse();

        // a line with one value puts it on the variants already there
        ok(http.executeKw("product.template", "write", List.of(List.of(shirt),
                Map.of("attribute_line_ids", List.of(line(colour, values(colour, "Black"))))), Map.of()));
        assertThat(names(shirt)).containsExactlyInAnyOrder("Shirt (M)", "Shirt (L)");
        assertThat(variantIds(shirt, true)).hasSize(2);
        JsonNode m = read("product.product", variantWith(shirt, "(M)"));
        assertThat(m.get("product_template_attribute_value_ids")).hasSize(2);

        // a second colour: two variants per size; the one-colour variants are kept as the Black ones
        long colourLine = read("product.template", shirt).get("attribute_line_ids").get(1).asLong();
        ok(http.executeKw("product.template.attribute.line", "write", List.of(List.of(colourLine),
                Map.of("value_ids", List.of(List.of(4, values(colour, "White").get(0))))), Map.of()));
        assertThat(names(shirt)).containsExactlyInAnyOrder("Shirt (M, Black)", "Shirt (M, White)", "Shirt (L, Black)", "Shirt (L, White)");
        assertThat(variantIds(shirt, true)).contains(m.get("id").asLong());

        // the line taken away: its values are in use, so it is archived; one variant per size again, new ones
        ok(http.executeKw("product.template", "write", List.of(List.of(shirt), Map.of("attribute_line_ids", List.of(List.of(2, colourLine)))),
                Map.of()));
        assertThat(names(shirt)).containsExactlyInAnyOrder("Shirt (M)", "Shirt (L)");
        assertThat(read("product.template", shirt).get("attribute_line_ids")).hasSize(1);
    }

    @Test
    void archivingATemplateArchivesItsVariants() {
        long size = attribute("Size", "S", "M");
        long shirt = result(http.executeKw("product.template", "create", List.of(Map.of("name", "Shirt",
                "attribute_line_ids", List.of(line(size, values(size, "S", "M"))))), Map.of())).asLong();
        ok(http.executeKw("product.template", "write", List.of(List.of(shirt), Map.of("active", false)), Map.of()));
        assertThat(variantIds(shirt, true)).isEmpty();
        ok(http.executeKw("product.template", "write", List.of(List.of(shirt), Map.of("active", true)), Map.of()));
        assertThat(variantIds(shirt, true)).hasSize(2);
    }

    @Test
    void anAttributeCannotHaveTwoValuesOfTheSameName() {
        long size = attribute("Size", "S", "M");
        JsonNode refused = http.executeKw("product.attribute.value", "create", List.of(Map.of("name", "S", "attribute_id", size)), Map.of())
                .json();
        assertThat(refused.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(refused.at("/error/data/message").asText()).contains("You cannot create two values with the same name for the same attribute");
        long colour = attribute("Colour", "Black");
        ok(http.executeKw("product.attribute.value", "create", List.of(Map.of("name", "S", "attribute_id", colour)), Map.of()));

        JsonNode mismatched = http.executeKw("product.template", "create", List.of(Map.of("name", "Shirt",
                "attribute_line_ids", List.of(line(size, values(colour, "Black"))))), Map.of()).json();
        assertThat(mismatched.at("/error/data/name").asText()).isEqualTo("odoo.exceptions.ValidationError");
        assertThat(odoo.count("product.template")).isZero();
    }

    @Test
    void aCategoryIsNamedAfterItsParents() {
        assertThat(read("product.category", 1).get("complete_name").asText()).isEqualTo("All");
        long clothing = result(http.executeKw("product.category", "create", List.of(Map.of("name", "Clothing", "parent_id", 1)), Map.of()))
                .asLong();
        long shirts = result(http.executeKw("product.category", "create", List.of(Map.of("name", "Shirts", "parent_id", clothing)), Map.of()))
                .asLong();
        assertThat(read("product.category", shirts).get("complete_name").asText()).isEqualTo("All / Clothing / Shirts");
        assertThat(read("product.category", shirts).get("display_name").asText()).isEqualTo("All / Clothing / Shirts");
        assertThat(read("product.category", clothing).get("child_id")).hasToString("[" + shirts + "]");

        ok(http.executeKw("product.category", "write", List.of(List.of(clothing), Map.of("name", "Apparel")), Map.of()));
        assertThat(read("product.category", shirts).get("complete_name").asText()).isEqualTo("All / Apparel / Shirts");
        JsonNode loop = http.executeKw("product.category", "write", List.of(List.of(clothing), Map.of("parent_id", shirts)), Map.of()).json();
        assertThat(loop.at("/error/data/message").asText()).contains("recursive");
    }

    @Test
    void fieldsGetDescribesTheCatalogueModels() {
        JsonNode template = fields("product.template");
        assertThat(template.at("/attribute_line_ids/relation").asText()).isEqualTo("product.template.attribute.line");
        assertThat(template.at("/attribute_line_ids/type").asText()).isEqualTo("one2many");
        assertThat(template.at("/product_variant_ids/relation").asText()).isEqualTo("product.product");
        assertThat(template.at("/categ_id/relation").asText()).isEqualTo("product.category");
        assertThat(template.at("/default_code/readonly").asBoolean()).isFalse();
        assertThat(template.at("/product_variant_count/readonly").asBoolean()).isTrue();
        assertThat(template.at("/type/selection")).hasToString("[[\"consu\",\"Consumable\"],[\"service\",\"Service\"],"
                + "[\"product\",\"Storable Product\"]]");
        JsonNode product = fields("product.product");
        assertThat(product.at("/product_tmpl_id/required").asBoolean()).isTrue();
        assertThat(product.at("/product_template_attribute_value_ids/type").asText()).isEqualTo("many2many");
        assertThat(product.at("/free_qty/type").asText()).isEqualTo("float");
        assertThat(fields("product.attribute").at("/display_type/selection").toString()).contains("color");
        assertThat(fields("product.attribute.value").at("/attribute_id/relation").asText()).isEqualTo("product.attribute");
        assertThat(fields("product.template.attribute.line").at("/value_ids/relation").asText()).isEqualTo("product.attribute.value");
        JsonNode ptav = fields("product.template.attribute.value");
        assertThat(ptav.at("/price_extra/digits")).hasToString("[16,2]");
        assertThat(ptav.at("/product_attribute_value_id/relation").asText()).isEqualTo("product.attribute.value");
        assertThat(fields("product.category").at("/complete_name/readonly").asBoolean()).isTrue();
        assertThat(fields("stock.quant").at("/available_quantity/readonly").asBoolean()).isTrue();
        assertThat(fields("stock.move").at("/state/selection").toString()).contains("assigned");
        assertThat(fields("stock.location").at("/usage/selection").toString()).contains("internal");
    }

    @Test
    void seedingVariableProductsIsRepeatable() {
        List<Long> templates = odoo.seedVariableProducts(12, 42);

        assertThat(templates).hasSize(12);
        assertThat(odoo.count("product.attribute")).isEqualTo(3);
        assertThat(odoo.count("product.attribute.value")).isEqualTo(10);
        List<String> codes = new ArrayList<>();
        int withoutCode = 0;
        int stocked = 0;
        for (long template : templates) {
            JsonNode read = read("product.template", template);
            assertThat(read.get("type").asText()).isEqualTo("product");
            assertThat(read.get("attribute_line_ids").size()).isBetween(2, 3);
            assertThat(read.get("product_variant_count").asLong()).isBetween(4L, 30L);
            assertThat(read.at("/categ_id/1").asText()).startsWith("All / ").contains(" / ");
            for (JsonNode variant : result(http.executeKw("product.product", "search_read",
                    List.of(List.of(List.of("product_tmpl_id", "=", template))), Map.of("fields", List.of("default_code", "qty_available"))))) {
                if (variant.get("default_code").isTextual()) {
                    codes.add(variant.get("default_code").asText());
                } else {
                    withoutCode++;
                }
                stocked += variant.get("qty_available").asDouble() > 0 ? 1 : 0;
            }
        }
        assertThat(new HashSet<>(codes)).as("unique internal references").hasSameSizeAs(codes);
        assertThat(withoutCode).isPositive().isLessThan(codes.size() / 5);
        assertThat(stocked).isGreaterThan((codes.size() + withoutCode) / 2);
        assertThat(odoo.records("product.category")).extracting(c -> c.get("complete_name").asText())
                .contains("All / Clothing / Shirts", "All / Home / Textiles / Cushions");

        try (OdooSimulator again = new OdooSimulator(0, 5, DATABASE, LOGIN, PASSWORD, OdooFixtures.API_KEY).start()) {
            again.seedVariableProducts(12, 42);
            assertThat(summary(again)).isEqualTo(summary(odoo));
        }
        odoo.seedVariableProducts(2, 42);
        assertThat(odoo.count("product.template")).isEqualTo(14);
        assertThat(odoo.count("product.attribute")).as("attributes are reused").isEqualTo(3);
    }

    @Test
    void seedingSimpleProductsStillGivesOneTemplateEach() {
        odoo.seed(com.wooodoo.sync.connector.EntityType.PRODUCTS, 5);
        assertThat(odoo.count("product.product")).isEqualTo(5);
        assertThat(odoo.count("product.template")).isEqualTo(5);
    }

    private static List<String> summary(OdooSimulator simulator) {
        List<String> rows = new ArrayList<>();
        simulator.records("product.product").forEach(p -> rows.add(p.get("display_name").asText() + " " + p.get("lst_price").asDouble()
                + " " + p.get("qty_available").asDouble() + " " + p.at("/categ_id/1").asText()));
        return rows;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private long attribute(String name, String... values) {
        List<Object> commands = new ArrayList<>();
        for (String value : values) {
            commands.add(List.of(0, 0, Map.of("name", value)));
        }
        return result(http.executeKw("product.attribute", "create", List.of(Map.of("name", name, "value_ids", commands)), Map.of())).asLong();
    }

    private List<Long> values(long attribute, String... names) {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(result(http.executeKw("product.attribute.value", "search",
                    List.of(List.of(List.of("attribute_id", "=", attribute), List.of("name", "=", name))), Map.of())).get(0).asLong());
        }
        return ids;
    }

    private static List<Object> line(long attribute, List<Long> values) {
        return List.of(0, 0, Map.of("attribute_id", attribute, "value_ids", List.of(List.of(6, 0, values))));
    }

    private List<String> names(long template) {
        List<String> names = new ArrayList<>();
        result(http.executeKw("product.product", "search_read", List.of(List.of(List.of("product_tmpl_id", "=", template))),
                Map.of("fields", List.of("display_name")))).forEach(v -> names.add(v.get("display_name").asText()));
        return names;
    }

    private List<Long> variantIds(long template, boolean activeOnly) {
        List<Long> ids = new ArrayList<>();
        result(http.executeKw("product.product", "search", List.of(List.of(List.of("product_tmpl_id", "=", template))),
                Map.of("context", Map.of("active_test", activeOnly)))).forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private long variantWith(long template, String suffix) {
        for (JsonNode variant : result(http.executeKw("product.product", "search_read", List.of(List.of(List.of("product_tmpl_id", "=", template))),
                Map.of("fields", List.of("display_name"))))) {
            if (variant.get("display_name").asText().endsWith(suffix)) {
                return variant.get("id").asLong();
            }
        }
        throw new AssertionError("no variant " + suffix);
    }

    private JsonNode read(String model, long id) {
        return result(http.executeKw(model, "read", List.of(List.of(id)), Map.of())).get(0);
    }

    private JsonNode fields(String model) {
        return result(http.executeKw(model, "fields_get", List.of(), Map.of("attributes", List.of("type", "string", "relation",
                "readonly", "required", "selection", "digits"))));
    }

    static JsonNode result(RawHttp.Answer answer) {
        assertThat(answer.json().has("result")).as(answer.text()).isTrue();
        return answer.json().get("result");
    }

    static void ok(RawHttp.Answer answer) {
        result(answer);
    }

    static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
