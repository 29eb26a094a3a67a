package org.fractionball.lms.command.courses;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.command.accounts.InMemoryUserRegistry;
import org.fractionball.lms.events.courses.CourseDetails;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemCompleted;
import org.fractionball.lms.events.courses.CourseItemStarted;
import org.fractionball.lms.events.courses.CourseItemType;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.courses.EnrolmentCompleted;
import org.fractionball.lms.events.courses.EnrolmentReopened;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.courses.EnrolmentWithdrawn;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/**
 * The enrolment aggregate and enrolling: one enrolment per (course, user), progress that is
 * idempotent, completion as its own event once every item is completed, withdrawal and reopening,
 * and who may act on an enrolment.
 */
class EnrolmentTest {
    private static final long SCHOOL = 7;
    private static final Instant ENROLLED_AT = Instant.parse("2025-04-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-04-02T10:30:00Z");
    private static final Caller TEACHER = new Caller(10, "teacher", Role.TEACHER, SCHOOL);
    private static final Caller OTHER_TEACHER = new Caller(11, "teacher-2", Role.TEACHER, SCHOOL);
    private static final Caller SCHOOL_ADMIN = new Caller(2, "sa", Role.SCHOOL_ADMIN, SCHOOL);
    private static final Caller OTHER_SCHOOL_ADMIN = new Caller(3, "sa-8", Role.SCHOOL_ADMIN, 8);
    private static final UUID COURSE_ID = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final CourseItem RELAY = new CourseItem(CourseItemType.ACTIVITY,
            UUID.fromString("a0000000-0000-4000-8000-000000000001"));
    private static final CourseItem CLIP = new CourseItem(CourseItemType.VIDEO,
            UUID.fromString("b0000000-0000-4000-8000-000000000001"));
    private static final UUID ENROLMENT_ID = EnrolmentIds.of(COURSE_ID, TEACHER.userId());
    private static final UserEnrolled ENROLLED = new UserEnrolled(ENROLMENT_ID, COURSE_ID, 10, 10);

    private InMemoryCourseCatalogue courses;
    private InMemoryUserRegistry users;
    private FixtureConfiguration<Enrolment> fixture;

    @BeforeEach
    void setUp() {
        courses = new InMemoryCourseCatalogue();
        courses.put(course(CourseStatus.PUBLISHED, SCHOOL));
        users = new InMemoryUserRegistry();
        users.register(10, "teacher", "teacher", "t@example.edu", SCHOOL, true);
        users.register(11, "teacher-2", "teacher-2", "t2@example.edu", SCHOOL, true);
        users.register(12, "teacher-8", "teacher-8", "t8@example.edu", 8, true);
        fixture = new AggregateTestFixture<>(Enrolment.class);
        fixture.registerInjectableResource(courses);
        fixture.registerInjectableResource(users);
        fixture.registerAnnotatedCommandHandler(new Enrolments(fixture.getRepository(), courses, users));
    }

    private static CourseState course(CourseStatus status, Long school) {
        return new CourseState(COURSE_ID, school, new CourseDetails("Unit", "", ""), List.of(RELAY, CLIP), status, 1,
                ENROLLED_AT, ENROLLED_AT);
    }

