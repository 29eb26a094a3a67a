package org.fractionball.lms.query.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Contract §5.18 job reads, live from the imports projection: a job's status is readable by its
 * uploader and by the admins of its school (D20a; ADMINs of any school), and shows
 * {@code processed_rows} of {@code total_rows} while it runs.
 */
@RestController
@Tag(name = "Bulk import")
@ReadsFrom({ProjectionNames.IMPORTS, ProjectionNames.ACCOUNTS})
public class ImportJobQueryController {
    static final int OWN_JOBS = 10;
    static final int SCHOOL_JOBS = 50;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
            "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final List<String> ROW_KEYS = List.of("row", "type", "message");
    private static final List<String> SYSTEM_ERROR_KEYS = List.of("type", "message", "row");
    private static final List<String> ITEM_KEYS = List.of("type", "id", "title", "row");

    private final QueryGateway queries;

    public ImportJobQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Status of an import job (its uploader, its school's admins, ADMINs)")
    @GetMapping("/api/bulk/jobs/{id}/status/")
    public Map<String, Object> status(@PathVariable("id") String id, Caller caller) {
        if (!UUID_SHAPE.matcher(id).matches()) {
            throw QueryRejected.plainNotFound();
        }
        Optional<ImportJobResult> found = queries.query(new FindImportJob(UUID.fromString(id)),
                ResponseTypes.optionalInstanceOf(ImportJobResult.class)).join();
        ImportJobResult job = found.filter(j -> caller.isAdmin() || j.uploaderId() == caller.userId()
                        || j.schoolId() == caller.schoolId())
                .orElseThrow(() -> new QueryRejected(404, Map.of("error", "Job not found")));
        boolean allowed = caller.userId() == job.uploaderId() || caller.isAdmin()
                || caller.role() == Role.SCHOOL_ADMIN;
        if (!allowed) {
            throw new QueryRejected(403, Map.of("error", "Access denied"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.jobId());
        body.put("status", result(job));
        return body;
    }

    @Operation(summary = "The caller's 10 newest import jobs, newest first, with their live status")
    @GetMapping("/api/bulk/jobs/")
    public Map<String, Object> ownJobs(Caller caller) {
        List<Map<String, Object>> jobs = find(new FindImportJobs(caller.userId(), null, OWN_JOBS)).stream()
                .map(job -> listed(job, false)).toList();
        return jobList(jobs);
    }

    @Operation(summary = "The 50 newest import jobs of the caller's school (ADMIN: of every school)")
    @GetMapping("/api/bulk/jobs/school/")
    public Map<String, Object> schoolJobs(Caller caller) {
        Long school = caller.isAdmin() ? null : caller.schoolId();
        List<Map<String, Object>> jobs = find(new FindImportJobs(null, school, SCHOOL_JOBS)).stream()
                .map(job -> listed(job, true)).toList();
        return jobList(jobs);
    }

    private List<ImportJobSummary> find(FindImportJobs query) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(ImportJobSummary.class)).join();
    }

    /** The §5.18 {@code JobResult}; {@code processing_time} in seconds once completed, else null. */
    private static Map<String, Object> result(ImportJobResult job) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", job.status());
        status.put("total_rows", job.totalRows());
        status.put("processed_rows", job.processedRows());
        status.put("successful_imports", job.successfulImports());
        status.put("failed_imports", job.failedImports());
        status.put("errors", inOrder(job.errors(), error -> error.get("row").isNull() ? SYSTEM_ERROR_KEYS : ROW_KEYS));
        status.put("warnings", inOrder(job.warnings(), warning -> ROW_KEYS));
        status.put("created_items", inOrder(job.createdItems(), item -> ITEM_KEYS));
        status.put("started_at", TIMESTAMP.format(job.startedAt()));
        status.put("completed_at", job.completedAt() == null ? null : TIMESTAMP.format(job.completedAt()));
        status.put("processing_time", "COMPLETED".equals(job.status()) ? seconds(job.startedAt(), job.completedAt())
                : null);
        return status;
    }

    /** The stored entries with their keys in the contract's order (JSONB keeps its own order). */
    private static List<Map<String, JsonNode>> inOrder(JsonNode entries, Function<JsonNode, List<String>> keys) {
        List<Map<String, JsonNode>> ordered = new ArrayList<>();
        for (JsonNode entry : entries) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            keys.apply(entry).forEach(key -> copy.put(key, entry.get(key)));
            ordered.add(copy);
        }
        return ordered;
    }

    private static Map<String, Object> listed(ImportJobSummary job, boolean school) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("job_id", job.jobId());
        if (school) {
            entry.put("user_name", job.uploaderName());
            entry.put("user_email", job.uploaderEmail());
            entry.put("school_name", job.schoolName());
        }
        entry.put("file_name", job.fileName());
        entry.put("content_type", job.kind());
        entry.put("row_count", job.rowCount());
        entry.put("started_at", TIMESTAMP.format(job.startedAt()));
        entry.put("current_status", job.status());
        if (school) {
            entry.put("success_count", job.successCount());
            entry.put("error_count", job.errorCount());
        }
        return entry;
    }

    private static Map<String, Object> jobList(List<Map<String, Object>> jobs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", jobs);
        body.put("total_jobs", jobs.size());
        return body;
    }

    private static BigDecimal seconds(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).toMillis(), 3);
    }
}
