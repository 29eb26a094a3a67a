package org.fractionball.lms.infrastructure.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.query.courses.CourseEnrolmentStats;
import org.fractionball.lms.query.courses.CourseInProgress;
import org.fractionball.lms.query.courses.FindCourseEnrolmentStats;
import org.fractionball.lms.query.courses.FindCoursesInProgress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The queries the dashboards read, against PostgreSQL: a teacher's courses in progress with their
 * percent complete, and per course open to a school its users' enrolments and completions.
 */
class CourseDashboardQueriesIT extends CourseApiSupport {
    @Autowired
    private QueryGateway queries;

    @Test
    void aTeachersCoursesInProgressWithTheirPercentComplete() {
        long school = school(unique("dashboard-progress") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        UUID relay = activity(admin, unique("Relay"));
        UUID pizza = activity(admin, unique("Pizza"));
        UUID line = activity(admin, unique("Line"));
        String thirds = publishedCourse(schoolAdmin, "Thirds", List.of(item("activity", relay), item("activity", pizza),
                item("activity", line)));
        String halves = publishedCourse(admin, "Halves", List.of(item("activity", relay), item("activity", pizza)));
        String finished = publishedCourse(schoolAdmin, "Finished", List.of(item("activity", relay)));
        String first = enrol(thirds, teacher);
        String second = enrol(halves, teacher);
        String third = enrol(finished, teacher);
        progress(first, relay, teacher);
        progress(third, relay, teacher);
        progress(second, pizza, teacher);
        awaitProjections();

        List<CourseInProgress> inProgress = queries.query(new FindCoursesInProgress(teacher.id()),
                ResponseTypes.multipleInstancesOf(CourseInProgress.class)).join();
        assertThat(inProgress).extracting(CourseInProgress::courseTitle, CourseInProgress::completedItems,
                        CourseInProgress::totalItems, CourseInProgress::percentComplete)
                .containsExactly(tuple("Halves", 1, 2, new BigDecimal("50.0")),
                        tuple("Thirds", 1, 3, new BigDecimal("33.3")));
        CourseInProgress latest = inProgress.get(0);
        assertThat(latest.enrolmentId()).isEqualTo(UUID.fromString(second));
        assertThat(latest.courseId()).isEqualTo(UUID.fromString(halves));
        assertThat(latest.lastActivityAt()).isEqualTo(jdbc.queryForObject("SELECT updated_at FROM enrolment_view "
                + "WHERE id = ?::uuid", Timestamp.class, second).toInstant());
        assertThat(latest.enrolledAt()).isBefore(latest.lastActivityAt()).isAfter(Instant.now().minusSeconds(600));

        // the teacher dashboard's enrolments block
        JsonNode dashboard = ok("/api/dashboard/", teacher).get("enrolments").get("in_progress");
        assertThat(dashboard).hasSize(2);
        assertThat(dashboard.get(0).get("course_title").asText()).isEqualTo("Halves");
        assertThat(dashboard.get(0).get("enrolment_id").asText()).isEqualTo(second);
        assertThat(dashboard.get(0).get("percent_complete").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(dashboard.get(1).get("course_title").asText()).isEqualTo("Thirds");
        assertThat(dashboard.get(1).get("completed_items").asInt()).isEqualTo(1);
        assertThat(dashboard.get(1).get("total_items").asInt()).isEqualTo(3);
    }

    @Test
    void perCourseEnrolmentsAndCompletionsOfOneSchool() {
        long school = school(unique("dashboard-stats") + ".edu");
        long other = school(unique("dashboard-stats-other") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account otherAdmin = account(Role.SCHOOL_ADMIN, other);
        Account a = account(Role.TEACHER, school);
        Account b = account(Role.TEACHER, school);
        Account c = account(Role.TEACHER, school);
        Account elsewhere = account(Role.TEACHER, other);
        UUID relay = activity(admin, unique("Relay"));
        String ours = publishedCourse(schoolAdmin, "B ours", List.of(item("activity", relay)));
        String global = publishedCourse(admin, unique("A global"), List.of(item("activity", relay)));
        createCourse(schoolAdmin, fields("title", "C draft"));
        publishedCourse(otherAdmin, "Theirs", List.of(item("activity", relay)));
        progress(enrol(ours, a), relay, a);
        enrol(ours, b);
        succeeds(post("/api/enrolments/" + enrol(ours, c) + "/withdraw/", null, c));
        progress(enrol(global, a), relay, a);
        enrol(global, elsewhere);
        awaitProjections();

        List<CourseEnrolmentStats> stats = queries.query(new FindCourseEnrolmentStats(school),
                ResponseTypes.multipleInstancesOf(CourseEnrolmentStats.class)).join().stream()
                .filter(s -> s.courseId().toString().equals(ours) || s.courseId().toString().equals(global)
                        || s.title().equals("C draft") || s.title().equals("Theirs")).toList();
        String globalTitle = jdbc.queryForObject("SELECT title FROM course_view WHERE id = ?::uuid", String.class,
                global);
        assertThat(stats).containsExactly(
                new CourseEnrolmentStats(UUID.fromString(global), globalTitle, "published", 1, 0, 1, 0),
                new CourseEnrolmentStats(UUID.fromString(ours), "B ours", "published", 3, 1, 1, 1));

        // the school stats' enrolments block
        JsonNode block = ok("/api/admin/schools/" + school + "/stats/", admin).get("enrolments");
        JsonNode oursRow = null;
        for (JsonNode row : block) {
            if (row.get("course_id").asText().equals(ours)) {
                oursRow = row;
            }
        }
        assertThat(oursRow).as(block.toString()).isNotNull();
        assertThat(oursRow.toString()).isEqualTo("{\"course_id\":\"" + ours + "\",\"title\":\"B ours\","
                + "\"status\":\"published\",\"enrolments\":3,\"active\":1,\"completed\":1,\"withdrawn\":1}");
    }

    private String enrol(String course, Account teacher) {
        return post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
    }

    private void progress(String enrolment, UUID item, Account teacher) {
        succeeds(post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", item.toString(), "status",
                "completed"), teacher));
    }
}
