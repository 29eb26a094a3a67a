package org.fractionball.lms.infrastructure.courses;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The courses read model is rebuilt from the event store to exactly the rows it had, and every
 * course and enrolment event leaves its audit row.
 */
class CourseProjectionIT extends CourseApiSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildingTheCoursesProjectionReproducesTheSameRows() {
        long school = school(unique("course-rebuild") + ".edu");
        long gone = school(unique("course-rebuild-gone") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        Account removed = account(Role.TEACHER, school);
        Account goneAdmin = account(Role.SCHOOL_ADMIN, gone);
        UUID relay = activity(admin, unique("Relay"));
        UUID clip = video(schoolAdmin, "Clip");
        String course = publishedCourse(schoolAdmin, unique("Rebuilt"), List.of(item("activity", relay),
                item("video", clip)), "grade_band", "K-2");
        succeeds(patch("/api/courses/" + course + "/", fields("description", "Changed."), schoolAdmin));
        String global = publishedCourse(admin, unique("Global"), List.of(item("activity", relay)));
        String draft = createCourse(schoolAdmin, fields("title", unique("Deleted draft"))).get("id").asText();
        succeeds(delete("/api/courses/" + draft + "/", schoolAdmin));
        String enrolment = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        succeeds(post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", relay.toString(), "status",
                "started"), teacher));
        succeeds(post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", clip.toString(), "status",
                "completed"), teacher));
        String done = post("/api/courses/" + global + "/enrol/", null, teacher).json().get("id").asText();
        succeeds(post("/api/enrolments/" + done + "/progress/", fields("item_id", relay.toString(), "status",
                "completed"), teacher));
        String withdrawn = post("/api/courses/" + course + "/enrol/", null, removed).json().get("id").asText();
        succeeds(post("/api/enrolments/" + withdrawn + "/withdraw/", null, removed));
        succeeds(delete("/api/users/" + removed.id() + "/", schoolAdmin));
        publishedCourse(goneAdmin, unique("Gone"), List.of(item("activity", relay)));
        succeeds(delete("/api/schools/" + gone + "/", admin));
        succeeds(post("/api/courses/" + global + "/archive/", null, admin));
        awaitProjections();
        String before = checksum();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM course_view WHERE school_id = ?", Long.class, gone))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM enrolment_view WHERE id = ?::uuid", String.class, done))
                .isEqualTo("completed");

        TrackingEventProcessor processor = processing.eventProcessor(ProjectionNames.COURSES,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(processor.getMessageSource().createTailToken());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM course_view", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view", Long.class)).isZero();
        processor.start();
        awaitProjections();
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void courseAndEnrolmentEventsAreAudited() {
        long school = school(unique("course-audit") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        UUID relay = activity(admin, unique("Relay"));
        String title = unique("Audited");
        String course = createCourse(schoolAdmin, fields("title", title, "items", List.of(item("activity", relay))))
                .get("id").asText();
        succeeds(patch("/api/courses/" + course + "/", fields("grade_band", "4"), schoolAdmin));
        succeeds(post("/api/courses/" + course + "/publish/", null, schoolAdmin));
        String enrolment = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        succeeds(post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", relay.toString(), "status",
                "completed"), teacher));
        succeeds(post("/api/courses/" + course + "/archive/", null, schoolAdmin));
        awaitProjections();

        List<String> rows = jdbc.queryForList("""
                SELECT action || ' ' || actor_id || ' ' || metadata::text FROM audit_log_view
                WHERE metadata ->> 'course_id' = ? ORDER BY created_at, event_id""", String.class, course);
        String enrolled = "{\"course_id\": \"" + course + "\", \"enrolment_id\": \"" + enrolment
                + "\", \"target_user_id\": \"" + teacher.id() + "\"}";
        assertThat(rows).containsExactly(
                "COURSE_CREATED " + schoolAdmin.id() + " {\"school\": " + school + ", \"course_id\": \"" + course
                        + "\", \"item_count\": 1, \"course_title\": \"" + title + "\"}",
                "COURSE_UPDATED " + schoolAdmin.id() + " {\"school\": " + school + ", \"course_id\": \"" + course
                        + "\", \"course_title\": \"" + title + "\", \"changed_fields\": [\"grade_band\"]}",
                "COURSE_PUBLISHED " + schoolAdmin.id() + " {\"school\": " + school + ", \"course_id\": \"" + course
                        + "\", \"course_title\": \"" + title + "\"}",
                "ENROLLED " + teacher.id() + " " + enrolled,
                "ENROLMENT_COMPLETED " + teacher.id() + " " + enrolled,
                "COURSE_ARCHIVED " + schoolAdmin.id() + " {\"school\": " + school + ", \"course_id\": \"" + course
                        + "\", \"course_title\": \"" + title + "\"}");
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT md5((SELECT coalesce(string_agg(c::text, '|' ORDER BY c.id), '') FROM course_view c)
                           || '#' || (SELECT coalesce(string_agg(i::text, '|' ORDER BY i.course_id, i.item_id), '')
                                      FROM course_item_view i)
                           || '#' || (SELECT coalesce(string_agg(e::text, '|' ORDER BY e.id), '') FROM enrolment_view e)
                           || '#' || (SELECT coalesce(string_agg(p::text, '|' ORDER BY p.enrolment_id, p.item_id), '')
                                      FROM enrolment_item_view p))""", String.class);
    }
}
