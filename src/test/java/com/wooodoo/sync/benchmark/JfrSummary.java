package com.wooodoo.sync.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Flight Recorder file's CPU samples ({@code jdk.ExecutionSample}) summed up: by the library the
 * sampled method is in (self time), by method (self time), and by the innermost frame of the
 * project on the stack (time of the project's code and what it called).
 */
final class JfrSummary {

    final Map<String, Integer> byLibrary = new HashMap<>();
    final Map<String, Integer> byMethod = new HashMap<>();
    final Map<String, Integer> byProjectFrame = new HashMap<>();
    final Map<String, Integer> byThread = new HashMap<>();
    int total;

    static JfrSummary of(Path recording) throws IOException {
        JfrSummary summary = new JfrSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            summary.total++;
            List<RecordedFrame> frames = stack.getFrames();
            RecordedFrame top = frames.get(0);
            String type = top.getMethod().getType().getName();
            summary.byLibrary.merge(library(type), 1, Integer::sum);
            summary.byMethod.merge(simple(type) + "." + top.getMethod().getName(), 1, Integer::sum);
            String project = "(no frame of the project)";
            for (RecordedFrame frame : frames) {
                String name = frame.getMethod().getType().getName();
                if (name.startsWith("com.wooodoo.")) {
                    project = simple(name) + "." + frame.getMethod().getName();
                    break;
                }
            }
            summary.byProjectFrame.merge(project, 1, Integer::sum);
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            summary.byThread.merge(thread == null ? "?" : thread.replaceAll("#\\d+", "#n").replaceAll("-\\d+$", "-n"), 1,
                    Integer::sum);
        }
        return summary;
    }

    static String library(String type) {
        String[][] groups = {
                {"com.wooodoo.sync.sandbox.", "the simulators (sandbox)"},
                {"com.wooodoo.", "the service's own code"},
                {"com.fasterxml.jackson.", "Jackson (JSON)"},
                {"org.apache.camel.", "Camel"},
                {"org.postgresql.", "PostgreSQL JDBC driver"},
                {"com.zaxxer.hikari.", "HikariCP"},
                {"org.springframework.", "Spring"},
                {"org.apache.hc.", "Apache HttpClient"},
                {"io.github.resilience4j.", "Resilience4j"},
                {"io.micrometer.", "Micrometer"},
                {"org.apache.catalina.", "Tomcat"},
                {"org.apache.tomcat.", "Tomcat"},
                {"org.apache.coyote.", "Tomcat"},
                {"ch.qos.logback.", "Logback"},
                {"org.slf4j.", "Logback"},
                {"sun.net.httpserver.", "JDK HTTP server (simulators)"},
                {"java.net.http.", "JDK HTTP client"},
                {"jdk.internal.net.http.", "JDK HTTP client"},
                {"java.util.regex.", "JDK regex"},
                {"sun.nio.", "JDK I/O"},
                {"java.io.", "JDK I/O"},
                {"java.net.", "JDK I/O"},
                {"java.lang.invoke.", "JDK reflection/invoke"},
                {"java.lang.reflect.", "JDK reflection/invoke"},
                {"jdk.internal.reflect.", "JDK reflection/invoke"},
                {"java.util.", "JDK collections and util"},
                {"java.lang.", "JDK lang (strings, …)"},
                {"java.time.", "JDK time"},
                {"java.security.", "JDK security"},
                {"sun.security.", "JDK security"},
        };
        for (String[] group : groups) {
            if (type.startsWith(group[0])) {
                return group[1];
            }
        }
        return "other (" + String.join(".", java.util.Arrays.asList(type.split("\\.")).subList(0,
                Math.min(2, type.split("\\.").length))) + ")";
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(n).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
