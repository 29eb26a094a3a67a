package org.fractionball.lms.events.imports;

import org.fractionball.lms.events.content.ContentKind;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user uploaded a bulk CSV of videos or resources (contract §5.18); its rows wait to be
 * imported. The file's data rows travel in the event (at most 1,000 rows of a 10 MiB file), as
 * cells by trimmed header name, so the job and its data commit together and nothing else has to
 * be kept. Row {@code n} of the contract is {@code rows.get(n - 1)}.
 */
public record ImportStarted(UUID jobId, ContentKind kind, long uploaderId, long schoolId, String fileName,
                            long fileSize, List<String> headers, List<Map<String, String>> rows) {

    public ImportStarted {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }
}
