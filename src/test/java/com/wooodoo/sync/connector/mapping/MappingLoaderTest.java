package com.wooodoo.sync.connector.mapping;

import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped mapping files load; a broken edit is refused with the file and the entry named. */
class MappingLoaderTest {

    private static final String VALID = """
            entity: customers
            naturalKey: email
            models: { woocommerce: customers, odoo: res.partner }
            fields:
              email: { required: true, woocommerce: email, odoo: email }
              firstName:
                woocommerce: first_name
                odoo: { path: name, part: first }
              country:
                woocommerce: billing.country
                odoo: { path: country_id, many2one: res.country, by: code }
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedMappingsLoad() {
        Map<EntityType, EntityMapping> mappings = MappingLoader.loadAll(Path.of("config/mappings"));

        assertThat(mappings).containsOnlyKeys(EntityType.values());
        EntityMapping customers = mappings.get(EntityType.CUSTOMERS);
        assertThat(customers.naturalKey()).isEqualTo("email");
        assertThat(customers.model(ExternalSystem.ODOO)).isEqualTo("res.partner");
        SystemField country = customers.field("country").orElseThrow().in(ExternalSystem.ODOO).orElseThrow();
        assertThat(country.many2one()).contains("res.country");
        assertThat(country.by()).contains("code");
        assertThat(customers.field("phone").orElseThrow().in(ExternalSystem.WOOCOMMERCE).orElseThrow().path())
                .isEqualTo("billing.phone");

        EntityMapping orders = mappings.get(EntityType.ORDERS);
        FieldMapping lines = orders.field("lines").orElseThrow();
        assertThat(lines.type()).isEqualTo(FieldType.LINES);
        FieldMapping product = lines.lineFields().stream().filter(f -> f.name().equals("product")).findFirst().orElseThrow();
        assertThat(product.references()).contains(EntityType.PRODUCTS);
        assertThat(orders.field("customer").orElseThrow().references()).contains(EntityType.CUSTOMERS);
        assertThat(mappings.get(EntityType.PRODUCTS).field("price").orElseThrow().type()).isEqualTo(FieldType.DECIMAL);
        assertThat(orders.importedStatuses()).containsExactly("processing", "on-hold", "completed");
        assertThat(customers.importedStatuses()).isEmpty();
    }

    @Test
    void theOrdersImportedAreChosenByStatusWithPaidOrdersByDefault() throws IOException {
        String shipped = Files.readString(Path.of("config/mappings/orders.yaml"));
        String withoutSection = shipped.replaceAll("(?m)^import:\\n  statuses: .*\\n", "");
        assertThat(withoutSection).as("the section is removed").doesNotContain("import:");
        assertThat(MappingLoader.load(write("orders.yaml", withoutSection), EntityType.ORDERS).importedStatuses())
                .containsExactly("processing", "on-hold", "completed");

        String chosen = shipped.replaceAll("(?m)^  statuses: .*$", "  statuses: [completed, refunded, completed]");
        assertThat(MappingLoader.load(write("orders.yaml", chosen), EntityType.ORDERS).importedStatuses())
                .containsExactly("completed", "refunded");

        Path unknown = write("orders.yaml", shipped.replaceAll("(?m)^  statuses: .*$", "  statuses: [completed, paid]"));
        assertThatThrownBy(() -> MappingLoader.load(unknown, EntityType.ORDERS)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith(unknown.toString()).hasMessageContaining("import.statuses: 'paid' is not a WooCommerce order status");
        Path empty = write("orders.yaml", shipped.replaceAll("(?m)^  statuses: .*$", "  statuses: []"));
        assertThatThrownBy(() -> MappingLoader.load(empty, EntityType.ORDERS)).hasMessageContaining("import.statuses: must list at least one");
        Path onCustomers = write("customers.yaml", VALID + "import:\n  statuses: [completed]\n");
        assertThatThrownBy(() -> MappingLoader.load(onCustomers, EntityType.CUSTOMERS))
                .hasMessageContaining("import: only orders are imported by status");
    }

    @Test
    void aValidFileLoads() throws IOException {
        EntityMapping mapping = MappingLoader.load(write(VALID), EntityType.CUSTOMERS);
        assertThat(mapping.fields()).extracting(FieldMapping::name).containsExactly("email", "firstName", "country");
        assertThat(mapping.field("firstName").orElseThrow().in(ExternalSystem.ODOO).orElseThrow().part()).contains("first");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level key    | naturalKey: email|naturalKey: email\\nextra: 1              | top level: unknown key 'extra'",
            "natural key not a field  | naturalKey: email|naturalKey: mail                         | naturalKey 'mail' is not one of the fields",
            "field missing a system   | email: { required: true, woocommerce: email, odoo: email }|email: { woocommerce: email } | fields.email.odoo: missing",
            "unknown type             | email: { required: true, woocommerce: email, odoo: email }|email: { type: money, woocommerce: email, odoo: email } | fields.email.type: 'money' is not one of",
            "bad path                 | woocommerce: billing.country|woocommerce: billing..country | fields.country.woocommerce: 'billing..country' is not a field path",
            "many2one without by      | many2one: res.country, by: code|many2one: res.country    | many2one and by go together",
            "bad name part            | part: first|part: middle                                    | fields.firstName.odoo.part: must be first or last",
            "wrong entity             | entity: customers|entity: products                         | entity is 'products' but this file maps customers",
            "reference without target | email: { required: true, woocommerce: email, odoo: email }|email: { type: reference, woocommerce: email, odoo: email } | fields.email: 'references' is required",
            "required not a boolean   | required: true|required: yes please                         | fields.email.required: must be true or false",
    })
    void aBrokenFileIsRefusedNamingFileAndEntry(String problem, String from, String to, String expected) throws IOException {
        String broken = VALID.replace(from.strip(), to.strip().replace("\\n", "\n"));
        assertThat(broken).as("the edit applies").isNotEqualTo(VALID);
        Path file = write(broken);

        assertThatThrownBy(() -> MappingLoader.load(file, EntityType.CUSTOMERS))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected.strip());
    }

    @Test
    void invalidYamlIsRefused() throws IOException {
        Path file = write("entity: customers\nfields: [unclosed");
        assertThatThrownBy(() -> MappingLoader.load(file, EntityType.CUSTOMERS))
                .isInstanceOf(MappingException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> MappingLoader.loadAll(dir))
                .isInstanceOf(MappingException.class).hasMessageContaining("customers.yaml: mapping file is missing");
    }

    private Path write(String content) throws IOException {
        return write("customers.yaml", content);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
