package org.fractionball.lms.command.activities;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.events.activities.ActivityChanged;
import org.fractionball.lms.events.activities.ActivityCreated;
import org.fractionball.lms.events.activities.ActivityDeleted;
import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.activities.ActivityLocation;
import org.fractionball.lms.events.activities.ActivityPublished;
import org.fractionball.lms.events.activities.ActivityUnpublished;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/**
 * The activity aggregate and its creation (contract A.1): every command, the admin-only rule, slug
 * derivation and uniqueness, links to live content only, and the answer's shape.
 */
class ActivityTest {
    private static final long SCHOOL_ID = 7;
    private static final Instant CREATED_AT = Instant.parse("2025-04-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-04-02T10:30:00Z");

    private static final Caller ADMIN = new Caller(1, "admin-uid", Role.ADMIN, SCHOOL_ID);

    private static final UUID ACTIVITY_ID = UUID.fromString("3f1e2d3c-4b5a-4697-8877-66554433a001");
    private static final UUID OTHER_ACTIVITY_ID = UUID.fromString("3f1e2d3c-4b5a-4697-8877-66554433a002");
    private static final UUID VIDEO_ID = UUID.fromString("9a000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_VIDEO_ID = UUID.fromString("9a000000-0000-4000-8000-000000000002");
    private static final UUID TEACHER_SHEET = UUID.fromString("1b000000-0000-4000-8000-000000000001");
    private static final UUID STUDENT_SHEET = UUID.fromString("1b000000-0000-4000-8000-000000000002");
    private static final UUID UNKNOWN_ID = UUID.fromString("ffffffff-0000-4000-8000-000000000009");

    private static final String SLUG = "fraction-line-relay";
    private static final Map<String, String> KEY_TERMS = ordered("numerator", "the number on top",
            "denominator", "the number of equal parts");
    private static final ActivityDetails DETAILS = new ActivityDetails("Fraction Line Relay", SLUG,
            "Teams race to place fractions on a number line.", 3, "4", List.of("Number Line", "Equivalent Fractions"),
            ActivityLocation.COURT, List.of("Halves and quarters"),
            "Students will be able to:\n• place fractions on a line\n- compare halves and quarters",
            List.of("8 cones", "1 ball"), List.of("Line up in two teams", "Run to the fraction called"), KEY_TERMS,
            VIDEO_ID, List.of(TEACHER_SHEET), List.of(STUDENT_SHEET), "running", "https://img.example.org/relay.png",
            2);
    private static final ActivityCreated CREATED = new ActivityCreated(ACTIVITY_ID, DETAILS, true);

    private static final Map<String, String> NOT_PERMITTED =
            Map.of("detail", "You do not have permission to perform this action.");
    private static final List<String> SLUG_TAKEN = List.of("Activity with this slug already exists.");

    private InMemoryActivitySlugs slugs;
    private InMemoryLinkedContent content;
    private LinkedItem video;
    private LinkedItem teacherSheet;
    private LinkedItem studentSheet;
    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        slugs = new InMemoryActivitySlugs();
        content = new InMemoryLinkedContent();
        video = content.video(VIDEO_ID, "Relay walkthrough", 125);
        content.video(OTHER_VIDEO_ID, "Another clip", null);
        teacherSheet = content.resource(TEACHER_SHEET, "Teacher guide", "pdf");
        studentSheet = content.resource(STUDENT_SHEET, "Score card", "docx");
        fixture = new AggregateTestFixture<>(Activity.class);
        // resources first: the fixture refuses them once a command handler is registered
        fixture.registerInjectableResource(slugs);
        fixture.registerInjectableResource(content);
        fixture.registerAnnotatedCommandHandler(new Activities(fixture.getRepository(), slugs, content));
    }

    /** The activity of {@link #CREATED} holding its slug, the command running at NOW. */
    private TestExecutor<Activity> givenActivity(Object... laterEvents) {
        slugs.claim(ACTIVITY_ID, SLUG);
        TestExecutor<Activity> executor = fixture.givenCurrentTime(CREATED_AT).andGiven(CREATED);
        for (Object event : laterEvents) {
            executor = executor.andGiven(event);
        }
        return executor.andGivenCurrentTime(NOW);
    }

