package com.wooodoo.sync.connector;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalTextTest {

    @Test
    void secretsAreMaskedBeforeTheTextIsCut() {
        String text = "x".repeat(995) + "the-secret-value";

        String clean = ExternalText.clean(text, List.of("the-secret-value"), 1000);

        assertThat(clean).doesNotContain("the-s").endsWith("***");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(ExternalText.escapeControls("a\r\nb\tc\u0000d\u2028e")).isEqualTo("a\\r\\nb\\tc\\u0000d\\u2028e");
        assertThat(ExternalText.escapeControls("plain")).isEqualTo("plain");
    }

    @Test
    void aSecretComesBackInItsEchoedForms() {
        assertThat(ExternalText.forms("a\"b c")).contains("a\"b c", "a\\\"b c", "a%22b+c");
        assertThat(ExternalText.basicCredential("ck", "cs")).isEqualTo("Y2s6Y3M=");
    }

    @Test
    void aConnectorExceptionCarriesNoRawLineBreak() {
        ConnectorException failure = new ConnectorException(ExternalSystem.ODOO, FailureKind.PROTOCOL, "x\r\ny", 0, "a\r\nFORGED");

        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("\r").contains("a\\r\\nFORGED");
        assertThat(failure.code()).contains("x\\r\\ny");
    }
}
