package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wooodoo.sync.sandbox.FixtureFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Odoo fixtures (official payloads) and its {@code derived/} folder, kept in the project byte
 * for byte under {@code src/test/resources/fixtures/odoo/} with their provenance in
 * {@code SOURCES.md}. The credentials below are those the fixtures use.
 */
public final class OdooFixtures {

    private static final String FOLDER = "/fixtures/odoo";
    public static final String DATABASE = "mycompany";
    public static final String LOGIN = "admin";
    public static final String PASSWORD = "6578616d706c65206a736f6e20617069206b6579";
    public static final String API_KEY = "0a1b2c3d4e5f-json2-api-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OdooFixtures() {
    }

    /** A fixture by its path under the fixture folder, e.g. {@code derived/jsonrpc_error_missing_v16_18.json}. */
    public static JsonNode load(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Odoo fixture " + file.toAbsolutePath().normalize() + " is missing");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Odoo fixture " + name + " is not valid JSON", e);
        }
    }

    /** Every fixture file, as paths relative to the fixture folder ({@code x.json}, {@code derived/y.json}). */
    public static List<String> all() {
        try (Stream<Path> files = Files.walk(dir())) {
            return files.filter(f -> f.toString().endsWith(".json")).map(f -> dir().relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture folder on the test class path (src/test/resources/fixtures/odoo). */
    public static Path dir() {
        return FixtureFolder.of(FOLDER);
    }
}
