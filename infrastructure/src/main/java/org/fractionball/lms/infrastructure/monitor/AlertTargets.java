package org.fractionball.lms.infrastructure.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;

/**
 * Sends alerts to the Slack incoming webhook and by SMTP, each when configured. A target that
 * fails is reported on the monitor's output and does not stop the other.
 */
final class AlertTargets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonitorConfig config;
    private final HttpClient http;
    private final PrintStream out;

    AlertTargets(MonitorConfig config, HttpClient http, PrintStream out) {
        this.config = config;
        this.http = http;
        this.out = out;
    }

    void send(Alert alert) {
        if (config.slackWebhookUrl() != null) {
            try {
                postToSlack(alert);
            } catch (Exception failure) {
                out.println("Slack alert failed: " + failure.getMessage());
            }
        }
        JsonNode email = config.email();
        List<String> to = config.emailTo();
        if (!email.path("smtp_host").isNull() && !email.path("from").isNull() && !to.isEmpty()) {
            try {
                mail(alert, email, to);
            } catch (Exception failure) {
                out.println("E-mail alert failed: " + failure.getMessage());
            }
        }
    }

    private void postToSlack(Alert alert) throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("text", alert.subject());
        ObjectNode attachment = payload.putArray("attachments").addObject();
        attachment.put("color", alert.level().slackColor);
        attachment.put("title", alert.subject());
        attachment.put("text", alert.body());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.slackWebhookUrl()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void mail(Alert alert, JsonNode email, List<String> to) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.get("smtp_host").asText());
        sender.setPort(email.get("smtp_port").asInt());
        if (!email.path("smtp_user").isNull()) {
            sender.setUsername(email.get("smtp_user").asText());
            sender.setPassword(email.path("smtp_password").asText(null));
        }
        long timeoutMs = config.timeout().toMillis();
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.auth", Boolean.toString(!email.path("smtp_user").isNull()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(email.get("smtp_starttls").asBoolean()));
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeoutMs));
        properties.put("mail.smtp.timeout", Long.toString(timeoutMs));
        properties.put("mail.smtp.writetimeout", Long.toString(timeoutMs));
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(email.get("from").asText());
        message.setTo(to.toArray(String[]::new));
        message.setSubject(alert.subject());
        message.setText(alert.body());
        sender.send(message);
    }
}
