package com.wooodoo.sync.connector.odoo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** An HTTP answer from Odoo: status, body and the {@code Retry-After} it asked for. */
record HttpReply(int status, byte[] body, Optional<Duration> retryAfter) {

    /** The start of the body, for messages about answers that are not what Odoo documents. */
    String excerpt() {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
