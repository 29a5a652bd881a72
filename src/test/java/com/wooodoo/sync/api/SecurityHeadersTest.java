package com.wooodoo.sync.api;

import com.wooodoo.sync.support.ApiClient;
import com.wooodoo.sync.support.ApiClient.Answer;
import com.wooodoo.sync.support.ApiTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of the public port carries the security headers — a strict Content-Security-Policy,
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} — whoever writes it:
 * an API action, its error envelope, Spring's or Tomcat's error handling, the console's page and
 * files, the OpenAPI document, the public probes.
 */
@DisplayName("Security headers on every answer of the public port")
class SecurityHeadersTest extends ApiTestBase {

    private static final String BASE = ApiClient.BASE;
    private static final String CSP = "default-src 'self'; object-src 'none'; frame-ancestors 'none'";

    @Test
    void apiAnswersCarryThem() {
        String sync = api.startSync();
        ApiClient anonymous = new ApiClient(port, null, null, null);
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("200 status", api.get(BASE + "/status?syncId=" + sync));
        answers.put("200 conflicts", api.get(BASE + "/conflicts"));
        answers.put("202 start", api.post("{\"action\":\"start\",\"systems\":[\"woocommerce\",\"odoo\"],"
                + "\"entityTypes\":[\"products\"]}"));
        answers.put("400 validation", api.post("{\"action\":\"start\",\"systems\":[]}"));
        answers.put("400 oversized body", api.post("{\"action\":\"status\",\"x\":\"" + "a".repeat(70_000) + "\"}"));
        answers.put("401 no token", anonymous.get(BASE + "/status?syncId=" + sync));
        answers.put("403 other organisation", api.as(token, newOrgId()).get(BASE + "/conflicts"));
        answers.put("404 unknown sync", api.get(BASE + "/status?syncId=" + UUID.randomUUID()));
        answers.put("404 unknown path", anonymous.get("/no/such/path"));
        answers.put("405 GET of start", api.get(BASE + "/start"));
        answers.put("409 invalid transition", api.post("{\"action\":\"resume\",\"syncId\":\"" + sync + "\"}"));
        answers.put("OPTIONS", api.method("OPTIONS", BASE));
        answers.put("400 from Tomcat itself", HttpProbe.raw(port, "GET /api/%zz HTTP/1.1\r\nHost: localhost"));
        answers.put("OpenAPI document", anonymous.get("/api/v1/integrations/sync/openapi.yaml"));
        answers.put("liveness", anonymous.get("/actuator/health/liveness"));
        answers.put("readiness", anonymous.get("/actuator/health/readiness"));
        answers.put("404 prometheus", anonymous.get("/actuator/prometheus"));

        assertThat(answers.get("200 status").status()).isEqualTo(200);
        assertThat(answers.get("202 start").status()).isEqualTo(202);
        assertThat(answers.get("400 oversized body").status()).isEqualTo(400);
        assertThat(answers.get("401 no token").status()).isEqualTo(401);
        assertThat(answers.get("403 other organisation").status()).isEqualTo(403);
        assertThat(answers.get("404 unknown sync").status()).isEqualTo(404);
        assertThat(answers.get("405 GET of start").status()).isEqualTo(405);
        assertThat(answers.get("409 invalid transition").status()).isEqualTo(409);
        assertThat(answers.get("400 from Tomcat itself").status()).isEqualTo(400);
        answers.forEach(SecurityHeadersTest::assertHeaders);
    }

    @Test
    void theConsolesPagesAndFilesCarryThem() {
        ApiClient anonymous = new ApiClient(port, null, null, null);
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("/console/", anonymous.get("/console/"));
        answers.put("/console/index.html", anonymous.get("/console/index.html"));
        answers.put("/console/console.js", anonymous.get("/console/console.js"));
        answers.put("/console/api.js", anonymous.get("/console/api.js"));
        answers.put("/console/console.css", anonymous.get("/console/console.css"));
        answers.put("/console (redirect)", anonymous.get("/console"));
        answers.put("/console/no-such-file.js", anonymous.get("/console/no-such-file.js"));

        assertThat(answers.get("/console/").status()).isEqualTo(200);
        assertThat(answers.get("/console/console.js").status()).isEqualTo(200);
        assertThat(answers.get("/console/console.css").status()).isEqualTo(200);
        assertThat(answers.get("/console (redirect)").status()).isEqualTo(302);
        assertThat(answers.get("/console/no-such-file.js").status()).isEqualTo(404);
        answers.forEach(SecurityHeadersTest::assertHeaders);
    }

    @Test
    void theConsoleNeedsNoInlineScriptOrStyle() {
        String page = new ApiClient(port, null, null, null).get("/console/").raw();

        assertThat(page).as("the CSP refuses inline scripts, styles and event handlers")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<style[\\s>]")
                .doesNotContainPattern("\\sstyle=")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("javascript:");
    }

    private static void assertHeaders(String what, Answer answer) {
        assertThat(answer.header("Content-Security-Policy")).as(what + " (HTTP " + answer.status() + ")").isEqualTo(CSP);
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(answer.headers().allValues("Content-Security-Policy")).as(what + ": one policy").hasSize(1);
    }
}
