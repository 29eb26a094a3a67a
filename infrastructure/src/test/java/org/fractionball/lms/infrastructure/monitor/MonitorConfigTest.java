package org.fractionball.lms.infrastructure.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorConfigTest {

    @Test
    void the_file_merges_into_the_defaults_key_by_key_and_the_environment_wins(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("production.json"), """
                {"base_url": "https://lms.example.edu/", "thresholds": {"response_time_ms": 1500},
                 "alerts": {"email": {"smtp_host": "smtp.example.edu", "to": ["file@example.edu"]}}}""");
        MonitorConfig config = MonitorConfig.load(file, Map.of(
                "ALERT_EMAIL_TO", "a@example.edu, b@example.edu",
                "SMTP_PORT", "2525",
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x"));
        assertThat(config.baseUrl()).isEqualTo("https://lms.example.edu");
        assertThat(config.responseTimeMs()).isEqualTo(1500);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.repeatMinutes()).isEqualTo(60);
        assertThat(config.email().get("smtp_host").asText()).isEqualTo("smtp.example.edu");
        assertThat(config.email().get("smtp_port").asInt()).isEqualTo(2525);
        assertThat(config.email().get("smtp_starttls").asBoolean()).isTrue();
        assertThat(config.emailTo()).containsExactly("a@example.edu", "b@example.edu");
        assertThat(config.slackWebhookUrl()).isEqualTo("https://hooks.slack.com/services/T/B/x");
        assertThat(config.describe()).contains("\"slack_webhook_url\" : \"***\"").doesNotContain("hooks.slack.com");
    }

    @Test
    void without_a_file_the_defaults_apply_and_a_file_that_is_not_an_object_is_refused(@TempDir Path dir)
            throws IOException {
        MonitorConfig defaults = MonitorConfig.load(null, Map.of());
        assertThat(defaults.baseUrl()).isEqualTo("http://localhost:8000");
        assertThat(defaults.slackWebhookUrl()).isNull();
        assertThat(defaults.emailTo()).isEqualTo(List.of());
        Path array = Files.writeString(dir.resolve("bad.json"), "[1, 2]");
        assertThatThrownBy(() -> MonitorConfig.load(array, Map.of())).hasMessageEndingWith("must hold a JSON object");
    }
}