    private Map<String, LinkedItem> allLinked() {
        return linked(video, teacherSheet, studentSheet);
    }

    // --- create -----------------------------------------------------------------------------------

    @Test
    void anAdminCreatesAnActivityWithEveryFieldAndTheSlugDerivedFromTheTitle() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(CREATED_AT)
                .when(new CreateActivity(ACTIVITY_ID, full().build(), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED)
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, DETAILS, true, CREATED_AT, CREATED_AT), allLinked()));
        assertThat(slugs.activityIdFor(SLUG)).isEqualTo(ACTIVITY_ID);
    }

    @Test
    void theRequiredFieldsAloneGiveTheDefaultsOfTheContract() {
        ActivityDetails expected = new ActivityDetails("Pizza Fractions", "pizza-fractions", "Slice a paper pizza.", 1,
                "K", List.of(), ActivityLocation.CLASSROOM, List.of(), "", List.of(), List.of(), Map.of(), null,
                List.of(), List.of(), "cone", "", 0);
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, new Edit().title("Pizza Fractions")
                        .description("Slice a paper pizza.").activityNumber(1).grade("K").build(), ADMIN))
                .expectEvents(new ActivityCreated(ACTIVITY_ID, expected, true));
    }

    @Test
    void anActivityMayStartUnpublished() {
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().published(false).build(), ADMIN))
                .expectEvents(new ActivityCreated(ACTIVITY_ID, DETAILS, false));
    }

    @Test
    void aChosenSlugIsKeptAsGiven() {
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().slug("Relay_1").build(), ADMIN))
                .expectEvents(new ActivityCreated(ACTIVITY_ID, withSlug(DETAILS, "Relay_1"), true));
        assertThat(slugs.activityIdFor("relay_1")).isEqualTo(ACTIVITY_ID);
    }

    @Test
    void aDerivedSlugThatIsTakenGetsTheFirstFreeSuffix() {
        slugs.claim(OTHER_ACTIVITY_ID, SLUG);
        slugs.claim(UUID.randomUUID(), SLUG + "-2");
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().build(), ADMIN))
                .expectEvents(new ActivityCreated(ACTIVITY_ID, withSlug(DETAILS, SLUG + "-3"), true));
        assertThat(slugs.activityIdFor(SLUG + "-3")).isEqualTo(ACTIVITY_ID);
    }

    @Test
    void aTitleWithoutLettersOrDigitsInAsciiGetsTheFallbackSlug() {
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().title("分数 !!").build(), ADMIN))
                .expectEvents(new ActivityCreated(ACTIVITY_ID, withSlug(withTitle(DETAILS, "分数 !!"), "activity"), true));
    }

    @Test
    void aChosenSlugTakenInAnyCaseIsRefusedWithDjangosUniquenessMessage() {
        slugs.claim(OTHER_ACTIVITY_ID, "relay");
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().slug("RELAY").build(), ADMIN))
                .expectException(rejected(400, Map.of("slug", SLUG_TAKEN)))
                .expectNoEvents();
        assertThat(slugs.activityIdFor("relay")).isEqualTo(OTHER_ACTIVITY_ID);
    }

    @Test
    void linksMustNameLiveContentOfTheRightKindAndEveryRefusalIsReportedAtOnce() {
        slugs.claim(OTHER_ACTIVITY_ID, "relay");
        content.delete(ContentKind.RESOURCE, STUDENT_SHEET);
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().slug("relay").video(UNKNOWN_ID)
                        .teacherResources(List.of(TEACHER_SHEET, VIDEO_ID)).build(), ADMIN))
                .expectException(rejected(400, Map.of("slug", SLUG_TAKEN,
                        "video_asset", List.of("Invalid pk \"" + UNKNOWN_ID + "\" - object does not exist."),
                        "teacher_resources", List.of("Invalid pk \"" + VIDEO_ID + "\" - object does not exist."),
                        "student_resources", List.of("Invalid pk \"" + STUDENT_SHEET + "\" - object does not exist."))))
                .expectNoEvents();
        assertThat(slugs.activityIdFor(SLUG)).isNull();
    }

    @Test
    void linkedContentIsLoadedOnceEachInTheOrderOfItsAggregateIds() {
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().teacherResources(List.of(STUDENT_SHEET, TEACHER_SHEET))
                        .studentResources(List.of(STUDENT_SHEET)).build(), ADMIN))
                .expectSuccessfulHandlerExecution();
        assertThat(content.lookups).containsExactly(AggregateIds.content(ContentKind.RESOURCE, TEACHER_SHEET),
                AggregateIds.content(ContentKind.RESOURCE, STUDENT_SHEET), AggregateIds.content(ContentKind.VIDEO, VIDEO_ID));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SCHOOL_ADMIN", "TEACHER", "AUDITOR"})
    void onlyAdminsCreateActivities(Role role) {
        fixture.givenNoPriorActivity()
                .when(new CreateActivity(ACTIVITY_ID, full().build(), new Caller(5, "uid", role, SCHOOL_ID)))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        assertThat(slugs.activityIdFor(SLUG)).isNull();
        assertThat(content.lookups).isEmpty();
    }

    // --- change -----------------------------------------------------------------------------------

    @Test
    void aPatchChangesTheNamedFieldsAndKeepsTheSlug() {
        ActivityDetails changed = withTitle(DETAILS, "Fraction Line Sprint");
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().title("Fraction Line Sprint").build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, changed, List.of("title")))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, changed, true, CREATED_AT, NOW), allLinked()));
    }

    @Test
    void everyChangedFieldIsNamedInTheOrderOfTheContract() {
        ActivityDetails changed = new ActivityDetails("Sprint", "sprint", "New text.", 4, "5", List.of("Decimals"),
                ActivityLocation.BOTH, List.of(), "Name the parts", List.of("chalk"), List.of("Go"),
                ordered("whole", "all the parts"), OTHER_VIDEO_ID, List.of(), List.of(TEACHER_SHEET), "ball",
                "", 9);
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().title("Sprint").slug("sprint").description("New text.")
                        .activityNumber(4).grade("5").topics(List.of("Decimals")).location(ActivityLocation.BOTH)
                        .prerequisites(List.of()).learningObjectives("Name the parts").materials(List.of("chalk"))
                        .gameRules(List.of("Go")).keyTerms(ordered("whole", "all the parts")).video(OTHER_VIDEO_ID)
                        .teacherResources(List.of()).studentResources(List.of(TEACHER_SHEET)).iconType("ball")
                        .thumbnailUri("").order(9).build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, changed, List.of("title", "slug", "description",
                        "activity_number", "grade", "topics", "location", "prerequisites", "learning_objectives",
                        "materials", "game_rules", "key_terms", "video_asset", "teacher_resources", "student_resources",
                        "icon_type", "thumbnail_uri", "order")));
        assertThat(slugs.activityIdFor("sprint")).isEqualTo(ACTIVITY_ID);
        assertThat(slugs.activityIdFor(SLUG)).isNull();
    }

    @Test
    void aPutWithTheCurrentValuesChangesNothing() {
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, full().slug(SLUG).build(), ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, DETAILS, true, CREATED_AT, CREATED_AT), allLinked()));
    }

    @Test
    void reorderedKeyTermsAreAChange() {
        Map<String, String> reordered = ordered("denominator", "the number of equal parts",
                "numerator", "the number on top");
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().keyTerms(reordered).build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, withKeyTerms(DETAILS, reordered), List.of("key_terms")));
    }

    @Test
    void aSlugTakenByAnotherActivityIsRefused() {
        slugs.claim(OTHER_ACTIVITY_ID, "sprint");
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().slug("Sprint").title("Sprint").build(), ADMIN))
                .expectException(rejected(400, Map.of("slug", SLUG_TAKEN)))
                .expectNoEvents();
        assertThat(slugs.activityIdFor(SLUG)).isEqualTo(ACTIVITY_ID);
    }

    @Test
    void theOwnSlugInAnotherCaseIsAChangeOfSlugOnly() {
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().slug("Fraction-Line-Relay").build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, withSlug(DETAILS, "Fraction-Line-Relay"),
                        List.of("slug")));
        assertThat(slugs.activityIdFor(SLUG)).isEqualTo(ACTIVITY_ID);
    }

    @Test
    void anEditMayUnpublishTogetherWithItsChanges() {
        ActivityDetails changed = withTitle(DETAILS, "Sprint");
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().title("Sprint").published(false).build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, changed, List.of("title")),
                        new ActivityUnpublished(ACTIVITY_ID, "Sprint", SLUG))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, changed, false, CREATED_AT, NOW), allLinked()));
    }

    @Test
    void anEditMayPublish() {
        givenActivity(new ActivityUnpublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().published(true).build(), ADMIN))
                .expectEvents(new ActivityPublished(ACTIVITY_ID, DETAILS.title(), SLUG));
    }

    @Test
    void linksToContentDeletedSinceAreDroppedByTheNextEdit() {
        content.delete(ContentKind.VIDEO, VIDEO_ID);
        content.delete(ContentKind.RESOURCE, TEACHER_SHEET);
        ActivityDetails changed = withLinks(withTitle(DETAILS, "Sprint"), null, List.of(), List.of(STUDENT_SHEET));
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().title("Sprint").build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, changed, List.of("title", "video_asset",
                        "teacher_resources")))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, changed, true, CREATED_AT, NOW), linked(studentSheet)));
    }

    @Test
    void namingContentDeletedSinceIsRefused() {
        content.delete(ContentKind.VIDEO, VIDEO_ID);
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().video(VIDEO_ID).build(), ADMIN))
                .expectException(rejected(400, Map.of("video_asset",
                        List.of("Invalid pk \"" + VIDEO_ID + "\" - object does not exist."))))
                .expectNoEvents();
    }

    @Test
    void theVideoIsClearedWithNull() {
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().video(null).build(), ADMIN))
                .expectEvents(new ActivityChanged(ACTIVITY_ID, withLinks(DETAILS, null, DETAILS.teacherResources(),
                        DETAILS.studentResources()), List.of("video_asset")));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SCHOOL_ADMIN", "TEACHER", "AUDITOR"})
    void onlyAdminsChangeActivities(Role role) {
        givenActivity()
                .when(new ChangeActivity(ACTIVITY_ID, new Edit().slug("mine").build(), new Caller(5, "uid", role,
                        SCHOOL_ID)))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        assertThat(slugs.activityIdFor("mine")).isNull();
    }

    // --- publish, unpublish -----------------------------------------------------------------------

    @Test
    void publishingAnUnpublishedActivity() {
        givenActivity(new ActivityUnpublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .when(new PublishActivity(ACTIVITY_ID, ADMIN))
                .expectEvents(new ActivityPublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, DETAILS, true, CREATED_AT, NOW), allLinked()));
    }

    @Test
    void publishingAPublishedActivityChangesNothing() {
        givenActivity()
                .when(new PublishActivity(ACTIVITY_ID, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unpublishingAPublishedActivity() {
        givenActivity()
                .when(new UnpublishActivity(ACTIVITY_ID, ADMIN))
                .expectEvents(new ActivityUnpublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, DETAILS, false, CREATED_AT, NOW), allLinked()));
    }

    @Test
    void unpublishingAnUnpublishedActivityChangesNothing() {
        givenActivity(new ActivityUnpublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .when(new UnpublishActivity(ACTIVITY_ID, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void thePublishAnswerLeavesOutContentDeletedSince() {
        content.delete(ContentKind.RESOURCE, STUDENT_SHEET);
        givenActivity()
                .when(new PublishActivity(ACTIVITY_ID, ADMIN))
                .expectResultMessagePayload(new ActivityResult(
                        new ActivityState(ACTIVITY_ID, DETAILS, true, CREATED_AT, CREATED_AT),
                        linked(video, teacherSheet)));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SCHOOL_ADMIN", "TEACHER", "AUDITOR"})
    void onlyAdminsPublishOrUnpublish(Role role) {
        Caller caller = new Caller(5, "uid", role, SCHOOL_ID);
        givenActivity(new ActivityUnpublished(ACTIVITY_ID, DETAILS.title(), SLUG))
                .when(new PublishActivity(ACTIVITY_ID, caller))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        givenActivity()
                .when(new UnpublishActivity(ACTIVITY_ID, caller))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    // --- delete -----------------------------------------------------------------------------------

    @Test
    void deletingFreesTheSlug() {
        givenActivity()
                .when(new DeleteActivity(ACTIVITY_ID, ADMIN))
                .expectEvents(new ActivityDeleted(ACTIVITY_ID, DETAILS.title(), SLUG))
                .expectMarkedDeleted();
        assertThat(slugs.activityIdFor(SLUG)).isNull();
    }

    @Test
    void aDeletedActivityTakesNoMoreCommands() {
        givenActivity(new ActivityDeleted(ACTIVITY_ID, DETAILS.title(), SLUG))
                .when(new PublishActivity(ACTIVITY_ID, ADMIN))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SCHOOL_ADMIN", "TEACHER", "AUDITOR"})
    void onlyAdminsDeleteActivities(Role role) {
        givenActivity()
                .when(new DeleteActivity(ACTIVITY_ID, new Caller(5, "uid", role, SCHOOL_ID)))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        assertThat(slugs.activityIdFor(SLUG)).isEqualTo(ACTIVITY_ID);
    }

    // --- the answer -------------------------------------------------------------------------------

    @Test
    void theAnswerShowsDisplayStringsObjectivesAsAListAndTheLinkedContent() {
        ActivityResponse answer = ActivityResponse.of(new ActivityResult(
                new ActivityState(ACTIVITY_ID, DETAILS, true, CREATED_AT, NOW), linked(video, studentSheet)));
        assertThat(answer.gradeDisplay()).isEqualTo("Grade 4");
        assertThat(answer.location()).isEqualTo("court");
        assertThat(answer.locationDisplay()).isEqualTo("Court");
        assertThat(answer.learningObjectivesList()).containsExactly("place fractions on a line",
                "compare halves and quarters");
        assertThat(answer.keyTerms()).containsExactlyEntriesOf(KEY_TERMS);
        assertThat(answer.videoAsset()).isEqualTo(VIDEO_ID);
        assertThat(answer.video()).isEqualTo(new ActivityResponse.Video(VIDEO_ID, "Relay walkthrough", "02:05"));
        // the teacher guide was not loadable: it is left out, as the read side leaves it out
        assertThat(answer.teacherResources()).isEmpty();
        assertThat(answer.studentResources()).containsExactly(
                new ActivityResponse.Resource(STUDENT_SHEET, "Score card", "docx"));
        assertThat(answer.isPublished()).isTrue();
        assertThat(answer.updatedAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAVideoTheAnswerHasNulls() {
        ActivityResponse answer = ActivityResponse.of(new ActivityResult(new ActivityState(ACTIVITY_ID,
                withLinks(DETAILS, null, List.of(), List.of()), true, CREATED_AT, NOW), Map.of()));
        assertThat(answer.videoAsset()).isNull();
        assertThat(answer.video()).isNull();
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Every field of {@link #DETAILS} except the slug (derived from the title). */
    private static Edit full() {
        return new Edit().title(DETAILS.title()).description(DETAILS.description())
                .activityNumber(DETAILS.activityNumber()).grade(DETAILS.grade()).topics(DETAILS.topics())
                .location(DETAILS.location()).prerequisites(DETAILS.prerequisites())
                .learningObjectives(DETAILS.learningObjectives()).materials(DETAILS.materials())
                .gameRules(DETAILS.gameRules()).keyTerms(DETAILS.keyTerms()).video(DETAILS.videoAsset())
                .teacherResources(DETAILS.teacherResources()).studentResources(DETAILS.studentResources())
                .iconType(DETAILS.iconType()).thumbnailUri(DETAILS.thumbnailUri()).order(DETAILS.order());
    }

    private static Map<String, LinkedItem> linked(LinkedItem... items) {
        Map<String, LinkedItem> linked = new LinkedHashMap<>();
        for (LinkedItem item : items) {
            linked.put(AggregateIds.content(item.kind(), item.id()), item);
        }
        return linked;
    }

    private static Map<String, String> ordered(String... termsAndDefinitions) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (int i = 0; i < termsAndDefinitions.length; i += 2) {
            terms.put(termsAndDefinitions[i], termsAndDefinitions[i + 1]);
        }
        return terms;
    }

    private static ActivityDetails withTitle(ActivityDetails d, String title) {
        return new ActivityDetails(title, d.slug(), d.description(), d.activityNumber(), d.grade(), d.topics(),
                d.location(), d.prerequisites(), d.learningObjectives(), d.materials(), d.gameRules(), d.keyTerms(),
                d.videoAsset(), d.teacherResources(), d.studentResources(), d.iconType(), d.thumbnailUri(), d.order());
    }

    private static ActivityDetails withSlug(ActivityDetails d, String slug) {
        return new ActivityDetails(d.title(), slug, d.description(), d.activityNumber(), d.grade(), d.topics(),
                d.location(), d.prerequisites(), d.learningObjectives(), d.materials(), d.gameRules(), d.keyTerms(),
                d.videoAsset(), d.teacherResources(), d.studentResources(), d.iconType(), d.thumbnailUri(), d.order());
    }

    private static ActivityDetails withKeyTerms(ActivityDetails d, Map<String, String> keyTerms) {
        return new ActivityDetails(d.title(), d.slug(), d.description(), d.activityNumber(), d.grade(), d.topics(),
                d.location(), d.prerequisites(), d.learningObjectives(), d.materials(), d.gameRules(), keyTerms,
                d.videoAsset(), d.teacherResources(), d.studentResources(), d.iconType(), d.thumbnailUri(), d.order());
    }

    private static ActivityDetails withLinks(ActivityDetails d, UUID video, List<UUID> teacher, List<UUID> student) {
        return new ActivityDetails(d.title(), d.slug(), d.description(), d.activityNumber(), d.grade(), d.topics(),
                d.location(), d.prerequisites(), d.learningObjectives(), d.materials(), d.gameRules(), d.keyTerms(),
                video, teacher, student, d.iconType(), d.thumbnailUri(), d.order());
    }

    /** A request as ActivityFields hands it over: every field null ("not given") unless set. */
    private static final class Edit {
        private String title;
        private String slug;
        private String description;
        private Integer activityNumber;
        private String grade;
        private List<String> topics;
        private ActivityLocation location;
        private List<String> prerequisites;
        private String learningObjectives;
        private List<String> materials;
        private List<String> gameRules;
        private Map<String, String> keyTerms;
        private boolean videoGiven;
        private UUID video;
        private List<UUID> teacherResources;
        private List<UUID> studentResources;
        private String iconType;
        private String thumbnailUri;
        private Integer order;
        private Boolean published;

        Edit title(String value) {
            title = value;
            return this;
        }

        Edit slug(String value) {
            slug = value;
            return this;
        }

        Edit description(String value) {
            description = value;
            return this;
        }

        Edit activityNumber(int value) {
            activityNumber = value;
            return this;
        }

        Edit grade(String value) {
            grade = value;
            return this;
        }

        Edit topics(List<String> value) {
            topics = value;
            return this;
        }

        Edit location(ActivityLocation value) {
            location = value;
            return this;
        }

        Edit prerequisites(List<String> value) {
            prerequisites = value;
            return this;
        }

        Edit learningObjectives(String value) {
            learningObjectives = value;
            return this;
        }

        Edit materials(List<String> value) {
            materials = value;
            return this;
        }

        Edit gameRules(List<String> value) {
            gameRules = value;
            return this;
        }

        Edit keyTerms(Map<String, String> value) {
            keyTerms = value;
            return this;
        }

        Edit video(UUID value) {
            videoGiven = true;
            video = value;
            return this;
        }

        Edit teacherResources(List<UUID> value) {
            teacherResources = new ArrayList<>(value);
            return this;
        }

        Edit studentResources(List<UUID> value) {
            studentResources = new ArrayList<>(value);
            return this;
        }

        Edit iconType(String value) {
            iconType = value;
            return this;
        }

        Edit thumbnailUri(String value) {
            thumbnailUri = value;
            return this;
        }

        Edit order(int value) {
            order = value;
            return this;
        }

        Edit published(boolean value) {
            published = value;
            return this;
        }

        ActivityEdit build() {
            return new ActivityEdit(title, slug, description, activityNumber, grade, topics, location, prerequisites,
                    learningObjectives, materials, gameRules, keyTerms, videoGiven, video, teacherResources,
                    studentResources, iconType, thumbnailUri, order, published);
        }
    }
}
