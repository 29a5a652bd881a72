package com.wooodoo.sync.connector.odoo;

import java.time.Duration;
import java.util.Optional;

/** An HTTP answer from Odoo: status, body and the {@code Retry-After} it asked for ({@link OdooFailures#excerpt} quotes it). */
record HttpReply(int status, byte[] body, Optional<Duration> retryAfter) {
}
