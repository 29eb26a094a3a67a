package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.fractionball.lms.command.imports.ImportJob;
import org.fractionball.lms.command.imports.ImportRunner;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: a 1,000-row import is run by a second application node in its own JVM, which is
 * killed (SIGKILL) while a batch of rows is in flight; this run's node then takes over the import
 * processor and finishes the job. Every row is imported exactly once: one item per row, one
 * outcome per row, one audit row per item.
 */
class BulkImportRestartIT extends BulkImportSupport {
    private static final String CONTENT_CREATED = "org.fractionball.lms.events.content.ContentCreated";
    private static final String ROWS_PROCESSED = "org.fractionball.lms.events.imports.ImportRowsProcessed";
    private static final int ROWS = 1000;
    private static final int BATCH = 100;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private Environment environment;

    @Test
    void a_node_killed_mid_import_leaves_a_job_that_finishes_with_every_row_imported_once() throws Exception {
        long school = school(unique("bulk-restart") + ".edu");
        String teacher = user(Role.TEACHER, school);
        EventProcessor localRunner = processing.eventProcessor(ImportRunner.PROCESSING_GROUP).orElseThrow();
        // this node lets go of the import processor's segment, so only the other node can run the job
        localRunner.shutDown();
        long head = count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        String jobId;
        long createdAtKill;
        long recordedAtKill;
        Process node = null;
        try {
            Api.Response response = upload(tokenFor(teacher), "thousand.csv", rows(), null);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            jobId = response.json().get("job_id").asText();
            node = startNode();
            awaitMidBatch(node, head);
            node.destroyForcibly();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            createdAtKill = created(head);
            recordedAtKill = recorded(jobId);
        } finally {
            if (node != null && node.isAlive()) {
                node.destroyForcibly();
            }
            localRunner.start();
        }
        assertThat(createdAtKill).isLessThan(ROWS);
        // rows created but not yet recorded: the restarted runner meets them again
        assertThat(createdAtKill).isGreaterThan(recordedAtKill);

        // the killed node's claim on the segment lapses after the claim timeout (10 s)
        JsonNode status = awaitFinished(tokenFor(teacher), jobId, Duration.ofSeconds(120));

        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("processed_rows").asInt()).isEqualTo(ROWS);
        assertThat(status.get("successful_imports").asInt()).isEqualTo(ROWS);
        assertThat(status.get("failed_imports").asInt()).isZero();
        assertThat(status.get("errors").size()).isZero();
        UUID job = UUID.fromString(jobId);
        Set<Integer> rows = new HashSet<>();
        for (JsonNode item : status.get("created_items")) {
            int row = item.get("row").asInt();
            assertThat(rows.add(row)).as("row %d reported once", row).isTrue();
            assertThat(item.get("id").asText()).isEqualTo(ImportJob.contentIdOf(job, row).toString());
            assertThat(item.get("title").asText()).isEqualTo("Video " + row);
        }
        assertThat(rows).hasSize(ROWS);
        assertThat(created(head)).isEqualTo(ROWS);
        assertThat(recorded(jobId)).isEqualTo(ROWS);
        awaitProjections();
        assertThat(count("SELECT count(*) FROM content_view WHERE school_id = ?", school)).isEqualTo(ROWS);
        assertThat(count("SELECT count(DISTINCT title) FROM content_view WHERE school_id = ?", school))
                .isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM audit_log_view WHERE action = 'CONTENT_BULK_IMPORTED' "
                + "AND metadata ->> 'job_id' = ?", jobId)).isEqualTo(ROWS);
        assertThat(count("SELECT count(DISTINCT metadata ->> 'row_number') FROM audit_log_view WHERE action = "
                + "'CONTENT_BULK_IMPORTED' AND metadata ->> 'job_id' = ?", jobId)).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM audit_log_view WHERE action = 'BULK_UPLOAD_COMPLETED' "
                + "AND metadata ->> 'job_id' = ?", jobId)).isEqualTo(1);
    }

    /** Waits until the node has created at least two batches' rows and is early in a batch (rows in flight). */
    private void awaitMidBatch(Process node, long head) {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            long created = created(head);
            if (created >= 2 * BATCH && created % BATCH >= 1 && created % BATCH <= BATCH / 2) {
                return;
            }
            assertThat(node.isAlive()).as("the second node is running (see target/import-node.log)").isTrue();
            assertThat(created).as("the second node imports slowly enough to be killed mid-way").isLessThan(ROWS);
            assertThat(System.nanoTime()).as("the second node started importing in time").isLessThan(deadline);
            sleep(5);
        }
    }

    private long created(long head) {
        return count("SELECT count(*) FROM domain_event_entry WHERE global_index > ? AND payload_type = ?", head,
                CONTENT_CREATED);
    }

    /** Rows whose outcome the job recorded, from its events. */
    private long recorded(String jobId) {
        return count("SELECT coalesce(sum(jsonb_array_length(convert_from(payload, 'UTF8')::jsonb -> 'outcomes')), 0) "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?", "import-" + jobId,
                ROWS_PROCESSED);
    }

    /** The application in a JVM of its own, on this run's database and Redis. */
    private Process startNode() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), LmsApplication.class.getName(),
                "--spring.profiles.active=test", "--server.port=0", "--lms.storage.backend=filesystem",
                "--lms.storage.filesystem.directory=" + TestStorage.directory(),
                "--spring.datasource.hikari.maximum-pool-size=12"));
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.data.redis.url", "lms.redis.key-prefix", "lms.firebase.project-id",
                "lms.firebase.credentials-path", "lms.firebase.check-revoked")) {
            String value = environment.getProperty(key);
            if (value != null) {
                command.add("--" + key + "=" + value);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/import-node.log"));
        // the database and Redis are given above; the runbook's variables would point elsewhere
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("REDIS_URL");
        return builder.start();
    }

    private static String rows() {
        StringBuilder csv = new StringBuilder("title,storage_uri,grade,topic,tags,duration\r\n");
        for (int row = 1; row <= ROWS; row++) {
            csv.append("Video ").append(row).append(",https://videos.example.org/").append(row)
                    .append(".mp4,3,number_line,\"drill,court\",").append(60 + row).append("\r\n");
        }
        return csv.toString();
    }
}
