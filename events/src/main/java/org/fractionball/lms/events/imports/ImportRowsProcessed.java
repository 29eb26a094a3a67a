package org.fractionball.lms.events.imports;

import org.fractionball.lms.events.content.ContentKind;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of the consecutive rows {@code firstRow} … {@code firstRow + outcomes.size() - 1}
 * of an import: each row either created a content item or failed with one error.
 */
public record ImportRowsProcessed(UUID jobId, ContentKind kind, int firstRow, List<ImportRowOutcome> outcomes) {

    public ImportRowsProcessed {
        outcomes = List.copyOf(outcomes);
    }

    /** The first row not yet processed after this batch. */
    public int nextRow() {
        return firstRow + outcomes.size();
    }
}
