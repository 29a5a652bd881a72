package com.wooodoo.sync.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.wooodoo.sync.api.ApiException;
import com.wooodoo.sync.api.RequestFields;
import com.wooodoo.sync.api.StartRequests;
import com.wooodoo.sync.connector.Connections;
import com.wooodoo.sync.connector.ExternalSystem;
import com.wooodoo.sync.orchestration.SyncRequest;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schedules of {@code config/schedules.yaml} (or {@code wooodoo.schedules-file}), read and
 * checked once every bean exists: a wrong entry stops start-up with the file, the entry and what
 * is wrong. The fields of the start an entry makes are checked by the API's own reading of a
 * start ({@link StartRequests}), so a schedule can start exactly what a caller could.
 */
@Component
public class ScheduleCatalog implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCatalog.class);
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final Set<String> FIELDS = Set.of("id", "description", "organisation", "cron", "timeZone", "systems",
            "entityTypes", "syncConfig", "whenStillActive", "misfire");
    private static final Set<String> START_FIELDS = Set.of("systems", "entityTypes", "syncConfig");

    private final Path file;
    private final StartRequests startRequests;
    private final Connections connections;
    private volatile Map<String, Schedule> schedules = Map.of();

    public ScheduleCatalog(ScheduleProperties properties, StartRequests startRequests, Connections connections) {
        this.file = Path.of(properties.getSchedulesFile());
        this.startRequests = startRequests;
        this.connections = connections;
    }

    @Override
    public void afterSingletonsInstantiated() {
        schedules = read();
        LOG.info("{} schedule(s) from {}: {}", schedules.size(), file, schedules.keySet());
    }

    public List<Schedule> all() {
        return List.copyOf(schedules.values());
    }

    public Optional<Schedule> find(String id) {
        return Optional.ofNullable(schedules.get(id));
    }

    /** Reads and checks the file; an absent file means no schedules. */
    Map<String, Schedule> read() {
        if (!Files.exists(file)) {
            LOG.info("No schedules file at {}: no syncs are started by the clock", file.toAbsolutePath());
            return Map.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ScheduleConfigException(file + " is not valid YAML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, Schedule> read = new LinkedHashMap<>();
        JsonNode entries = root == null ? null : root.get("schedules");
        if (root == null || !root.isObject() || entries == null || !entries.isArray()) {
            throw new ScheduleConfigException(file + ": expected a list under 'schedules:' (it may be empty: schedules: [])");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String name = "entry " + (i + 1) + (entry.path("id").isTextual() ? " '" + entry.get("id").asText() + "'" : "");
            List<String> wrong = new ArrayList<>();
            Schedule schedule = entry.isObject() ? check(entry, wrong) : null;
            if (!entry.isObject()) {
                wrong.add("is not a mapping of fields");
            } else if (schedule != null && !ids.add(schedule.id())) {
                wrong.add("id: '" + schedule.id() + "' is used by an earlier entry");
            }
            wrong.forEach(w -> problems.add(file + ", schedule " + name + ": " + w));
            if (wrong.isEmpty() && schedule != null) {
                read.put(schedule.id(), schedule);
            }
        }
        if (!problems.isEmpty()) {
            throw new ScheduleConfigException("The schedules cannot be used; fix them and start again:\n  "
                    + String.join("\n  ", problems));
        }
        return read;
    }

    private Schedule check(JsonNode entry, List<String> wrong) {
        entry.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                wrong.add(f + ": unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(FIELDS)));
            }
        });
        String id = text(entry, "id", wrong);
        if (id != null && !ID.matcher(id).matches()) {
            wrong.add("id: use lower-case letters, digits and dashes (at most 63), e.g. nightly-customers");
        }
        String org = text(entry, "organisation", wrong);
        String cron = text(entry, "cron", wrong);
        if (cron != null) {
            try {
                new CronExpression(cron);
            } catch (ParseException e) {
                wrong.add("cron: '" + cron + "' is not a Quartz cron expression (seconds minutes hours day-of-month "
                        + "month day-of-week [year], e.g. '0 0 2 * * ?'): " + e.getMessage());
            }
        }
        String zone = entry.path("timeZone").asText("UTC");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            wrong.add("timeZone: '" + zone + "' is not a time zone (e.g. Europe/Berlin, UTC)");
        }
        Schedule.WhenStillActive whenActive = choice(entry, "whenStillActive", Schedule.WhenStillActive.class,
                Schedule.WhenStillActive.SKIP, wrong);
        Schedule.Misfire misfire = choice(entry, "misfire", Schedule.Misfire.class, Schedule.Misfire.RUN_ONCE, wrong);

        Map<String, JsonNode> start = new LinkedHashMap<>();
        START_FIELDS.forEach(f -> {
            if (entry.has(f)) {
                start.put(f, entry.get(f));
            }
        });
        if (org != null) {
            try {
                SyncRequest request = startRequests.read(org, "schedule:" + id, RequestFields.of(start, false));
                for (ExternalSystem system : List.of(request.source(), request.target())) {
                    boolean configured = system == ExternalSystem.WOOCOMMERCE ? connections.wooCommerce(org).isPresent()
                            : connections.odoo(org).isPresent();
                    if (!configured) {
                        wrong.add("organisation: '" + org + "' has no " + system.id() + " connection (configure it under "
                                + "wooodoo.organizations." + org + "." + system.id() + ")");
                    }
                }
            } catch (ApiException e) {
                e.details().forEach(d -> wrong.add(d.field() + ": " + d.message()));
                if (e.details().isEmpty()) {
                    wrong.add(e.getMessage());
                }
            }
        }
        return wrong.isEmpty() ? new Schedule(id, org, cron, zone, start, whenActive, misfire) : null;
    }

    private static String text(JsonNode entry, String field, List<String> wrong) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            wrong.add(field + ": is required");
            return null;
        }
        if (!value.isTextual()) {
            wrong.add(field + ": must be text");
            return null;
        }
        return value.asText().strip();
    }

    private static <E extends Enum<E>> E choice(JsonNode entry, String field, Class<E> type, E fallback,
                                                List<String> wrong) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String wanted = value.asText().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E option : type.getEnumConstants()) {
            if (option.name().equals(wanted)) {
                return option;
            }
        }
        wrong.add(field + ": '" + value.asText() + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(o -> o.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        return fallback;
    }
}
