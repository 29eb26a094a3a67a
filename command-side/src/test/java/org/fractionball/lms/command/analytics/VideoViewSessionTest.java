package org.fractionball.lms.command.analytics;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.events.analytics.VideoViewProgressed;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/**
 * A view session (contract §5.16, D23): the first call starts the view, heartbeats store only rising
 * maxima, and only videos the caller may see are tracked.
 */
class VideoViewSessionTest {
    private static final long SCHOOL = 7;
    private static final Caller OWNER = new Caller(42, "owner-uid", Role.TEACHER, SCHOOL);
    private static final Caller TEACHER = new Caller(43, "teacher-uid", Role.TEACHER, SCHOOL);
    private static final Caller SCHOOL_ADMIN = new Caller(10, "sa-uid", Role.SCHOOL_ADMIN, SCHOOL);
    private static final Caller FAR_ADMIN = new Caller(1, "far-admin-uid", Role.ADMIN, 8);
    private static final UUID PUBLISHED = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final UUID DRAFT = UUID.fromString("22222222-2222-4222-8222-222222222222");
    private static final Map<String, String> NOT_ACCESSIBLE = Map.of("error", "Video not found or not accessible");

    private final Map<UUID, ViewableVideo> videos = new HashMap<>();

    @BeforeEach
    void setUp() {
        videos.put(PUBLISHED, new ViewableVideo(PUBLISHED, OWNER.userId(), SCHOOL, ContentStatus.PUBLISHED, "Halves"));
        videos.put(DRAFT, new ViewableVideo(DRAFT, OWNER.userId(), SCHOOL, ContentStatus.DRAFT, "Thirds"));
    }

    /** A fixture per scenario: a fixture remembers the aggregate of its first scenario. */
    private FixtureConfiguration<VideoViewSession> fixture() {
        FixtureConfiguration<VideoViewSession> fixture = new AggregateTestFixture<>(VideoViewSession.class);
        fixture.registerInjectableResource((ViewableVideos) id -> Optional.ofNullable(videos.get(id)));
        return fixture;
    }

    private static TrackVideoView track(UUID video, Caller by, Integer duration, Double completion) {
        return new TrackVideoView(video, "session-1", duration, completion, "https://lms.example.edu/", by);
    }

    private static VideoViewStarted started(TrackVideoView command) {
        return new VideoViewStarted(command.viewId(), command.videoId(), command.by().userId(), SCHOOL,
                command.sessionId(), command.referrer(), command.durationWatched(), command.completionPercentage(),
                "Halves");
    }

    @Test
    void theFirstCallStartsTheViewAndAnswersItsId() {
        TrackVideoView command = track(PUBLISHED, TEACHER, 30, 0.25);
        fixture().givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(command.viewId())
                .expectEvents(started(command));
    }

    @Test
    void heartbeatsStoreOnlyRisingMaxima() {
        TrackVideoView first = track(PUBLISHED, TEACHER, 30, 0.25);
        fixture().given(started(first))
                .when(track(PUBLISHED, TEACHER, 20, 0.5))
                .expectResultMessagePayload(first.viewId())
                .expectEvents(new VideoViewProgressed(first.viewId(), PUBLISHED, TEACHER.userId(), SCHOOL, 30, 0.5));
        fixture().given(started(first))
                .when(track(PUBLISHED, TEACHER, 10, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture().given(started(track(PUBLISHED, TEACHER, null, null)))
                .when(track(PUBLISHED, TEACHER, 5, null))
                .expectEvents(new VideoViewProgressed(first.viewId(), PUBLISHED, TEACHER.userId(), SCHOOL, 5, null));
    }

    @Test
    void drafts_areTrackedOnlyForTheirOwnerAndTheSchoolsAdmins() {
        fixture().givenNoPriorActivity()
                .when(track(DRAFT, TEACHER, 1, null))
                .expectException(rejected(404, NOT_ACCESSIBLE))
                .expectNoEvents();
        fixture().givenNoPriorActivity().when(track(DRAFT, OWNER, 1, null)).expectSuccessfulHandlerExecution();
        fixture().givenNoPriorActivity().when(track(DRAFT, SCHOOL_ADMIN, 1, null)).expectSuccessfulHandlerExecution();
    }

    @Test
    void otherSchoolsAndMissingVideosAreNotAccessible() {
        fixture().givenNoPriorActivity()
                .when(track(PUBLISHED, FAR_ADMIN, 1, null))
                .expectException(rejected(404, NOT_ACCESSIBLE));
        fixture().givenNoPriorActivity()
                .when(track(UUID.fromString("33333333-3333-4333-8333-333333333333"), TEACHER, 1, null))
                .expectException(rejected(404, NOT_ACCESSIBLE));
    }

    @Test
    void aSessionIsOneViewPerVideoUserAndSessionId() {
        TrackVideoView command = track(PUBLISHED, TEACHER, 1, null);
        assertThat(command.viewId()).isEqualTo(track(PUBLISHED, TEACHER, 99, 1.0).viewId())
                .isNotEqualTo(track(PUBLISHED, OWNER, 1, null).viewId())
                .isNotEqualTo(new TrackVideoView(PUBLISHED, "session-2", 1, null, "", TEACHER).viewId());
        assertThat(command.aggregateId()).isEqualTo("view-" + command.viewId());
    }
}
