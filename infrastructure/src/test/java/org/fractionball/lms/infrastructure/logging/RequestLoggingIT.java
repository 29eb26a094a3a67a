package org.fractionball.lms.infrastructure.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.web.RequestIdFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request id joins the JSON access line on stdout, the response header, the metadata of the
 * event the request caused, and that event's audit log row.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingIT extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void one_request_id_joins_the_log_line_the_response_and_the_audited_event(CapturedOutput output)
            throws InterruptedException {
        long school = school(unique("logs") + ".edu");
        String teacher = user(Role.TEACHER, school);
        long userId = api().get("/api/me/").token(tokenFor(teacher)).send().json().get("id").asLong();
        String requestId = "it-" + UUID.randomUUID();

        Api.Response created = api().post("/api/playlists/", """
                        {"name": "Logged", "description": "", "is_public": false}""")
                .token(tokenFor(teacher)).header(RequestIdFilter.REQUEST_ID_HEADER, requestId).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header(RequestIdFilter.REQUEST_ID_HEADER)).isEqualTo(requestId);

        JsonNode line = accessLine(output, requestId);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo(RequestIdFilter.ACCESS_LOGGER);
        assertThat(line.get("message").asText()).startsWith("POST /api/playlists/ 201 ");
        assertThat(line.get("route").asText()).isEqualTo("/api/playlists/");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("status").asText()).isEqualTo("201");
        assertThat(line.get("user_id").asText()).isEqualTo(Long.toString(userId));
        assertThat(line.get("school").asText()).isEqualTo(Long.toString(school));
        assertThat(line.get("correlation_id").asText()).isEqualTo(requestId);
        assertThat(Long.parseLong(line.get("latency_ms").asText())).isNotNegative();
        assertThat(Instant.parse(line.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT event_identifier, payload_type FROM domain_event_entry
                WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'requestId' = ?""", requestId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("payload_type")).isEqualTo("org.fractionball.lms.events.playlists.PlaylistCreated");
        awaitProjections();
        Long audited = jdbc.queryForObject("SELECT count(*) FROM audit_log_view WHERE event_id = ?", Long.class,
                events.get(0).get("event_identifier"));
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void a_client_correlation_id_is_kept_and_a_malformed_request_id_replaced(CapturedOutput output)
            throws InterruptedException {
        String correlation = "corr-" + UUID.randomUUID();
        Api.Response response = api().get("/api/me/").header(RequestIdFilter.REQUEST_ID_HEADER, "bad id with spaces")
                .header(RequestIdFilter.CORRELATION_ID_HEADER, correlation).send();
        assertThat(response.status()).isEqualTo(401);
        String requestId = response.header(RequestIdFilter.REQUEST_ID_HEADER);
        assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);

        JsonNode line = accessLine(output, requestId);
        assertThat(line.get("correlation_id").asText()).isEqualTo(correlation);
        assertThat(line.get("status").asText()).isEqualTo("401");
        assertThat(line.has("user_id")).isFalse();
    }

    /** The access line of the request, which is written just after the response went out. */
    private static JsonNode accessLine(CapturedOutput output, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<JsonNode> found = new ArrayList<>();
            for (String text : output.getOut().split("\n")) {
                if (text.startsWith("{") && text.contains(requestId)) {
                    try {
                        JsonNode line = JSON.readTree(text);
                        if (requestId.equals(line.path("request_id").asText())
                                && RequestIdFilter.ACCESS_LOGGER.equals(line.path("logger").asText())) {
                            found.add(line);
                        }
                    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                        // another writer's partial line
                    }
                }
            }
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(50);
        }
    }
}
