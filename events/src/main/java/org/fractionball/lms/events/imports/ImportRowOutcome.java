package org.fractionball.lms.events.imports;

import java.util.List;
import java.util.UUID;

/**
 * What became of one CSV row: {@code contentId} of the item it created (then {@code error} is
 * null and {@code actualOwner} is the owner's e-mail), or the {@code error} that stopped it.
 * Warnings (unknown owner, unknown file type) do not stop a row.
 */
public record ImportRowOutcome(int row, UUID contentId, String title, String actualOwner, ImportProblem error,
                               List<ImportProblem> warnings) {

    public ImportRowOutcome {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean imported() {
        return contentId != null;
    }
}
