package com.wooodoo.sync.api;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static com.wooodoo.sync.api.ApiAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbound limit of calls per organisation and minute, here lowered to 5. The limiter counts
 * in fixed windows of a wall-clock minute, so a sequence of calls that straddles a minute boundary
 * is not evidence either way: such a sequence is detected and run again with a fresh organisation.
 */
@TestPropertySource(properties = "wooodoo.api.rate-limit-per-minute=5")
@DisplayName("Orchestrate API: inbound rate limit per organisation")
class InboundRateLimitTest extends ApiTestBase {

    private static final String LIST = ApiClient.BASE + "/conflicts";
    private static final String START =
            "{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],\"entityTypes\":[\"customers\"]}";

    @Test
    void theSixthCallInAMinuteIs429WithRetryAfterAndOtherOrganisationsAreNotAffected() {
        ApiClient client = api;
        for (int attempt = 1; attempt <= 2; attempt++) {
            long minute = currentMinute();
            List<Answer> allowed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                allowed.add(client.get(LIST));
            }
            int syncsBefore = countRows("sync_orchestration");
            Answer sixth = client.post(START);
            int syncsAfter = countRows("sync_orchestration");
            Answer otherOrganisation = freshClient().get(LIST);
            if (currentMinute() != minute) {
                client = freshClient();
                continue;
            }

            assertThat(allowed).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw()).isEqualTo(200));
            assertError(sixth, 429, "RATE_LIMITED");
            assertThat(sixth.header("Retry-After")).as("Retry-After").matches("[1-9][0-9]?");
            assertThat(Integer.parseInt(sixth.header("Retry-After"))).isBetween(1, 60);
            assertThat(syncsAfter).as("a refused start writes nothing").isEqualTo(syncsBefore);
            assertThat(otherOrganisation.status()).as(otherOrganisation.raw()).isEqualTo(200);
            return;
        }
        throw new AssertionError("both attempts straddled a minute boundary, which cannot happen in a sound clock");
    }

    @Test
    void refusedCallsOfOneOrganisationLeaveTheBudgetOfAnotherWhole() {
        ApiClient exhausted = api;
        for (int i = 0; i < 8; i++) {
            exhausted.get(LIST);
        }
        String otherOrg = newOrgId();
        ApiClient other = new ApiClient(port, issueToken(otherOrg), otherOrg, "bob");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(other.get(LIST).status());
        }

        assertThat(statuses).containsOnly(200);
    }

    private ApiClient freshClient() {
        String org = newOrgId();
        return new ApiClient(port, issueToken(org), org, "alice");
    }

    private static long currentMinute() {
        return System.currentTimeMillis() / 60_000;
    }
}
