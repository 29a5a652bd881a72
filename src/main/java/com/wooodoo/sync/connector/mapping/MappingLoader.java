package com.wooodoo.sync.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.ExternalSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the mapping files {@code <dir>/customers.yaml}, {@code products.yaml},
 * {@code orders.yaml} and {@code stock.yaml}. Anything it cannot use is a {@link MappingException} naming the file and
 * the entry, so that a broken edit stops the service at start-up instead of syncing wrong data.
 */
public final class MappingLoader {

    private static final Pattern FIELD_NAME = Pattern.compile("^[a-z][A-Za-z0-9]{0,63}$");
    private static final Set<String> TOP_KEYS = Set.of("entity", "description", "naturalKey", "models", "fields", "import");
    private static final Set<String> ORDER_TOP_KEYS = union(TOP_KEYS, OrderRulesLoader.SECTIONS);
    /** WooCommerce's order statuses (those a shop can give an order, custom ones aside). */
    static final List<String> ORDER_STATUSES = List.of("pending", "processing", "on-hold", "completed", "cancelled",
            "refunded", "failed", "draft", "checkout-draft");
    /** The shop orders imported into Odoo when orders.yaml does not say: those paid for or about to be. */
    static final List<String> DEFAULT_IMPORTED_STATUSES = List.of("processing", "on-hold", "completed");
    private static final Set<String> FIELD_KEYS = Set.of("type", "required", "description", "references", "fields",
            "woocommerce", "odoo");
    private static final Set<String> SYSTEM_FIELD_KEYS = Set.of("path", "many2one", "by", "part", "readOnly");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MappingLoader() {
    }

