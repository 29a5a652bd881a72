package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The OpenAPI document of the orchestrate API, as YAML and as JSON, beside the API and without
 * authentication: it describes the API, it does not call it. Mapped by Spring MVC, so neither the
 * API token check (in the orchestrate routes) nor the JSON 404 of unknown paths stands in its way.
 */
@RestController
public class OpenApiDocumentController {

    public static final String YAML_PATH = "/api/v1/integrations/sync/openapi.yaml";
    public static final String JSON_PATH = "/api/v1/integrations/sync/openapi.json";
    static final String RESOURCE = "openapi/orchestrate-api.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final byte[] yaml;
    private final byte[] json;

    public OpenApiDocumentController() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.yaml = in.readAllBytes();
            this.json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + RESOURCE + " cannot be read", e);
        }
    }

    @GetMapping(YAML_PATH)
    public ResponseEntity<byte[]> yaml() {
        return answer(yaml, YAML);
    }

    @GetMapping(JSON_PATH)
    public ResponseEntity<byte[]> json() {
        return answer(json, MediaType.APPLICATION_JSON);
    }

    private static ResponseEntity<byte[]> answer(byte[] document, MediaType type) {
        // public and harmless to read: viewers such as Swagger UI may fetch it from any origin
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .header("Access-Control-Allow-Origin", "*").body(document);
    }
}
