package org.fractionball.lms.infrastructure.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The health monitor's settings: built-in defaults, deep-merged with the JSON config file (objects
 * merge key by key, anything else replaces), then the runbook's variables, which win when set:
 * {@code SLACK_WEBHOOK_URL}, {@code ALERT_EMAIL_FROM}, {@code ALERT_EMAIL_TO} (comma-separated),
 * {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USER}, {@code SMTP_PASSWORD},
 * {@code SMTP_STARTTLS}, {@code DATABASE_URL}, {@code LMS_BASE_URL}.
 */
public final class MonitorConfig {
    static final String DEFAULTS = """
            {
              "base_url": "http://localhost:8000",
              "timeout_seconds": 10,
              "database_url": null,
              "state_file": "/var/tmp/lms-health-monitor.json",
              "thresholds": {
                "response_time_ms": 2000
              },
              "alerts": {
                "repeat_minutes": 60,
                "slack_webhook_url": null,
                "email": {
                  "from": null,
                  "to": [],
                  "smtp_host": null,
                  "smtp_port": 587,
                  "smtp_user": null,
                  "smtp_password": null,
                  "smtp_starttls": true
                }
              }
            }""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode settings;

    private MonitorConfig(JsonNode settings) {
        this.settings = settings;
    }

    /** Defaults, then {@code file} (when not null), then {@code env}. */
    public static MonitorConfig load(Path file, Map<String, String> env) throws IOException {
        ObjectNode merged = (ObjectNode) JSON.readTree(DEFAULTS);
        if (file != null) {
            JsonNode fromFile = JSON.readTree(Files.readString(file));
            if (!(fromFile instanceof ObjectNode object)) {
                throw new IOException(file + " must hold a JSON object");
            }
            deepMerge(merged, object);
        }
        ObjectNode alerts = (ObjectNode) merged.get("alerts");
        ObjectNode email = (ObjectNode) alerts.get("email");
        override(env, "LMS_BASE_URL", merged, "base_url");
        override(env, "DATABASE_URL", merged, "database_url");
        override(env, "SLACK_WEBHOOK_URL", alerts, "slack_webhook_url");
        override(env, "ALERT_EMAIL_FROM", email, "from");
        override(env, "SMTP_HOST", email, "smtp_host");
        override(env, "SMTP_USER", email, "smtp_user");
        override(env, "SMTP_PASSWORD", email, "smtp_password");
        if (hasText(env.get("SMTP_PORT"))) {
            email.put("smtp_port", Integer.parseInt(env.get("SMTP_PORT").trim()));
        }
        if (hasText(env.get("SMTP_STARTTLS"))) {
            email.put("smtp_starttls", Boolean.parseBoolean(env.get("SMTP_STARTTLS").trim()));
        }
        if (hasText(env.get("ALERT_EMAIL_TO"))) {
            ArrayNode to = email.putArray("to");
            for (String address : env.get("ALERT_EMAIL_TO").split(",")) {
                if (!address.isBlank()) {
                    to.add(address.trim());
                }
            }
        }
        return new MonitorConfig(merged);
    }

    static void deepMerge(ObjectNode target, ObjectNode source) {
        source.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
                deepMerge(existingObject, sourceObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    public String baseUrl() {
        return text(settings.get("base_url")).replaceAll("/+$", "");
    }

    public Duration timeout() {
        return Duration.ofMillis(Math.round(settings.get("timeout_seconds").asDouble() * 1000));
    }

    public String databaseUrl() {
        return text(settings.get("database_url"));
    }

    public Path stateFile() {
        String path = text(settings.get("state_file"));
        return path == null ? null : Path.of(path);
    }

    public long responseTimeMs() {
        return settings.get("thresholds").get("response_time_ms").asLong();
    }

    public long repeatMinutes() {
        return settings.get("alerts").get("repeat_minutes").asLong();
    }

    public String slackWebhookUrl() {
        return text(settings.get("alerts").get("slack_webhook_url"));
    }

    public JsonNode email() {
        return settings.get("alerts").get("email");
    }

    public List<String> emailTo() {
        List<String> to = new ArrayList<>();
        email().get("to").forEach(address -> to.add(address.asText()));
        return to;
    }

    /** The merged settings, passwords masked, as --verbose shows them. */
    public String describe() {
        ObjectNode shown = settings.deepCopy();
        ObjectNode email = (ObjectNode) shown.get("alerts").get("email");
        if (hasText(text(email.get("smtp_password")))) {
            email.put("smtp_password", "***");
        }
        if (hasText(text(shown.get("alerts").get("slack_webhook_url")))) {
            ((ObjectNode) shown.get("alerts")).put("slack_webhook_url", "***");
        }
        if (hasText(text(shown.get("database_url")))) {
            shown.put("database_url", text(shown.get("database_url")).replaceAll("//[^@/]*@", "//***@"));
        }
        return shown.toPrettyString();
    }

    private static void override(Map<String, String> env, String variable, ObjectNode target, String field) {
        if (hasText(env.get(variable))) {
            target.put(field, env.get(variable).trim());
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
