package org.fractionball.lms.events.imports;

import java.util.UUID;

/** Every row of an import was processed; {@code failedRows} counts rows, not messages (D20e). */
public record ImportCompleted(UUID jobId, int totalRows, int importedRows, int failedRows) {
}
