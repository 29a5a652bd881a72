package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.TargetUpdate;
import com.wooodoo.sync.connector.WriteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Odoo's product categories as paths: the root "All" is no category both ways, a category is
 * found again without case under its parent, and category answers no real Odoo gives (injected
 * into the simulator) are PROTOCOL failures naming the call.
 */
class OdooCategoriesTest {

    private static final Protocol PROTOCOL = Protocol.JSON2;
    private static final String SEARCH_READ = OdooRig.kind(PROTOCOL, OdooCategories.MODEL, "search_read");

    private OdooRig rig;
    private OdooConnector connector;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        connector = rig.connector(PROTOCOL);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theRootAndItsChildrenReadAsPathsWithoutTheRoot() {
        long saleable = 2; // "All / Saleable" of a fresh database
        long office = rig.odoo.insert("product.category", Map.of("name", "Office", "parent_id", saleable));
        long inRoot = product("ROOT-1", 1);
        long inOffice = product("OFF-1", office);

        Map<String, Object> paths = categories(connector.readByIds(EntityType.PRODUCTS, List.of(String.valueOf(inRoot),
                String.valueOf(inOffice))));

        assertThat(paths).containsEntry("ROOT-1", null).containsEntry("OFF-1", "Saleable > Office");
    }

    @Test
    void aPathIsFoundWithoutCaseAndAnUpdateWithoutCategoryPutsTheProductInTheRoot() {
        long saleable = 2;
        long id = product("UPD-1", saleable);

        List<WriteOutcome> outcomes = connector.update(EntityType.PRODUCTS, List.of(
                new TargetUpdate(String.valueOf(id), record("UPD-1", "SALEABLE"))));

        assertThat(outcomes).allMatch(WriteOutcome::succeeded);
        assertThat(categId(id)).isEqualTo(saleable);
        assertThat(rig.calls(PROTOCOL, OdooCategories.MODEL, "create")).isZero();

        connector.update(EntityType.PRODUCTS, List.of(new TargetUpdate(String.valueOf(id), record("UPD-1", null))));
        assertThat(categId(id)).as("Odoo requires a category: none is All").isEqualTo(1);
    }

    @Test
    void parentsInACycleAreAProtocolFailure() {
        long id = product("CYC-1", 2);
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":2,\"name\":\"Saleable\",\"parent_id\":[60,\"Loop\"]}]"));
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":60,\"name\":\"Loop\",\"parent_id\":[2,\"Saleable\"]}]"));

        assertThat(readFails(id)).contains("product.category.search_read").contains("form a cycle");
    }

    @Test
    void aMissingParentIsAProtocolFailure() {
        long id = product("MISS-1", 2);
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":2,\"name\":\"Saleable\",\"parent_id\":[999,\"Gone\"]}]"));
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[]"));

        assertThat(readFails(id)).contains("product.category.search_read").contains("parent 999").contains("Product Categories");
    }

    @Test
    void categoriesThatAreNoListOrHaveNoNameAreAProtocolFailure() {
        long id = product("BAD-1", 2);
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("{\"records\":[]}"));
        assertThat(readFails(id)).contains("product.category.search_read answered OBJECT instead of a list of categories");

        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":2,\"parent_id\":false}]"));
        assertThat(readFails(id)).contains("a category without id or name");

        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":2,\"name\":\"Saleable\",\"parent_id\":\"All\"}]"));
        assertThat(readFails(id)).contains("has a parent_id that is no record");
    }

    @Test
    void anOdooWithoutTheRootAllCannotTakeCategories() {
        rig.odoo.injectAnswer(SEARCH_READ, 200, json("[{\"id\":1,\"name\":\"Everything\",\"parent_id\":false}]"));

        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> connector.create(EntityType.PRODUCTS, List.of(record("NEW-1", "Clothing"))));

        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(failure.getMessage()).contains("no top-level product category named 'All'").contains("create it");
    }

    private long product(String sku, long category) {
        return rig.odoo.insert("product.product", Map.of("name", "Product " + sku, "default_code", sku, "categ_id", category));
    }

    private long categId(long productId) {
        return rig.odoo.record("product.product", productId).orElseThrow().path("categ_id").get(0).asLong();
    }

    private String readFails(long productId) {
        ConnectorException failure = catchThrowableOfType(ConnectorException.class,
                () -> rig.connector(PROTOCOL).readByIds(EntityType.PRODUCTS, List.of(String.valueOf(productId))));
        assertThat(failure).as("a failure").isNotNull();
        assertThat(failure.kind()).isEqualTo(FailureKind.PROTOCOL);
        return failure.getMessage();
    }

    private static Map<String, Object> categories(List<SyncRecord> records) {
        Map<String, Object> paths = new HashMap<>();
        records.forEach(r -> paths.put(r.fields().get("sku").toString(), r.fields().get("category")));
        return paths;
    }

    private static SyncRecord record(String sku, String category) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("sku", sku);
        fields.put("name", "Product " + sku);
        fields.put("category", category);
        return new SyncRecord(EntityType.PRODUCTS, ExternalSystem.WOOCOMMERCE, sku, fields, null);
    }

    private static JsonNode json(String text) {
        try {
            return OdooRig.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
