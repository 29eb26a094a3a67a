package org.fractionball.lms.infrastructure.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.courses.EnrolmentIds;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrolments end to end: enrolling oneself or a school's users, one enrolment per course and user
 * (also under concurrency), idempotent progress, completion as an event, withdrawal and reopening,
 * and who sees and acts on which enrolment.
 */
class EnrolmentsApiIT extends CourseApiSupport {
    private static long school;
    private static Account admin;
    private static Account schoolAdmin;
    private static Account otherSchoolAdmin;
    private static Account otherTeacher;
    private static UUID relay;
    private static UUID clip;

    @BeforeEach
    void accounts() {
        if (admin != null) {
            return;
        }
        school = school(unique("enrolments") + ".edu");
        long otherSchool = school(unique("enrolments-other") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        otherSchoolAdmin = account(Role.SCHOOL_ADMIN, otherSchool);
        otherTeacher = account(Role.TEACHER, otherSchool);
        relay = activity(admin, unique("Relay"));
        clip = video(schoolAdmin, "Relay walkthrough");
    }

    private String course() {
        return publishedCourse(schoolAdmin, unique("Unit"), List.of(item("activity", relay), item("video", clip)));
    }

    private Api.Response progress(String enrolment, UUID item, String status, Account caller) {
        return post("/api/enrolments/" + enrolment + "/progress/", fields("item_id", item.toString(), "status", status),
                caller);
    }

    @Test
    void aTeacherEnrolsWorksThroughTheItemsAndCompletesTheCourse() {
        Account teacher = account(Role.TEACHER, school);
        String course = course();
        Api.Response enrolled = post("/api/courses/" + course + "/enrol/", null, teacher);
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        assertThat(enrolled.header("X-Event-Position")).matches("\\d+");
        JsonNode enrolment = enrolled.json();
        String id = enrolment.get("id").asText();
        String aggregate = AggregateIds.enrolment(UUID.fromString(id));
        assertThat(fieldNames(enrolment)).containsExactlyElementsOf(ENROLMENT_FIELDS);
        assertThat(enrolment.get("course_id").asText()).isEqualTo(course);
        assertThat(enrolment.get("user_id").asLong()).isEqualTo(teacher.id());
        assertThat(enrolment.get("enrolled_by").asLong()).isEqualTo(teacher.id());
        assertThat(enrolment.get("status").asText()).isEqualTo("active");
        assertThat(enrolment.get("items").toString()).isEqualTo("[{\"item_id\":\"" + relay + "\",\"type\":\"activity\","
                + "\"status\":\"not_started\",\"started_at\":null,\"completed_at\":null},{\"item_id\":\"" + clip
                + "\",\"type\":\"video\",\"status\":\"not_started\",\"started_at\":null,\"completed_at\":null}]");
        assertThat(enrolment.get("percent_complete").toString()).isEqualTo("0.0");
        assertThat(ok("/api/enrolments/" + id + "/", teacher)).isEqualTo(enrolment);

        Api.Response again = post("/api/courses/" + course + "/enrol/", null, teacher);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).isEqualTo(ALREADY_ENROLLED);

        JsonNode started = progress(id, relay, "started", teacher).json();
        assertThat(texts(started.get("items"), "status")).containsExactly("started", "not_started");
        Api.Response repeated = progress(id, relay, "started", teacher);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json()).isEqualTo(started);
        JsonNode half = progress(id, relay, "completed", teacher).json();
        assertThat(half.get("percent_complete").toString()).isEqualTo("50.0");
        assertThat(half.get("completed_items").asInt()).isEqualTo(1);
        assertThat(progress(id, relay, "completed", teacher).json()).isEqualTo(half);
        assertThat(progress(id, relay, "started", teacher).json()).as("started after completed changes nothing")
                .isEqualTo(half);
        assertThat(eventTypes(aggregate)).containsExactly("UserEnrolled", "CourseItemStarted", "CourseItemCompleted");

