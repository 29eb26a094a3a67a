package org.fractionball.lms.projections.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.imports.ImportCompleted;
import org.fractionball.lms.events.imports.ImportFailed;
import org.fractionball.lms.events.imports.ImportProblem;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.imports.ImportRowsProcessed;
import org.fractionball.lms.events.imports.ImportStarted;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code import_job_view}: a job is QUEUED when started, PROCESSING once a batch of rows was
 * recorded (with {@code processed_rows} of {@code total_rows}), then COMPLETED or FAILED.
 */
@Component
@ProcessingGroup(ProjectionNames.IMPORTS)
public class ImportJobProjection {
    public static final String QUEUED = "QUEUED";
    public static final String PROCESSING = "PROCESSING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ImportJobProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ImportStarted event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO import_job_view (id, kind, uploader_id, school_id, file_name, file_size, headers, status,
                                             total_rows, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
                event.jobId(), event.kind().category(), event.uploaderId(), event.schoolId(), event.fileName(),
                event.fileSize(), json(event.headers()), QUEUED, event.rows().size(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(ImportRowsProcessed event) {
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> warnings = new ArrayList<>();
        List<Map<String, Object>> created = new ArrayList<>();
        for (ImportRowOutcome outcome : event.outcomes()) {
            outcome.warnings().forEach(warning -> warnings.add(problem(outcome.row(), warning)));
            if (outcome.imported()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", event.kind().category());
                item.put("id", outcome.contentId().toString());
                item.put("title", outcome.title());
                item.put("row", outcome.row());
                created.add(item);
            } else {
                errors.add(problem(outcome.row(), outcome.error()));
            }
        }
        jdbc.update("""
                UPDATE import_job_view
                SET status = ?, processed_rows = ?, successful_imports = successful_imports + ?,
                    failed_imports = failed_imports + ?, errors = errors || ?::jsonb,
                    warnings = warnings || ?::jsonb, created_items = created_items || ?::jsonb
                WHERE id = ?""",
                PROCESSING, event.nextRow() - 1, created.size(), errors.size(), json(errors), json(warnings),
                json(created), event.jobId());
    }

    @EventHandler
    void on(ImportCompleted event, @Timestamp Instant at) {
        jdbc.update("UPDATE import_job_view SET status = ?, completed_at = ? WHERE id = ?", COMPLETED,
                java.sql.Timestamp.from(at), event.jobId());
    }

    @EventHandler
    void on(ImportFailed event, @Timestamp Instant at) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "SYSTEM_ERROR");
        error.put("message", event.reason());
        error.put("row", null);
        jdbc.update("UPDATE import_job_view SET status = ?, completed_at = ?, errors = errors || ?::jsonb "
                + "WHERE id = ?", FAILED, java.sql.Timestamp.from(at), json(List.of(error)), event.jobId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE import_job_view");
    }

    private static Map<String, Object> problem(int row, ImportProblem problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("row", row);
        entry.put("type", problem.type());
        entry.put("message", problem.message());
        return entry;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
