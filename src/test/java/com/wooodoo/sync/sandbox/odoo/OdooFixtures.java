package com.wooodoo.sync.sandbox.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Odoo fixtures in {@code ../shared/fixtures/odoo/} (official payloads) and its
 * {@code derived/} folder, relative to the project root (the tests' working directory). The
 * credentials below are those the fixtures use.
 */
public final class OdooFixtures {

    public static final Path DIR = Path.of("..", "shared", "fixtures", "odoo");
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

    public static Path dir() {
        if (!Files.isDirectory(DIR)) {
            throw new IllegalStateException("The Odoo fixtures are expected at " + DIR.toAbsolutePath().normalize()
                    + " (run the tests from the project root, next to ../shared)");
        }
        return DIR;
    }
}
