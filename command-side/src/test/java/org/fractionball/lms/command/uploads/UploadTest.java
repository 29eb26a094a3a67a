package org.fractionball.lms.command.uploads;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.command.config.InMemoryConfigRegistry;
import org.fractionball.lms.command.config.SystemSettings;
import org.fractionball.lms.command.content.ContentItem;
import org.fractionball.lms.command.content.ContentItems;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.command.storage.InMemoryBlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentUploaded;
import org.fractionball.lms.events.content.UploadAbandoned;
import org.fractionball.lms.events.content.UploadSigned;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;
import static org.fractionball.lms.command.uploads.StoredContentTypesTest.DOCX;
import static org.fractionball.lms.events.content.ContentKind.RESOURCE;
import static org.fractionball.lms.events.content.ContentKind.VIDEO;

/**
 * Direct uploads (contract §5.11, D24): signed for one user and path, completed once by that user
 * after the stored object was checked; completing creates the draft content item in the same unit
 * of work, so the test sees both aggregates' events.
 */
class UploadTest {
    private static final long SCHOOL_ID = 7;
    private static final Instant SIGNED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant COMPLETED_AT = Instant.parse("2025-03-01T09:20:00Z");
    private static final Instant EXPIRES_AT = SIGNED_AT.plus(Duration.ofHours(1));

