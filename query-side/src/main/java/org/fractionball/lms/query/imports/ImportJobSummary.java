package org.fractionball.lms.query.imports;

import java.time.Instant;
import java.util.UUID;

/** An import job in a job list: what it imports, who uploaded it, and how far it got. */
public record ImportJobSummary(UUID jobId, String kind, String fileName, int rowCount, Instant startedAt,
                               String status, int successCount, int errorCount, String uploaderName,
                               String uploaderEmail, String schoolName) {
}
