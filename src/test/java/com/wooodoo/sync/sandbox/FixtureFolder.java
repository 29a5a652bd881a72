package com.wooodoo.sync.sandbox;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of official example payloads on the test class path (copied from src/test/resources/fixtures). */
public final class FixtureFolder {

    private FixtureFolder() {
    }

    /** The folder, e.g. {@code /fixtures/odoo}; a clear failure when the build did not copy it. */
    public static Path of(String classpathFolder) {
        URL url = FixtureFolder.class.getResource(classpathFolder);
        if (url == null) {
            throw new IllegalStateException("the fixture folder " + classpathFolder + " is not on the test class path:"
                    + " it belongs in src/test/resources" + classpathFolder + " (run the tests with Maven)");
        }
        try {
            Path folder = Path.of(url.toURI());
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("the fixture folder " + folder + " is not a directory");
            }
            return folder;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the fixture folder " + url + " has no file path", e);
        }
    }
}