    public static Map<EntityType, EntityMapping> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MappingException("mapping directory " + dir.toAbsolutePath()
                    + " does not exist; set wooodoo.mappings-dir to the folder holding customers.yaml, products.yaml, orders.yaml, stock.yaml");
        }
        Map<EntityType, EntityMapping> mappings = new EnumMap<>(EntityType.class);
        for (EntityType entity : EntityType.values()) {
            mappings.put(entity, load(dir.resolve(entity.id() + ".yaml"), entity));
        }
        return mappings;
    }

    public static EntityMapping load(Path file, EntityType expected) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new MappingException(source + ": mapping file is missing");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new MappingException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        return parse(root, expected, source);
    }

    static EntityMapping parse(JsonNode root, EntityType expected, String source) {
        if (root == null || !root.isObject()) {
            throw new MappingException(source + ": must be a YAML mapping with entity, naturalKey, models and fields");
        }
        unknownKeys(root, expected == EntityType.ORDERS ? ORDER_TOP_KEYS : TOP_KEYS, source, "top level");
        String entity = text(root, "entity", source, "top level");
        if (!expected.id().equals(entity)) {
            throw new MappingException(source + ": entity is '" + entity + "' but this file maps " + expected.id());
        }
        Map<ExternalSystem, String> models = new EnumMap<>(ExternalSystem.class);
        JsonNode modelsNode = root.path("models");
        for (ExternalSystem system : ExternalSystem.values()) {
            models.put(system, text(modelsNode, system.id(), source, "models"));
        }
        unknownKeys(modelsNode, Set.of("woocommerce", "odoo"), source, "models");
        List<FieldMapping> fields = fields(root.path("fields"), source, "fields", true);
        String naturalKey = text(root, "naturalKey", source, "top level");
        FieldMapping keyField = fields.stream().filter(f -> f.name().equals(naturalKey)).findFirst()
                .orElseThrow(() -> new MappingException(source + ": naturalKey '" + naturalKey + "' is not one of the fields"));
        if (keyField.type() != FieldType.TEXT) {
            throw new MappingException(source + ": naturalKey field '" + naturalKey + "' must be of type text");
        }
        OrderRules orderRules = expected == EntityType.ORDERS ? OrderRulesLoader.parse(root, source) : OrderRules.NONE;
        EntityMapping mapping = new EntityMapping(expected, naturalKey, models, fields, importedStatuses(root, expected, source),
                orderRules, source);
        StockMappingCheck.check(mapping);
        return mapping;
    }

    /** {@code import.statuses} of orders.yaml: the shop statuses of the orders synced to Odoo. */
    private static List<String> importedStatuses(JsonNode root, EntityType entity, String source) {
        JsonNode section = root.get("import");
        if (section == null) {
            return entity == EntityType.ORDERS ? DEFAULT_IMPORTED_STATUSES : List.of();
        }
        if (entity != EntityType.ORDERS) {
            throw new MappingException(source + ": import: only orders are imported by status; remove it from this file");
        }
        if (!section.isObject()) {
            throw new MappingException(source + ": import: must be a mapping with statuses");
        }
        unknownKeys(section, Set.of("statuses"), source, "import");
        JsonNode statuses = section.get("statuses");
        if (statuses == null || !statuses.isArray() || statuses.isEmpty()) {
            throw new MappingException(source + ": import.statuses: must list at least one of " + ORDER_STATUSES);
        }
        List<String> chosen = new ArrayList<>();
        for (JsonNode status : statuses) {
            if (!status.isTextual() || !ORDER_STATUSES.contains(status.asText())) {
                throw new MappingException(source + ": import.statuses: '" + status.asText() + "' is not a WooCommerce order status ("
                        + String.join(", ", ORDER_STATUSES) + ")");
            }
            if (!chosen.contains(status.asText())) {
                chosen.add(status.asText());
            }
        }
        return List.copyOf(chosen);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static List<FieldMapping> fields(JsonNode node, String source, String where, boolean linesAllowed) {
        if (!node.isObject() || node.isEmpty()) {
            throw new MappingException(source + ": " + where + " must map at least one field");
        }
        List<FieldMapping> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            fields.add(field(entry.getKey(), entry.getValue(), source, where + "." + entry.getKey(), linesAllowed));
        }
        return List.copyOf(fields);
    }

    private static FieldMapping field(String name, JsonNode node, String source, String where, boolean linesAllowed) {
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new MappingException(source + ": " + where + ": field names are camelCase letters and digits");
        }
        if (!node.isObject()) {
            throw new MappingException(source + ": " + where + ": must be a mapping with woocommerce and odoo");
        }
        unknownKeys(node, FIELD_KEYS, source, where);
        FieldType type = type(node, source, where);
        if (type == FieldType.LINES && !linesAllowed) {
            throw new MappingException(source + ": " + where + ": lines cannot be nested in lines");
        }
        Map<ExternalSystem, SystemField> systems = new EnumMap<>(ExternalSystem.class);
        for (ExternalSystem system : ExternalSystem.values()) {
            systems.put(system, systemField(node.get(system.id()), system, source, where + "." + system.id()));
        }
        if (type == FieldType.CATEGORY && (!linesAllowed || systems.values().stream()
                .anyMatch(f -> f.part().isPresent() || f.many2one().isPresent()))) {
            throw new MappingException(source + ": " + where + ": a category is a field of the record itself, "
                    + "without part or many2one, and not inside lines");
        }
        Optional<EntityType> references = Optional.empty();
        if (type == FieldType.REFERENCE) {
            String target = text(node, "references", source, where);
            references = Optional.of(EntityType.fromId(target).orElseThrow(() -> new MappingException(
                    source + ": " + where + ".references: '" + target + "' is not customers, products or orders")));
        } else if (node.has("references")) {
            throw new MappingException(source + ": " + where + ".references: only a field of type reference refers");
        }
        List<FieldMapping> lineFields = List.of();
        if (type == FieldType.LINES) {
            lineFields = fields(node.path("fields"), source, where + ".fields", false);
        } else if (node.has("fields")) {
            throw new MappingException(source + ": " + where + ".fields: only a field of type lines has fields");
        }
        JsonNode required = node.path("required");
        if (!required.isMissingNode() && !required.isBoolean()) {
            throw new MappingException(source + ": " + where + ".required: must be true or false");
        }
        return new FieldMapping(name, type, required.asBoolean(false), systems, references, lineFields);
    }

    private static FieldType type(JsonNode node, String source, String where) {
        if (!node.has("type")) {
            return FieldType.TEXT;
        }
        String text = node.get("type").asText();
        try {
            return FieldType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MappingException(source + ": " + where + ".type: '" + text
                    + "' is not one of text, decimal, integer, boolean, datetime, reference, lines, category");
        }
    }

    private static SystemField systemField(JsonNode node, ExternalSystem system, String source, String where) {
        if (node == null || node.isNull()) {
            throw new MappingException(source + ": " + where + ": missing (every field maps to both systems)");
        }
        if (node.isTextual()) {
            return SystemField.of(path(node.asText(), source, where));
        }
        if (!node.isObject()) {
            throw new MappingException(source + ": " + where + ": must be a field path or {path: ...}");
        }
        unknownKeys(node, SYSTEM_FIELD_KEYS, source, where);
        String path = path(text(node, "path", source, where), source, where);
        Optional<String> many2one = optionalText(node, "many2one", source, where);
        Optional<String> by = optionalText(node, "by", source, where);
        if (many2one.isPresent() != by.isPresent()) {
            throw new MappingException(source + ": " + where + ": many2one and by go together");
        }
        if (many2one.isPresent() && system != ExternalSystem.ODOO) {
            throw new MappingException(source + ": " + where + ".many2one: only Odoo fields are many2one");
        }
        Optional<String> part = optionalText(node, "part", source, where);
        if (part.isPresent() && !Set.of("first", "last").contains(part.get())) {
            throw new MappingException(source + ": " + where + ".part: must be first or last");
        }
        JsonNode readOnly = node.path("readOnly");
        if (!readOnly.isMissingNode() && !readOnly.isBoolean()) {
            throw new MappingException(source + ": " + where + ".readOnly: must be true or false");
        }
        return new SystemField(path, many2one, by, part, readOnly.asBoolean(false));
    }

    private static String path(String path, String source, String where) {
        if (!path.matches("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")) {
            throw new MappingException(source + ": " + where + ": '" + path
                    + "' is not a field path (names of letters, digits and _, separated by dots)");
        }
        return path;
    }

    private static String text(JsonNode node, String key, String source, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MappingException(source + ": " + where + ": '" + key + "' is required (a text)");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String key, String source, String where) {
        return node.has(key) ? Optional.of(text(node, key, source, where)) : Optional.empty();
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String source, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new MappingException(source + ": " + where + ": unknown key '" + key + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }
}
