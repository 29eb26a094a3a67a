package org.fractionball.lms.events.imports;

import java.util.UUID;

/** An import stopped before its last row (the contract's {@code SYSTEM_ERROR}); rows already imported stay. */
public record ImportFailed(UUID jobId, int processedRows, String reason) {
}
