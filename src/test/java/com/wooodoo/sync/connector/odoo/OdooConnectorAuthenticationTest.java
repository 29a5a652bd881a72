package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import com.wooodoo.sync.sandbox.odoo.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logging in to Odoo: once per connector, never again after a refusal, once more when the uid is lost. */
class OdooConnectorAuthenticationTest {

    private static final String SEARCH_COUNT = "execute_kw res.partner.search_count";

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        rig.odoo.seed(EntityType.CUSTOMERS, 30);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void logsInOnceForAllCallsOfAConnectorEvenConcurrently() throws Exception {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int page = 1 + i % 3;
                calls.add(pool.submit(() -> odoo.readPage(EntityType.CUSTOMERS, page, 10, Optional.empty())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("x@example.com"));
        odoo.create(EntityType.CUSTOMERS, List.of(OdooConnectorWriteTest.customer(1, "DE")));

        assertThat(rig.calls("common.authenticate")).isEqualTo(1);
        assertThat(rig.calls(SEARCH_COUNT)).as("the reads of a first page count; later pages are not counted").isEqualTo(8);
        RecordedRequest call = rig.requests(SEARCH_COUNT).get(0);
        assertThat(call.body().path("params").path("args").get(1).asLong()).isEqualTo(rig.odoo.uid());
    }

    @Test
    void aRefusedPasswordIsNeverTriedAgain() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC, "not-the-password", HttpTimeouts.DEFAULTS);

        for (int attempt = 0; attempt < 4; attempt++) {
            assertThatThrownBy(() -> odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("not-the-password");
                    });
        }
        assertThatThrownBy(() -> odoo.create(EntityType.CUSTOMERS, List.of(OdooConnectorWriteTest.customer(1, "DE"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));

        assertThat(rig.calls("common.authenticate")).isEqualTo(1);
        assertThat(rig.calls(SEARCH_COUNT)).isZero();
    }

    @Test
    void odoosLoginCooldownRefusesEvenTheRightPasswordAndThatRefusalIsRememberedToo() {
        rig.odoo.setLoginCooldown(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            OdooConnector wrong = rig.connector(Protocol.JSONRPC, "wrong-" + i, HttpTimeouts.DEFAULTS);
            assertThatThrownBy(() -> wrong.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                    .isInstanceOf(ConnectorException.class);
        }
        OdooConnector right = rig.connector(Protocol.JSONRPC);

        assertThatThrownBy(() -> right.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));
        rig.odoo.setClock(Clock.fixed(OdooRig.NOW.plusSeconds(61), ZoneOffset.UTC));
        assertThatThrownBy(() -> right.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .as("the connector does not try again by itself").isInstanceOf(ConnectorException.class);
        assertThat(rig.calls("common.authenticate")).isEqualTo(4);

        assertThat(rig.connector(Protocol.JSONRPC).readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()).total())
                .as("new settings, after the cool-down").isEqualTo(30);
    }

    @Test
    void logsInOnceMoreWhenOdooStopsAcceptingTheUid() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());
        rig.odoo.injectAnswer(SEARCH_COUNT, 200, OdooFixtures.load("derived/jsonrpc_error_access_denied_v19.json"));

        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()).total()).isEqualTo(30);

        assertThat(rig.calls("common.authenticate")).isEqualTo(2);
        assertThat(rig.calls(SEARCH_COUNT)).isEqualTo(3);
        odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());
        assertThat(rig.calls("common.authenticate")).isEqualTo(2);
    }

    @Test
    void anExpiredSessionAlsoLeadsToOneNewLogin() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        rig.odoo.injectAnswer(SEARCH_COUNT, 200, OdooFixtures.load("derived/jsonrpc_error_session_expired.json"));

        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()).records()).hasSize(10);

        assertThat(rig.calls("common.authenticate")).isEqualTo(2);
    }

    @Test
    void aUidRefusedAgainAfterTheNewLoginIsRemembered() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        rig.odoo.injectAnswer(SEARCH_COUNT, 200, OdooFixtures.load("derived/jsonrpc_error_access_denied_v16_18.json"));
        rig.odoo.injectAnswer(SEARCH_COUNT, 200, OdooFixtures.load("derived/jsonrpc_error_access_denied_v16_18.json"));

        assertThatThrownBy(() -> odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                    assertThat(e.code()).contains("odoo.exceptions.AccessDenied");
                });
        assertThatThrownBy(() -> odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));

        assertThat(rig.calls("common.authenticate")).isEqualTo(2);
        assertThat(rig.calls(SEARCH_COUNT)).isEqualTo(2);
    }

    @Test
    void anAccessErrorIsNotALostLogin() {
        OdooConnector odoo = rig.connector(Protocol.JSONRPC);
        rig.odoo.setWriteProtected("res.partner", true);

        assertThatThrownBy(() -> odoo.create(EntityType.CUSTOMERS, List.of(OdooConnectorWriteTest.customer(1, "DE"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));
        assertThat(odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()).total()).isEqualTo(30);
        assertThat(rig.calls("common.authenticate")).isEqualTo(1);
    }

    @Test
    void json2SendsTheKeyAsBearerWithTheDatabaseAndNeverLogsIn() {
        rig.connector(Protocol.JSON2).readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty());

        RecordedRequest request = rig.requests("json2 res.partner/search_read").get(0);
        assertThat(request.headers()).containsEntry("authorization", "bearer " + OdooFixtures.API_KEY)
                .containsEntry("x-odoo-database", OdooFixtures.DATABASE);
        assertThat(request.headers().get("content-type")).startsWith("application/json");
        assertThat(rig.odoo.stats().keySet()).noneMatch(kind -> kind.startsWith("common."));
    }

    @Test
    void json2RemembersARefusedKey() {
        OdooConnector odoo = rig.connector(Protocol.JSON2, "revoked-key", HttpTimeouts.DEFAULTS);

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> odoo.readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("revoked-key");
                    });
        }
        assertThat(rig.calls("json2 res.partner/search_count")).isEqualTo(1);
    }

    @Test
    void json2IsNotFoundOnAnOdooOlderThan19() {
        rig.odoo.setServerVersion(18);

        assertThatThrownBy(() -> rig.connector(Protocol.JSON2).readPage(EntityType.CUSTOMERS, 1, 10, Optional.empty()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.code()).contains("werkzeug.exceptions.NotFound");
                    assertThat(e.getMessage()).contains("Odoo 19 or later");
                });
    }
}
