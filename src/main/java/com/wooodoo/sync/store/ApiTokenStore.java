package com.wooodoo.sync.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens, stored as SHA-256 hashes, each bound to one organisation. */
@Repository
public class ApiTokenStore {

    private static final RowMapper<ApiTokenRow> ROW = (rs, n) -> new ApiTokenRow(
            rs.getObject("token_id", UUID.class), rs.getString("org_id"), rs.getString("label"),
            JdbcTimes.instant(rs, "created_at"), JdbcTimes.instant(rs, "revoked_at"),
            JdbcTimes.instant(rs, "last_used_at"));

    private final JdbcTemplate jdbc;

    public ApiTokenStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID tokenId, String orgId, String tokenHash, String label) {
        jdbc.update("INSERT INTO api_token (token_id, org_id, token_hash, label) VALUES (?, ?, ?, ?)",
                tokenId, orgId, tokenHash, label);
    }

    /** The token with this hash, unless it was revoked; notes its use (at most once a minute). */
    public Optional<ApiTokenRow> findActiveAndTouch(String tokenHash) {
        return jdbc.query("""
                WITH found AS (
                    SELECT token_id FROM api_token WHERE token_hash = ? AND revoked_at IS NULL
                ), touched AS (
                    UPDATE api_token SET last_used_at = now()
                     WHERE token_id IN (SELECT token_id FROM found)
                       AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                )
                SELECT token_id, org_id, label, created_at, revoked_at, last_used_at
                  FROM api_token WHERE token_id IN (SELECT token_id FROM found)""", ROW, tokenHash)
                .stream().findFirst();
    }

    /** Revokes a token; false when there is no such token or it was revoked already. */
    public boolean revoke(UUID tokenId) {
        return jdbc.update("UPDATE api_token SET revoked_at = now() WHERE token_id = ? AND revoked_at IS NULL",
                tokenId) == 1;
    }

    public List<ApiTokenRow> list(Optional<String> orgId) {
        String sql = "SELECT token_id, org_id, label, created_at, revoked_at, last_used_at FROM api_token";
        return orgId.map(org -> jdbc.query(sql + " WHERE org_id = ? ORDER BY created_at", ROW, org))
                .orElseGet(() -> jdbc.query(sql + " ORDER BY org_id, created_at", ROW));
    }
}
