package org.fractionball.lms.query.reports;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.query.web.QueryRejected;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of a report (§5.19): the school it covers — a school admin's own, always; an
 * admin's {@code school_id} or every school — and the inclusive UTC date range.
 */
record ReportRequest(Long schoolId, LocalDate start, LocalDate end) {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SCHOOL_ID = Pattern.compile("\\d{1,18}");

    /** The school in scope: null for every school. */
    static Long school(Caller caller, Map<String, String> params) {
        if (!caller.isAdmin()) {
            return caller.schoolId();
        }
        String value = params.get("school_id");
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!SCHOOL_ID.matcher(value.strip()).matches()) {
            throw error("Invalid school_id format");
        }
        return Long.valueOf(value.strip());
    }

    /**
     * The scope and date range; {@code missing} is the report's message for absent dates. Every dated
     * report refuses a start after its end (D29: only the views report did).
     */
    static ReportRequest dated(Caller caller, Map<String, String> params, String missing) {
        String start = params.get("start_date");
        String end = params.get("end_date");
        if (start == null || start.isEmpty() || end == null || end.isEmpty()) {
            throw error(missing);
        }
        LocalDate from = date(start);
        LocalDate to = date(end);
        if (from.isAfter(to)) {
            throw error("start_date cannot be after end_date");
        }
        return new ReportRequest(school(caller, params), from, to);
    }

    private static LocalDate date(String value) {
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException invalid) {
            // reported below
        }
        throw error("Invalid date format. Use YYYY-MM-DD");
    }

    private static QueryRejected error(String message) {
        return new QueryRejected(400, Map.of("error", message));
    }
}
