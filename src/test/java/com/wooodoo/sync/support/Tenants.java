package com.wooodoo.sync.support;

import com.wooodoo.sync.api.ApiTokens;
import com.wooodoo.sync.store.ApiTokenStore;
import com.wooodoo.sync.store.OrganizationStore;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/** Organisations and their API tokens in a service's database, as the admin command makes them. */
public final class Tenants {

    private Tenants() {
    }

    /** Creates the organisation (if absent) with a new token, and answers the token. */
    public static String withToken(JdbcTemplate jdbc, String orgId, String name, String issuedBy) {
        String token = ApiTokens.generate();
        register(jdbc, orgId, name, token, issuedBy);
        return token;
    }

    /** Creates the organisation (if absent) and stores this token of it. */
    public static void register(JdbcTemplate jdbc, String orgId, String name, String token, String issuedBy) {
        new OrganizationStore(jdbc).createIfAbsent(orgId, name);
        new ApiTokenStore(jdbc).insert(UUID.randomUUID(), orgId, ApiTokens.hash(token), issuedBy);
    }
}
