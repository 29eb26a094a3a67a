package org.fractionball.lms.query.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports dashboard (§5.19): the catalogue, and the exports as the audit projection lists them. */
@Component
class ReportsDashboard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    ReportsDashboard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Object> of(Caller caller) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("available_reports", List.of(
                report("Video Views Report", "Every tracked video view in a date range, one row per viewing session",
                        "/api/reports/views/", List.of("start_date", "end_date", "school_id (admin only)")),
                report("Resource Downloads Report", "Every resource download in a date range",
                        "/api/reports/downloads/", List.of("start_date", "end_date", "school_id (admin only)")),
                report("Content Inventory Report", "All videos or resources with their review status",
                        "/api/reports/content/", List.of("type (video/resource)", "status", "school_id (admin only)")),
                report("Analytics Summary Report", "Views, unique viewers, watch time and completion per video",
                        "/api/reports/analytics-summary/", List.of("start_date", "end_date"))));
        // the exports are found by the audit index's action index (audit_log_view keeps none by action)
        answer.put("recent_exports", jdbc.query("""
                SELECT a.metadata, a.created_at
                FROM audit_event_index i JOIN audit_log_view a ON a.event_id = i.event_id
                WHERE i.action = 'REPORT_EXPORTED' AND i.actor_id = ?
                ORDER BY a.created_at DESC, a.event_id LIMIT 10""", (rs, n) -> {
            JsonNode metadata = parse(rs.getString("metadata"));
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("report_type", metadata.path("report_type").asText());
            export.put("filename", metadata.path("filename").asText());
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (String name : List.of("start_date", "end_date", "school_id")) {
                JsonNode value = metadata.path(name);
                parameters.put(name, value.isTextual() ? value.asText() : null);
            }
            export.put("parameters", parameters);
            export.put("exported_at", rs.getTimestamp("created_at").toInstant());
            return export;
        }, caller.userId()));
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("total_system_exports", jdbc.queryForObject(
                "SELECT count(*) FROM audit_event_index WHERE action = 'REPORT_EXPORTED'", Long.class));
        usage.put("user_exports", jdbc.queryForObject(
                "SELECT count(*) FROM audit_event_index WHERE action = 'REPORT_EXPORTED' AND actor_id = ?", Long.class,
                caller.userId()));
        answer.put("usage_stats", usage);
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("can_export_school_data", caller.isSchoolAdminOrAbove());
        permissions.put("can_export_all_schools", caller.isAdmin());
        List<String> school = jdbc.queryForList("SELECT name FROM school_view WHERE id = ?", String.class,
                caller.schoolId());
        permissions.put("school_name", school.isEmpty() ? "" : school.get(0));
        answer.put("user_permissions", permissions);
        return answer;
    }

    private static Map<String, Object> report(String name, String description, String endpoint,
                                              List<String> parameters) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", name);
        report.put("description", description);
        report.put("endpoint", endpoint);
        report.put("parameters", parameters);
        report.put("format", "CSV");
        return report;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException corrupt) {
            throw new IllegalStateException("audit_log_view holds invalid JSON", corrupt);
        }
    }
}
