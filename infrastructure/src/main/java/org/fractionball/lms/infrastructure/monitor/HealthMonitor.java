package org.fractionball.lms.infrastructure.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fractionball.lms.infrastructure.database.RunbookEnvironment;
import org.fractionball.lms.infrastructure.health.HealthLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar lms.jar health-monitor [--config monitor.json] [--verbose]}: the runbook's
 * health_monitor.py. Checks the API's liveness and response time, every dependency its readiness
 * endpoint reports, and the database directly (it must be told when the app is down too), then
 * alerts the Slack webhook and e-mail recipients at the runbook's levels. Alerts go out when a
 * check's level changes, again every {@code alerts.repeat_minutes} while it stays bad, and as INFO
 * once it is resolved; the levels last alerted are kept in {@code state_file} between runs (cron).
 * Exit code 0 when nothing is CRITICAL, 1 when something is, 2 on a usage or configuration error.
 */
public final class HealthMonitor {
    static final String USAGE = "usage: health-monitor [--config <monitor.json>] [--verbose]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitorConfig config;
    private final PrintStream out;
    private final boolean verbose;
    private final HttpClient http;
    private final Clock clock;

    HealthMonitor(MonitorConfig config, PrintStream out, boolean verbose, Clock clock) {
        this.config = config;
        this.out = out;
        this.verbose = verbose;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    public static int run(String[] args, PrintStream out, Map<String, String> env) {
        Path configFile = null;
        boolean verbose = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--verbose")) {
                verbose = true;
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else {
                out.println(USAGE);
                return 2;
            }
        }
        MonitorConfig config;
        try {
            config = MonitorConfig.load(configFile, env);
        } catch (IOException | RuntimeException invalid) {
            out.println("health-monitor: cannot read the configuration: " + invalid.getMessage());
            return 2;
        }
        return new HealthMonitor(config, out, verbose, Clock.systemUTC()).runOnce();
    }

    int runOnce() {
        if (verbose) {
            out.println("Configuration: " + config.describe());
        }
        List<MonitorCheck> checks = new ArrayList<>();
        MonitorCheck api = checkApi();
        checks.add(api);
        if (api.level() != HealthLevel.CRITICAL) {
            checks.addAll(checkReadiness());
        }
        if (config.databaseUrl() != null) {
            checks.add(checkDatabase());
        }
        HealthLevel overall = HealthLevel.HEALTHY;
        for (MonitorCheck check : checks) {
            overall = overall.worst(check.level());
            if (verbose || check.level() != HealthLevel.HEALTHY) {
                out.println("[" + check.level() + "] " + check.name() + ": " + check.message());
            }
        }
        alert(checks);
        out.println("Overall: " + overall + " (" + checks.size() + " checks)");
        return overall == HealthLevel.CRITICAL ? 1 : 0;
    }

