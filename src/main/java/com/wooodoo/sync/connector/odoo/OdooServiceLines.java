package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.NeutralOrder;
import com.wooodoo.sync.connector.mapping.FieldMapping;
import com.wooodoo.sync.connector.mapping.OrderRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells an Odoo order's shipping and fee lines (lines of the products orders.yaml names for
 * shipping methods and fees) from its product lines, so that an Odoo order reaches the shop with
 * its shipping lines and fees as such, not as line items of products the shop does not sell.
 */
final class OdooServiceLines {

    static final OdooServiceLines NONE = new OdooServiceLines(Map.of(), Set.of(), Map.of());
    private static final RelatedKeys.Relation PRODUCT_CODE = new RelatedKeys.Relation("product.product", "default_code");

    private final Map<String, String> methodOfCode;
    private final Set<String> feeCodes;
    private final Map<Long, String> codeOfProduct;

    private OdooServiceLines(Map<String, String> methodOfCode, Set<String> feeCodes, Map<Long, String> codeOfProduct) {
        this.methodOfCode = methodOfCode;
        this.feeCodes = feeCodes;
        this.codeOfProduct = codeOfProduct;
    }

    /**
     * For the lines of a page of orders: which of their products are the shipping and fee products.
     * Those are looked up by their codes (once for the connector's life), not the lines' products by
     * their ids: a shop sells far more products than it has shipping methods, and each new page of
     * orders would otherwise cost a look-up of the products it names.
     */
    static OdooServiceLines of(OrderRules rules, Map<FieldMapping, Map<Long, List<JsonNode>>> lines, RelatedKeys related) {
        Map<String, String> methodOfCode = new HashMap<>();
        rules.shippingProducts().forEach((method, code) -> methodOfCode.putIfAbsent(code, method));
        rules.defaultShippingProduct().ifPresent(code -> methodOfCode.putIfAbsent(code, "other"));
        Set<String> feeCodes = rules.feeProduct().map(Set::of).orElse(Set.of());
        if (methodOfCode.isEmpty() && feeCodes.isEmpty()) {
            return NONE;
        }
        Set<Long> productIds = new HashSet<>();
        lines.values().forEach(byParent -> byParent.values().forEach(list -> list.forEach(
                line -> OdooValues.many2oneId(line.get("product_id")).ifPresent(productIds::add))));
        Set<String> serviceCodes = new HashSet<>(methodOfCode.keySet());
        serviceCodes.addAll(feeCodes);
        Map<Long, String> codes = productIds.isEmpty() ? Map.of() : related.learntKeysOf(PRODUCT_CODE, serviceCodes, productIds);
        return new OdooServiceLines(methodOfCode, feeCodes, codes);
    }

    /** The order's neutral fields with its shipping and fee lines moved out of {@code lines}. */
    Map<String, Object> separate(Map<String, Object> neutral, List<JsonNode> rawLines) {
        if (this == NONE || !(neutral.get(NeutralOrder.LINES) instanceof List<?> mapped) || mapped.size() != rawLines.size()) {
            return neutral;
        }
        List<Object> products = new ArrayList<>();
        List<Map<String, Object>> shipping = new ArrayList<>();
        List<Map<String, Object>> fees = new ArrayList<>();
        for (int i = 0; i < rawLines.size(); i++) {
            JsonNode raw = rawLines.get(i);
            String code = OdooValues.many2oneId(raw.get("product_id")).map(codeOfProduct::get).orElse(null);
            @SuppressWarnings("unchecked")
            Map<String, Object> line = (Map<String, Object>) mapped.get(i);
            if (code != null && methodOfCode.containsKey(code)) {
                shipping.add(service(line, raw, methodOfCode.get(code)));
            } else if (code != null && feeCodes.contains(code)) {
                fees.add(service(line, raw, null));
            } else {
                products.add(line);
            }
        }
        if (shipping.isEmpty() && fees.isEmpty()) {
            return neutral;
        }
        Map<String, Object> fields = new LinkedHashMap<>(neutral);
        fields.put(NeutralOrder.LINES, List.copyOf(products));
        fields.put(NeutralOrder.SHIPPING_LINES, List.copyOf(shipping));
        fields.put(NeutralOrder.FEE_LINES, List.copyOf(fees));
        return Collections.unmodifiableMap(fields);
    }

    private static Map<String, Object> service(Map<String, Object> line, JsonNode raw, String method) {
        Map<String, Object> service = new LinkedHashMap<>();
        if (method != null) {
            service.put(NeutralOrder.METHOD, method);
        }
        service.put(NeutralOrder.NAME, raw.path("name").asText(""));
        service.put(NeutralOrder.AMOUNT, line.get(NeutralOrder.AMOUNT));
        return Collections.unmodifiableMap(service);
    }
}
