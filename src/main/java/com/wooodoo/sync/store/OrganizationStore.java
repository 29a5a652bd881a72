package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The organisations (tenants) the service knows. */
@Repository
public class OrganizationStore {

    private final JdbcTemplate jdbc;

    public OrganizationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the organisation unless it exists; true when it was created. */
    public boolean createIfAbsent(String orgId, String name) {
        return jdbc.update("INSERT INTO organization (org_id, name) VALUES (?, ?) ON CONFLICT (org_id) DO NOTHING",
                orgId, name) == 1;
    }

    public boolean exists(String orgId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM organization WHERE org_id = ?)", Boolean.class, orgId));
    }
}
