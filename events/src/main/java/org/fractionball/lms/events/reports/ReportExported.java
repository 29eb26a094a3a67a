package org.fractionball.lms.events.reports;

import java.util.Map;

/**
 * A CSV report was exported (contract §5.19, fixing D29: the original exported without a trace).
 * Not tied to an aggregate; the exporting user, client address and user agent are in the event's
 * metadata. {@code schoolId} is the school the report was scoped to, null for every school.
 */
public record ReportExported(String report, Long schoolId, Map<String, String> filters) {
}
