package org.fractionball.lms.command.content;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.command.storage.InMemoryBlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentPublishedWithoutReview;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;
import static org.fractionball.lms.events.content.ContentKind.RESOURCE;
import static org.fractionball.lms.events.content.ContentKind.VIDEO;
import static org.fractionball.lms.events.content.ContentStatus.DRAFT;
import static org.fractionball.lms.events.content.ContentStatus.PENDING;
import static org.fractionball.lms.events.content.ContentStatus.PUBLISHED;
import static org.fractionball.lms.events.content.ContentStatus.REJECTED;

/**
 * The content item and its review workflow (contract §5.9, §5.10.3, §5.17, §7; D14, D15, D16):
 * every transition, and every refusal with its exact status and body.
 */
class ContentItemTest {
    /** Kept as one text so each disabled test names the same defect. */

    private static final long SCHOOL_ID = 7;
    private static final long OTHER_SCHOOL_ID = 8;
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant SUBMITTED_AT = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant REVIEWED_AT = Instant.parse("2025-03-03T11:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-04T12:30:00Z");

    private static final Caller OWNER = new Caller(42, "teacher-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller OTHER_TEACHER = new Caller(43, "other-teacher-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller SCHOOL_ADMIN = new Caller(10, "school-admin-uid", Role.SCHOOL_ADMIN, SCHOOL_ID);
    private static final Caller ADMIN = new Caller(1, "admin-uid", Role.ADMIN, SCHOOL_ID);
    private static final Caller OTHER_SCHOOL_TEACHER = new Caller(44, "far-teacher-uid", Role.TEACHER, OTHER_SCHOOL_ID);
    private static final Caller OTHER_SCHOOL_ADMIN =
            new Caller(20, "far-school-admin-uid", Role.SCHOOL_ADMIN, OTHER_SCHOOL_ID);
    private static final Caller OTHER_SCHOOL_SYSTEM_ADMIN = new Caller(2, "far-admin-uid", Role.ADMIN, OTHER_SCHOOL_ID);

    private static final UUID VIDEO_ID = UUID.fromString("0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a");
    private static final UUID RESOURCE_ID = UUID.fromString("5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b");
    private static final UUID DOWNLOAD_ID = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final String VIDEO_PATH = "videos/2025/03/01/" + VIDEO_ID + ".mp4";
    private static final String RESOURCE_PATH = "resources/2025/03/01/" + RESOURCE_ID + ".pdf";

    /** A video added through POST /api/videos/: an outside link, no stored object. */
    private static final ContentDetails VIDEO_DETAILS = new ContentDetails("Halves on the court",
            "Students split the court into halves.", "3", "fractions_basics", List.of("halves", "court"), 95,
            10_485_760L, "https://videos.example.org/halves.mp4", "", null);
    private static final ContentDetails UPLOADED_VIDEO_DETAILS = new ContentDetails("Halves on the court",
            "Students split the court into halves.", "3", "fractions_basics", List.of("halves", "court"), 95,
            10_485_760L, InMemoryBlobStore.publicUrlOf(VIDEO_PATH), "", null);
    private static final ContentDetails RESOURCE_DETAILS = new ContentDetails("Fraction strips worksheet",
            "Cut-out strips for halves and quarters.", "4", "equivalent_fractions", List.of("worksheet"), null,
            48_000L, InMemoryBlobStore.publicUrlOf(RESOURCE_PATH), null, "pdf");
    private static final ContentDetails LINKED_RESOURCE_DETAILS = new ContentDetails("Fraction strips worksheet",
            "Cut-out strips for halves and quarters.", "4", "equivalent_fractions", List.of("worksheet"), null,
            48_000L, "https://docs.example.org/strips.pdf", null, "pdf");

    private static final ContentCreated VIDEO_CREATED =
            new ContentCreated(VIDEO_ID, VIDEO, OWNER.userId(), SCHOOL_ID, VIDEO_DETAILS, null);
    private static final ContentCreated UPLOADED_VIDEO_CREATED =
            new ContentCreated(VIDEO_ID, VIDEO, OWNER.userId(), SCHOOL_ID, UPLOADED_VIDEO_DETAILS, VIDEO_PATH);
    /** A video owned by the school admin, for "nobody reviews their own content". */
    private static final ContentCreated SCHOOL_ADMINS_VIDEO_CREATED =
            new ContentCreated(VIDEO_ID, VIDEO, SCHOOL_ADMIN.userId(), SCHOOL_ID, VIDEO_DETAILS, null);
    /** An uploaded resource: it has a stored object to download. */
    private static final ContentCreated RESOURCE_CREATED =
            new ContentCreated(RESOURCE_ID, RESOURCE, OWNER.userId(), SCHOOL_ID, RESOURCE_DETAILS, RESOURCE_PATH);
    private static final ContentCreated LINKED_RESOURCE_CREATED =
            new ContentCreated(RESOURCE_ID, RESOURCE, OWNER.userId(), SCHOOL_ID, LINKED_RESOURCE_DETAILS, null);

    private static final Map<String, String> VIDEO_NOT_FOUND = Map.of("detail", "No VideoAsset matches the given query.");
    private static final Map<String, String> RESOURCE_NOT_FOUND = Map.of("detail", "No Resource matches the given query.");
    private static final Map<String, String> NOT_PERMITTED =
            Map.of("detail", "You do not have permission to perform this action.");
    private static final Map<String, List<String>> STATUS_READ_ONLY = Map.of("status",
            List.of("Status can only be changed through the review workflow (/api/approval/)."));
    private static final Map<String, String> UNDER_REVIEW =
            Map.of("error", "Content under review cannot be edited. Return it to draft first.");
    private static final String URI_FIXED = "The file of uploaded content cannot be replaced; upload a new item instead.";
    private static final Map<String, String> ONLY_OWNER_SUBMITS =
            Map.of("error", "Only the content owner can submit for review");
    private static final Map<String, String> ONLY_OWNER_RETURNS =
            Map.of("error", "Only the content owner can return content to draft");
    private static final Map<String, String> NOT_A_REVIEWER =
            Map.of("error", "Insufficient permissions to approve content");
    private static final Map<String, String> REASON_REQUIRED =
            Map.of("error", "Rejection reason is required (minimum 10 characters)");

    private InMemoryBlobStore blobs;
    private FixtureConfiguration<ContentItem> fixture;

    @BeforeEach
    void setUp() {
        blobs = new InMemoryBlobStore(NOW);
        fixture = new AggregateTestFixture<>(ContentItem.class);
        // resources first: the fixture refuses them once a command handler is registered, and the
        // aggregate's download handler needs the BlobStore when its model is inspected
        fixture.registerInjectableResource(blobs);
        fixture.registerAnnotatedCommandHandler(new ContentItems(fixture.getRepository()));
    }

    // --- given ----------------------------------------------------------------------------------

    /** {@code created} at CREATED_AT, taken through the workflow to {@code status}; the command runs at NOW. */
    private TestExecutor<ContentItem> given(ContentCreated created, ContentStatus status) {
        TestExecutor<ContentItem> executor = fixture.givenCurrentTime(CREATED_AT).andGiven(created);
        if (status != DRAFT) {
            executor = executor.andGivenCurrentTime(SUBMITTED_AT).andGiven(submission(created));
        }
        if (status == PUBLISHED) {
            executor = executor.andGivenCurrentTime(REVIEWED_AT).andGiven(approval(created));
        } else if (status == REJECTED) {
            executor = executor.andGivenCurrentTime(REVIEWED_AT).andGiven(rejection(created));
        }
        return executor.andGivenCurrentTime(NOW);
    }

    private TestExecutor<ContentItem> givenVideo(ContentStatus status) {
        return given(VIDEO_CREATED, status);
    }

    private static ContentSubmittedForReview submission(ContentCreated created) {
        return new ContentSubmittedForReview(created.contentId(), created.kind(), created.details().title(),
                created.ownerId());
    }

    private static ContentApproved approval(ContentCreated created) {
        return new ContentApproved(created.contentId(), created.kind(), created.details().title(), created.ownerId(),
                SCHOOL_ADMIN.userId(), "Clear and well paced");
    }

    private static ContentRejected rejection(ContentCreated created) {
        return new ContentRejected(created.contentId(), created.kind(), created.details().title(), created.ownerId(),
                SCHOOL_ADMIN.userId(), "Please describe how the drill is scored");
    }

    /** The state the aggregate answers with. */
    private static ContentState state(ContentCreated created, ContentDetails details, ContentStatus status,
                                      Instant submittedAt, Long reviewedBy, Instant reviewedAt, String reviewNotes,
                                      Instant updatedAt) {
        return new ContentState(created.contentId(), created.kind(), created.ownerId(), created.schoolId(), details,
                status, created.storagePath(), submittedAt, reviewedBy, reviewedAt, reviewNotes, CREATED_AT,
                updatedAt);
    }

    private static Matcher<ContentState> stateWith(String description, Predicate<ContentState> check) {
        return new CustomTypeSafeMatcher<>(description) {
            @Override
            protected boolean matchesSafely(ContentState state) {
                return check.test(state);
            }
        };
    }

    /** The exception's own class, not a subclass (expectException(Class) accepts subclasses). */
    private static Matcher<Throwable> exactly(Class<? extends Throwable> type) {
        return new CustomTypeSafeMatcher<>("exactly " + type.getName()) {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return actual.getClass() == type;
            }
        };
    }

