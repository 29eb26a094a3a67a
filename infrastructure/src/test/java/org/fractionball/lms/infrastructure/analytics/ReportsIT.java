package org.fractionball.lms.infrastructure.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of contract §5.19: exact CSV bytes (columns, order, blanks, excel quoting, CRLF),
 * school scoping, the parameter errors (D29: every dated report checks the order), the audit of every
 * export, and the reports dashboard listing them.
 */
class ReportsIT extends AnalyticsApiSupport {
    private static final Instant MARCH_4 = Instant.parse("2025-03-04T10:00:00Z");
    private static final Instant MARCH_5 = Instant.parse("2025-03-05T08:30:00.250Z");

    @Test
    void reportsStreamExactCsvScopedToTheSchoolAndAreAudited() {
        String domain = unique("reports") + ".edu";
        long schoolId = school(domain);
        Account owner = account(Role.TEACHER, schoolId);
        Account viewer = account(Role.TEACHER, schoolId);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, schoolId);
        Account admin = account(Role.ADMIN, school(unique("reports-other") + ".edu"));
        Item video = publishedVideo(owner, schoolAdmin, "Halves, \"and\" quarters", "3", "number_line",
                Instant.parse("2025-03-01T09:00:00Z"));
        Item sheet = publishedResource(owner, schoolAdmin, "Worksheet", 2_048L, Instant.parse("2025-03-01T09:30:00Z"));
        UUID first = view(video, viewer, MARCH_4, 90, 0.5);
        progress(first, video, viewer, 1, 120, 0.75, MARCH_4.plusSeconds(60));
        UUID second = view(video, owner, MARCH_5, null, null);
        download(sheet, viewer, 2_048L, MARCH_5);
        awaitProjections();

        String school = "School " + domain;
        String ownerName = "Test TEACHER";
        assertThat(csv("/api/reports/views/?start_date=2025-03-04&end_date=2025-03-05", schoolAdmin,
                "video_views_report_2025-03-04_2025-03-05.csv")).isEqualTo(lines(
                "Date,Video Title,Video Owner,School,Grade,Topic,Viewer Name,Viewer Email,Duration Watched (seconds),"
                        + "Completion Percentage,Session ID,Viewed At",
                "2025-03-05,\"Halves, \"\"and\"\" quarters\"," + ownerName + "," + school + ",Grade 3,Number Line,"
                        + ownerName + "," + owner.uid() + "@example.edu,,,session-" + second
                        + ",2025-03-05T08:30:00.250000+00:00",
                "2025-03-04,\"Halves, \"\"and\"\" quarters\"," + ownerName + "," + school + ",Grade 3,Number Line,"
                        + ownerName + "," + viewer.uid() + "@example.edu,120,0.75,session-" + first
                        + ",2025-03-04T10:00:00+00:00"));
        // an admin narrows to the school; a school admin's school_id is ignored
        assertThat(csv("/api/reports/views/?start_date=2025-03-04&end_date=2025-03-04&school_id=" + schoolId,
                admin, "video_views_report_2025-03-04_2025-03-04.csv")).contains("session-" + first)
                .doesNotContain("session-" + second);
        assertThat(csv("/api/reports/downloads/?start_date=2025-03-05&end_date=2025-03-05&school_id=999999",
                schoolAdmin, "resource_downloads_report_2025-03-05_2025-03-05.csv")).isEqualTo(lines(
                "Date,Resource Title,Resource Owner,School,File Type,Grade,Topic,Downloader Name,Downloader Email,"
                        + "File Size (bytes),Download Completed,Downloaded At",
                "2025-03-05,Worksheet," + ownerName + "," + school + ",PDF Document,Grade 3,Number Line," + ownerName
                        + "," + viewer.uid() + "@example.edu,2048,Yes,2025-03-05T08:30:00.250000+00:00"));
        assertThat(csv("/api/reports/analytics-summary/?start_date=2025-03-01&end_date=2025-03-31", schoolAdmin,
                "analytics_summary_2025-03-01_2025-03-31.csv")).isEqualTo(lines(
                "Content Title,Content Type,Owner,School,Grade,Topic,Total Views,Unique Viewers,"
                        + "Total Watch Time (seconds),Average Completion Rate,Status,Created Date",
                "\"Halves, \"\"and\"\" quarters\",Video," + ownerName + "," + school + ",Grade 3,Number Line,2,2,120,"
                        + "75.0%,Published,2025-03-01"));
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(csv("/api/reports/content/?type=resource", schoolAdmin,
                "resource_inventory_report_" + today + ".csv")).isEqualTo(lines(
                "Title,Description,Owner,School,File Type,Grade,Topic,File Size (bytes),Status,Tags,Created At,"
                        + "Updated At",
                "Worksheet,," + ownerName + "," + school + ",PDF Document,Grade 3,Number Line,2048,Published,,"
                        + "2025-03-01T09:30:00+00:00,2025-03-01T09:32:00+00:00"));
        assertThat(csv("/api/reports/content/?status=PENDING", schoolAdmin, "video_inventory_report_" + today
                + ".csv")).isEqualTo(lines("Title,Description,Owner,School,Grade,Topic,Duration (seconds),"
                + "File Size (bytes),Status,Tags,Created At,Updated At,Submitted At,Reviewed By,Reviewed At"));
        awaitProjections();

