package com.wooodoo.sync.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The floor of a WooCommerce → Odoo customer sync: the design's minimal set of HTTP calls that
 * copies the customers (0.05 per record at batch size 50: the page reads of 100, per batch one
 * look-up of its e-mails and one bulk create; plus one login and one read of Odoo's countries),
 * sent one after the other with {@code java.net.http} and no orchestration: no read-backs, no
 * database, no Camel.
 */
final class PlainHttpFloor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String wooBase;
    private final String wooAuth;
    private final String odooBase;
    private final String database;
    private final String login;
    private final String password;
    private long requestId;

    PlainHttpFloor(String wooBase, String consumerKey, String consumerSecret, String odooBase, String database,
                   String login, String password) {
        this.wooBase = wooBase;
        this.wooAuth = "Basic " + Base64.getEncoder().encodeToString((consumerKey + ":" + consumerSecret)
                .getBytes(StandardCharsets.UTF_8));
        this.odooBase = odooBase;
        this.database = database;
        this.login = login;
        this.password = password;
    }

    /**
     * What the floor did: how long it took, how many calls of each kind it made, the CPU of this
     * JVM meanwhile (the floor's client and the simulators answering it) and the busy time of the
     * whole machine.
     */
    record Result(long nanos, int pageReads, int lookups, int writes, int otherCalls, int created, long jvmCpuMillis,
                  long machineBusyMillis) {
        int calls() {
            return pageReads + lookups + writes + otherCalls;
        }
    }

    Result copyCustomers(int batchSize) throws IOException, InterruptedException {
        long jvmCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long machineBusy = ServiceProbe.machineCpuMillis()[0];
        long started = System.nanoTime();
        int pageReads = 0;
        int lookups = 0;
        int writes = 0;
        int other = 0;
        int created = 0;
        long uid = rpc("common", "authenticate", args(database, login, password).add(JSON.createObjectNode())).asLong();
        other++;
        Map<String, Long> countries = new HashMap<>();
        ArrayNode countryCall = args(database, uid, password).add("res.country").add("search_read");
        countryCall.addArray().addArray();
        countryCall.addObject().putArray("fields").add("code");
        for (JsonNode country : rpc("object", "execute_kw", countryCall)) {
            countries.put(country.path("code").asText(), country.path("id").asLong());
        }
        other++;
        for (int page = 1; ; page++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(wooBase
                            + "/wp-json/wc/v3/customers?page=" + page + "&per_page=" + PAGE + "&orderby=id&order=asc"))
                    .header("Authorization", wooAuth).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            pageReads++;
            if (answer.statusCode() != 200) {
                throw new IOException("page " + page + " answered " + answer.statusCode());
            }
            JsonNode customers = JSON.readTree(answer.body());
            for (int from = 0; from < customers.size(); from += batchSize) {
                int to = Math.min(customers.size(), from + batchSize);
                ArrayNode lookup = args(database, uid, password).add("res.partner").add("search_read");
                lookup.addArray().add(emailDomain(customers, from, to));
                lookup.addObject().putArray("fields").add("id").add("email");
                if (!rpc("object", "execute_kw", lookup).isEmpty()) {
                    throw new IOException("the floor runs against an empty Odoo, yet partners with these e-mails exist");
                }
                lookups++;
                ArrayNode vals = JSON.createArrayNode();
                for (int i = from; i < to; i++) {
                    vals.add(partner(customers.get(i), countries));
                }
                ArrayNode call = args(database, uid, password).add("res.partner").add("create");
                call.addArray().add(vals);
                call.addObject();
                created += rpc("object", "execute_kw", call).size();
                writes++;
            }
            int totalPages = answer.headers().firstValue("X-WP-TotalPages").map(Integer::parseInt).orElse(page);
            if (customers.size() < PAGE || page >= totalPages) {
                break;
            }
        }
        long nanos = System.nanoTime() - started;
        return new Result(nanos, pageReads, lookups, writes, other, created,
                (((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getProcessCpuTime() - jvmCpu) / 1_000_000,
                ServiceProbe.machineCpuMillis()[0] - machineBusy);
    }

    /** The e-mails of customers {@code from} to {@code to} as Odoo's domain of =ilike terms joined by '|'. */
    private static ArrayNode emailDomain(JsonNode customers, int from, int to) {
        ArrayNode domain = JSON.createArrayNode();
        for (int i = from; i < to - 1; i++) {
            domain.add("|");
        }
        for (int i = from; i < to; i++) {
            domain.addArray().add("email").add("=ilike").add(customers.get(i).path("email").asText());
        }
        return domain;
    }

    private static ObjectNode partner(JsonNode customer, Map<String, Long> countries) {
        JsonNode billing = customer.path("billing");
        ObjectNode vals = JSON.createObjectNode();
        vals.put("email", customer.path("email").asText());
        vals.put("name", (customer.path("first_name").asText() + " " + customer.path("last_name").asText()).trim());
        vals.put("company_name", billing.path("company").asText());
        vals.put("phone", billing.path("phone").asText());
        vals.put("street", billing.path("address_1").asText());
        vals.put("street2", billing.path("address_2").asText());
        vals.put("city", billing.path("city").asText());
        vals.put("zip", billing.path("postcode").asText());
        Long country = countries.get(billing.path("country").asText());
        if (country != null) {
            vals.put("country_id", country);
        }
        return vals;
    }

    private static ArrayNode args(Object... values) {
        ArrayNode args = JSON.createArrayNode();
        for (Object value : values) {
            if (value instanceof Long l) {
                args.add(l);
            } else {
                args.add(String.valueOf(value));
            }
        }
        return args;
    }

    private JsonNode rpc(String service, String method, ArrayNode args) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", "call");
        request.put("id", ++requestId);
        ObjectNode params = request.putObject("params");
        params.put("service", service);
        params.put("method", method);
        params.set("args", args);
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(odooBase + "/jsonrpc"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode reply = JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || reply.has("error")) {
            throw new IOException(service + "." + method + " answered " + answer.statusCode() + ": " + reply.path("error"));
        }
        return reply.get("result");
    }
}