    /**
     * A PUT/PATCH body as ContentFields hands it over: every field null ("not given") unless set;
     * thumbnail and file type are never given here, as in most real edits.
     */
    private static final class Edit {
        private String title;
        private String description;
        private String grade;
        private String topic;
        private List<String> tags;
        private boolean durationGiven;
        private Integer duration;
        private boolean fileSizeGiven;
        private Long fileSize;
        private String uri;
        private ContentStatus status;

        Edit title(String value) {
            title = value;
            return this;
        }

        Edit description(String value) {
            description = value;
            return this;
        }

        Edit grade(String value) {
            grade = value;
            return this;
        }

        Edit topic(String value) {
            topic = value;
            return this;
        }

        Edit tags(List<String> value) {
            tags = value;
            return this;
        }

        Edit duration(Integer value) {
            durationGiven = true;
            duration = value;
            return this;
        }

        Edit fileSize(Long value) {
            fileSizeGiven = true;
            fileSize = value;
            return this;
        }

        Edit uri(String value) {
            uri = value;
            return this;
        }

        Edit status(ContentStatus value) {
            status = value;
            return this;
        }

        ChangeContentDetails by(ContentKind kind, Caller caller) {
            UUID id = kind == VIDEO ? VIDEO_ID : RESOURCE_ID;
            return new ChangeContentDetails(id, kind, new ContentEdit(title, description, grade, topic, tags,
                    durationGiven, duration, fileSizeGiven, fileSize, uri, null, null, status), caller);
        }
    }

    private static Edit edit() {
        return new Edit();
    }

    // --- creation -------------------------------------------------------------------------------

