package com.wooodoo.sync.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.SandboxTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees without SQL: health probes with the scheduler and each connection's
 * circuit breaker, Prometheus metrics of the product and of Camel's routes (all of it on the
 * management port, on 127.0.0.1), and logs that name the organisation and sync of every line about
 * a sync, with no secret in them. The public port answers liveness and readiness with their status
 * alone, and nothing else of Actuator: nothing there names an organisation.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability // tests turn metrics export off unless asked
@TestPropertySource(properties = "wooodoo.observability.gauges-refresh-ms=500") // not 15 s: the gauges are awaited
class OperatorVisibilityTest extends SandboxTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WOO_TO_ODOO = "[\"woocommerce\",\"odoo\"]";
    private static final String FAST_FULL = "{\"interBatchDelayMs\":0,\"mode\":\"full\"}";

    @LocalManagementPort
    private int managementPort;

    @Test
    void aSyncIsCountedInPrometheusAndItsConnectionsShowInReadiness(CapturedOutput output) {
        woo.seed(EntityType.CUSTOMERS, 60);
        String sync = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST_FULL));
        assertThat(status(sync)).isEqualTo("done");

        String metrics = actuator("/actuator/prometheus").raw();
        String tags = "direction=\"woocommerce-to-odoo\",entity=\"customers\",org=\"" + orgId + "\"";
        assertThat(value(metrics, "wooodoo_records_total{" + tags + ",outcome=\"synced\"}")).isEqualTo(60.0);
        assertThat(value(metrics, "wooodoo_batch_duration_seconds_count{" + tags + "}")).isEqualTo(2.0);
        assertThat(value(metrics, "wooodoo_throttle_wait_seconds_count{org=\"" + orgId + "\"}")).isPositive();
        assertThat(value(metrics, "wooodoo_circuit_breaker_state{org=\"" + orgId + "\",system=\"odoo\"}")).isZero();
        assertThat(metrics).as("Camel's route metrics").containsPattern("camel_exchanges_total\\{[^}]*routeId=\"syncBatch\"");

        JsonNode readiness = actuator("/actuator/health/readiness").json();
        assertThat(readiness.at("/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/scheduler/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/connectionBreakers/details/organisations/" + orgId + "/odoo").asText())
                .isEqualTo("CLOSED");
        assertThat(readiness.at("/components/connectionBreakers/details/organisations/" + orgId + "/woocommerce").asText())
                .isEqualTo("CLOSED");
        assertThat(actuator("/actuator/health/liveness").json().at("/status").asText()).isEqualTo("UP");
        assertThat(actuator("/actuator/info").json().at("/build/version").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(value(actuator("/actuator/prometheus").raw(),
                "wooodoo_syncs{org=\"" + orgId + "\",state=\"done\"}")).isEqualTo(1.0));

        List<String> aboutTheSync = output.getAll().lines().filter(line -> line.contains(sync)).toList();
        assertThat(aboutTheSync).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("[org=" + orgId + " sync=" + sync + "]"));
        assertThat(output.getAll()).doesNotContain("cs_test", "odoo-password", token);
    }

    @Test
    void refusedCredentialsShowAsAnOpenAuthErrorConflict() {
        woo.seed(EntityType.CUSTOMERS, 10);
        odoo.setWriteProtected("res.partner", true);
        try {
            String sync = runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST_FULL));
            assertThat(status(sync)).isEqualTo("failed");
        } finally {
            odoo.setWriteProtected("res.partner", false);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(value(actuator("/actuator/prometheus").raw(),
                "wooodoo_conflicts_open{org=\"" + orgId + "\",type=\"AuthError\"}")).isEqualTo(1.0));
    }

    private String runToEnd(String sync) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Set.of("done", "partial", "failed").contains(status(sync)));
        return sync;
    }

    @Test
    void thePublicPortAnswersTheProbesWithTheirStatusAloneAndNothingElseOfActuator() {
        woo.seed(EntityType.CUSTOMERS, 5);
        assertThat(status(runToEnd(startSync(WOO_TO_ODOO, "[\"customers\"]", FAST_FULL)))).isEqualTo("done");
        assertThat(actuator("/actuator/health").raw()).as("the management port names the organisation").contains(orgId);
        ApiClient anonymous = new ApiClient(port, null, null, null);

        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            ApiClient.Answer answer = anonymous.get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.header("Content-Type")).as(probe).startsWith("application/json");
            assertThat(answer.json()).as(probe + ": " + answer.raw()).isEqualTo(JSON.createObjectNode().put("status", "UP"));
        }
        for (String path : List.of("/actuator", "/actuator/", "/actuator/health", "/actuator/health/", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/metrics/wooodoo.records", "/actuator/info", "/actuator/env",
                "/actuator/health/readiness/connectionBreakers", "/actuator/health/connectionBreakers",
                "/actuator/health/liveness/livenessState")) {
            ApiClient.Answer answer = anonymous.get(path);
            assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(404);
            assertThat(answer.errorCode()).as(path).isEqualTo("NOT_FOUND");
            assertThat(answer.raw()).as(path).doesNotContain(orgId, "wooodoo_records", "\"components\"", "CLOSED");
        }
        // with a token of the organisation, too: Actuator is not part of the API
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
    }

    @Test
    void theManagementPortListensOnTheLoopbackInterfaceOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(actuator("/actuator/health/liveness").json().at("/status").asText()).isEqualTo("UP");
        List<InetAddress> elsewhere = NetworkInterface.networkInterfaces().filter(this::isUp)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).toList();
        for (InetAddress address : elsewhere) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, managementPort), 2_000))
                        .as("management port reached on " + address).isInstanceOf(IOException.class);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 2_000); // the public port is there
            }
        }
    }

    private boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private ApiClient.Answer actuator(String path) {
        var answer = ApiClient.management(managementPort).get(path);
        assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(200);
        return answer;
    }

    /** The value of one sample of the Prometheus text format, or NaN when it is not there. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
