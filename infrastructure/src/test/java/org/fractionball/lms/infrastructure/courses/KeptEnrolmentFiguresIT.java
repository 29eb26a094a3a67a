package org.fractionball.lms.infrastructure.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.database.ReadModelListener;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' enrolment figures are kept on the node between requests and forgotten when a change
 * of what they are computed from is heard: progress, an item leaving the read side, a removed user.
 */
class KeptEnrolmentFiguresIT extends CourseApiSupport {
    @Autowired
    private ReadModelListener listener;

    private Account admin;
    private Account schoolAdmin;
    private Account teacher;
    private UUID relay;
    private UUID pizza;

    @BeforeEach
    void setUp() {
        long school = school(unique("kept-enrolments") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        teacher = account(Role.TEACHER, school);
        relay = activity(admin, unique("Relay"));
        pizza = activity(admin, unique("Pizza"));
        awaitListening(true);
    }

    @Test
    void coursesInProgressAreKeptUntilAChangeOfTheCoursesTablesIsHeard() {
        String enrolment = enrol(publishedCourse(schoolAdmin, "Halves", List.of(item("activity", relay),
                item("activity", pizza))), teacher);
        assertThat(completedOfTotal(teacher)).isEqualTo("0/2");

        // written behind the projection's back, announcing nothing: the kept figures are served
        jdbc.update("INSERT INTO enrolment_item_view (enrolment_id, item_id, status, started_at, completed_at) "
                + "VALUES (?::uuid, ?, 'completed', now(), now())", enrolment, pizza);
        assertThat(completedOfTotal(teacher)).isEqualTo("0/2");

        ReadModelChanges.send(jdbc, ProjectionNames.COURSES);
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(completedOfTotal(teacher)).isEqualTo("1/2");
    }

    @Test
    void progressReportedJustBeforeShowsOnTheNextDashboard() {
        String enrolment = enrol(publishedCourse(schoolAdmin, "Halves", List.of(item("activity", relay),
                item("activity", pizza))), teacher);
        assertThat(completedOfTotal(teacher)).isEqualTo("0/2");

        progress(enrolment, relay, teacher);
        JsonNode halfway = inProgress(teacher).get(0);
        assertThat(halfway.get("completed_items").asInt()).isEqualTo(1);
        assertThat(halfway.get("percent_complete").decimalValue()).isEqualByComparingTo("50.0");

        progress(enrolment, pizza, teacher);
        assertThat(inProgress(teacher)).isEmpty();
    }

    @Test
    void anItemDeletedFromTheReadSideStopsCountingOnTheNextDashboard() {
        UUID clip = video(schoolAdmin, "Clip");
        enrol(publishedCourse(schoolAdmin, "Mixed", List.of(item("activity", relay), item("video", clip))), teacher);
        assertThat(completedOfTotal(teacher)).isEqualTo("0/2");

        // deleted by others: the teacher's next request sees it once this node has heard it
        succeeds(delete("/api/videos/" + clip + "/", schoolAdmin));
        awaitHeardAfterProjections();
        assertThat(completedOfTotal(teacher)).isEqualTo("0/1");

        String slug = jdbc.queryForObject("SELECT slug FROM activity_view WHERE id = ?", String.class, relay);
        succeeds(delete("/api/activities/" + slug + "/", admin));
        awaitHeardAfterProjections();
        assertThat(completedOfTotal(teacher)).isEqualTo("0/0");
    }

    @Test
    void aSchoolsEnrolmentsByCourseFollowARemovedUser() {
        Account other = account(Role.TEACHER, teacher.school());
        String course = publishedCourse(schoolAdmin, "Ours", List.of(item("activity", relay)));
        enrol(course, teacher);
        enrol(course, other);
        assertThat(enrolmentsOf(course)).isEqualTo(2);

        succeeds(delete("/api/users/" + other.id() + "/", schoolAdmin));
        awaitHeardAfterProjections();
        assertThat(enrolmentsOf(course)).isEqualTo(1);
    }

    private void awaitHeardAfterProjections() {
        awaitProjections();
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
    }

    private JsonNode inProgress(Account caller) {
        return ok("/api/dashboard/", caller).get("enrolments").get("in_progress");
    }

    private String completedOfTotal(Account caller) {
        JsonNode course = inProgress(caller).get(0);
        return course.get("completed_items").asInt() + "/" + course.get("total_items").asInt();
    }

    /** The course's row of the school admin's dashboard ({@code by_course}), its enrolments. */
    private long enrolmentsOf(String course) {
        for (JsonNode row : ok("/api/dashboard/", schoolAdmin).get("enrolments").get("by_course")) {
            if (row.get("course_id").asText().equals(course)) {
                return row.get("enrolments").asLong();
            }
        }
        throw new AssertionError("no row for course " + course);
    }

    private String enrol(String course, Account caller) {
        return post("/api/courses/" + course + "/enrol/", null, caller).json().get("id").asText();
    }

    private void progress(String enrolment, UUID item, Account caller) {
        succeeds(post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", item.toString(), "status",
                "completed"), caller));
    }
}
