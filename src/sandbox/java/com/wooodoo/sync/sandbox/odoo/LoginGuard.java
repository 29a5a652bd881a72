package com.wooodoo.sync.sandbox.odoo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one user's credentials and Odoo's login cool-down ({@code base.login_cooldown_after},
 * default 5 failures, and {@code base.login_cooldown_duration}, default 60 s): while cooling
 * down, a login fails even with the right password, and the failure is not counted again.
 */
final class LoginGuard {

    private final String login;
    private final String password;
    private final String apiKey;
    private int failuresAllowed = 5;
    private Duration cooldown = Duration.ofSeconds(60);
    private int failures;
    private Instant lastFailure;

    LoginGuard(String login, String password, String apiKey) {
        this.login = login;
        this.password = password;
        this.apiKey = apiKey;
    }

    synchronized void configure(int failuresBeforeCooldown, Duration cooldownDuration) {
        this.failuresAllowed = failuresBeforeCooldown;
        this.cooldown = cooldownDuration;
    }

    synchronized void reset() {
        failures = 0;
        lastFailure = null;
    }

    /** {@code common.authenticate}: the uid, or empty for bad credentials or while cooling down. */
    synchronized Optional<Long> authenticate(String userLogin, String secret, Clock clock) {
        Instant now = clock.instant();
        if (coolingDown(now)) {
            return Optional.empty();
        }
        if (login.equals(userLogin) && matches(secret)) {
            reset();
            return Optional.of(OdooDatabase.ADMIN_UID);
        }
        failures++;
        lastFailure = now;
        return Optional.empty();
    }

    synchronized boolean coolingDown(Instant now) {
        return failures >= failuresAllowed && lastFailure != null && now.isBefore(lastFailure.plus(cooldown));
    }

    /** What {@code execute_kw} checks on every call: the uid with the password or an API key. */
    boolean checkCall(long uid, String secret) {
        return uid == OdooDatabase.ADMIN_UID && matches(secret);
    }

    /** JSON-2: {@code Authorization: bearer <API key>}. */
    boolean checkBearer(String authorization) {
        if (authorization == null || apiKey == null) {
            return false;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("bearer") && parts[1].equals(apiKey);
    }

    private boolean matches(String secret) {
        return secret != null && (secret.equals(password) || secret.equals(apiKey));
    }
}