    private static final Caller UPLOADER = new Caller(42, "teacher-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller OTHER_TEACHER = new Caller(43, "other-teacher-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller SCHOOL_ADMIN = new Caller(10, "school-admin-uid", Role.SCHOOL_ADMIN, SCHOOL_ID);

    private static final UUID VIDEO_UPLOAD_ID = UUID.fromString("3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f");
    private static final UUID RESOURCE_UPLOAD_ID = UUID.fromString("8a7b6c5d-4e3f-4a1b-8c2d-9e0f1a2b3c4d");
    private static final String VIDEO_PATH = "videos/2025/03/01/" + VIDEO_UPLOAD_ID + ".mp4";
    private static final String PDF_PATH = "resources/2025/03/01/" + RESOURCE_UPLOAD_ID + ".pdf";
    private static final String DOCX_PATH = "resources/2025/03/01/" + RESOURCE_UPLOAD_ID + ".docx";
    private static final String PNG_PATH = "resources/2025/03/01/" + RESOURCE_UPLOAD_ID + ".png";

    private static final UploadSigned VIDEO_SIGNED = new UploadSigned(VIDEO_UPLOAD_ID, UPLOADER.userId(), SCHOOL_ID,
            VIDEO, VIDEO_PATH, "video/mp4", 2_000_000, "Halves on the court.MP4", EXPIRES_AT);
    private static final UploadSigned PDF_SIGNED = new UploadSigned(RESOURCE_UPLOAD_ID, UPLOADER.userId(), SCHOOL_ID,
            RESOURCE, PDF_PATH, "application/pdf", 40_000, "worksheet.pdf", EXPIRES_AT);
    private static final UploadSigned DOCX_SIGNED = new UploadSigned(RESOURCE_UPLOAD_ID, UPLOADER.userId(), SCHOOL_ID,
            RESOURCE, DOCX_PATH, DOCX, 12_000, "Lesson plan.docx", EXPIRES_AT);
    private static final UploadSigned PNG_SIGNED = new UploadSigned(RESOURCE_UPLOAD_ID, UPLOADER.userId(), SCHOOL_ID,
            RESOURCE, PNG_PATH, "image/png", 3_000, "court.png", EXPIRES_AT);

    private static final CompleteUpload COMPLETE_VIDEO = new CompleteUpload(VIDEO_UPLOAD_ID, "Halves on the court",
            "Students split the court into halves.", "3", "fractions_basics", List.of("halves", "court"), 95,
            UPLOADER);

    private InMemoryBlobStore blobs;
    private InMemoryPendingUploads pending;
    private EmbeddedEventStore contentEvents;
    private FixtureConfiguration<Upload> fixture;

    @BeforeEach
    void setUp() {
        blobs = new InMemoryBlobStore(SIGNED_AT);
        fixture = new AggregateTestFixture<>(Upload.class);
        // resources first: the fixture refuses them once a command handler is registered
        fixture.registerInjectableResource(blobs);
        pending = new InMemoryPendingUploads();
        fixture.registerInjectableResource(pending);
        contentEvents = contentEventStore(fixture.getEventBus());
        Repository<ContentItem> items = EventSourcingRepository.builder(ContentItem.class)
                .eventStore(contentEvents)
                // ContentItem's download handler takes the BlobStore as a resource
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        new SimpleResourceParameterResolverFactory(Set.of(blobs)),
                        ClasspathParameterResolverFactory.forClass(ContentItem.class)))
                .build();
        fixture.registerAnnotatedCommandHandler(new UploadHandlers(fixture.getRepository(), new ContentItems(items),
                blobs, pending, new SystemSettings(new InMemoryConfigRegistry())));
    }

    @AfterEach
    void tearDown() {
        contentEvents.shutDown();
    }

    /**
     * The content items' own event store. The fixture records the stream of one aggregate only, so
     * what this store publishes is also handed to the fixture as plain event messages: the
     * fixture's expectEvents then shows both aggregates' events in the order they were applied.
     */
    private static EmbeddedEventStore contentEventStore(EventBus fixtureEvents) {
        return new EmbeddedEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())) {
            @Override
            public void publish(List<? extends EventMessage<?>> events) {
                fixtureEvents.publish(events.stream()
                        .map(event -> new GenericEventMessage<>(event.getIdentifier(), event.getPayload(),
                                event.getMetaData(), event.getTimestamp()))
                        .toList());
                super.publish(events);
            }
        };
    }

    private TestExecutor<Upload> given(UploadSigned signed) {
        return fixture.givenCurrentTime(SIGNED_AT).andGiven(signed).andGivenCurrentTime(COMPLETED_AT);
    }

    private static CompleteUpload completeResource(String title) {
        return new CompleteUpload(RESOURCE_UPLOAD_ID, title, null, null, null, null, null, UPLOADER);
    }

    private List<Object> contentStream(ContentKind kind, UUID id) {
        return contentEvents.readEvents(AggregateIds.content(kind, id)).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    // --- signing --------------------------------------------------------------------------------

    @Test
    void signingPublishesUploadSignedWithTheCallerAndTheSignedUrlsExpiry() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(SIGNED_AT)
                .when(new SignUpload(VIDEO_UPLOAD_ID, VIDEO, VIDEO_PATH, "video/mp4", 2_000_000,
                        "Halves on the court.MP4", UPLOADER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(VIDEO_SIGNED);
    }

    @Test
    void signingAnswersWithAPutUrlBoundToTypeAndVideoLimitAndThePublicUrl() {
        fixture.givenNoPriorActivity()
                .when(new SignUpload(VIDEO_UPLOAD_ID, VIDEO, VIDEO_PATH, "video/mp4", 2_000_000,
                        "Halves on the court.MP4", UPLOADER))
                .expectResultMessagePayload(new SignedUpload(
                        new SignedUrl(InMemoryBlobStore.uploadUrl(VIDEO_PATH, "video/mp4", 524_288_000L,
                                Duration.ofHours(1)), EXPIRES_AT),
                        InMemoryBlobStore.publicUrlOf(VIDEO_PATH)));
    }

    @Test
    void aResourceUploadIsSignedWithTheResourceLimit() {
        fixture.givenNoPriorActivity()
                .when(new SignUpload(RESOURCE_UPLOAD_ID, RESOURCE, PDF_PATH, "application/pdf", 40_000,
                        "worksheet.pdf", UPLOADER))
                .expectEvents(PDF_SIGNED)
                .expectResultMessagePayload(new SignedUpload(
                        new SignedUrl(InMemoryBlobStore.uploadUrl(PDF_PATH, "application/pdf", 52_428_800L,
                                Duration.ofHours(1)), EXPIRES_AT),
                        InMemoryBlobStore.publicUrlOf(PDF_PATH)));
    }

    @Test
    void theUploadRecordsTheSignersSchool() {
        Caller schoolAdmin = new Caller(10, "sa-uid", Role.SCHOOL_ADMIN, 8);
        fixture.givenNoPriorActivity()
                .when(new SignUpload(RESOURCE_UPLOAD_ID, RESOURCE, PDF_PATH, "application/pdf", 40_000,
                        "worksheet.pdf", schoolAdmin))
                .expectEvents(new UploadSigned(RESOURCE_UPLOAD_ID, 10, 8, RESOURCE, PDF_PATH, "application/pdf",
                        40_000, "worksheet.pdf", EXPIRES_AT));
    }

    // --- completing: who and when ---------------------------------------------------------------

    @Test
    void anotherUserCannotCompleteTheUpload() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .when(new CompleteUpload(VIDEO_UPLOAD_ID, "Halves", null, null, null, null, null, OTHER_TEACHER))
                .expectException(rejected(403, Map.of("error", "Only the user who signed an upload can complete it")))
                .expectNoEvents();

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID)).isEmpty();
    }

    @Test
    void aSchoolAdminCannotCompleteATeachersUploadEither() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .when(new CompleteUpload(VIDEO_UPLOAD_ID, "Halves", null, null, null, null, null, SCHOOL_ADMIN))
                .expectException(rejected(403, Map.of("error", "Only the user who signed an upload can complete it")))
                .expectNoEvents();
    }

    @Test
    void signingRecordsThePendingUploadUntilItExpires() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(SIGNED_AT)
                .when(new SignUpload(VIDEO_UPLOAD_ID, VIDEO, VIDEO_PATH, "video/mp4", 2_000_000,
                        "Halves on the court.MP4", UPLOADER))
                .expectSuccessfulHandlerExecution();

        assertThat(pending.entries()).isEqualTo(Map.of(VIDEO_UPLOAD_ID, EXPIRES_AT));
    }

    @Test
    void completingAnUploadEndsItsPendingState() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());
        pending.add(VIDEO_UPLOAD_ID, EXPIRES_AT);

        given(VIDEO_SIGNED).when(COMPLETE_VIDEO).expectSuccessfulHandlerExecution();

        assertThat(pending.entries()).isEmpty();
    }

    @Test
    void anUploadNeverCompletedIsAbandonedAndItsObjectNamedForRemoval() {
        pending.add(VIDEO_UPLOAD_ID, EXPIRES_AT);

        given(VIDEO_SIGNED)
                .when(new AbandonUpload(VIDEO_UPLOAD_ID))
                .expectEvents(new UploadAbandoned(VIDEO_UPLOAD_ID, VIDEO_PATH));

        assertThat(pending.entries()).isEmpty();
    }

    @Test
    void abandoningACompletedOrAbandonedUploadChangesNothing() {
        given(VIDEO_SIGNED)
                .andGiven(new ContentUploaded(VIDEO_UPLOAD_ID, VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, VIDEO_PATH,
                        "video/mp4", 100, "Halves on the court.MP4", "Halves"))
                .when(new AbandonUpload(VIDEO_UPLOAD_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        given(VIDEO_SIGNED)
                .andGiven(new UploadAbandoned(VIDEO_UPLOAD_ID, VIDEO_PATH))
                .when(new AbandonUpload(VIDEO_UPLOAD_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAbandonedUploadCannotBeCompleted() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .andGiven(new UploadAbandoned(VIDEO_UPLOAD_ID, VIDEO_PATH))
                .when(COMPLETE_VIDEO)
                .expectException(rejected(404, Map.of("error", "File not found in storage")))
                .expectNoEvents();
    }

    @Test
    void anUploadIsCompletedOnlyOnce() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .andGiven(new ContentUploaded(VIDEO_UPLOAD_ID, VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, VIDEO_PATH,
                        "video/mp4", 100, "Halves on the court.MP4", "Halves"))
                .when(COMPLETE_VIDEO)
                .expectException(rejected(409, Map.of("error", "This upload has already been completed")))
                .expectNoEvents();

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID)).isEmpty();
    }

    @Test
    void anUploadThatWasNeverSignedIsNotFound() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.mp4());

        fixture.givenNoPriorActivity()
                .when(COMPLETE_VIDEO)
                .expectException(rejected(404, Map.of("error", "File not found in storage")))
                .expectNoEvents();
    }

    @Test
    void aMissingObjectIsNotFound() {
        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectException(rejected(404, Map.of("error", "File not found in storage")))
                .expectNoEvents();

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID)).isEmpty();
    }

    // --- completing: the stored object ----------------------------------------------------------

    @Test
    void anOversizeVideoIsRefusedAndItsObjectDeleted() {
        blobs.putSized(VIDEO_PATH, "video/mp4", 524_288_001L, StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectException(rejected(400,
                        Map.of("error", "File size (500.0MB) exceeds maximum allowed size (500.0MB)")))
                .expectNoEvents();

        assertThat(blobs.deletions()).containsExactly(VIDEO_PATH);
        assertThat(blobs.contains(VIDEO_PATH)).isFalse();
    }

    @Test
    void aVideoOfExactlyTheLimitIsAccepted() {
        blobs.putSized(VIDEO_PATH, "video/mp4", 524_288_000L, StoredContentTypesTest.mp4());

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectSuccessfulHandlerExecution();

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID)).singleElement()
                .isInstanceOfSatisfying(ContentCreated.class,
                        created -> assertThat(created.details().fileSize()).isEqualTo(524_288_000L));
        assertThat(blobs.deletions()).isEmpty();
    }

    @Test
    void anOversizeResourceIsRefusedWithTheResourceLimitAndItsObjectDeleted() {
        blobs.putSized(PDF_PATH, "application/pdf", 52_428_801L, StoredContentTypesTest.pdf());

        given(PDF_SIGNED)
                .when(completeResource("Worksheet"))
                .expectException(rejected(400,
                        Map.of("error", "File size (50.0MB) exceeds maximum allowed size (50.0MB)")))
                .expectNoEvents();

        assertThat(blobs.deletions()).containsExactly(PDF_PATH);
    }

    @Test
    void anEmptyObjectIsRefused() {
        blobs.put(PDF_PATH, "application/pdf", new byte[0]);

        given(PDF_SIGNED)
                .when(completeResource("Worksheet"))
                .expectException(rejected(400, Map.of("error", "The uploaded file is empty")))
                .expectNoEvents();

        assertThat(blobs.deletions()).isEmpty();
    }

    @Test
    void anObjectStoredWithAnotherContentTypeIsRefused() {
        blobs.put(VIDEO_PATH, "video/quicktime", StoredContentTypesTest.quickTime());

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectException(rejected(400, Map.of("error",
                        "Stored file type 'video/quicktime' does not match the signed type 'video/mp4'")))
                .expectNoEvents();
    }

    @Test
    void anObjectStoredWithoutAContentTypeIsRefusedNotACrash() {
        blobs.put(PDF_PATH, null, StoredContentTypesTest.pdf());

        given(PDF_SIGNED)
                .when(completeResource("Worksheet"))
                .expectException(rejected(400, Map.of("error",
                        "The stored file has no content type; upload it again with Content-Type 'application/pdf'")))
                .expectNoEvents();
    }

    @Test
    void aPdfStoredAsAVideoIsRefused() {
        blobs.put(VIDEO_PATH, "video/mp4", StoredContentTypesTest.pdf());

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectException(rejected(400, Map.of("error",
                        "File content (application/pdf) does not match its declared type 'video/mp4'")))
                .expectNoEvents();

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID)).isEmpty();
    }

    @Test
    void aWindowsExecutableStoredAsAPngIsRefused() {
        blobs.put(PNG_PATH, "image/png", StoredContentTypesTest.windowsExecutable());

        given(PNG_SIGNED)
                .when(completeResource("Court diagram"))
                .expectException(rejected(400, Map.of("error",
                        "File content (application/x-msdownload) does not match its declared type 'image/png'")))
                .expectNoEvents();
    }

    // --- completing: success --------------------------------------------------------------------

    @Test
    void completingAVideoPublishesContentUploadedThenContentCreated() {
        byte[] mp4 = StoredContentTypesTest.mp4();
        blobs.put(VIDEO_PATH, "video/mp4", mp4);
        ContentDetails details = new ContentDetails("Halves on the court", "Students split the court into halves.",
                "3", "fractions_basics", List.of("halves", "court"), 95, (long) mp4.length,
                InMemoryBlobStore.publicUrlOf(VIDEO_PATH), "", null);

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new ContentUploaded(VIDEO_UPLOAD_ID, VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, VIDEO_PATH,
                                "video/mp4", mp4.length, "Halves on the court.MP4", "Halves on the court"),
                        new ContentCreated(VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, details, VIDEO_PATH));
    }

    @Test
    void theCompletedVideoIsADraftOfTheUploaderInItsOwnStream() {
        byte[] mp4 = StoredContentTypesTest.mp4();
        blobs.put(VIDEO_PATH, "video/mp4", mp4);
        ContentDetails details = new ContentDetails("Halves on the court", "Students split the court into halves.",
                "3", "fractions_basics", List.of("halves", "court"), 95, (long) mp4.length,
                InMemoryBlobStore.publicUrlOf(VIDEO_PATH), "", null);

        given(VIDEO_SIGNED)
                .when(COMPLETE_VIDEO)
                .expectResultMessagePayload(new ContentState(VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, details,
                        ContentStatus.DRAFT, VIDEO_PATH, null, null, null, "", COMPLETED_AT, COMPLETED_AT));

        assertThat(contentStream(VIDEO, VIDEO_UPLOAD_ID))
                .containsExactly(new ContentCreated(VIDEO_UPLOAD_ID, VIDEO, 42, SCHOOL_ID, details, VIDEO_PATH));
        assertThat(blobs.contains(VIDEO_PATH)).isTrue();
    }

    @Test
    void completingAPdfCreatesAResourceOfTypePdfWithEmptyGradeAndTopic() {
        byte[] pdf = StoredContentTypesTest.pdf();
        blobs.put(PDF_PATH, "application/pdf", pdf);
        ContentDetails details = new ContentDetails("Worksheet", "", "", "", List.of(), null, (long) pdf.length,
                InMemoryBlobStore.publicUrlOf(PDF_PATH), null, "pdf");

        given(PDF_SIGNED)
                .when(completeResource("Worksheet"))
                .expectEvents(
                        new ContentUploaded(RESOURCE_UPLOAD_ID, RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID, PDF_PATH,
                                "application/pdf", pdf.length, "worksheet.pdf", "Worksheet"),
                        new ContentCreated(RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID, details, PDF_PATH))
                .expectResultMessagePayload(new ContentState(RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID, details,
                        ContentStatus.DRAFT, PDF_PATH, null, null, null, "", COMPLETED_AT, COMPLETED_AT));
    }

    @Test
    void completingADocxCreatesAResourceOfTypeDocx() {
        byte[] docx = StoredContentTypesTest.docx();
        blobs.put(DOCX_PATH, DOCX, docx);
        ContentDetails details = new ContentDetails("Lesson plan", "Week 3: halves and quarters.", "4",
                "equivalent_fractions", List.of("plan"), null, (long) docx.length,
                InMemoryBlobStore.publicUrlOf(DOCX_PATH), null, "docx");

        given(DOCX_SIGNED)
                .when(new CompleteUpload(RESOURCE_UPLOAD_ID, "Lesson plan", "Week 3: halves and quarters.", "4",
                        "equivalent_fractions", List.of("plan"), null, UPLOADER))
                .expectEvents(
                        new ContentUploaded(RESOURCE_UPLOAD_ID, RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID,
                                DOCX_PATH, DOCX, docx.length, "Lesson plan.docx", "Lesson plan"),
                        new ContentCreated(RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID, details, DOCX_PATH));
    }

    @Test
    void theFileSizeIsTheStoredObjectsNotTheDeclaredOne() {
        blobs.putSized(PDF_PATH, "application/pdf", 1_234_567L, StoredContentTypesTest.pdf());

        given(PDF_SIGNED)
                .when(completeResource("Worksheet"))
                .expectEvents(
                        new ContentUploaded(RESOURCE_UPLOAD_ID, RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID, PDF_PATH,
                                "application/pdf", 1_234_567L, "worksheet.pdf", "Worksheet"),
                        new ContentCreated(RESOURCE_UPLOAD_ID, RESOURCE, 42, SCHOOL_ID,
                                new ContentDetails("Worksheet", "", "", "", List.of(), null, 1_234_567L,
                                        InMemoryBlobStore.publicUrlOf(PDF_PATH), null, "pdf"),
                                PDF_PATH));
    }
}