    @Test
    void creatingAVideoPublishesContentCreatedWithTheCallerAsOwnerInTheCallersSchool() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(CREATED_AT)
                .when(new CreateContent(VIDEO_ID, VIDEO, VIDEO_DETAILS, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContentCreated(VIDEO_ID, VIDEO, 42, SCHOOL_ID, VIDEO_DETAILS, null));
    }

    @Test
    void creatingAResourcePublishesContentCreatedWithoutStoragePath() {
        fixture.givenNoPriorActivity()
                .when(new CreateContent(RESOURCE_ID, RESOURCE, LINKED_RESOURCE_DETAILS, OTHER_SCHOOL_ADMIN))
                .expectEvents(new ContentCreated(RESOURCE_ID, RESOURCE, 20, OTHER_SCHOOL_ID, LINKED_RESOURCE_DETAILS,
                        null));
    }

    @Test
    void creationAnswersWithADraftWithoutReviewFields() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(CREATED_AT)
                .when(new CreateContent(VIDEO_ID, VIDEO, VIDEO_DETAILS, OWNER))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, DRAFT, null, null, null, "",
                        CREATED_AT));
    }

    // --- changing details: who ------------------------------------------------------------------

    @Test
    void theOwnerChangesItsDraftVideo() {
        ContentDetails changed = new ContentDetails("Halves and quarters", VIDEO_DETAILS.description(), "4",
                VIDEO_DETAILS.topic(), List.of("halves"), 95, 10_485_760L, VIDEO_DETAILS.uri(), "", null);

        givenVideo(DRAFT)
                .when(edit().title("Halves and quarters").grade("4").tags(List.of("halves")).by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, changed))
                .expectResultMessagePayload(state(VIDEO_CREATED, changed, DRAFT, null, null, null, "", NOW));
    }

    @Test
    void theOwnerChangesItsDraftResource() {
        ContentDetails changed = new ContentDetails(LINKED_RESOURCE_DETAILS.title(), "Strips for eighths too.",
                "4", "equivalent_fractions", List.of("worksheet"), null, 48_000L, "https://docs.example.org/v2.pdf",
                null, "pdf");

        given(LINKED_RESOURCE_CREATED, DRAFT)
                .when(edit().description("Strips for eighths too.").uri("https://docs.example.org/v2.pdf")
                        .by(RESOURCE, OWNER))
                .expectEvents(new ContentDetailsChanged(RESOURCE_ID, RESOURCE, changed));
    }

    @Test
    void aSchoolAdminOfTheItemsSchoolChangesATeachersDraft() {
        givenVideo(DRAFT)
                .when(edit().title("Halves (edited)").by(VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails("Halves (edited)",
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void anAdminOfTheItemsSchoolChangesATeachersDraft() {
        givenVideo(DRAFT)
                .when(edit().title("Halves (edited)").by(VIDEO, ADMIN))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails("Halves (edited)",
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void aTeacherWhoIsNotTheOwnerCannotChangeAPublishedItem() {
        givenVideo(PUBLISHED)
                .when(edit().title("Mine now").by(VIDEO, OTHER_TEACHER))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    @Test
    void permissionIsCheckedBeforeTheStatusField() {
        givenVideo(PUBLISHED)
                .when(edit().status(DRAFT).by(VIDEO, OTHER_TEACHER))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"DRAFT", "PENDING", "REJECTED"})
    void anotherTeachersUnpublishedItemIsNotFoundForATeacher(ContentStatus status) {
        givenVideo(status)
                .when(edit().title("Mine now").by(VIDEO, OTHER_TEACHER))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSchoolAdminOfAnotherSchoolGets404() {
        givenVideo(PUBLISHED)
                .when(edit().title("Elsewhere").by(VIDEO, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void anAdminOfAnotherSchoolGets404Too() {
        givenVideo(PUBLISHED)
                .when(edit().title("Elsewhere").by(VIDEO, OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aResourceOfAnotherSchoolIsNotFoundAsAResource() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(edit().title("Elsewhere").by(RESOURCE, OTHER_SCHOOL_TEACHER))
                .expectException(rejected(404, RESOURCE_NOT_FOUND))
                .expectNoEvents();
    }

    // --- changing details: status (D15) ---------------------------------------------------------

    @Test
    void aStatusEqualToTheCurrentOneIsAccepted() {
        givenVideo(DRAFT)
                .when(edit().title("Halves and quarters").status(DRAFT).by(VIDEO, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails("Halves and quarters",
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, VIDEO_DETAILS.uri(), "", null)));
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"PENDING", "PUBLISHED", "REJECTED"})
    void anotherStatusIsRefusedForTheOwner(ContentStatus wanted) {
        givenVideo(DRAFT)
                .when(edit().title("Halves and quarters").status(wanted).by(VIDEO, OWNER))
                .expectException(rejected(400, STATUS_READ_ONLY))
                .expectNoEvents();
    }

    @Test
    void aSchoolAdminCannotPublishThroughAnEditEither() {
        givenVideo(PENDING)
                .when(edit().status(PUBLISHED).by(VIDEO, SCHOOL_ADMIN))
                .expectException(rejected(400, STATUS_READ_ONLY))
                .expectNoEvents();
    }

    @Test
    void aPublishedItemCannotBeSetBackToDraftThroughAnEdit() {
        givenVideo(PUBLISHED)
                .when(edit().status(DRAFT).by(VIDEO, OWNER))
                .expectException(rejected(400, STATUS_READ_ONLY))
                .expectNoEvents();
    }

    @Test
    void pendingContentCannotBeEditedByItsOwner() {
        givenVideo(PENDING)
                .when(edit().title("Last-minute fix").by(VIDEO, OWNER))
                .expectException(rejected(400, UNDER_REVIEW))
                .expectNoEvents();
    }

    @Test
    void pendingContentCannotBeEditedByASchoolAdminEven() {
        givenVideo(PENDING)
                .when(edit().title("Last-minute fix").status(PENDING).by(VIDEO, SCHOOL_ADMIN))
                .expectException(rejected(400, UNDER_REVIEW))
                .expectNoEvents();
    }

    // --- changing details: published content ---------------------------------------------------

    @Test
    void aTeacherOwnersEditOfAPublishedItemSendsItBackToDraft() {
        ContentDetails changed = new ContentDetails("Halves, revised", VIDEO_DETAILS.description(), "3",
                "fractions_basics", List.of("halves", "court"), 95, 10_485_760L, VIDEO_DETAILS.uri(), "", null);

        givenVideo(PUBLISHED)
                .when(edit().title("Halves, revised").by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, changed),
                        new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves, revised", PUBLISHED,
                                ContentReturnedToDraft.EDITED_AFTER_PUBLICATION))
                .expectResultMessagePayload(state(VIDEO_CREATED, changed, DRAFT, null, null, null, "", NOW));
    }

    @Test
    void aSchoolAdminsEditOfATeachersPublishedItemKeepsItPublished() {
        ContentDetails changed = new ContentDetails("Halves, revised", VIDEO_DETAILS.description(), "3",
                "fractions_basics", List.of("halves", "court"), 95, 10_485_760L, VIDEO_DETAILS.uri(), "", null);

        givenVideo(PUBLISHED)
                .when(edit().title("Halves, revised").by(VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, changed))
                .expectResultMessagePayload(state(VIDEO_CREATED, changed, PUBLISHED, SUBMITTED_AT,
                        SCHOOL_ADMIN.userId(), REVIEWED_AT, "Clear and well paced", NOW));
    }

    @Test
    void aSchoolAdminsEditOfItsOwnPublishedItemSendsItBackToDraft() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, PUBLISHED)
                .when(edit().title("Halves, revised").by(VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails("Halves, revised",
                                VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                                10_485_760L, VIDEO_DETAILS.uri(), "", null)),
                        new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves, revised", PUBLISHED,
                                ContentReturnedToDraft.EDITED_AFTER_PUBLICATION));
    }

    @Test
    void anUnchangedEditOfAPublishedItemPublishesNothingAndKeepsItPublished() {
        givenVideo(PUBLISHED)
                .when(edit().title(VIDEO_DETAILS.title()).grade("3").status(PUBLISHED).by(VIDEO, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(stateWith("a published state",
                        state -> state.status() == PUBLISHED && state.updatedAt().equals(REVIEWED_AT)));
    }

    // --- changing details: PATCH semantics and the stored file ----------------------------------

    @Test
    void anEmptyPatchPublishesNothing() {
        givenVideo(DRAFT)
                .when(edit().by(VIDEO, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, DRAFT, null, null, null, "",
                        CREATED_AT));
    }

    @Test
    void anEmptyPatchOfAResourcePublishesNothing() {
        given(RESOURCE_CREATED, DRAFT)
                .when(edit().by(RESOURCE, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void durationAndFileSizeGivenAsNullAreCleared() {
        givenVideo(DRAFT)
                .when(edit().duration(null).fileSize(null).by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails(VIDEO_DETAILS.title(),
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), null, null,
                        VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void durationAndFileSizeNotGivenAreKept() {
        givenVideo(DRAFT)
                .when(edit().description("A longer description of the drill.").by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails(VIDEO_DETAILS.title(),
                        "A longer description of the drill.", "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void emptyStringsAndEmptyTagsAreValuesNotOmissions() {
        givenVideo(DRAFT)
                .when(edit().description("").topic("").tags(List.of()).by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails(VIDEO_DETAILS.title(),
                        "", "3", "", List.of(), 95, 10_485_760L, VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void theStorageUriOfAnUploadedVideoCannotBeReplaced() {
        given(UPLOADED_VIDEO_CREATED, DRAFT)
                .when(edit().uri("https://videos.example.org/other.mp4").by(VIDEO, OWNER))
                .expectException(rejected(400, Map.of("storage_uri", List.of(URI_FIXED))))
                .expectNoEvents();
    }

    @Test
    void theFileUriOfAnUploadedResourceCannotBeReplaced() {
        given(RESOURCE_CREATED, DRAFT)
                .when(edit().uri("https://docs.example.org/other.pdf").by(RESOURCE, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("file_uri", List.of(URI_FIXED))))
                .expectNoEvents();
    }

    @Test
    void theSameUriOfAnUploadedVideoIsAccepted() {
        given(UPLOADED_VIDEO_CREATED, DRAFT)
                .when(edit().title("Halves, revised").uri(UPLOADED_VIDEO_DETAILS.uri()).by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails("Halves, revised",
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, UPLOADED_VIDEO_DETAILS.uri(), "", null)));
    }

    @Test
    void theUriOfLinkedContentCanBeChanged() {
        givenVideo(DRAFT)
                .when(edit().uri("https://videos.example.org/halves-v2.mp4").by(VIDEO, OWNER))
                .expectEvents(new ContentDetailsChanged(VIDEO_ID, VIDEO, new ContentDetails(VIDEO_DETAILS.title(),
                        VIDEO_DETAILS.description(), "3", "fractions_basics", List.of("halves", "court"), 95,
                        10_485_760L, "https://videos.example.org/halves-v2.mp4", "", null)));
    }

    // --- submitting (D14) -----------------------------------------------------------------------

    @Test
    void theTeacherOwnerSubmitsItsDraft() {
        givenVideo(DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentSubmittedForReview(VIDEO_ID, VIDEO, "Halves on the court", 42))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, PENDING, NOW, null, null, "", NOW));
    }

    @Test
    void aSchoolAdminOwnerSubmitsItsOwnDraft() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentSubmittedForReview(VIDEO_ID, VIDEO, "Halves on the court", 10));
    }

    @Test
    void aResourceIsSubmittedLikeAVideo() {
        given(RESOURCE_CREATED, DRAFT)
                .when(new SubmitContentForReview(RESOURCE_ID, RESOURCE, OWNER))
                .expectEvents(new ContentSubmittedForReview(RESOURCE_ID, RESOURCE, "Fraction strips worksheet", 42));
    }

    @Test
    void aSchoolAdminCannotSubmitATeachersDraft() {
        givenVideo(DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, SCHOOL_ADMIN))
                .expectException(rejected(403, ONLY_OWNER_SUBMITS))
                .expectNoEvents();
    }

    @Test
    void anAdminOfAnySchoolCannotSubmitAnotherUsersDraft() {
        givenVideo(DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectException(rejected(403, ONLY_OWNER_SUBMITS))
                .expectNoEvents();
    }

    @Test
    void anotherTeacherDoesNotSeeTheItemInTheApprovalResource() {
        givenVideo(DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OTHER_TEACHER))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSchoolAdminOfAnotherSchoolDoesNotSeeTheItem() {
        givenVideo(DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void withoutRequiredApprovalTheOwnersDraftIsPublishedAtOnceAndTheEventSaysWhy() {
        givenVideo(DRAFT)
                .when(new PublishContentWithoutReview(VIDEO_ID, VIDEO, "content_approval_required", OWNER))
                .expectEvents(new ContentPublishedWithoutReview(VIDEO_ID, VIDEO, "Halves on the court", 42,
                        "content_approval_required"))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, PUBLISHED, NOW, null, NOW, "", NOW));
    }

    @Test
    void publishingWithoutReviewIsStillOnlyForTheOwner() {
        givenVideo(DRAFT)
                .when(new PublishContentWithoutReview(VIDEO_ID, VIDEO, "content_approval_required", SCHOOL_ADMIN))
                .expectException(rejected(403, ONLY_OWNER_SUBMITS))
                .expectNoEvents();
    }

    @Test
    void publishingWithoutReviewIsStillOnlyForADraft() {
        givenVideo(REJECTED)
                .when(new PublishContentWithoutReview(VIDEO_ID, VIDEO, "content_approval_required", OWNER))
                .expectException(rejected(400, Map.of("error",
                        "Content must be in DRAFT status to submit for review. Current status: REJECTED")))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"PENDING", "PUBLISHED", "REJECTED"})
    void onlyADraftCanBeSubmitted(ContentStatus status) {
        givenVideo(status)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectException(rejected(400, Map.of("error",
                        "Content must be in DRAFT status to submit for review. Current status: " + status.name())))
                .expectNoEvents();
    }

    @Test
    void anIncompleteDraftIsRefusedWithEveryProblemInOrder() {
        ContentDetails incomplete = new ContentDetails("Hi", "Too short", "", "", List.of(), null, null,
                "https://videos.example.org/hi.mp4", "", null);

        given(new ContentCreated(VIDEO_ID, VIDEO, 42, SCHOOL_ID, incomplete, null), DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectException(rejected(400, Map.of("error", "Content validation failed", "details", List.of(
                        "Title must be at least 3 characters",
                        "Description must be at least 10 characters",
                        "Grade level is required",
                        "Topic is required"))))
                .expectNoEvents();
    }

    @Test
    void lengthsAreCountedAfterTrimming() {
        ContentDetails padded = new ContentDetails("   ab   ", "  123456789  ", "3", "fractions_basics", List.of(),
                null, null, "https://videos.example.org/ab.mp4", "", null);

        given(new ContentCreated(VIDEO_ID, VIDEO, 42, SCHOOL_ID, padded, null), DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectException(rejected(400, Map.of("error", "Content validation failed", "details", List.of(
                        "Title must be at least 3 characters",
                        "Description must be at least 10 characters"))))
                .expectNoEvents();
    }

    @Test
    void minimalLengthsAreEnough() {
        ContentDetails minimal = new ContentDetails(" abc ", " 1234567890 ", "K", "word_problems", List.of(), null,
                null, "https://videos.example.org/abc.mp4", "", null);

        given(new ContentCreated(VIDEO_ID, VIDEO, 42, SCHOOL_ID, minimal, null), DRAFT)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentSubmittedForReview(VIDEO_ID, VIDEO, " abc ", 42));
    }

    @Test
    void aResourceWithoutGradeAndTopicIsIncomplete() {
        ContentDetails noGradeOrTopic = new ContentDetails("Fraction strips", "Cut-out strips for halves.", "", " ",
                List.of(), null, 48_000L, "https://docs.example.org/strips.pdf", null, "pdf");

        given(new ContentCreated(RESOURCE_ID, RESOURCE, 42, SCHOOL_ID, noGradeOrTopic, null), DRAFT)
                .when(new SubmitContentForReview(RESOURCE_ID, RESOURCE, OWNER))
                .expectException(rejected(400, Map.of("error", "Content validation failed", "details",
                        List.of("Grade level is required", "Topic is required"))))
                .expectNoEvents();
    }

    @Test
    void theStatusIsCheckedBeforeCompleteness() {
        ContentDetails incomplete = new ContentDetails("Hi", "", "", "", List.of(), null, null,
                "https://videos.example.org/hi.mp4", "", null);
        ContentCreated created = new ContentCreated(VIDEO_ID, VIDEO, 42, SCHOOL_ID, incomplete, null);

        given(created, REJECTED)
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectException(rejected(400, Map.of("error",
                        "Content must be in DRAFT status to submit for review. Current status: REJECTED")))
                .expectNoEvents();
    }

    // --- approving ------------------------------------------------------------------------------

    @Test
    void aSchoolAdminOfTheItemsSchoolApprovesPendingContent() {
        givenVideo(PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, "Great clip", SCHOOL_ADMIN))
                .expectEvents(new ContentApproved(VIDEO_ID, VIDEO, "Halves on the court", 42, 10, "Great clip"))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, PUBLISHED, SUBMITTED_AT, 10L, NOW,
                        "Great clip", NOW));
    }

    @Test
    void anAdminOfAnotherSchoolApprovesToo() {
        given(RESOURCE_CREATED, PENDING)
                .when(new ApproveContent(RESOURCE_ID, RESOURCE, "Approved centrally", OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectEvents(new ContentApproved(RESOURCE_ID, RESOURCE, "Fraction strips worksheet", 42, 2,
                        "Approved centrally"))
                .expectResultMessagePayloadMatching(stateWith("published, reviewed by user 2 now",
                        state -> state.status() == PUBLISHED && state.reviewedBy() == 2L
                                && NOW.equals(state.reviewedAt())));
    }

    @Test
    void missingNotesAreStoredAsEmpty() {
        givenVideo(PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, SCHOOL_ADMIN))
                .expectEvents(new ContentApproved(VIDEO_ID, VIDEO, "Halves on the court", 42, 10, ""))
                .expectResultMessagePayloadMatching(stateWith("review notes \"\"",
                        state -> "".equals(state.reviewNotes())));
    }

    @Test
    void aSchoolAdminOfAnotherSchoolCannotSeeItToApprove() {
        givenVideo(PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theTeacherOwnerIsNotAReviewer() {
        givenVideo(PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, OWNER))
                .expectException(rejected(403, NOT_A_REVIEWER))
                .expectNoEvents();
    }

    @Test
    void anotherTeacherDoesNotSeeItToApprove() {
        givenVideo(PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, OTHER_TEACHER))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"DRAFT", "PUBLISHED", "REJECTED"})
    void onlyPendingContentCanBeApproved(ContentStatus status) {
        givenVideo(status)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error",
                        "Content must be PENDING to approve. Current status: " + status.name())))
                .expectNoEvents();
    }

    @Test
    void nobodyApprovesTheirOwnContent() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, PENDING)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", "Cannot approve your own content")))
                .expectNoEvents();
    }

    @Test
    void theStatusIsCheckedBeforeOwnershipOnApproval() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, DRAFT)
                .when(new ApproveContent(VIDEO_ID, VIDEO, null, SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error",
                        "Content must be PENDING to approve. Current status: DRAFT")))
                .expectNoEvents();
    }

    // --- rejecting ------------------------------------------------------------------------------

    @Test
    void aReviewerRejectsWithTheTrimmedReason() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "  Please add how the drill is scored.  ", SCHOOL_ADMIN))
                .expectEvents(new ContentRejected(VIDEO_ID, VIDEO, "Halves on the court", 42, 10,
                        "Please add how the drill is scored."))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, REJECTED, SUBMITTED_AT, 10L, NOW,
                        "Please add how the drill is scored.", NOW));
    }

    @Test
    void aReasonOfExactlyTenCharactersAfterTrimmingIsEnough() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "   0123456789   ", ADMIN))
                .expectEvents(new ContentRejected(VIDEO_ID, VIDEO, "Halves on the court", 42, 1, "0123456789"));
    }

    @Test
    void aReasonShorterThanTenCharactersAfterTrimmingIsRefused() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "   012345678         ", SCHOOL_ADMIN))
                .expectException(rejected(400, REASON_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void aMissingReasonIsRefused() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, null, SCHOOL_ADMIN))
                .expectException(rejected(400, REASON_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void nobodyRejectsTheirOwnContent() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "Not good enough yet", SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", "Cannot reject your own content")))
                .expectNoEvents();
    }

    @Test
    void ownershipIsCheckedBeforeTheReason() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "short", SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error", "Cannot reject your own content")))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"DRAFT", "PUBLISHED", "REJECTED"})
    void onlyPendingContentCanBeRejected(ContentStatus status) {
        givenVideo(status)
                .when(new RejectContent(VIDEO_ID, VIDEO, "short", SCHOOL_ADMIN))
                .expectException(rejected(400, Map.of("error",
                        "Content must be PENDING to reject. Current status: " + status.name())))
                .expectNoEvents();
    }

    @Test
    void theTeacherOwnerCannotReject() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "Changed my mind entirely", OWNER))
                .expectException(rejected(403, NOT_A_REVIEWER))
                .expectNoEvents();
    }

    @Test
    void anAdminOfAnotherSchoolRejectsToo() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "Not aligned with grade 3", OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectEvents(new ContentRejected(VIDEO_ID, VIDEO, "Halves on the court", 42, 2,
                        "Not aligned with grade 3"));
    }

    @Test
    void aSchoolAdminOfAnotherSchoolCannotSeeItToReject() {
        givenVideo(PENDING)
                .when(new RejectContent(VIDEO_ID, VIDEO, "Not aligned with grade 3", OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    // --- returning to draft (D14) ---------------------------------------------------------------

    @Test
    void theOwnerTakesPendingContentBackToDraft() {
        givenVideo(PENDING)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves on the court", PENDING,
                        ContentReturnedToDraft.BY_OWNER))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, DRAFT, null, null, null, "", NOW));
    }

    @Test
    void theOwnerTakesRejectedContentBackToDraftClearingTheReview() {
        givenVideo(REJECTED)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves on the court", REJECTED,
                        ContentReturnedToDraft.BY_OWNER))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, DRAFT, null, null, null, "", NOW));
    }

    @Test
    void aSchoolAdminOwnerReturnsItsOwnContent() {
        given(SCHOOL_ADMINS_VIDEO_CREATED, REJECTED)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves on the court", REJECTED,
                        ContentReturnedToDraft.BY_OWNER));
    }

    @Test
    void aSchoolAdminCannotReturnATeachersContent() {
        givenVideo(REJECTED)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, SCHOOL_ADMIN))
                .expectException(rejected(403, ONLY_OWNER_RETURNS))
                .expectNoEvents();
    }

    @Test
    void anAdminCannotReturnAnotherUsersContent() {
        givenVideo(PENDING)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectException(rejected(403, ONLY_OWNER_RETURNS))
                .expectNoEvents();
    }

    @Test
    void anotherTeacherDoesNotSeeItToReturn() {
        givenVideo(PENDING)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, OTHER_TEACHER))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"DRAFT", "PUBLISHED"})
    void onlyPendingOrRejectedContentCanBeReturned(ContentStatus status) {
        givenVideo(status)
                .when(new ReturnContentToDraft(VIDEO_ID, VIDEO, OWNER))
                .expectException(rejected(400, Map.of("error",
                        "Content must be REJECTED or PENDING to return to draft. Current status: " + status.name())))
                .expectNoEvents();
    }

    @Test
    void returnedContentCanBeSubmittedAgain() {
        givenVideo(REJECTED)
                .andGiven(new ContentReturnedToDraft(VIDEO_ID, VIDEO, "Halves on the court", REJECTED,
                        ContentReturnedToDraft.BY_OWNER))
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentSubmittedForReview(VIDEO_ID, VIDEO, "Halves on the court", 42))
                .expectResultMessagePayload(state(VIDEO_CREATED, VIDEO_DETAILS, PENDING, NOW, null, null, "", NOW));
    }

    // --- deleting (D16) -------------------------------------------------------------------------

    @Test
    void theOwnerDeletesItsDraft() {
        givenVideo(DRAFT)
                .when(new DeleteContent(VIDEO_ID, VIDEO, OWNER))
                .expectEvents(new ContentDeleted(VIDEO_ID, VIDEO, "Halves on the court", 42, SCHOOL_ID, null))
                .expectMarkedDeleted();
    }

    @Test
    void deletingUploadedContentNamesItsStoredObject() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(new DeleteContent(RESOURCE_ID, RESOURCE, OWNER))
                .expectEvents(new ContentDeleted(RESOURCE_ID, RESOURCE, "Fraction strips worksheet", 42, SCHOOL_ID,
                        RESOURCE_PATH))
                .expectMarkedDeleted();
    }

    @Test
    void aSchoolAdminOfTheItemsSchoolDeletesATeachersPublishedItem() {
        given(UPLOADED_VIDEO_CREATED, PUBLISHED)
                .when(new DeleteContent(VIDEO_ID, VIDEO, SCHOOL_ADMIN))
                .expectEvents(new ContentDeleted(VIDEO_ID, VIDEO, "Halves on the court", 42, SCHOOL_ID, VIDEO_PATH))
                .expectMarkedDeleted();
    }

    @Test
    void anAdminOfTheItemsSchoolDeletesPendingContent() {
        givenVideo(PENDING)
                .when(new DeleteContent(VIDEO_ID, VIDEO, ADMIN))
                .expectEvents(new ContentDeleted(VIDEO_ID, VIDEO, "Halves on the court", 42, SCHOOL_ID, null));
    }

    @Test
    void aTeacherCannotDeleteAColleaguesPublishedItem() {
        givenVideo(PUBLISHED)
                .when(new DeleteContent(VIDEO_ID, VIDEO, OTHER_TEACHER))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
    }

    @Test
    void aTeacherDoesNotSeeAColleaguesDraftToDelete() {
        givenVideo(DRAFT)
                .when(new DeleteContent(VIDEO_ID, VIDEO, OTHER_TEACHER))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aSchoolAdminOfAnotherSchoolCannotDelete() {
        givenVideo(PUBLISHED)
                .when(new DeleteContent(VIDEO_ID, VIDEO, OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, VIDEO_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void anAdminOfAnotherSchoolCannotDelete() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(new DeleteContent(RESOURCE_ID, RESOURCE, OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectException(rejected(404, RESOURCE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void deletedContentRefusesEveryCommand() {
        givenVideo(PUBLISHED)
                .andGiven(new ContentDeleted(VIDEO_ID, VIDEO, "Halves on the court", 42, SCHOOL_ID, null))
                .when(new SubmitContentForReview(VIDEO_ID, VIDEO, OWNER))
                .expectException(exactly(AggregateDeletedException.class))
                .expectExceptionMessage("Aggregate with identifier [video-" + VIDEO_ID + "] not found. "
                        + "It has been deleted.")
                .expectNoEvents();
    }

    @Test
    void deletedContentCannotBeDeletedAgain() {
        givenVideo(DRAFT)
                .andGiven(new ContentDeleted(VIDEO_ID, VIDEO, "Halves on the court", 42, SCHOOL_ID, null))
                .when(new DeleteContent(VIDEO_ID, VIDEO, OWNER))
                .expectException(exactly(AggregateDeletedException.class))
                .expectNoEvents();
    }

    @Test
    void aDeletedResourceCannotBeDownloaded() {
        given(RESOURCE_CREATED, PUBLISHED)
                .andGiven(new ContentDeleted(RESOURCE_ID, RESOURCE, "Fraction strips worksheet", 42, SCHOOL_ID,
                        RESOURCE_PATH))
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_TEACHER))
                .expectException(exactly(AggregateDeletedException.class))
                .expectNoEvents();
    }

    // --- downloading (§5.10.3) ------------------------------------------------------------------

    private static ResourceDownload download(String downloadFilename, String title) {
        return new ResourceDownload(new SignedUrl(InMemoryBlobStore.downloadUrl(RESOURCE_PATH, downloadFilename,
                Duration.ofHours(24)), NOW.plus(Duration.ofHours(24))), title, DOWNLOAD_ID);
    }

    @Test
    void theOwnerDownloadsItsDraft() {
        given(RESOURCE_CREATED, DRAFT)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OWNER))
                .expectEvents(new ResourceDownloaded(RESOURCE_ID, DOWNLOAD_ID, 42, SCHOOL_ID,
                        "Fraction strips worksheet", "pdf", 48_000L))
                .expectResultMessagePayload(download("Fraction strips worksheet.pdf", "Fraction strips worksheet"));
    }

    @Test
    void anyTeacherOfTheSchoolDownloadsAPublishedResource() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_TEACHER))
                .expectEvents(new ResourceDownloaded(RESOURCE_ID, DOWNLOAD_ID, 43, SCHOOL_ID,
                        "Fraction strips worksheet", "pdf", 48_000L))
                .expectResultMessagePayload(download("Fraction strips worksheet.pdf", "Fraction strips worksheet"));
    }

    @Test
    void aSchoolAdminDownloadsATeachersDraft() {
        given(RESOURCE_CREATED, DRAFT)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, SCHOOL_ADMIN))
                .expectEvents(new ResourceDownloaded(RESOURCE_ID, DOWNLOAD_ID, 10, SCHOOL_ID,
                        "Fraction strips worksheet", "pdf", 48_000L));
    }

    @Test
    void anAdminOfTheSchoolDownloadsPendingContent() {
        given(RESOURCE_CREATED, PENDING)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, ADMIN))
                .expectEvents(new ResourceDownloaded(RESOURCE_ID, DOWNLOAD_ID, 1, SCHOOL_ID,
                        "Fraction strips worksheet", "pdf", 48_000L));
    }

    @ParameterizedTest
    @EnumSource(value = ContentStatus.class, names = {"DRAFT", "PENDING", "REJECTED"})
    void anotherTeacherCannotDownloadAnUnpublishedResource(ContentStatus status) {
        given(RESOURCE_CREATED, status)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_TEACHER))
                .expectException(rejected(403, Map.of("error", "Permission denied")))
                .expectNoEvents();
    }

    @Test
    void aResourceOfAnotherSchoolIsNotFound() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_SCHOOL_TEACHER))
                .expectException(rejected(404, Map.of("error", "Resource not found")))
                .expectNoEvents();
    }

    @Test
    void aResourceOfAnotherSchoolIsNotFoundEvenForAnAdmin() {
        given(RESOURCE_CREATED, PUBLISHED)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_SCHOOL_SYSTEM_ADMIN))
                .expectException(rejected(404, Map.of("error", "Resource not found")))
                .expectNoEvents();
    }

    @Test
    void theSchoolIsCheckedBeforeThePermission() {
        given(RESOURCE_CREATED, DRAFT)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OTHER_SCHOOL_TEACHER))
                .expectException(rejected(404, Map.of("error", "Resource not found")))
                .expectNoEvents();
    }

    @Test
    void aResourceWithoutStoredFileHasNothingToDownload() {
        given(LINKED_RESOURCE_CREATED, PUBLISHED)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OWNER))
                .expectException(rejected(409, Map.of("error",
                        "This resource has no file in storage; open its file_uri instead.")))
                .expectNoEvents();
    }

    @Test
    void theDownloadNameDoesNotRepeatAnExtensionTheTitleAlreadyHas() {
        ContentDetails titled = new ContentDetails("Strips.PDF", RESOURCE_DETAILS.description(), "4",
                "equivalent_fractions", List.of(), null, 48_000L, RESOURCE_DETAILS.uri(), null, "pdf");

        given(new ContentCreated(RESOURCE_ID, RESOURCE, 42, SCHOOL_ID, titled, RESOURCE_PATH), DRAFT)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OWNER))
                .expectResultMessagePayload(download("Strips.PDF", "Strips.PDF"));
    }

    @Test
    void theDownloadNameReplacesCharactersFileSystemsRefuse() {
        ContentDetails titled = new ContentDetails("Halves/quarters: \"part 1\"?", RESOURCE_DETAILS.description(),
                "4", "equivalent_fractions", List.of(), null, 48_000L, RESOURCE_DETAILS.uri(), null, "pdf");

        given(new ContentCreated(RESOURCE_ID, RESOURCE, 42, SCHOOL_ID, titled, RESOURCE_PATH), DRAFT)
                .when(new DownloadResource(RESOURCE_ID, DOWNLOAD_ID, OWNER))
                .expectResultMessagePayload(download("Halves_quarters_ _part 1__.pdf",
                        "Halves/quarters: \"part 1\"?"));
    }
}
