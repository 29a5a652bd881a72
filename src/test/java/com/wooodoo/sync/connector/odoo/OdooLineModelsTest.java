package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.HttpTimeouts;
import com.wooodoo.sync.connector.OdooSettings;
import com.wooodoo.sync.sandbox.odoo.OdooFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the lines of a one2many live, when the connector has to ask Odoo. */
class OdooLineModelsTest {

    private OdooRig rig;
    private OdooApi api;
    private OdooFailures failures;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        OdooSettings settings = new OdooSettings(URI.create(rig.odoo.baseUrl()), OdooSettings.Protocol.JSONRPC,
                OdooFixtures.DATABASE, OdooFixtures.LOGIN, OdooFixtures.PASSWORD, HttpTimeouts.DEFAULTS);
        failures = new OdooFailures(settings.secret());
        api = new JsonRpcApi(new OdooHttp(rig.producer, settings.url(), settings.timeouts()), OdooRig.JSON, settings, failures);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void anUnknownOne2manyIsAskedOnceWithFieldsGet() {
        LineModels lines = new LineModels(api, failures, Map.of());

        assertThat(lines.of("sale.order", "order_line")).isEqualTo(new LineModels.LineModel("sale.order.line", "order_id"));
        assertThat(lines.of("sale.order", "order_line")).isEqualTo(new LineModels.LineModel("sale.order.line", "order_id"));
        assertThat(rig.calls("execute_kw sale.order.fields_get")).isEqualTo(1);
    }

    @Test
    void theOrderLinesOfStockOdooNeedNoQuestion() {
        assertThat(new LineModels(api, failures).of("sale.order", "order_line").model()).isEqualTo("sale.order.line");
        assertThat(rig.calls("execute_kw sale.order.fields_get")).isZero();
    }

    @Test
    void aFieldThatIsNoOne2manyIsAProtocolFailure() {
        assertThatThrownBy(() -> new LineModels(api, failures, Map.of()).of("res.partner", "email"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL));
    }
}
