package com.wooodoo.sync.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Tokens" section of the README as a user reads it: its {@code sh} blocks, each a list of
 * lines (commands, and {@code #} lines showing what the command before them prints).
 */
final class ReadmeTokenSection {

    private static final String HEADING = "## Tokens";
    private static final Pattern EXAMPLE_ID = Pattern.compile("#\\s+token id: (\\S+)");

    private ReadmeTokenSection() {
    }

    /** The section's {@code sh} blocks, their lines without blank ones. */
    static List<List<String>> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new AssertionError(readme + " has no line '" + HEADING + "'");
        }
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (block == null && line.startsWith("## ")) {
                break;
            }
            if (block == null && line.equals("```sh")) {
                block = new ArrayList<>();
            } else if (block != null && line.equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null && !line.isBlank()) {
                block.add(line.stripTrailing());
            }
        }
        return blocks;
    }

    /** The token id the section's example output shows (the one its revoke commands use). */
    static String exampleTokenId(Path readme) throws IOException {
        for (List<String> block : read(readme)) {
            for (String line : block) {
                Matcher m = EXAMPLE_ID.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("the Tokens section shows no '#   token id: …' line");
    }

    /** The {@code #} lines right after a command: what the README says it prints. */
    static List<String> documentedOutput(List<String> block, String command) {
        List<String> out = new ArrayList<>();
        for (int i = block.indexOf(command) + 1; i < block.size() && block.get(i).startsWith("#"); i++) {
            out.add(block.get(i).substring(1).strip());
        }
        return out;
    }

    /**
     * Lines as shapes: runs of spaces as one, ids, tokens and instants as placeholders, so that
     * the README's example output and a real run's output can be compared.
     */
    static List<String> shapes(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                        .replaceAll("wos_\\S+", "<token>")
                        .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>")
                        .replaceAll("\\s+", " "))
                .toList();
    }
}