        List<String> audited = jdbc.queryForList("""
                SELECT metadata::text FROM audit_log_view WHERE action = 'REPORT_EXPORTED' AND actor_id = ?
                ORDER BY created_at""", String.class, schoolAdmin.id());
        assertThat(audited).hasSize(5);
        assertThat(audited.get(0)).isEqualTo("{\"end_date\": \"2025-03-05\", \"filename\": "
                + "\"video_views_report_2025-03-04_2025-03-05.csv\", \"school_id\": \"" + schoolId
                + "\", \"start_date\": \"2025-03-04\", \"report_type\": \"video_views\"}");
        assertThat(audited.get(2)).as("the analytics summary is audited too (D29)").contains(
                "\"report_type\": \"analytics_summary\"");
        assertThat(audited.get(4)).isEqualTo("{\"filename\": \"video_inventory_report_" + today + ".csv\", "
                + "\"school_id\": \"" + schoolId + "\", \"report_type\": \"video_inventory\", \"status_filter\": "
                + "\"PENDING\"}");

        JsonNode dashboard = ok("/api/reports/dashboard/", schoolAdmin);
        assertThat(dashboard.get("available_reports").findValuesAsText("endpoint")).containsExactly(
                "/api/reports/views/", "/api/reports/downloads/", "/api/reports/content/",
                "/api/reports/analytics-summary/");
        assertThat(dashboard.get("recent_exports").size()).isEqualTo(5);
        assertThat(dashboard.get("recent_exports").get(4).toString()).startsWith("{\"report_type\":\"video_views\","
                + "\"filename\":\"video_views_report_2025-03-04_2025-03-05.csv\",\"parameters\":{\"start_date\":"
                + "\"2025-03-04\",\"end_date\":\"2025-03-05\",\"school_id\":\"" + schoolId + "\"},\"exported_at\":");
        assertThat(dashboard.get("usage_stats").get("user_exports").asLong()).isEqualTo(5);
        assertThat(dashboard.get("user_permissions").toString()).isEqualTo("{\"can_export_school_data\":true,"
                + "\"can_export_all_schools\":false,\"school_name\":\"" + school + "\"}");
    }

    @Test
    void badParametersAre400sAndTeachersAreRefused() {
        long school = school(unique("reports-bad") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account admin = account(Role.ADMIN, school);
        long before = exports();

        refused("/api/reports/views/", schoolAdmin, 400,
                "{\"error\":\"start_date and end_date parameters are required (YYYY-MM-DD format)\"}");
        refused("/api/reports/analytics-summary/?start_date=2025-03-01", schoolAdmin, 400,
                "{\"error\":\"start_date and end_date parameters are required\"}");
        refused("/api/reports/views/?start_date=2025-3-1&end_date=2025-03-02", schoolAdmin, 400,
                "{\"error\":\"Invalid date format. Use YYYY-MM-DD\"}");
        refused("/api/reports/downloads/?start_date=2025-02-30&end_date=2025-03-02", schoolAdmin, 400,
                "{\"error\":\"Invalid date format. Use YYYY-MM-DD\"}");
        for (String report : List.of("views", "downloads", "analytics-summary")) {
            refused("/api/reports/" + report + "/?start_date=2025-03-02&end_date=2025-03-01", schoolAdmin, 400,
                    "{\"error\":\"start_date cannot be after end_date\"}");
        }
        refused("/api/reports/views/?start_date=2025-03-01&end_date=2025-03-02&school_id=abc", admin, 400,
                "{\"error\":\"Invalid school_id format\"}");
        refused("/api/reports/content/?type=playlist", schoolAdmin, 400,
                "{\"error\":\"Invalid type. Must be \\\"video\\\" or \\\"resource\\\"\"}");
        refused("/api/reports/dashboard/", teacher, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}");
        refused("/api/reports/content/", teacher, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}");
        awaitProjections();
        assertThat(exports()).as("nothing refused is audited").isEqualTo(before);
    }

    private String csv(String path, Account caller, String filename) {
        Api.Response response = get(path, caller);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + filename + "\"");
        return response.text();
    }

    private void refused(String path, Account caller, int status, String body) {
        Api.Response response = get(path, caller);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(status);
        assertThat(response.text()).as(path).isEqualTo(body);
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private long exports() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM audit_log_view WHERE action = 'REPORT_EXPORTED'",
                Long.class);
        return count == null ? 0 : count;
    }
}
