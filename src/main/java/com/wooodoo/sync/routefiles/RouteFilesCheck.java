package com.wooodoo.sync.routefiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks every route file Camel will load from the file system ({@code file:} entries of
 * {@code camel.main.routes-include-pattern}) against the YAML DSL's schema before Camel starts:
 * a broken file stops start-up with its file, line and reason, rather than a route missing or a
 * step read differently than it reads.
 */
@Component
public class RouteFilesCheck implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesCheck.class);

    private final String includePattern;

    public RouteFilesCheck(@Value("${camel.main.routes-include-pattern:}") String includePattern) {
        this.includePattern = includePattern;
    }

    @Override
    public void afterPropertiesSet() {
        List<Path> files = files();
        List<String> problems = new ArrayList<>();
        files.forEach(file -> problems.addAll(RouteFiles.problems(file)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Route files do not follow Camel's YAML DSL; fix them and start again:\n  "
                    + String.join("\n  ", problems));
        }
        LOG.info("Route files checked against the YAML DSL schema: {}", files);
    }

    /** The files the {@code file:} entries of the include pattern name, in order. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String entry : includePattern.split(",")) {
            String pattern = entry.strip();
            if (!pattern.startsWith("file:")) {
                continue;
            }
            Path glob = Path.of(pattern.substring("file:".length()));
            Path dir = glob.getParent() == null ? Path.of(".") : glob.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(p -> matcher.matches(p.getFileName())).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the route files in " + dir + ": " + e.getMessage(), e);
            }
        }
        return files;
    }
}
