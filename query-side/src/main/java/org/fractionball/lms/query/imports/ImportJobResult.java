package org.fractionball.lms.query.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** An import job as {@code import_job_view} keeps it; the outcome lists are the stored JSON arrays. */
public record ImportJobResult(UUID jobId, long uploaderId, long schoolId, String status, int totalRows,
                              int processedRows, int successfulImports, int failedImports, JsonNode errors,
                              JsonNode warnings, JsonNode createdItems, Instant startedAt, Instant completedAt) {
}
