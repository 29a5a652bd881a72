package com.wooodoo.sync.routefiles;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a route file against the JSON schema of Camel's YAML DSL that {@code camel-yaml-dsl}
 * ships ({@code schema/camelYamlDsl.json}), the one the visual Camel editors use. Each problem
 * names the file, the line and what is wrong.
 */
public final class RouteFiles {

    private static final String SCHEMA = "schema/camelYamlDsl.json";
    private static volatile Schema schema;

    private RouteFiles() {
    }

    /** The problems of one file, each as {@code file:line: reason}; empty when it is valid. */
    public static List<String> problems(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return List.of(file + ": cannot be read: " + e.getMessage());
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return List.of(file + ": is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema().validate(text, InputFormat.YAML)) {
            NodePath at = error.getInstanceLocation();
            problems.add(file + ":" + line(root, at) + ": " + pointer(at) + ": " + error.getMessage());
        }
        return problems;
    }

    private static Schema schema() {
        if (schema == null) {
            try (InputStream in = RouteFiles.class.getClassLoader().getResourceAsStream(SCHEMA)) {
                if (in == null) {
                    throw new IllegalStateException(SCHEMA + " is not on the class path (camel-yaml-dsl)");
                }
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + SCHEMA, e);
            }
        }
        return schema;
    }

    /** The line (1-based) of the YAML node the path leads to, as far as it leads. */
    private static int line(Node root, NodePath path) {
        Node node = root;
        for (int i = 0; node != null && i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            Node next = null;
            if (node instanceof SequenceNode sequence && element instanceof Integer index && index < sequence.getValue().size()) {
                next = sequence.getValue().get(index);
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(String.valueOf(element))) {
                        next = tuple.getValueNode();
                    }
                }
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    private static String pointer(NodePath path) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            text.append('/').append(path.getElement(i));
        }
        return text.length() == 0 ? "/" : text.toString();
    }
}
