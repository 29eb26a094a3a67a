package org.fractionball.lms.command.courses;

import org.fractionball.lms.command.schools.InMemorySchoolDomains;
import org.fractionball.lms.events.courses.CourseArchived;
import org.fractionball.lms.events.courses.CourseChanged;
import org.fractionball.lms.events.courses.CourseCreated;
import org.fractionball.lms.events.courses.CourseDeleted;
import org.fractionball.lms.events.courses.CourseDetails;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemType;
import org.fractionball.lms.events.courses.CoursePublished;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/**
 * The course aggregate and its creation: who manages which course, items that must be live (and of
 * the course's school for videos and resources), the draft → published → archived life, and
 * commands that change nothing append nothing.
 */
class CourseTest {
    private static final long SCHOOL = 7;
    private static final long OTHER_SCHOOL = 8;
    private static final Instant CREATED_AT = Instant.parse("2025-04-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-04-02T10:30:00Z");
    private static final Caller ADMIN = new Caller(1, "admin", Role.ADMIN, SCHOOL);
    private static final Caller SCHOOL_ADMIN = new Caller(2, "sa", Role.SCHOOL_ADMIN, SCHOOL);
    private static final Caller OTHER_SCHOOL_ADMIN = new Caller(3, "sa-8", Role.SCHOOL_ADMIN, OTHER_SCHOOL);
    private static final Caller TEACHER = new Caller(4, "teacher", Role.TEACHER, SCHOOL);
    private static final UUID COURSE_ID = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID RELAY = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final UUID PIZZA = UUID.fromString("a0000000-0000-4000-8000-000000000002");
    private static final UUID CLIP = UUID.fromString("b0000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_CLIP = UUID.fromString("b0000000-0000-4000-8000-000000000002");
    private static final UUID UNKNOWN = UUID.fromString("ffffffff-0000-4000-8000-000000000009");
    private static final CourseDetails DETAILS = new CourseDetails("Fraction Ball unit", "Sixteen lessons.", "3-5");
    private static final Map<String, String> NOT_PERMITTED =
            Map.of("detail", "You do not have permission to perform this action.");
    private static final Map<String, String> NOT_FOUND = Map.of("detail", "No Course matches the given query.");

    private InMemoryCourseTargets targets;
    private InMemorySchoolDomains schools;
    private CourseItem relay;
    private CourseItem pizza;
    private CourseItem clip;
    private CourseItem otherClip;
    private FixtureConfiguration<Course> fixture;

    @BeforeEach
    void setUp() {
        targets = new InMemoryCourseTargets();
        schools = new InMemorySchoolDomains();
        schools.claim("lincoln.edu", SCHOOL);
        relay = targets.add(CourseItemType.ACTIVITY, RELAY, "Fraction Relay", null);
        pizza = targets.add(CourseItemType.ACTIVITY, PIZZA, "Pizza Fractions", null);
        clip = targets.add(CourseItemType.VIDEO, CLIP, "Relay walkthrough", SCHOOL);
        otherClip = targets.add(CourseItemType.VIDEO, OTHER_CLIP, "Another school's clip", OTHER_SCHOOL);
        fixture = new AggregateTestFixture<>(Course.class);
        fixture.registerInjectableResource(targets);
        fixture.registerAnnotatedCommandHandler(new Courses(fixture.getRepository(), targets, schools));
    }

    private CourseCreated schoolCourse(List<CourseItem> items) {
        return new CourseCreated(COURSE_ID, SCHOOL, DETAILS, items, SCHOOL_ADMIN.userId());
    }

    private CourseCreated globalCourse(List<CourseItem> items) {
        return new CourseCreated(COURSE_ID, null, DETAILS, items, ADMIN.userId());
    }

    private static CourseEdit edit(String title, List<CourseItem> items, Long school) {
        return new CourseEdit(title, "Sixteen lessons.", "3-5", items, school);
    }

    @Test
    void aSchoolAdminCreatesADraftOfItsSchoolWithItemsInOrder() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(CREATED_AT)
                .when(new CreateCourse(COURSE_ID, edit("Fraction Ball unit", List.of(pizza, clip, relay), OTHER_SCHOOL),
                        SCHOOL_ADMIN))
                .expectEvents(schoolCourse(List.of(pizza, clip, relay)))
                .expectResultMessagePayload(new CourseResult(new CourseState(COURSE_ID, SCHOOL, DETAILS,
                        List.of(pizza, clip, relay), CourseStatus.DRAFT, 2, CREATED_AT, CREATED_AT),
                        List.of(targets.target(pizza), targets.target(clip), targets.target(relay))));
    }

