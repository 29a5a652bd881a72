package com.wooodoo.sync.sandbox.woocommerce;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Every official WooCommerce example in the project has a test and a documented source. */
class WooFixtureCatalogTest {

    @Test
    void everyFixtureIsCheckedByATestAndEveryCheckedFixtureExists() {
        assertThat(WooFixtures.names()).containsExactlyInAnyOrderElementsOf(WooFixtureCatalog.all());
        assertThat(WooFixtureCatalog.USED_BY).allSatisfy((name, uses) -> assertThat(uses).as(name).isNotEmpty());
    }

    @Test
    void everyFixtureHasItsProvenanceInSources() throws IOException {
        String sources = Files.readString(WooFixtures.dir().resolve("SOURCES.md"));

        assertThat(WooFixtures.names()).allSatisfy(name -> assertThat(sources).as("SOURCES.md names " + name)
                .contains("| " + name + " |"));
    }

    @Test
    void everyFixtureIsJson() {
        assertThat(WooFixtures.names()).allSatisfy(name -> assertThat(WooFixtures.read(name)).as(name).isNotNull());
    }
}