    @Test
    void aTeacherEnrolsItselfInAPublishedCourse() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(ENROLLED_AT)
                .when(new EnrolInCourse(COURSE_ID, List.of(10L), TEACHER))
                .expectEvents(ENROLLED)
                .expectResultMessagePayload(new EnrolmentBatch(List.of(new EnrolmentResult(new EnrolmentState(
                        ENROLMENT_ID, COURSE_ID, 10, EnrolmentStatus.ACTIVE, 10, Map.of(), Map.of(), ENROLLED_AT,
                        null, null, ENROLLED_AT), course(CourseStatus.PUBLISHED, SCHOOL))), List.of()));
    }

    @Test
    void theEnrolmentIdIsDerivedFromCourseAndUser() {
        assertThat(EnrolmentIds.of(COURSE_ID, 10)).isEqualTo(ENROLMENT_ID)
                .isEqualTo(UUID.nameUUIDFromBytes(("enrolment:" + COURSE_ID + ":10").getBytes()))
                .isNotEqualTo(EnrolmentIds.of(COURSE_ID, 11));
    }

    @Test
    void enrollingAgainFindsTheEnrolmentAndAppendsNothing() {
        fixture.given(ENROLLED)
                .when(new EnrolInCourse(COURSE_ID, List.of(10L), TEACHER))
                .expectNoEvents()
                .expectResultMessagePayload(new EnrolmentBatch(List.of(), List.of(10L)));
    }

    @Test
    void aWithdrawnEnrolmentIsReopenedByEnrollingAgain() {
        fixture.given(ENROLLED, new EnrolmentWithdrawn(ENROLMENT_ID, COURSE_ID, 10, 10))
                .when(new EnrolInCourse(COURSE_ID, List.of(10L), TEACHER))
                .expectEvents(new EnrolmentReopened(ENROLMENT_ID, COURSE_ID, 10, 10));
    }

    @Test
    void draftsAndInvisibleCoursesAreNotOpenForEnrolment() {
        courses.put(course(CourseStatus.DRAFT, SCHOOL));
        fixture.givenNoPriorActivity()
                .when(new EnrolInCourse(COURSE_ID, List.of(2L), SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", Enrolments.NOT_OPEN)))
                .expectNoEvents();
    }

    @Test
    void aTeacherDoesNotSeeAnotherSchoolsCourse() {
        courses.put(course(CourseStatus.PUBLISHED, 8L));
        fixture.givenNoPriorActivity()
                .when(new EnrolInCourse(COURSE_ID, List.of(10L), TEACHER))
                .expectException(rejected(404, Map.of("detail", "No Course matches the given query.")))
                .expectNoEvents();
    }

    @Test
    void aSchoolAdminEnrolsOnlyUsersOfItsSchoolAndTeachersEnrolOnlyThemselves() {
        fixture.givenNoPriorActivity()
                .when(new EnrolInCourse(COURSE_ID, List.of(12L), SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("user_ids",
                        List.of("Invalid pk \"12\" - object does not exist."))))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EnrolInCourse(COURSE_ID, List.of(11L), TEACHER))
                .expectException(rejected(403, Map.of("detail", Course.NOT_PERMITTED)))
                .expectNoEvents();
    }

    @Test
    void progressIsRecordedOnceAndRepeatingItAppendsNothing() {
        fixture.given(ENROLLED)
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), false, TEACHER))
                .expectEvents(new CourseItemStarted(ENROLMENT_ID, COURSE_ID, 10, RELAY.id()));
        fixture.given(ENROLLED, new CourseItemStarted(ENROLMENT_ID, COURSE_ID, 10, RELAY.id()))
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), false, TEACHER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ENROLLED, new CourseItemCompleted(ENROLMENT_ID, COURSE_ID, 10, RELAY.id()))
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), true, TEACHER))
                .expectNoEvents();
        fixture.given(ENROLLED, new CourseItemCompleted(ENROLMENT_ID, COURSE_ID, 10, RELAY.id()))
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), false, TEACHER))
                .expectNoEvents();
    }

    @Test
    void completingTheLastItemCompletesTheEnrolment() {
        fixture.givenCurrentTime(ENROLLED_AT)
                .andGiven(ENROLLED, new CourseItemCompleted(ENROLMENT_ID, COURSE_ID, 10, RELAY.id()))
                .andGivenCurrentTime(NOW)
                .when(new RecordProgress(ENROLMENT_ID, CLIP.id(), true, TEACHER))
                .expectEvents(new CourseItemCompleted(ENROLMENT_ID, COURSE_ID, 10, CLIP.id()),
                        new EnrolmentCompleted(ENROLMENT_ID, COURSE_ID, 10, 2))
                .expectResultMessagePayload(new EnrolmentResult(new EnrolmentState(ENROLMENT_ID, COURSE_ID, 10,
                        EnrolmentStatus.COMPLETED, 10, Map.of(RELAY.id(), ENROLLED_AT, CLIP.id(), NOW),
                        Map.of(RELAY.id(), ENROLLED_AT, CLIP.id(), NOW), ENROLLED_AT, NOW, null, NOW),
                        course(CourseStatus.PUBLISHED, SCHOOL)));
    }

    @Test
    void theAnswerCountsCompletedItemsInCourseOrder() {
        EnrolmentState state = new EnrolmentState(ENROLMENT_ID, COURSE_ID, 10, EnrolmentStatus.ACTIVE, 10,
                Map.of(CLIP.id(), NOW), Map.of(CLIP.id(), NOW), ENROLLED_AT, null, null, NOW);
        EnrolmentResponse answer = EnrolmentResponse.of(new EnrolmentResult(state, course(CourseStatus.PUBLISHED,
                SCHOOL)));
        assertThat(answer.items()).containsExactly(
                new EnrolmentResponse.Item(RELAY.id(), "activity", "not_started", null, null),
                new EnrolmentResponse.Item(CLIP.id(), "video", "completed", NOW, NOW));
        assertThat(answer.percentComplete()).isEqualTo(new BigDecimal("50.0"));
        assertThat(EnrolmentResponse.percent(1, 3)).isEqualTo(new BigDecimal("33.3"));
        assertThat(EnrolmentResponse.percent(2, 3)).isEqualTo(new BigDecimal("66.7"));
        assertThat(EnrolmentResponse.percent(0, 0)).isEqualTo(new BigDecimal("0.0"));
    }

    @Test
    void progressNeedsAnItemOfTheCourseAnOpenCourseAndAnActiveEnrolment() {
        fixture.given(ENROLLED)
                .when(new RecordProgress(ENROLMENT_ID, UUID.randomUUID(), true, TEACHER))
                .expectException(rejected(400, Map.of("item_id", List.of(Enrolment.NOT_AN_ITEM))));
        fixture.given(ENROLLED, new EnrolmentWithdrawn(ENROLMENT_ID, COURSE_ID, 10, 10))
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), true, TEACHER))
                .expectException(rejected(400, Map.of("error", Enrolment.WITHDRAWN)));
        courses.put(course(CourseStatus.ARCHIVED, SCHOOL));
        fixture.given(ENROLLED)
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), true, TEACHER))
                .expectException(rejected(400, Map.of("error", Enrolment.COURSE_ARCHIVED)))
                .expectNoEvents();
    }

    @Test
    void onlyTheEnrolledUserRecordsProgress() {
        fixture.given(ENROLLED)
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), true, SCHOOL_ADMIN))
                .expectException(rejected(403, Map.of("detail", Course.NOT_PERMITTED)));
        fixture.given(ENROLLED)
                .when(new RecordProgress(ENROLMENT_ID, RELAY.id(), true, OTHER_TEACHER))
                .expectException(rejected(404, Map.of("detail", "No Enrolment matches the given query.")))
                .expectNoEvents();
    }

    @Test
    void theUserOrItsSchoolAdminWithdrawsOnce() {
        fixture.given(ENROLLED)
                .when(new WithdrawEnrolment(ENROLMENT_ID, SCHOOL_ADMIN))
                .expectEvents(new EnrolmentWithdrawn(ENROLMENT_ID, COURSE_ID, 10, 2));
        fixture.given(ENROLLED, new EnrolmentWithdrawn(ENROLMENT_ID, COURSE_ID, 10, 10))
                .when(new WithdrawEnrolment(ENROLMENT_ID, TEACHER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ENROLLED)
                .when(new WithdrawEnrolment(ENROLMENT_ID, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, Map.of("detail", "No Enrolment matches the given query.")));
        fixture.given(ENROLLED, new EnrolmentCompleted(ENROLMENT_ID, COURSE_ID, 10, 2))
                .when(new WithdrawEnrolment(ENROLMENT_ID, TEACHER))
                .expectException(rejected(400, Map.of("error", Enrolment.COMPLETED_NOT_WITHDRAWN)))
                .expectNoEvents();
    }
}
