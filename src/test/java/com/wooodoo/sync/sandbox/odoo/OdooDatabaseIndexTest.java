package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Searches answered from the indexes of field values and without sorting rows stored by id give
 * what testing and sorting every row gives, whatever the data and the writes and deletes before.
 */
class OdooDatabaseIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pairs equal and unequal without regard to case, in and out of Latin-1, and beyond the BMP. */
    private static final List<String> EMAILS = List.of("a@x.com", "A@X.COM", "a@X.com", "b@x.com", "strasse@x.de", "STRASSE@x.de",
            "straße@x.de", "STRAẞE@X.DE", "i@x.tr", "I@x.tr", "İ@x.tr", "ı@x.tr", "σ@x.gr", "Σ@x.gr", "ς@x.gr", "k@x.com",
            "\u212A@x.com", "ÿ@x.fr", "Ÿ@x.fr", "µ@x.gr", "Μ@x.gr", "\uD801\uDC00@x.us", "\uD801\uDC28@x.us", "a_b@x.com",
            "a%b@x.com", "ǅ@x.hr", "Ǆ@x.hr", "ǆ@x.hr", "");
    private static final List<String> NAMES = List.of("Anna", "anna", "Bob", "Émile", "Zoë", "bob", "Chloé");
    private static final List<String> ORDERS = List.of("", "id", "id asc", "id ASC", "id desc", "name asc", "email desc, id asc",
            "country_id, name desc", "name asc, id desc");

    private final Random random = new Random(20240601);
    private final OdooDatabase db = new OdooDatabase("admin");
    private final List<Long> countries = db.search("res.country", JSON.createArrayNode(), 0, 6L, "id", true);

    @Test
    void indexedSearchesAnswerAsAScanOfEveryRowWouldThroughCreatesWritesAndDeletes() {
        for (int i = 0; i < 300; i++) {
            create();
        }
        int compared = 0;
        for (int step = 0; step < 3000; step++) {
            int action = random.nextInt(10);
            if (action == 0) {
                create();
            } else if (action == 1) {
                db.write("res.partner", List.of(anyPartner()), partnerVals());
            } else if (action == 2) {
                db.unlink("res.partner", List.of(anyPartner()));
            } else {
                JsonNode domain = domain(1 + random.nextInt(6));
                String order = ORDERS.get(random.nextInt(ORDERS.size()));
                long offset = random.nextInt(4) == 0 ? random.nextInt(20) : 0;
                Long limit = random.nextBoolean() ? null : (long) random.nextInt(30);
                boolean activeTest = random.nextBoolean();
                assertThat(db.search("res.partner", domain, offset, limit, order, activeTest))
                        .as("%s order '%s' offset %d limit %s active_test %s", domain, order, offset, limit, activeTest)
                        .isEqualTo(scan(domain, offset, limit, order, activeTest));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(2000);
    }

    @Test
    void anEmailLookupFindsCaseVariantsFollowsWritesAndDeletesAndKeepsTheActiveFilter() {
        long upper = partner("Upper", "A@X.COM", true);
        long lower = partner("Lower", "a@x.com", true);
        long archived = partner("Archived", "a@X.com", false);
        long other = partner("Other", "b@x.com", true);
        JsonNode lookup = or(leaf("email", "=ilike", "a@x.COM"), leaf("email", "=ilike", "nobody@x.com"));

        assertThat(db.search("res.partner", lookup, 0, null, "id", true)).containsExactly(upper, lower);
        assertThat(db.search("res.partner", lookup, 0, null, "id", false)).containsExactly(upper, lower, archived);
        assertThat(db.search("res.partner", lookup, 0, null, null, true)).as("default order: name asc, id desc").containsExactly(lower, upper);

        db.write("res.partner", List.of(other), JSON.createObjectNode().put("email", "A@x.com"));
        db.write("res.partner", List.of(upper), JSON.createObjectNode().put("email", "c@x.com"));
        db.unlink("res.partner", List.of(lower));
        assertThat(db.search("res.partner", lookup, 0, null, "id", true)).containsExactly(other);
        assertThat(db.search("res.partner", array(leaf("email", "=ilike", "C@X.COM")), 0, null, "id", true)).containsExactly(upper);
        assertThat(db.search("res.partner", array(leaf("email", "=ilike", "%@X.COM")), 0, null, "id", false))
                .as("a pattern is tested row by row").containsExactly(upper, archived, other);
        assertThat(db.search("res.partner", array(leaf("email", "=", "A@x.com")), 0, null, "id", true)).containsExactly(other);
        assertThat(db.search("res.partner", array(leaf("id", "in", JSON.createArrayNode().add(lower).add(other).add(999))), 0, null,
                "id desc", true)).containsExactly(other);
    }

    @Test
    void aFailedCreateLeavesTheIndexAsItWasAndUniqueChecksUseTheIndex() {
        db.setUnique("res.partner", "email", true);
        long first = partner("First", "a@x.com", true);
        JsonNode lookup = array(leaf("email", "=ilike", "a@x.com"));
        assertThat(db.search("res.partner", lookup, 0, null, "id", true)).containsExactly(first);

        List<JsonNode> batch = List.of(vals("Second", "b@x.com"), vals("Third", "a@x.com"));
        assertThatThrownBy(() -> db.create("res.partner", batch)).isInstanceOf(OdooError.class)
                .hasMessageContaining("duplicate key value violates unique constraint");
        assertThat(db.search("res.partner", array(leaf("email", "=ilike", "b@x.com")), 0, null, "id", true)).isEmpty();

        long upper = db.create("res.partner", List.of(vals("Upper", "A@X.COM"))).get(0);
        assertThat(db.search("res.partner", lookup, 0, null, "id", true)).as("unique compares exactly").containsExactly(first, upper);
        db.write("res.partner", List.of(first), JSON.createObjectNode().put("email", "moved@x.com"));
        long again = db.create("res.partner", List.of(vals("Again", "a@x.com"))).get(0);
        db.unlink("res.partner", List.of(again));
        assertThat(db.create("res.partner", List.of(vals("Once more", "a@x.com")))).hasSize(1);
    }

    @Test
    void orderLinesAndDeletesFollowTheIndexOfTheirOrder() {
        long partner = partner("Buyer", "buyer@x.com", true);
        ObjectNode product = JSON.createObjectNode().put("name", "Desk").put("list_price", 10.0);
        long desk = db.create("product.product", List.of(product)).get(0);
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode order = JSON.createObjectNode().put("partner_id", partner);
            ArrayNode lines = order.putArray("order_line");
            for (int j = 0; j <= i; j++) {
                lines.addArray().add(0).add(0).add(JSON.createObjectNode().put("product_id", desk).put("product_uom_qty", j + 1));
            }
            orders.add(db.create("sale.order", List.of(order)).get(0));
        }
        assertThat(db.read("sale.order", orders, List.of("order_line", "amount_total")))
                .extracting(r -> r.get("order_line").size() + " " + r.get("amount_total").asDouble())
                .containsExactly("1 10.0", "2 30.0", "3 60.0");
        db.unlink("sale.order", List.of(orders.get(1)));
        assertThat(db.search("sale.order.line", array(leaf("order_id", "in", JSON.createArrayNode().add(orders.get(1)))), 0, null,
                null, true)).as("lines go with their order").isEmpty();
        assertThat(db.search("sale.order.line", JSON.createArrayNode(), 0, null, null, true)).hasSize(4);
        assertThatThrownBy(() -> db.unlink("res.partner", List.of(partner))).isInstanceOf(OdooError.class)
                .hasMessageContaining("sale_order_partner_id_fkey");
    }

    /** What a search answered before rows had indexes: every row tested, then sorted. */
    private List<Long> scan(JsonNode domain, long offset, Long limit, String order, boolean activeTest) {
        ModelDef def = db.model("res.partner");
        Predicate<Map<String, Object>> filter = Domain.select(new RecordViews(db), def, domain).test();
        if (activeTest && !Domain.mentions(domain, "active")) {
            filter = filter.and(row -> Domain.truthy(row.get("active")));
        }
        Comparator<Map<String, Object>> sort = RecordOrder.parse(def, order.isBlank() ? def.defaultOrder() : order);
        return db.rows(def).values().stream().filter(filter).sorted(sort).skip(offset)
                .limit(limit == null || limit <= 0 ? Long.MAX_VALUE : limit).map(row -> (Long) row.get("id")).toList();
    }

    private JsonNode domain(int leaves) {
        ArrayNode domain = JSON.createArrayNode();
        for (int i = 0; i < leaves; i++) {
            addFlat(domain, term(2));
        }
        return domain;
    }

    /** A term: a leaf, or a prefix operator with its operands (flattened into the list by the caller). */
    private JsonNode term(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        if (kind < 7) {
            return randomLeaf();
        }
        ArrayNode flat = JSON.createArrayNode();
        if (kind == 9) {
            flat.add("!");
            addFlat(flat, term(depth - 1));
        } else {
            flat.add(kind == 7 ? "|" : "&");
            addFlat(flat, term(depth - 1));
            addFlat(flat, term(depth - 1));
        }
        return flat;
    }

    private static void addFlat(ArrayNode into, JsonNode term) {
        if (term.isArray() && term.size() > 0 && term.get(0).isTextual() && term.get(0).asText().matches("[|&!]")) {
            term.forEach(into::add);
        } else {
            into.add(term);
        }
    }

    private JsonNode randomLeaf() {
        String email = EMAILS.get(random.nextInt(EMAILS.size()));
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> leaf("email", "=ilike", email);
            case 3 -> leaf("email", "=like", email);
            case 4 -> leaf("email", "=", email);
            case 5 -> leaf("email", "in", JSON.createArrayNode().add(email).add(EMAILS.get(random.nextInt(EMAILS.size()))));
            case 6 -> leaf("id", "in", JSON.createArrayNode().add(anyId()).add(anyId()).add(anyId()));
            case 7 -> leaf("id", "=", JSON.getNodeFactory().numberNode(anyId()));
            case 8 -> leaf("country_id", "in", JSON.createArrayNode().add(countries.get(random.nextInt(countries.size()))));
            case 9 -> leaf("country_id", "=", JSON.getNodeFactory().numberNode(countries.get(random.nextInt(countries.size()))));
            case 10 -> leaf("name", random.nextBoolean() ? "ilike" : "=ilike", NAMES.get(random.nextInt(NAMES.size())));
            case 11 -> leaf("active", "=", JSON.getNodeFactory().booleanNode(random.nextBoolean()));
            case 12 -> leaf("email", random.nextBoolean() ? "=" : "in", JSON.getNodeFactory().booleanNode(false));
            case 13 -> leaf("country_id.code", "in", JSON.createArrayNode().add("AD").add("AE"));
            case 14 -> leaf("id", "in", JSON.createArrayNode());
            default -> leaf("email", "!=", email);
        };
    }

    private static ArrayNode leaf(String field, String operator, String value) {
        return leaf(field, operator, JSON.getNodeFactory().textNode(value));
    }

    private static ArrayNode leaf(String field, String operator, JsonNode value) {
        ArrayNode leaf = JSON.createArrayNode().add(field).add(operator);
        leaf.add(value);
        return leaf;
    }

    private static ArrayNode array(JsonNode... terms) {
        ArrayNode domain = JSON.createArrayNode();
        for (JsonNode term : terms) {
            domain.add(term);
        }
        return domain;
    }

    private static ArrayNode or(JsonNode a, JsonNode b) {
        return array(JSON.getNodeFactory().textNode("|"), a, b);
    }

    private long anyId() {
        return 1 + random.nextInt(db.size("res.partner") + 20);
    }

    private long anyPartner() {
        List<Long> ids = db.ids("res.partner");
        return ids.get(random.nextInt(ids.size()));
    }

    private void create() {
        db.create("res.partner", List.of(partnerVals()));
    }

    private ObjectNode partnerVals() {
        ObjectNode vals = vals(NAMES.get(random.nextInt(NAMES.size())), EMAILS.get(random.nextInt(EMAILS.size())));
        if (random.nextInt(5) == 0) {
            vals.putNull("email");
        }
        vals.put("active", random.nextInt(4) != 0);
        if (random.nextBoolean()) {
            vals.put("country_id", countries.get(random.nextInt(countries.size())));
        }
        return vals;
    }

    private long partner(String name, String email, boolean active) {
        return db.create("res.partner", List.of(vals(name, email).put("active", active))).get(0);
    }

    private static ObjectNode vals(String name, String email) {
        return JSON.createObjectNode().put("name", name).put("email", email);
    }
}
