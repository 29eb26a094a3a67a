package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.fractionball.lms.command.imports.ImportRunner;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job whose uploader is removed before its rows run fails as a whole (contract §5.18
 * {@code SYSTEM_ERROR}): nothing is imported, the school's admin sees why, and it is audited.
 */
class BulkImportFailureIT extends BulkImportSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void a_job_whose_uploader_is_gone_fails_with_a_system_error() throws Exception {
        long school = school(unique("bulk-fail") + ".edu");
        String teacher = user(Role.TEACHER, school);
        String schoolAdmin = user(Role.SCHOOL_ADMIN, school);
        EventProcessor runner = processing.eventProcessor(ImportRunner.PROCESSING_GROUP).orElseThrow();
        String jobId;
        // the job waits while its uploader is removed
        runner.shutDown();
        try {
            Api.Response response = upload(tokenFor(teacher), "two.csv", VIDEO_HEADER
                    + "Halves drill,,,,,,https://videos.example.org/h.mp4,\r\n"
                    + "Thirds drill,,,,,,https://videos.example.org/t.mp4,\r\n", null);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            jobId = response.json().get("job_id").asText();
            Api.Response removal = api().delete("/api/users/" + userId(teacher) + "/").token(tokenFor(schoolAdmin))
                    .send();
            assertThat(removal.status()).as(removal.toString()).isEqualTo(204);
        } finally {
            runner.start();
        }

        JsonNode status = awaitFinished(tokenFor(schoolAdmin), jobId, Duration.ofSeconds(30));

        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("processed_rows").asInt()).isZero();
        assertThat(status.get("successful_imports").asInt()).isZero();
        assertThat(status.get("created_items").size()).isZero();
        assertThat(status.get("errors").toString()).isEqualTo("[{\"type\":\"SYSTEM_ERROR\",\"message\":"
                + "\"The uploader's account no longer exists\",\"row\":null}]");
        assertThat(status.get("completed_at").asText()).matches(TIMESTAMP);
        assertThat(status.get("processing_time").isNull()).isTrue();
        awaitProjections();
        assertThat(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE action = "
                + "'BULK_UPLOAD_FAILED' AND metadata ->> 'job_id' = ?", String.class, jobId))
                .isEqualTo("{\"job_id\": \"" + jobId + "\", \"reason\": \"The uploader's account no longer exists\", "
                        + "\"processed_rows\": 0}");
        assertThat(count("SELECT count(*) FROM content_view WHERE school_id = ?", school)).isZero();
    }
}
