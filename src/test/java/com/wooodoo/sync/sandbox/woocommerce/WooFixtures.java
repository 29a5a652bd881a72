package com.wooodoo.sync.sandbox.woocommerce;

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
 * The official WooCommerce example payloads, kept in the project byte for byte under
 * {@code src/test/resources/fixtures/woocommerce/} with their provenance in {@code SOURCES.md}.
 */
public final class WooFixtures {

    private static final String FOLDER = "/fixtures/woocommerce";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WooFixtures() {
    }

    public static JsonNode read(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fixture " + file.toAbsolutePath() + " is missing");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + file.toAbsolutePath() + " is not JSON", e);
        }
    }

    /** Every {@code .json} fixture, by name. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture folder on the test class path (src/test/resources/fixtures/woocommerce). */
    public static Path dir() {
        return FixtureFolder.of(FOLDER);
    }
}
