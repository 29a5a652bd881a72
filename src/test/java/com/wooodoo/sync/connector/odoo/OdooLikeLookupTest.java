package com.wooodoo.sync.connector.odoo;

import com.wooodoo.sync.connector.ConnectorException;
import com.wooodoo.sync.connector.EntityType;
import com.wooodoo.sync.connector.FailureKind;
import com.wooodoo.sync.connector.SyncRecord;
import com.wooodoo.sync.connector.OdooSettings.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Look-ups by e-mail where Odoo lacks {@code email_normalized} send {@code =ilike} values with PostgreSQL's LIKE wildcards escaped, so a
 * shop's {@code %@gmail.com} matches only itself, and ask Odoo for a bounded number of records.
 */
class OdooLikeLookupTest {

    private OdooRig rig;

    @BeforeEach
    void start() {
        rig = new OdooRig();
        rig.odoo.insert("res.partner", Map.of("name", "Ann", "email", "ann@gmail.com"));
        rig.odoo.insert("res.partner", Map.of("name", "Bob", "email", "bob@gmail.com"));
        rig.odoo.insert("res.partner", Map.of("name", "Underscore", "email", "a_b@example.com"));
        rig.odoo.insert("res.partner", Map.of("name", "Lookalike", "email", "axb@example.com"));
        rig.odoo.insert("res.partner", Map.of("name", "Back\\slash", "email", "back\\slash@example.com"));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void likeLiteralEscapesTheWildcardsAndTheEscapeCharacter() {
        assertThat(OdooCall.likeLiteral("%@gmail.com")).isEqualTo("\\%@gmail.com");
        assertThat(OdooCall.likeLiteral("a_b\\c")).isEqualTo("a\\_b\\\\c");
        assertThat(OdooCall.likeLiteral("plain@example.com")).isEqualTo("plain@example.com");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void wildcardsInAnEmailMatchOnlyThemselves(Protocol protocol) {
        rig.odoo.setWithoutMailModule(true); // with it, e-mails are looked up by email_normalized in: no pattern
        OdooConnector odoo = rig.connector(protocol);

        List<SyncRecord> percent = odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("%@gmail.com"));
        List<SyncRecord> underscore = odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("A_B@example.com"));
        List<SyncRecord> backslash = odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("back\\slash@example.com"));

        assertThat(percent).isEmpty();
        assertThat(underscore).extracting(r -> r.field("email").orElse(null)).containsExactly("a_b@example.com");
        assertThat(backslash).extracting(r -> r.field("email").orElse(null)).containsExactly("back\\slash@example.com");
        assertThat(OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).get(0), List.of("domain"))
                .path("domain").toString()).contains("\\\\%@gmail.com");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void byEmailNormalizedTheSameEmailsMatchOnlyThemselves(Protocol protocol) {
        OdooConnector odoo = rig.connector(protocol);

        assertThat(odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("%@gmail.com"))).isEmpty();
        assertThat(odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("A_B@example.com")))
                .extracting(r -> r.field("email").orElse(null)).containsExactly("a_b@example.com");
        assertThat(odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("back\\slash@example.com")))
                .extracting(r -> r.field("email").orElse(null)).containsExactly("back\\slash@example.com");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aLookUpAsksForABoundedNumberOfRecordsAndFailsRatherThanReturnPart(Protocol protocol) {
        for (int i = 0; i < 101; i++) {
            rig.odoo.insert("res.partner", Map.of("name", "Twin " + i, "email", "twin@example.com"));
        }
        OdooConnector odoo = rig.connector(protocol);

        assertThatThrownBy(() -> odoo.findByNaturalKeys(EntityType.CUSTOMERS, List.of("twin@example.com")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("res.partner.search_read").contains("more than 100");
                });
        assertThat(OdooRig.namedArgs(rig.requests(OdooRig.kind(protocol, "res.partner", "search_read")).get(0),
                List.of("domain", "fields")).path("limit").asInt()).isEqualTo(101);
    }

    @Test
    void theLimitGrowsWithTheKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add("nobody" + i + "@example.com");
        }
        assertThat(OdooCall.lookupLimit(1)).isEqualTo(100);
        assertThat(OdooCall.lookupLimit(keys.size())).isEqualTo(500);
        assertThat(rig.connector(Protocol.JSONRPC).findByNaturalKeys(EntityType.CUSTOMERS, keys)).isEmpty();
    }
}
