package com.wooodoo.sync.api;

import com.wooodoo.sync.store.ApiTokenRow;
import com.wooodoo.sync.store.ApiTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the bearer token against the stored hashes and binds the call to the token's organisation. */
@Component
public class ApiAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthenticator.class);
    private static final Pattern BEARER = Pattern.compile("^(?i:bearer) +([A-Za-z0-9_\\-.~+/]{1,512}=*)$");
    private static final Pattern USER_ID = Pattern.compile("^[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,128}$");

    private final ApiTokenStore tokens;

    public ApiAuthenticator(ApiTokenStore tokens) {
        this.tokens = tokens;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param orgId         the {@code x-org-id} header, or null
     * @param userId        the {@code x-user-id} header, or null
     */
    public Caller authenticate(String authorization, String orgId, String userId) {
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED,
                    "missing Authorization header: send 'Authorization: Bearer <token>'");
        }
        var matcher = BEARER.matcher(authorization.strip());
        if (!matcher.matches()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Authorization header must be 'Bearer <token>'");
        }
        ApiTokenRow token = tokens.findActiveAndTouch(ApiTokens.hash(matcher.group(1))).orElseThrow(() -> {
            LOG.warn("Rejected an API call with an unknown or revoked token (x-org-id: {})", printable(orgId));
            return new ApiException(ErrorCode.UNAUTHORIZED, "unknown or revoked API token");
        });
        if (orgId == null || orgId.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "x-org-id: header is required",
                    List.of(new FieldProblem("x-org-id", "header is required")), Map.of());
        }
        if (!orgId.equals(token.orgId())) {
            LOG.warn("Rejected an API call: token {} of organisation {} used for organisation {}",
                    token.tokenId(), token.orgId(), printable(orgId));
            throw new ApiException(ErrorCode.FORBIDDEN, "this token is not valid for organisation in x-org-id");
        }
        if (userId != null && !USER_ID.matcher(userId).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "x-user-id: must be 1 to 128 printable characters",
                    List.of(new FieldProblem("x-user-id", "must be 1 to 128 printable characters")), Map.of());
        }
        return new Caller(token.orgId(), token.tokenId(), userId);
    }

    private static String printable(String value) {
        if (value == null) {
            return "none";
        }
        String cleaned = value.replaceAll("[^\\p{Alnum}_-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
