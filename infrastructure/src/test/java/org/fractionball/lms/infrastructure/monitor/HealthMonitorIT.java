package org.fractionball.lms.infrastructure.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.fractionball.lms.infrastructure.database.EmbeddedPostgresServer;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health monitor against real things: the running app (HTTP), a PostgreSQL server of its own
 * that the test stops and starts, a JDK HTTP server standing in for Slack's webhook, and GreenMail
 * as the SMTP server. A stopped database is one CRITICAL alert to both targets (not repeated on
 * the next run), exit code 1; once it is back, an INFO "resolved" and exit code 0.
 */
class HealthMonitorIT extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> slack = new CopyOnWriteArrayList<>();
    private HttpServer slackStandIn;
    private GreenMail smtp;
    private Path work;
    private Path backup;

    @BeforeEach
    void targets() throws IOException {
        slackStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slackStandIn.createContext("/services/T000/B000/hook", exchange -> {
            slack.add(JSON.readTree(exchange.getRequestBody()));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slackStandIn.start();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        work = Files.createDirectories(Path.of("target", "health-monitor-" + UUID.randomUUID().toString().substring(0, 8)))
                .toAbsolutePath();
        // a fresh backup, so that the app's own checks have nothing to warn about in that respect
        backup = Files.writeString(Path.of(TestStorage.backupDirectory(), "lms_test_monitor.dump"), "PGDMP");
    }

    @AfterEach
    void stopTargets() throws IOException {
        slackStandIn.stop(0);
        smtp.stop();
        Files.deleteIfExists(backup);
    }

    @Test
    void a_stopped_database_raises_one_critical_alert_and_its_return_resolves_it() throws Exception {
        int pgPort = freePort();
        Path data = work.resolve("postgres");
        EmbeddedPostgresServer database = EmbeddedPostgresServer.start(data, "watched", pgPort);
        Path config = work.resolve("production.json");
        Files.writeString(config, """
                {
                  "base_url": "http://127.0.0.1:%d/",
                  "timeout_seconds": 5,
                  "database_url": "postgres://postgres@127.0.0.1:%d/watched",
                  "state_file": "%s",
                  "alerts": {
                    "slack_webhook_url": "http://127.0.0.1:9/replaced-by-the-environment",
                    "email": {"smtp_host": "127.0.0.1", "smtp_port": %d, "smtp_starttls": false}
                  }
                }""".formatted(port, pgPort, work.resolve("state.json"), smtp.getSmtp().getPort()));
        Map<String, String> env = Map.of(
                "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slackStandIn.getAddress().getPort() + "/services/T000/B000/hook",
                "ALERT_EMAIL_FROM", "alerts@fractionball.edu",
                "ALERT_EMAIL_TO", "admin@fractionball.edu, ops@fractionball.edu");
        try {
            Run healthy = monitor(config, env);
            assertThat(healthy.exitCode).as(healthy.output).isZero();
            assertThat(healthy.output).contains("[HEALTHY] api: up, ", "[HEALTHY] database: reachable, ",
                    "[HEALTHY] app.postgresql: ok");
            assertThat(criticalAlerts()).isEmpty();

            database.close();
            Run down = monitor(config, env);
            assertThat(down.exitCode).as(down.output).isEqualTo(1);
            assertThat(down.output).contains("[CRITICAL] database: database unreachable: ");
            assertThat(criticalAlerts()).hasSize(1);
            JsonNode alert = criticalAlerts().get(0);
            String title = "[CRITICAL] Fraction Ball LMS: 1 critical at http://127.0.0.1:" + port;
            assertThat(alert.get("text").asText()).isEqualTo(title);
            assertThat(alert.get("attachments").get(0).get("color").asText()).isEqualTo("danger");
            assertThat(alert.get("attachments").get(0).get("text").asText()).startsWith("database: database unreachable: ");
            MimeMessage[] mails = smtp.getReceivedMessages();
            List<MimeMessage> critical = List.of(mails).stream().filter(mail -> subject(mail).equals(title)).toList();
            // one message, delivered to each of the two recipients
            assertThat(critical).hasSize(2);
            assertThat(critical.get(0).getFrom()[0].toString()).isEqualTo("alerts@fractionball.edu");
            assertThat(List.of(critical.get(0).getRecipients(Message.RecipientType.TO)).stream().map(Object::toString))
                    .containsExactly("admin@fractionball.edu", "ops@fractionball.edu");
            assertThat(((String) critical.get(0).getContent()).trim()).startsWith("database: database unreachable: ");

            Run stillDown = monitor(config, env);
            assertThat(stillDown.exitCode).isEqualTo(1);
            assertThat(criticalAlerts()).as("not repeated within repeat_minutes").hasSize(1);

            database = EmbeddedPostgresServer.start(data, "watched", pgPort);
            Run back = monitor(config, env);
            assertThat(back.exitCode).as(back.output).isZero();
            List<JsonNode> resolved = slack.stream()
                    .filter(message -> message.get("text").asText().startsWith("[INFO] ")).toList();
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).get("text").asText())
                    .isEqualTo("[INFO] Fraction Ball LMS: 1 resolved at http://127.0.0.1:" + port);
            assertThat(resolved.get(0).get("attachments").get(0).get("text").asText())
                    .startsWith("database: resolved (reachable, ");
            assertThat(resolved.get(0).get("attachments").get(0).get("color").asText()).isEqualTo("good");
        } finally {
            database.close();
        }
    }

    @Test
    void an_unreachable_app_is_critical_and_a_bad_command_line_is_a_usage_error() throws Exception {
        Path config = work.resolve("down.json");
        Files.writeString(config, """
                {"base_url": "http://127.0.0.1:%d", "timeout_seconds": 2, "state_file": null}""".formatted(freePort()));
        Run down = monitor(config, Map.of(
                "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slackStandIn.getAddress().getPort() + "/services/T000/B000/hook"));
        assertThat(down.exitCode).isEqualTo(1);
        assertThat(down.output).contains("[CRITICAL] api: system down: http://127.0.0.1:");
        assertThat(criticalAlerts()).hasSize(1);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = HealthMonitor.run(new String[]{"health-monitor", "--bogus"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of());
        assertThat(code).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(HealthMonitor.USAGE + System.lineSeparator());
    }

    private List<JsonNode> criticalAlerts() {
        return slack.stream().filter(message -> message.get("text").asText().startsWith("[CRITICAL] ")).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run monitor(Path config, Map<String, String> env) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = HealthMonitor.run(new String[]{"health-monitor", "--config", config.toString(), "--verbose"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8), env);
        return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
