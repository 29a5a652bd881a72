package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped stock.yaml maps SKU and quantity; an edit the stock sync cannot use is refused at start-up. */
class StockMappingTest {

    private static final Path SHIPPED = Path.of("config/mappings/stock.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedStockMappingMapsSkuAndQuantity() {
        EntityMapping stock = MappingLoader.load(SHIPPED, EntityType.STOCK);
        assertThat(stock.naturalKey()).isEqualTo("sku");
        assertThat(stock.model(ExternalSystem.WOOCOMMERCE)).isEqualTo("products");
        assertThat(stock.model(ExternalSystem.ODOO)).isEqualTo("product.product");
        assertThat(stock.naturalKeyField().in(ExternalSystem.ODOO).orElseThrow().path()).isEqualTo("default_code");
        FieldMapping quantity = stock.field("quantity").orElseThrow();
        assertThat(quantity.type()).isEqualTo(FieldType.INTEGER);
        assertThat(quantity.in(ExternalSystem.WOOCOMMERCE).orElseThrow().path()).isEqualTo("stock_quantity");
        assertThat(quantity.in(ExternalSystem.ODOO).orElseThrow().path()).isEqualTo("free_qty");
    }

    @Test
    void aQuantityThatIsNotAWholeNumberIsRefused() throws IOException {
        Path file = dir.resolve("stock.yaml");
        Files.writeString(file, Files.readString(SHIPPED).replace("type: integer", "type: decimal"));
        assertThatThrownBy(() -> MappingLoader.load(file, EntityType.STOCK)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("fields.quantity.type must be integer");
    }

    @Test
    void aMissingQuantityIsRefused() throws IOException {
        Path file = dir.resolve("stock.yaml");
        String shipped = Files.readString(SHIPPED);
        Files.writeString(file, shipped.substring(0, shipped.indexOf("  quantity:")));
        assertThatThrownBy(() -> MappingLoader.load(file, EntityType.STOCK)).isInstanceOf(MappingException.class)
                .hasMessageContaining("fields.quantity is required");
    }
}