    @Test
    void anAdminsCourseIsGlobalUnlessItNamesASchool() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("Fraction Ball unit", List.of(relay), null), ADMIN))
                .expectEvents(globalCourse(List.of(relay)));
    }

    @Test
    void aSchoolAnAdminNamesMustBeRegistered() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("Fraction Ball unit", List.of(), 99L), ADMIN))
                .expectException(rejected(400, Map.of("school", List.of("Invalid pk \"99\" - object does not exist."))))
                .expectNoEvents();
    }

    @Test
    void itemsMustBeLiveAppearOnceAndContentMustBeOfTheCoursesSchool() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(relay, new CourseItem(CourseItemType.RESOURCE,
                        UNKNOWN)), null), ADMIN))
                .expectException(rejected(400, Map.of("items",
                        List.of("Invalid pk \"" + UNKNOWN + "\" - object does not exist."))))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(relay, relay), null), ADMIN))
                .expectException(rejected(400, Map.of("items", List.of(CourseItems.DUPLICATE))))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(otherClip), null), SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("items", List.of(CourseItems.OTHER_SCHOOL))))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(clip), null), ADMIN))
                .expectException(rejected(400, Map.of("items", List.of(CourseItems.OTHER_SCHOOL))))
                .expectNoEvents();
    }

    @Test
    void targetsAreLoadedOnceEachInTheOrderOfTheirAggregateIds() {
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(clip, pizza, relay), null), SCHOOL_ADMIN))
                .expectSuccessfulHandlerExecution();
        assertThat(targets.lookups).containsExactly(relay, pizza, clip);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"TEACHER", "AUDITOR"})
    void onlySchoolAdminsAndAdminsCreateCourses(Role role) {
        fixture.givenNoPriorActivity()
                .when(new CreateCourse(COURSE_ID, edit("T", List.of(), null), new Caller(5, "uid", role, SCHOOL)))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    @Test
    void aChangeNamesTheFieldsThatDifferAndRepeatingItAppendsNothing() {
        CourseDetails renamed = new CourseDetails("Fraction Ball", "Sixteen lessons.", "3-5");
        fixture.givenCurrentTime(CREATED_AT).andGiven(schoolCourse(List.of(relay, pizza))).andGivenCurrentTime(NOW)
                .when(new ChangeCourse(COURSE_ID, new CourseEdit("Fraction Ball", null, null, List.of(pizza, relay),
                        null), SCHOOL_ADMIN))
                .expectEvents(new CourseChanged(COURSE_ID, SCHOOL, renamed, List.of(pizza, relay),
                        List.of("title", "items")))
                .expectResultMessagePayload(new CourseResult(new CourseState(COURSE_ID, SCHOOL, renamed,
                        List.of(pizza, relay), CourseStatus.DRAFT, 2, CREATED_AT, NOW),
                        List.of(targets.target(pizza), targets.target(relay))));
        fixture.given(schoolCourse(List.of(relay, pizza)))
                .when(new ChangeCourse(COURSE_ID, new CourseEdit("Fraction Ball unit", null, "3-5", null, null),
                        SCHOOL_ADMIN))
                .expectNoEvents();
    }

    @Test
    void itemsWhoseTargetWasDeletedAreDroppedOnTheNextChange() {
        targets.delete(pizza);
        fixture.given(schoolCourse(List.of(relay, pizza)))
                .when(new ChangeCourse(COURSE_ID, new CourseEdit(null, "New text.", null, null, null), ADMIN))
                .expectEvents(new CourseChanged(COURSE_ID, SCHOOL, new CourseDetails("Fraction Ball unit",
                        "New text.", "3-5"), List.of(relay), List.of("description", "items")));
    }

    @Test
    void aSchoolAdminManagesOnlyItsSchoolsCourses() {
        fixture.given(schoolCourse(List.of(relay)))
                .when(new PublishCourse(COURSE_ID, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, NOT_FOUND))
                .expectNoEvents();
        fixture.given(globalCourse(List.of(relay)))
                .when(new ChangeCourse(COURSE_ID, new CourseEdit("Mine", null, null, null, null), SCHOOL_ADMIN))
                .expectException(rejected(404, NOT_FOUND));
        fixture.given(globalCourse(List.of(relay)), new CoursePublished(COURSE_ID, null, DETAILS.title()))
                .when(new ChangeCourse(COURSE_ID, new CourseEdit("Mine", null, null, null, null), SCHOOL_ADMIN))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        fixture.given(schoolCourse(List.of(relay)))
                .when(new ArchiveCourse(COURSE_ID, TEACHER))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    @Test
    void publishingNeedsALiveItemAndHappensOnce() {
        fixture.given(schoolCourse(List.of()))
                .when(new PublishCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", Course.EMPTY_UNPUBLISHABLE)))
                .expectNoEvents();
        fixture.given(schoolCourse(List.of(relay)))
                .when(new PublishCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectEvents(new CoursePublished(COURSE_ID, SCHOOL, DETAILS.title()));
        fixture.given(schoolCourse(List.of(relay)), new CoursePublished(COURSE_ID, SCHOOL, DETAILS.title()))
                .when(new PublishCourse(COURSE_ID, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anArchivedCourseStaysArchived() {
        CourseArchived archived = new CourseArchived(COURSE_ID, SCHOOL, DETAILS.title());
        fixture.given(schoolCourse(List.of(relay)), new CoursePublished(COURSE_ID, SCHOOL, DETAILS.title()))
                .when(new ArchiveCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectEvents(archived);
        fixture.given(schoolCourse(List.of(relay)), archived)
                .when(new ArchiveCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(schoolCourse(List.of(relay)), archived)
                .when(new PublishCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", Course.ARCHIVED_UNPUBLISHABLE)));
        fixture.given(schoolCourse(List.of(relay)), archived)
                .when(new ChangeCourse(COURSE_ID, new CourseEdit("New", null, null, null, null), ADMIN))
                .expectException(rejected(400, Map.of("error", Course.ARCHIVED_UNCHANGEABLE)))
                .expectNoEvents();
    }

    @Test
    void onlyDraftsAreDeleted() {
        fixture.given(schoolCourse(List.of(relay)))
                .when(new DeleteCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectEvents(new CourseDeleted(COURSE_ID, SCHOOL, DETAILS.title()))
                .expectMarkedDeleted();
        fixture.given(schoolCourse(List.of(relay)), new CoursePublished(COURSE_ID, SCHOOL, DETAILS.title()))
                .when(new DeleteCourse(COURSE_ID, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", Course.ONLY_DRAFTS_DELETED)))
                .expectNoEvents();
    }
}
