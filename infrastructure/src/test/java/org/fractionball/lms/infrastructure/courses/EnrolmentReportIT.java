package org.fractionball.lms.infrastructure.courses;

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
 * {@code GET /api/reports/enrolments/}: the CSV of §5.19's conventions, school-scoped for school
 * admins, narrowed by course, status and dates, refused to teachers, and audited on every export.
 */
class EnrolmentReportIT extends CourseApiSupport {
    private static final String HEADER = "Course,Course School,Teacher Name,Teacher Email,School,Status,"
            + "Completed Items,Total Items,Percent Complete,Enrolled At,Completed At,Withdrawn At\r\n";

    @Test
    void aSchoolAdminExportsItsSchoolsEnrolmentsNewestFirstAndTheExportIsAudited() {
        long school = school(unique("report") + ".edu");
        long other = school(unique("report-other") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account first = account(Role.TEACHER, school);
        Account second = account(Role.TEACHER, school);
        Account elsewhere = account(Role.TEACHER, other);
        UUID relay = activity(admin, unique("Relay"));
        UUID pizza = activity(admin, unique("Pizza"));
        String title = unique("Global, \"quoted\" unit");
        String course = publishedCourse(admin, title, List.of(item("activity", relay), item("activity", pizza)));
        JsonNode older = post("/api/courses/" + course + "/enrol/", null, first).json();
        JsonNode completed = post("/api/enrolments/" + older.get("id").asText() + "/progress/", fields("item_id",
                relay.toString(), "status", "completed"), first).json();
        JsonNode newer = post("/api/courses/" + course + "/enrol/", null, second).json();
        JsonNode withdrawn = post("/api/enrolments/" + newer.get("id").asText() + "/withdraw/", null, second).json();
        succeeds(post("/api/courses/" + course + "/enrol/", null, elsewhere));
        awaitProjections();

        Api.Response report = get("/api/reports/enrolments/?course=" + course + "&school_id=" + other, schoolAdmin);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.header("Content-Type")).isEqualTo("text/csv;charset=utf-8");
        String filename = "course_enrolments_report_" + LocalDate.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
        assertThat(report.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + filename + "\"");
        String schoolName = "School " + jdbc.queryForObject("SELECT domain FROM school_view WHERE id = ?",
                String.class, school);
        String quoted = "\"" + title.replace("\"", "\"\"") + "\"";
        assertThat(report.text()).isEqualTo(HEADER
                + quoted + ",Global,Test TEACHER," + second.uid() + "@example.edu," + schoolName + ",Withdrawn,0,2,0.0%,"
                + iso(newer.get("enrolled_at")) + ",," + iso(withdrawn.get("withdrawn_at")) + "\r\n"
                + quoted + ",Global,Test TEACHER," + first.uid() + "@example.edu," + schoolName + ",Active,1,2,50.0%,"
                + iso(older.get("enrolled_at")) + ",,\r\n");
        assertThat(completed.get("completed_items").asInt()).isEqualTo(1);
        awaitProjections();
        assertThat(jdbc.queryForObject("""
                SELECT action || ' ' || actor_id || ' ' || metadata::text FROM audit_log_view
                WHERE action = 'REPORT_EXPORTED' AND actor_id = ?""", String.class, schoolAdmin.id()))
                .isEqualTo("REPORT_EXPORTED " + schoolAdmin.id() + " {\"course\": \"" + course + "\", \"filename\": \""
                        + filename + "\", \"school_id\": \"" + school + "\", \"report_type\": \"course_enrolments\"}");

        Api.Response onlyOther = get("/api/reports/enrolments/?course=" + course + "&school_id=" + other, admin);
        assertThat(onlyOther.text()).startsWith(HEADER).contains(elsewhere.uid()).doesNotContain(first.uid());
        assertThat(onlyOther.text().split("\r\n")).hasSize(2);
        Api.Response everyone = get("/api/reports/enrolments/?course=" + course + "&status=active", admin);
        assertThat(everyone.text().split("\r\n")).hasSize(3);
        Api.Response today = get("/api/reports/enrolments/?course=" + course + "&start_date="
                + LocalDate.now(ZoneOffset.UTC) + "&end_date=" + LocalDate.now(ZoneOffset.UTC), admin);
        assertThat(today.text().split("\r\n")).hasSize(4);
        Api.Response yesterday = get("/api/reports/enrolments/?course=" + course + "&end_date="
                + LocalDate.now(ZoneOffset.UTC).minusDays(1), admin);
        assertThat(yesterday.text()).isEqualTo(HEADER);
    }

    @Test
    void teachersAreRefusedAndBadParametersAreClearErrors() {
        long school = school(unique("report-refusals") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        Api.Response refused = get("/api/reports/enrolments/", teacher);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).isEqualTo(FORBIDDEN);
        assertThat(get("/api/reports/enrolments/?school_id=abc", admin).text())
                .isEqualTo("{\"error\":\"Invalid school_id format\"}");
        assertThat(get("/api/reports/enrolments/?start_date=2025-13-01", admin).text())
                .isEqualTo("{\"error\":\"Invalid date format. Use YYYY-MM-DD\"}");
        assertThat(get("/api/reports/enrolments/?start_date=2025-05-02&end_date=2025-05-01", admin).text())
                .isEqualTo("{\"error\":\"start_date cannot be after end_date\"}");
        assertThat(get("/api/reports/enrolments/?status=done", admin).text())
                .isEqualTo("{\"error\":\"Invalid status. Must be one of active, completed, withdrawn\"}");
        assertThat(get("/api/reports/enrolments/?course=1", admin).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log_view WHERE action = 'REPORT_EXPORTED' "
                + "AND actor_id IN (?, ?)", Long.class, admin.id(), teacher.id())).isZero();
    }

    /** The API's datetime as the report writes it: ISO-8601 with +00:00, microseconds only when non-zero. */
    private static String iso(JsonNode apiTime) {
        Instant at = Instant.parse(apiTime.asText());
        String pattern = at.getNano() == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";
        return at.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(pattern)) + "+00:00";
    }
}