    private MonitorCheck checkApi() {
        String url = config.baseUrl() + "/api/healthz/";
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = get(url);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            JsonNode body = parse(response.body());
            if (response.statusCode() != 200 || !"healthy".equals(body.path("status").asText())) {
                return new MonitorCheck("api", HealthLevel.CRITICAL, "system down: " + url + " answered "
                        + response.statusCode());
            }
            return ms > config.responseTimeMs()
                    ? new MonitorCheck("api", HealthLevel.WARNING, "high response time: " + ms + " ms (threshold "
                    + config.responseTimeMs() + " ms)")
                    : new MonitorCheck("api", HealthLevel.HEALTHY, "up, " + ms + " ms");
        } catch (IOException | InterruptedException | RuntimeException down) {
            return new MonitorCheck("api", HealthLevel.CRITICAL, "system down: " + url + " unreachable ("
                    + describe(down) + ")");
        }
    }

    private List<MonitorCheck> checkReadiness() {
        String url = config.baseUrl() + "/api/readyz/";
        List<MonitorCheck> found = new ArrayList<>();
        try {
            HttpResponse<String> response = get(url);
            JsonNode checks = parse(response.body()).path("checks");
            if (!checks.isObject()) {
                return List.of(new MonitorCheck("readiness", HealthLevel.CRITICAL, url + " answered "
                        + response.statusCode() + " without checks"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> check = it.next();
                HealthLevel level = HealthLevel.valueOf(check.getValue().path("status").asText("CRITICAL"));
                found.add(new MonitorCheck("app." + check.getKey(), level,
                        check.getValue().path("reason").asText("ok")));
            }
            return found;
        } catch (IOException | InterruptedException | RuntimeException failed) {
            return List.of(new MonitorCheck("readiness", HealthLevel.CRITICAL, url + " failed (" + describe(failed) + ")"));
        }
    }

    private MonitorCheck checkDatabase() {
        Map<String, Object> jdbc = RunbookEnvironment.jdbcPropertiesOf(config.databaseUrl());
        Properties properties = new Properties();
        if (jdbc.get("spring.datasource.username") != null) {
            properties.put("user", jdbc.get("spring.datasource.username"));
        }
        if (jdbc.get("spring.datasource.password") != null) {
            properties.put("password", jdbc.get("spring.datasource.password"));
        }
        String timeout = Long.toString(Math.max(1, config.timeout().toSeconds()));
        properties.put("connectTimeout", timeout);
        properties.put("socketTimeout", timeout);
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection((String) jdbc.get("spring.datasource.url"), properties)) {
            connection.createStatement().execute("SELECT 1");
            return new MonitorCheck("database", HealthLevel.HEALTHY, "reachable, "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        } catch (SQLException unreachable) {
            return new MonitorCheck("database", HealthLevel.CRITICAL, "database unreachable: " + unreachable.getMessage());
        }
    }

    /** Alerts on changed levels, repeats, and resolutions; remembers what it alerted in the state file. */
    private void alert(List<MonitorCheck> checks) {
        ObjectNode state = readState();
        ObjectNode next = JSON.createObjectNode();
        Instant now = clock.instant();
        Duration repeat = Duration.ofMinutes(config.repeatMinutes());
        List<String> critical = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (MonitorCheck check : checks) {
            JsonNode previous = state.get(check.name());
            if (check.level() == HealthLevel.HEALTHY) {
                if (previous != null) {
                    resolved.add(check.name() + ": resolved (" + check.message() + ")");
                }
                continue;
            }
            boolean changed = previous == null || !previous.path("level").asText().equals(check.level().name());
            boolean due = previous != null
                    && Instant.parse(previous.path("alerted_at").asText()).plus(repeat).isBefore(now.plusSeconds(1));
            ObjectNode remembered = next.putObject(check.name());
            remembered.put("level", check.level().name());
            if (changed || due) {
                (check.level() == HealthLevel.CRITICAL ? critical : warning).add(check.name() + ": " + check.message());
                remembered.put("alerted_at", now.toString());
            } else {
                remembered.put("alerted_at", previous.path("alerted_at").asText());
            }
        }
        AlertTargets targets = new AlertTargets(config, http, out);
        String where = " at " + config.baseUrl();
        if (!critical.isEmpty()) {
            targets.send(new Alert(Alert.Level.CRITICAL, "Fraction Ball LMS: " + critical.size() + " critical" + where,
                    critical));
        }
        if (!warning.isEmpty()) {
            targets.send(new Alert(Alert.Level.WARNING, "Fraction Ball LMS: " + warning.size() + " warning" + where,
                    warning));
        }
        if (!resolved.isEmpty()) {
            targets.send(new Alert(Alert.Level.INFO, "Fraction Ball LMS: " + resolved.size() + " resolved" + where,
                    resolved));
        }
        writeState(next);
    }

    private ObjectNode readState() {
        Path file = config.stateFile();
        try {
            if (file != null && Files.exists(file) && JSON.readTree(file.toFile()) instanceof ObjectNode state) {
                return state;
            }
        } catch (IOException unreadable) {
            out.println("Ignoring unreadable state file " + file + ": " + unreadable.getMessage());
        }
        return JSON.createObjectNode();
    }

    private void writeState(ObjectNode state) {
        Path file = config.stateFile();
        if (file == null) {
            return;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, state.toPrettyString());
        } catch (IOException failed) {
            out.println("Cannot write the state file " + file + ": " + failed.getMessage());
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String describe(Exception failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