        JsonNode done = progress(id, clip, "completed", teacher).json();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("percent_complete").toString()).isEqualTo("100.0");
        assertThat(done.get("completed_at").asText()).isEqualTo(done.get("updated_at").asText());
        assertThat(eventTypes(aggregate)).containsExactly("UserEnrolled", "CourseItemStarted", "CourseItemCompleted",
                "CourseItemCompleted", "EnrolmentCompleted");
        assertThat(ok("/api/enrolments/" + id + "/", teacher)).isEqualTo(done);
        assertThat(post("/api/enrolments/" + id + "/withdraw/", null, teacher).text())
                .isEqualTo("{\"error\":\"A completed enrolment cannot be withdrawn.\"}");
        assertThat(post("/api/courses/" + course + "/enrol/", null, teacher).text()).isEqualTo(ALREADY_ENROLLED);
    }

    @Test
    void concurrentEnrolmentsOfOneUserMakeOneEnrolment() throws Exception {
        Account teacher = account(Role.TEACHER, school);
        String course = course();
        int requests = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Callable<Api.Response> enrol = () -> {
                    start.await();
                    return post("/api/courses/" + course + "/enrol/", null, teacher);
                };
                answers.add(pool.submit(enrol));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                statuses.add(response.status());
                if (response.status() == 409) {
                    assertThat(response.text()).isEqualTo(ALREADY_ENROLLED);
                }
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.UserEnrolled' "
                + "AND convert_from(payload, 'UTF8')::jsonb ->> 'courseId' = ?", Long.class, course)).isEqualTo(1);
        awaitProjections();
        assertThat(ok("/api/enrolments/?course=" + course, schoolAdmin).get("count").asLong()).isEqualTo(1);
    }

    /**
     * Another node appends the first event of the same enrolment while this one is enrolling: the
     * event store's unique key refuses this node's event 0, and the retry answers the conflict.
     */
    @Test
    void anEnrolmentRacingAnotherNodesIsRefusedByTheEventStore() throws Exception {
        Account teacher = account(Role.TEACHER, school);
        String course = course();
        UUID enrolmentId = EnrolmentIds.of(UUID.fromString(course), teacher.id());
        String aggregate = AggregateIds.enrolment(enrolmentId);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection otherNode = TestServices.get().connect()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement insert = otherNode.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    meta_data, payload, payload_type, time_stamp)
                    VALUES (?, 0, 'Enrolment', ?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), ?, ?)""")) {
                insert.setString(1, aggregate);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, json(fields("enrolmentId", enrolmentId.toString(), "courseId", course, "userId",
                        teacher.id(), "enrolledBy", teacher.id())));
                insert.setString(4, UserEnrolled.class.getName());
                insert.setString(5, DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                insert.executeUpdate();
            }
            Future<Api.Response> enrol = pool.submit(() -> post("/api/courses/" + course + "/enrol/", null, teacher));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!waitingOnALock() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(waitingOnALock()).as("the request waits on the other node's event 0").isTrue();
            otherNode.commit();
            Api.Response refused = enrol.get(20, TimeUnit.SECONDS);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.text()).isEqualTo(ALREADY_ENROLLED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventTypes(aggregate)).containsExactly("UserEnrolled");
    }

    private boolean waitingOnALock() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'", Long.class) > 0;
    }

    @Test
    void aSchoolAdminEnrolsItsSchoolsUsersOnly() {
        Account first = account(Role.TEACHER, school);
        Account second = account(Role.TEACHER, school);
        String course = course();
        succeeds(post("/api/courses/" + course + "/enrol/", null, first));
        long events = eventCount();
        Api.Response teacherTries = post("/api/enrolments/", fields("course_id", course, "user_ids",
                List.of(second.id())), first);
        assertThat(teacherTries.status()).isEqualTo(403);
        assertThat(teacherTries.text()).isEqualTo(FORBIDDEN);
        Api.Response otherSchool = post("/api/enrolments/", fields("course_id", course, "user_ids",
                List.of(second.id(), otherTeacher.id())), schoolAdmin);
        assertThat(otherSchool.text()).isEqualTo("{\"user_ids\":[\"Invalid pk \\\"" + otherTeacher.id()
                + "\\\" - object does not exist.\"]}");
        assertThat(post("/api/enrolments/", fields("course_id", "x", "user_ids", "all"), schoolAdmin).text())
                .isEqualTo("{\"course_id\":[\"Must be a valid UUID.\"],\"user_ids\":[\"Expected a list of items but "
                        + "got type \\\"str\\\".\"]}");
        assertThat(post("/api/enrolments/", fields("course_id", course, "user_ids", List.of(second.id())),
                otherSchoolAdmin).text()).isEqualTo(NO_COURSE);
        assertThat(eventCount()).isEqualTo(events);

        Api.Response batch = post("/api/enrolments/", fields("course_id", course, "user_ids",
                List.of(first.id(), second.id())), schoolAdmin);
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(fieldNames(batch.json())).containsExactly("results", "already_enrolled");
        assertThat(batch.json().get("results").size()).isEqualTo(1);
        assertThat(batch.json().get("results").get(0).get("user_id").asLong()).isEqualTo(second.id());
        assertThat(batch.json().get("results").get(0).get("enrolled_by").asLong()).isEqualTo(schoolAdmin.id());
        assertThat(batch.json().get("already_enrolled").toString()).isEqualTo("[" + first.id() + "]");
        Api.Response none = post("/api/enrolments/", fields("course_id", course, "user_ids",
                List.of(first.id(), second.id())), schoolAdmin);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.text()).isEqualTo("{\"error\":\"Every user is already enrolled in this course.\","
                + "\"already_enrolled\":[" + first.id() + "," + second.id() + "]}");
    }

    @Test
    void eachRoleSeesAndActsOnItsShareOfEnrolments() {
        Account teacher = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        String course = course();
        String mine = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        String theirs = post("/api/courses/" + course + "/enrol/", null, colleague).json().get("id").asText();
        awaitProjections();

        assertThat(texts(ok("/api/enrolments/?course=" + course, teacher).get("results"), "id")).containsExactly(mine);
        assertThat(texts(ok("/api/enrolments/?course=" + course, schoolAdmin).get("results"), "id"))
                .containsExactlyInAnyOrder(mine, theirs);
        assertThat(texts(ok("/api/enrolments/?course=" + course + "&user=" + colleague.id(), admin).get("results"),
                "id")).containsExactly(theirs);
        assertThat(ok("/api/enrolments/?course=" + course, otherSchoolAdmin).get("count").asLong()).isZero();
        assertThat(get("/api/enrolments/" + theirs + "/", teacher).text()).isEqualTo(NO_ENROLMENT);
        assertThat(get("/api/enrolments/" + theirs + "/", otherSchoolAdmin).text()).isEqualTo(NO_ENROLMENT);
        assertThat(get("/api/enrolments/?status=done&user=me&course=1", teacher).text()).isEqualTo("{\"user\":[\"Enter a "
                + "number.\"],\"course\":[\"Enter a valid UUID.\"],\"status\":[\"Select a valid choice. done is not "
                + "one of the available choices.\"]}");

        assertThat(progress(theirs, relay, "started", teacher).text()).isEqualTo(NO_ENROLMENT);
        assertThat(progress(theirs, relay, "started", schoolAdmin).text()).isEqualTo(FORBIDDEN);
        assertThat(post("/api/enrolments/" + theirs + "/withdraw/", null, otherSchoolAdmin).text())
                .isEqualTo(NO_ENROLMENT);
        assertThat(progress(mine, UUID.randomUUID(), "started", teacher).text())
                .isEqualTo("{\"item_id\":[\"Not an item of this course.\"]}");
        assertThat(post("/api/enrolments/" + mine + "/progress/", fields("item_id", "x", "status", "done"), teacher)
                .text()).isEqualTo("{\"item_id\":[\"Must be a valid UUID.\"],\"status\":[\"\\\"done\\\" is not a "
                + "valid choice.\"]}");

        progress(theirs, relay, "completed", colleague);
        JsonNode withdrawn = post("/api/enrolments/" + theirs + "/withdraw/", null, schoolAdmin).json();
        assertThat(withdrawn.get("status").asText()).isEqualTo("withdrawn");
        assertThat(withdrawn.get("withdrawn_at").isNull()).isFalse();
        assertThat(progress(theirs, clip, "completed", colleague).text())
                .isEqualTo("{\"error\":\"This enrolment was withdrawn.\"}");
        awaitProjections();
        assertThat(texts(ok("/api/enrolments/?status=withdrawn&course=" + course, schoolAdmin).get("results"), "id"))
                .containsExactly(theirs);

        Api.Response reopened = post("/api/courses/" + course + "/enrol/", null, colleague);
        assertThat(reopened.status()).isEqualTo(201);
        assertThat(reopened.json().get("id").asText()).isEqualTo(theirs);
        assertThat(reopened.json().get("status").asText()).isEqualTo("active");
        assertThat(reopened.json().get("completed_items").asInt()).as("progress is kept").isEqualTo(1);
        assertThat(eventTypes(AggregateIds.enrolment(UUID.fromString(theirs)))).containsExactly("UserEnrolled",
                "CourseItemCompleted", "EnrolmentWithdrawn", "EnrolmentReopened");
    }

    @Test
    void anArchivedCourseTakesNoEnrolmentsOrProgressAndKeepsItsEnrolments() {
        Account teacher = account(Role.TEACHER, school);
        String course = course();
        String id = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        succeeds(post("/api/courses/" + course + "/archive/", null, schoolAdmin));
        assertThat(progress(id, relay, "completed", teacher).text()).isEqualTo("{\"error\":\"The course is archived.\"}");
        Account late = account(Role.TEACHER, school);
        assertThat(post("/api/enrolments/", fields("course_id", course, "user_ids", List.of(late.id())), schoolAdmin)
                .text()).isEqualTo("{\"error\":\"This course is not open for enrolment.\"}");
        assertThat(post("/api/courses/" + course + "/enrol/", null, late).text()).as("teachers no longer see it")
                .isEqualTo(NO_COURSE);
        awaitProjections();
        assertThat(ok("/api/enrolments/" + id + "/", teacher).get("status").asText()).isEqualTo("active");
    }

    @Test
    void removedContentAndRemovedUsersLeaveTheReadSide() {
        Account teacher = account(Role.TEACHER, school);
        UUID sheet = resource(schoolAdmin, "Score card");
        String course = publishedCourse(schoolAdmin, unique("Unit"), List.of(item("activity", relay),
                item("resource", sheet)));
        String id = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        progress(id, relay, "completed", teacher);
        succeeds(delete("/api/resources/" + sheet + "/", schoolAdmin));
        awaitProjections();
        JsonNode enrolment = ok("/api/enrolments/" + id + "/", teacher);
        assertThat(texts(enrolment.get("items"), "item_id")).containsExactly(relay.toString());
        assertThat(enrolment.get("percent_complete").toString()).isEqualTo("100.0");
        assertThat(enrolment.get("status").asText()).as("completion is the command side's, on the next progress")
                .isEqualTo("active");
        assertThat(ok("/api/courses/" + course + "/", teacher).get("item_count").asInt()).isEqualTo(1);

        succeeds(delete("/api/users/" + teacher.id() + "/", schoolAdmin));
        awaitProjections();
        assertThat(get("/api/enrolments/" + id + "/", schoolAdmin).text()).isEqualTo(NO_ENROLMENT);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_view WHERE id = ?::uuid", Long.class, id))
                .isZero();
    }
}
