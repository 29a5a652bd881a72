package com.wooodoo.sync.routefiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every file of {@code routes/} follows the JSON schema of Camel's YAML DSL that camel-yaml-dsl
 * ships, so the visual Camel editors can open it; a file that does not is refused with its line.
 */
class RouteFilesSchemaTest {

    @TempDir
    Path dir;

    @Test
    void everyRouteFileFollowsTheYamlDslSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("orchestrate-api.camel.yaml", "sync-pipeline.camel.yaml", "schedules.camel.yaml");
        for (Path file : files) {
            assertThat(RouteFiles.problems(file)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void aStepTheDslDoesNotKnowIsNamedWithItsFileAndLine() throws IOException {
        Path file = write("""
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - log: "fine"
                        - bean:
                            ref: somebean
                            methd: misspelt
                """);
        assertThat(RouteFiles.problems(file)).isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith(file + ":8: /0/route/from/steps/1/bean"))
                .anySatisfy(p -> assertThat(p).contains("property 'methd' is not defined"));
    }

    @Test
    void aFileThatIsNotYamlIsNamed() throws IOException {
        Path file = write("- route:\n    id: [unclosed\n");
        assertThat(RouteFiles.problems(file)).singleElement().asString().startsWith(file + ": is not valid YAML");
    }

    @Test
    void theStartUpCheckRefusesABrokenFileAmongTheIncludedOnes() throws IOException {
        write("- route:\n    id: x\n    from:\n      uri: direct:x\n      steps:\n        - notAStep: {}\n");
        RouteFilesCheck check = new RouteFilesCheck("file:routes/*.yaml,file:" + dir + "/*.yaml");
        assertThat(check.files()).hasSizeGreaterThanOrEqualTo(4);
        assertThatThrownBy(check::afterPropertiesSet).hasMessageContaining(dir.resolve("broken.camel.yaml") + ":6:");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("broken.camel.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
