package com.wooodoo.sync.connector.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.wooodoo.sync.connector.mapping.FieldType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Odoo's value representations and the neutral ones. */
class OdooValuesTest {

    @Test
    void falseIsNoValueExceptForBooleans() throws Exception {
        JsonNode no = json("false");
        assertThat(OdooValues.toNeutral(FieldType.TEXT, no)).isNull();
        assertThat(OdooValues.toNeutral(FieldType.DECIMAL, no)).isNull();
        assertThat(OdooValues.toNeutral(FieldType.REFERENCE, no)).isNull();
        assertThat(OdooValues.toNeutral(FieldType.DATETIME, no)).isNull();
        assertThat(OdooValues.toNeutral(FieldType.BOOLEAN, no)).isEqualTo(false);
        assertThat(OdooValues.toNeutral(FieldType.TEXT, json("\"\""))).isNull();
    }

    @Test
    void aMany2oneIsItsIdAsReferenceAndItsNameAsText() throws Exception {
        JsonNode country = json("[21, \"Belgium\"]");
        assertThat(OdooValues.toNeutral(FieldType.REFERENCE, country)).isEqualTo("21");
        assertThat(OdooValues.toNeutral(FieldType.TEXT, country)).isEqualTo("Belgium");
        assertThat(OdooValues.toNeutral(FieldType.INTEGER, country)).isEqualTo(21L);
        assertThat(OdooValues.many2oneId(json("7"))).contains(7L);
        assertThat(OdooValues.many2oneId(json("false"))).isEmpty();
    }

    @Test
    void decimalsLoseTrailingZerosOnly() throws Exception {
        assertThat(OdooValues.toNeutral(FieldType.DECIMAL, json("12.50"))).isEqualTo(new BigDecimal("12.5"));
        assertThat(OdooValues.toNeutral(FieldType.DECIMAL, json("100.0"))).isEqualTo(new BigDecimal("100"));
        assertThat(OdooValues.toNeutral(FieldType.DECIMAL, json("0.1"))).isEqualTo(new BigDecimal("0.1"));
        assertThat(OdooValues.toOdoo(FieldType.DECIMAL, "19.90").decimalValue()).isEqualByComparingTo("19.9");
        assertThat(OdooValues.toOdoo(FieldType.DECIMAL, 3L).decimalValue()).isEqualByComparingTo("3");
    }

    @Test
    void datetimesAreUtcBothWays() throws Exception {
        assertThat(OdooValues.toNeutral(FieldType.DATETIME, json("\"2025-03-04 10:15:30\""))).isEqualTo("2025-03-04T10:15:30Z");
        assertThat(OdooValues.toNeutral(FieldType.DATETIME, json("\"2025-03-04\""))).isEqualTo("2025-03-04T00:00:00Z");
        assertThat(OdooValues.toOdoo(FieldType.DATETIME, "2025-03-04T12:15:30+02:00").asText()).isEqualTo("2025-03-04 10:15:30");
        assertThat(OdooValues.toOdoo(FieldType.DATETIME, "2025-03-04T10:15:30").asText()).isEqualTo("2025-03-04 10:15:30");
        assertThat(OdooValues.odooDatetime(Instant.parse("2025-03-04T10:15:30.999Z"))).isEqualTo("2025-03-04 10:15:30");
    }

    @Test
    void aNameSplitsAtItsFirstSpace() throws Exception {
        assertThat(OdooValues.namePart(json("\"  Anna  Maria Schmidt \""), "first")).isEqualTo("Anna");
        assertThat(OdooValues.namePart(json("\"Anna Maria Schmidt\""), "last")).isEqualTo("Maria Schmidt");
        assertThat(OdooValues.namePart(json("\"Agrolait\""), "last")).isNull();
        assertThat(OdooValues.namePart(json("false"), "first")).isNull();
    }

    @Test
    void valuesThatDoNotFitTheirFieldAreRefused() {
        assertThatThrownBy(() -> OdooValues.toOdoo(FieldType.DECIMAL, "12,5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OdooValues.toOdoo(FieldType.REFERENCE, "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OdooValues.toOdoo(FieldType.REFERENCE, "1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OdooValues.toOdoo(FieldType.BOOLEAN, "yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OdooValues.toOdoo(FieldType.DATETIME, "yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OdooValues.toOdoo(FieldType.TEXT, "").asBoolean(true)).isFalse();
        assertThat(OdooValues.toOdoo(FieldType.REFERENCE, "42").asLong()).isEqualTo(42);
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(OdooHttp.retryAfter("30")).contains(Duration.ofSeconds(30));
        assertThat(OdooHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(OdooHttp.retryAfter("soon")).isEmpty();
        assertThat(OdooHttp.retryAfter(null)).isEmpty();
    }

    private static JsonNode json(String text) throws Exception {
        return OdooRig.JSON.readTree(text);
    }
}
