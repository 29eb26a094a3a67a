package org.fractionball.lms.command.playlists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.command.accounts.InMemoryUserRegistry;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.playlists.PlaylistDetailsChanged;
import org.fractionball.lms.events.playlists.PlaylistDuplicated;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.events.playlists.PlaylistItemDropped;
import org.fractionball.lms.events.playlists.PlaylistItemRemoved;
import org.fractionball.lms.events.playlists.PlaylistReordered;
import org.fractionball.lms.events.playlists.PlaylistShareLinkCreated;
import org.fractionball.lms.events.playlists.PlaylistShareRevoked;
import org.fractionball.lms.events.playlists.PlaylistShareViewed;
import org.fractionball.lms.events.playlists.PlaylistShared;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/**
 * The playlist aggregate (contract §5.14, §5.15 with D16, D21, D22): every operation and every
 * refusal with its exact status and body, and the positions 1..n under insert, removal, reorder
 * and the deletion of a video. Videos are real content aggregates ({@link TestVideos}).
 */
class PlaylistTest {
    private static final long SCHOOL_ID = 7;
    private static final long OTHER_SCHOOL_ID = 8;
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-04T12:30:00Z");

    private static final Caller OWNER = new Caller(42, "owner-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller COLLEAGUE = new Caller(43, "colleague-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller SCHOOL_ADMIN = new Caller(10, "school-admin-uid", Role.SCHOOL_ADMIN, SCHOOL_ID);
    private static final Caller ADMIN = new Caller(1, "admin-uid", Role.ADMIN, SCHOOL_ID);
    private static final Caller OTHER_SCHOOL_ADMIN = new Caller(20, "far-admin-uid", Role.SCHOOL_ADMIN, OTHER_SCHOOL_ID);
    private static final Caller OTHER_SYSTEM_ADMIN = new Caller(2, "far-system-admin-uid", Role.ADMIN, OTHER_SCHOOL_ID);

    private static final UUID PLAYLIST_ID = UUID.fromString("6b1f0c2e-3d4a-4b5c-8d6e-7f8091a2b3c4");
    private static final UUID ITEM_1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID ITEM_2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID ITEM_3 = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID NEW_ITEM = UUID.fromString("00000000-0000-4000-8000-000000000009");
    private static final UUID SHARE_ID = UUID.fromString("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    private static final UUID TOKEN = UUID.fromString("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    private static final String NAME = "Halves and quarters";

    private static final Map<String, String> NO_PLAYLIST = Map.of("detail", "No Playlist matches the given query.");
    private static final Map<String, String> NOT_PERMITTED =
            Map.of("detail", "You do not have permission to perform this action.");
    private static final Map<String, String> PERMISSION_DENIED = Map.of("error", "Permission denied");
    private static final Map<String, String> VIDEO_NOT_ACCESSIBLE = Map.of("error", "Video not found or not accessible");
    private static final Map<String, String> SHARE_NOT_FOUND = Map.of("error", "Share link not found");
    private static final Map<String, String> SHARE_INVALID = Map.of("error", "Share link is expired or inactive");

    private TestVideos videos;
    private InMemoryEventStorageEngine linkStorage;
    private EmbeddedEventStore linkEvents;
    private FixtureConfiguration<Playlist> fixture;
    private UUID halves;
    private UUID quarters;
    private UUID thirds;
    private UUID eighths;

    @BeforeEach
    void setUp() {
        videos = new TestVideos();
        halves = videos.published(SCHOOL_ID, "Halves", 95);
        quarters = videos.published(SCHOOL_ID, "Quarters", 300);
        thirds = videos.published(SCHOOL_ID, "Thirds", null);
        eighths = videos.published(SCHOOL_ID, "Eighths", 60);
        fixture = freshFixture();
    }

    /** A new fixture over the same videos (a test may try several givens). */
    private FixtureConfiguration<Playlist> freshFixture() {
        if (linkEvents != null) {
            linkEvents.shutDown();
        }
        FixtureConfiguration<Playlist> next = new AggregateTestFixture<>(Playlist.class);
        // resources first: the fixture refuses them once a command handler is registered
        next.registerInjectableResource(videos.lookup);
        linkStorage = new InMemoryEventStorageEngine();
        linkEvents = forwardingTo(next.getEventBus(), linkStorage);
        next.registerAnnotatedCommandHandler(new Playlists(next.getRepository(),
                EventSourcingRepository.builder(PlaylistShareLink.class).eventStore(linkEvents).build(),
                videos.lookup, new InMemoryUserRegistry()));
        return next;
    }

    @AfterEach
    void tearDown() {
        linkEvents.shutDown();
        videos.close();
    }

    /**
     * The share links' own store. The fixture records one aggregate's stream only, so what this
     * store publishes is also handed to the fixture: expectEvents shows both streams in order.
     */
    private static EmbeddedEventStore forwardingTo(EventBus fixtureEvents, InMemoryEventStorageEngine storage) {
        return new EmbeddedEventStore(EmbeddedEventStore.builder().storageEngine(storage)) {
            @Override
            public void publish(List<? extends EventMessage<?>> events) {
                fixtureEvents.publish(events.stream().map(event -> new GenericEventMessage<>(event.getIdentifier(),
                        event.getPayload(), event.getMetaData(), event.getTimestamp())).toList());
                super.publish(events);
            }
        };
    }

    // --- given ----------------------------------------------------------------------------------

    private static PlaylistCreated created(boolean isPublic) {
        return new PlaylistCreated(PLAYLIST_ID, NAME, "Fractions on the court.", OWNER.userId(), SCHOOL_ID, isPublic,
                null, List.of());
    }

    private PlaylistItemAdded added(UUID itemId, UUID videoId, int position) {
        return new PlaylistItemAdded(PLAYLIST_ID, NAME, itemId, videoId, videos.title(videoId), "", position);
    }

    /** A private playlist holding halves, quarters, thirds at 1, 2, 3. */
    private TestExecutor<Playlist> givenThreeItems(boolean isPublic) {
        return fixture.givenCurrentTime(CREATED_AT)
                .andGiven(created(isPublic), added(ITEM_1, halves, 1), added(ITEM_2, quarters, 2),
                        added(ITEM_3, thirds, 3))
                .andGivenCurrentTime(NOW);
    }

    private TestExecutor<Playlist> givenShared(Instant expiresAt) {
        linkStorage.appendEvents(new GenericDomainEventMessage<>("PlaylistShareLink",
                PlaylistShareLink.aggregateId(TOKEN), 0, new PlaylistShareLinkCreated(TOKEN, SHARE_ID, PLAYLIST_ID)));
        return givenThreeItems(false).andGiven(new PlaylistShared(PLAYLIST_ID, NAME, SHARE_ID, TOKEN, OWNER.userId(),
                expiresAt));
    }

    private static List<UUID> order(Playlist playlist) {
        return playlist.state().items().stream().map(PlaylistItemState::itemId).toList();
    }

    private static List<Integer> positions(Playlist playlist) {
        return playlist.state().items().stream().map(PlaylistItemState::position).toList();
    }

    // --- create, edit, delete -------------------------------------------------------------------

    @Test
    void aNewPlaylistIsEmptyAndBelongsToTheCallerAndItsSchool() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new CreatePlaylist(PLAYLIST_ID, NAME, "", true, SCHOOL_ADMIN))
                .expectEvents(new PlaylistCreated(PLAYLIST_ID, NAME, "", SCHOOL_ADMIN.userId(), SCHOOL_ID, true, null,
                        List.of()))
                .expectResultMessagePayload(new PlaylistResult(new PlaylistState(PLAYLIST_ID, NAME, "",
                        SCHOOL_ADMIN.userId(), SCHOOL_ID, true, List.of(), NOW, NOW), Map.of()));
    }

    @Test
    void theOwnerChangesNameDescriptionAndPublicity() {
        givenThreeItems(false)
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit("Renamed", null, true), OWNER))
                .expectEvents(new PlaylistDetailsChanged(PLAYLIST_ID, "Renamed", "Fractions on the court.", true))
                .expectState(playlist -> {
                    assertThat(playlist.state().updatedAt()).isEqualTo(NOW);
                    assertThat(playlist.state().createdAt()).isEqualTo(CREATED_AT);
                });
    }

    @Test
    void anEditThatChangesNothingAppliesNothing() {
        givenThreeItems(false)
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit(NAME, null, false), OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void schoolAdminsAndAdminsOfItsSchoolChangeAnyonesPlaylist() {
        for (Caller manager : List.of(SCHOOL_ADMIN, ADMIN)) {
            givenThreeItems(false)
                    .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit(null, "By an admin", null), manager))
                    .expectEvents(new PlaylistDetailsChanged(PLAYLIST_ID, NAME, "By an admin", false));
            fixture = freshFixture();
        }
    }

    @Test
    void aColleagueSeesAPublicPlaylistButMayNotChangeOrDeleteIt() {
        givenThreeItems(true)
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit("Mine now", null, null), COLLEAGUE))
                .expectException(rejected(403, NOT_PERMITTED))
                .expectNoEvents();
        fixture = freshFixture();
        givenThreeItems(true)
                .when(new DeletePlaylist(PLAYLIST_ID, COLLEAGUE))
                .expectException(rejected(403, NOT_PERMITTED));
    }

    @Test
    void aPrivatePlaylistIsInvisibleToColleaguesAndOtherSchoolsIncludingTheirAdmins() {
        for (Caller stranger : List.of(COLLEAGUE, OTHER_SCHOOL_ADMIN, OTHER_SYSTEM_ADMIN)) {
            givenThreeItems(false)
                    .when(new DeletePlaylist(PLAYLIST_ID, stranger))
                    .expectException(rejected(404, NO_PLAYLIST));
            fixture = freshFixture();
        }
        givenThreeItems(true)
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit("x", null, null), OTHER_SYSTEM_ADMIN))
                .expectException(rejected(404, NO_PLAYLIST));
    }

    @Test
    void theOwnerDeletesItsPlaylist() {
        givenThreeItems(false)
                .when(new DeletePlaylist(PLAYLIST_ID, OWNER))
                .expectEvents(new PlaylistDeleted(PLAYLIST_ID, NAME, OWNER.userId(), SCHOOL_ID))
                .expectMarkedDeleted();
    }

    // --- add_item --------------------------------------------------------------------------------

    @Test
    void anItemWithoutOrderIsAppended() {
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "Warm-up", null, OWNER))
                .expectEvents(new PlaylistItemAdded(PLAYLIST_ID, NAME, NEW_ITEM, eighths, "Eighths", "Warm-up", 4))
                .expectResultMessagePayload(new AddedItem(new PlaylistItemState(NEW_ITEM, eighths, "Warm-up", 4, NOW),
                        new PlaylistVideo(eighths, SCHOOL_ID, ContentStatus.PUBLISHED, "Eighths", 60)));
    }

    @Test
    void orderZeroAppendsToo() {
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", 0, SCHOOL_ADMIN))
                .expectEvents(new PlaylistItemAdded(PLAYLIST_ID, NAME, NEW_ITEM, eighths, "Eighths", "", 4));
    }

    @Test
    void insertingAtAPositionMovesTheLaterItemsDown() {
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", 2, OWNER))
                .expectEvents(new PlaylistItemAdded(PLAYLIST_ID, NAME, NEW_ITEM, eighths, "Eighths", "", 2))
                .expectState(playlist -> {
                    assertThat(order(playlist)).containsExactly(ITEM_1, NEW_ITEM, ITEM_2, ITEM_3);
                    assertThat(positions(playlist)).containsExactly(1, 2, 3, 4);
                });
    }

    @Test
    void aPositionBeyondTheEndIsRefused() {
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", 5, OWNER))
                .expectException(rejected(400, Map.of("error", "Invalid item data", "details",
                        Map.of("order", List.of("Ensure this value is less than or equal to 4.")))))
                .expectNoEvents();
    }

    @Test
    void onlyVideosPublishedInTheCallersSchoolCanBeAdded() {
        UUID draft = videos.draft(SCHOOL_ID, "Draft", 30);
        UUID elsewhere = videos.published(OTHER_SCHOOL_ID, "Elsewhere", 30);
        UUID unpublished = videos.published(SCHOOL_ID, "Unpublished", 30);
        videos.returnToDraft(unpublished);
        UUID deleted = videos.published(SCHOOL_ID, "Deleted", 30);
        videos.delete(deleted, SCHOOL_ID);
        for (UUID video : List.of(draft, elsewhere, unpublished, deleted, UUID.randomUUID())) {
            givenThreeItems(false)
                    .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, video, "", null, OWNER))
                    .expectException(rejected(404, VIDEO_NOT_ACCESSIBLE))
                    .expectNoEvents();
            fixture = freshFixture();
        }
    }

    @Test
    void aVideoIsInAPlaylistOnce() {
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, quarters, "", 1, OWNER))
                .expectException(rejected(400, Map.of("error", "Video already in playlist")));
    }

    @Test
    void itemActionsAreForTheOwnerAndTheSchoolsAdmins() {
        givenThreeItems(true)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", null, COLLEAGUE))
                .expectException(rejected(403, PERMISSION_DENIED));
        fixture = freshFixture();
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", null, COLLEAGUE))
                .expectException(rejected(404, NO_PLAYLIST));
        fixture = freshFixture();
        givenThreeItems(true)
                .when(new RemovePlaylistItem(PLAYLIST_ID, ITEM_1, COLLEAGUE))
                .expectException(rejected(403, PERMISSION_DENIED));
        fixture = freshFixture();
        givenThreeItems(true)
                .when(new ReorderPlaylist(PLAYLIST_ID, List.of(), OTHER_SCHOOL_ADMIN))
                .expectException(rejected(404, NO_PLAYLIST));
        fixture = freshFixture();
        givenThreeItems(false)
                .when(new RemovePlaylistItem(PLAYLIST_ID, ITEM_1, ADMIN))
                .expectSuccessfulHandlerExecution();
    }

    // --- remove_item ------------------------------------------------------------------------------

    @Test
    void removingAnItemClosesTheGap() {
        givenThreeItems(false)
                .when(new RemovePlaylistItem(PLAYLIST_ID, ITEM_2, OWNER))
                .expectEvents(new PlaylistItemRemoved(PLAYLIST_ID, NAME, ITEM_2, quarters, "Quarters", 2))
                .expectState(playlist -> {
                    assertThat(order(playlist)).containsExactly(ITEM_1, ITEM_3);
                    assertThat(positions(playlist)).containsExactly(1, 2);
                });
    }

    @Test
    void removingAnItemOfAnotherPlaylistIsNotFound() {
        givenThreeItems(false)
                .when(new RemovePlaylistItem(PLAYLIST_ID, NEW_ITEM, OWNER))
                .expectException(rejected(404, Map.of("error", "Playlist item not found")));
    }

    // --- reorder --------------------------------------------------------------------------------

    @Test
    void aReorderIsAPermutationAppliedAtOnce() {
        givenThreeItems(false)
                .when(new ReorderPlaylist(PLAYLIST_ID, List.of(new ItemOrder(ITEM_1, 3), new ItemOrder(ITEM_2, 1),
                        new ItemOrder(ITEM_3, 2)), OWNER))
                .expectEvents(new PlaylistReordered(PLAYLIST_ID, NAME, List.of(ITEM_2, ITEM_3, ITEM_1)))
                .expectResultMessagePayload(3)
                .expectState(playlist -> assertThat(order(playlist)).containsExactly(ITEM_2, ITEM_3, ITEM_1));
    }

    @Test
    void swappingTwoItemsWorks() {
        givenThreeItems(false)
                .when(new ReorderPlaylist(PLAYLIST_ID, List.of(new ItemOrder(ITEM_1, 2), new ItemOrder(ITEM_2, 1),
                        new ItemOrder(ITEM_3, 3)), OWNER))
                .expectEvents(new PlaylistReordered(PLAYLIST_ID, NAME, List.of(ITEM_2, ITEM_1, ITEM_3)));
    }

    @Test
    void aPartialListIsRefused() {
        assertReorderRefused(List.of(new ItemOrder(ITEM_1, 2), new ItemOrder(ITEM_2, 1)),
                "Every item must be listed once: 2 of 3 given.");
    }

    @Test
    void aListedTwiceItemIsRefused() {
        assertReorderRefused(List.of(new ItemOrder(ITEM_1, 1), new ItemOrder(ITEM_1, 2), new ItemOrder(ITEM_3, 3)),
                "Item " + ITEM_1 + " is listed more than once.");
    }

    @Test
    void twoItemsAtOnePositionAreRefused() {
        assertReorderRefused(List.of(new ItemOrder(ITEM_1, 1), new ItemOrder(ITEM_2, 1), new ItemOrder(ITEM_3, 3)),
                "Order 1 is given to more than one item.");
    }

    @Test
    void anUnknownItemIsRefused() {
        assertReorderRefused(List.of(new ItemOrder(ITEM_1, 1), new ItemOrder(ITEM_2, 2), new ItemOrder(NEW_ITEM, 3)),
                "Item " + NEW_ITEM + " is not in this playlist.");
    }

    @Test
    void positionsOutsideOneToNAreRefused() {
        assertReorderRefused(List.of(new ItemOrder(ITEM_1, 0), new ItemOrder(ITEM_2, 2), new ItemOrder(ITEM_3, 4)),
                "Order 0 is outside 1..3.", "Order 4 is outside 1..3.");
    }

    private void assertReorderRefused(List<ItemOrder> orders, String... problems) {
        givenThreeItems(false)
                .when(new ReorderPlaylist(PLAYLIST_ID, orders, OWNER))
                .expectException(rejected(400, Map.of("error", "Invalid reorder data", "details",
                        Map.of("item_orders", List.of(problems)))))
                .expectNoEvents();
    }

    // --- deleted videos ---------------------------------------------------------------------------

    @Test
    void itemsOfADeletedVideoAreDroppedBeforeAnInsertSoPositionsMeanWhatClientsSee() {
        videos.delete(quarters, SCHOOL_ID);
        givenThreeItems(false)
                .when(new AddPlaylistItem(PLAYLIST_ID, NEW_ITEM, eighths, "", 2, OWNER))
                .expectEvents(new PlaylistItemDropped(PLAYLIST_ID, ITEM_2, quarters, 2),
                        new PlaylistItemAdded(PLAYLIST_ID, NAME, NEW_ITEM, eighths, "Eighths", "", 2))
                .expectState(playlist -> assertThat(order(playlist)).containsExactly(ITEM_1, NEW_ITEM, ITEM_3));
    }

    @Test
    void aReorderListsTheItemsClientsSeeAfterAVideoWasDeleted() {
        videos.delete(halves, SCHOOL_ID);
        givenThreeItems(false)
                .when(new ReorderPlaylist(PLAYLIST_ID, List.of(new ItemOrder(ITEM_3, 1), new ItemOrder(ITEM_2, 2)),
                        OWNER))
                .expectEvents(new PlaylistItemDropped(PLAYLIST_ID, ITEM_1, halves, 1),
                        new PlaylistReordered(PLAYLIST_ID, NAME, List.of(ITEM_3, ITEM_2)));
    }

    @Test
    void anItemOfADeletedVideoIsNoLongerThereToRemove() {
        videos.delete(thirds, SCHOOL_ID);
        givenThreeItems(false)
                .when(new RemovePlaylistItem(PLAYLIST_ID, ITEM_3, OWNER))
                .expectException(rejected(404, Map.of("error", "Playlist item not found")))
                .expectNoEvents();
    }

    @Test
    void aRefusedCommandDropsNothing() {
        videos.delete(thirds, SCHOOL_ID);
        givenThreeItems(true)
                .when(new ReorderPlaylist(PLAYLIST_ID, List.of(new ItemOrder(ITEM_1, 1)), COLLEAGUE))
                .expectException(rejected(403, PERMISSION_DENIED))
                .expectNoEvents();
    }

    @Test
    void anEditAnswersWithTheItemsThatRemainAfterADeletion() {
        videos.delete(halves, SCHOOL_ID);
        givenThreeItems(false)
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit(null, null, true), OWNER))
                .expectEvents(new PlaylistItemDropped(PLAYLIST_ID, ITEM_1, halves, 1),
                        new PlaylistDetailsChanged(PLAYLIST_ID, NAME, "Fractions on the court.", true))
                .expectState(playlist -> assertThat(positions(playlist)).containsExactly(1, 2));
    }

    // --- sharing ----------------------------------------------------------------------------------

    @Test
    void aShareWithoutExpiryStartsTheLinksOwnStream() {
        givenThreeItems(false)
                .when(new SharePlaylist(PLAYLIST_ID, SHARE_ID, TOKEN, null, OWNER))
                .expectEvents(new PlaylistShared(PLAYLIST_ID, NAME, SHARE_ID, TOKEN, OWNER.userId(), null),
                        new PlaylistShareLinkCreated(TOKEN, SHARE_ID, PLAYLIST_ID))
                .expectResultMessagePayload(new ShareState(SHARE_ID, TOKEN, PLAYLIST_ID, NAME, OWNER.userId(), null,
                        true, 0, null, NOW, NOW));
    }

    @Test
    void aShareExpiresTheGivenNumberOfDaysFromNow() {
        givenThreeItems(false)
                .when(new SharePlaylist(PLAYLIST_ID, SHARE_ID, TOKEN, 7, SCHOOL_ADMIN))
                .expectEvents(new PlaylistShared(PLAYLIST_ID, NAME, SHARE_ID, TOKEN, SCHOOL_ADMIN.userId(),
                                NOW.plus(Duration.ofDays(7))),
                        new PlaylistShareLinkCreated(TOKEN, SHARE_ID, PLAYLIST_ID));
    }

    @Test
    void onlyTheOwnerAndTheSchoolsAdminsShare() {
        givenThreeItems(true)
                .when(new SharePlaylist(PLAYLIST_ID, SHARE_ID, TOKEN, null, COLLEAGUE))
                .expectException(rejected(403, PERMISSION_DENIED))
                .expectNoEvents();
    }

    @Test
    void openingALinkCountsTheViewOnTheLinksStream() {
        givenShared(null)
                .when(new ViewSharedPlaylist(TOKEN))
                .expectEvents(new PlaylistShareViewed(TOKEN, SHARE_ID, PLAYLIST_ID, 1))
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<SharedPlaylist>(
                        "the shared playlist with one view") {
                    @Override
                    protected boolean matchesSafely(SharedPlaylist shared) {
                        return shared.share().viewCount() == 1 && NOW.equals(shared.share().lastAccessed())
                                && shared.playlist().playlist().items().size() == 3
                                && shared.playlist().videos().keySet().containsAll(List.of(halves, quarters, thirds));
                    }
                });
    }

    @Test
    void aRevokedOrExpiredLinkIsGone() {
        givenShared(null)
                .andGiven(new PlaylistShareRevoked(PLAYLIST_ID, NAME, SHARE_ID, TOKEN))
                .when(new ViewSharedPlaylist(TOKEN))
                .expectException(rejected(410, SHARE_INVALID))
                .expectNoEvents();
        fixture = freshFixture();
        givenShared(NOW.minusSeconds(1))
                .when(new ViewSharedPlaylist(TOKEN))
                .expectException(rejected(410, SHARE_INVALID));
        fixture = freshFixture();
        givenShared(NOW)
                .when(new ViewSharedPlaylist(TOKEN))
                .expectEvents(new PlaylistShareViewed(TOKEN, SHARE_ID, PLAYLIST_ID, 1));
    }

    @Test
    void anUnknownTokenIsNotFound() {
        givenThreeItems(false)
                .when(new ViewSharedPlaylist(TOKEN))
                .expectException(rejected(404, SHARE_NOT_FOUND));
    }

    @Test
    void theLinksOfADeletedPlaylistAreNotFound() {
        givenShared(null)
                .andGiven(new PlaylistDeleted(PLAYLIST_ID, NAME, OWNER.userId(), SCHOOL_ID))
                .when(new ViewSharedPlaylist(TOKEN))
                .expectException(rejected(404, SHARE_NOT_FOUND));
    }

    @Test
    void revokingEndsTheLinkAndAnswersItsViews() {
        linkStorage.appendEvents(new GenericDomainEventMessage<>("PlaylistShareLink",
                PlaylistShareLink.aggregateId(TOKEN), 0, new PlaylistShareLinkCreated(TOKEN, SHARE_ID, PLAYLIST_ID)),
                new GenericDomainEventMessage<>("PlaylistShareLink", PlaylistShareLink.aggregateId(TOKEN), 1,
                        new PlaylistShareViewed(TOKEN, SHARE_ID, PLAYLIST_ID, 1), Map.of(), UUID.randomUUID().toString(),
                        CREATED_AT.plusSeconds(60)));
        givenThreeItems(false)
                .andGiven(new PlaylistShared(PLAYLIST_ID, NAME, SHARE_ID, TOKEN, OWNER.userId(), null))
                .when(new RevokePlaylistShare(PLAYLIST_ID, SHARE_ID, SCHOOL_ADMIN))
                .expectEvents(new PlaylistShareRevoked(PLAYLIST_ID, NAME, SHARE_ID, TOKEN))
                .expectResultMessagePayload(new ShareState(SHARE_ID, TOKEN, PLAYLIST_ID, NAME, OWNER.userId(), null,
                        false, 1, CREATED_AT.plusSeconds(60), NOW, NOW));
    }

    @Test
    void revokingTwiceChangesNothingAndUnknownSharesAreNotFound() {
        givenShared(null)
                .andGiven(new PlaylistShareRevoked(PLAYLIST_ID, NAME, SHARE_ID, TOKEN))
                .when(new RevokePlaylistShare(PLAYLIST_ID, SHARE_ID, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture = freshFixture();
        givenShared(null)
                .when(new RevokePlaylistShare(PLAYLIST_ID, UUID.randomUUID(), OWNER))
                .expectException(rejected(404, SHARE_NOT_FOUND));
        fixture = freshFixture();
        givenShared(null)
                .when(new RevokePlaylistShare(PLAYLIST_ID, SHARE_ID, COLLEAGUE))
                .expectException(rejected(404, NO_PLAYLIST));
    }

    /** Snapshots are written with the event store's Jackson settings (AxonConfiguration). */
    @Test
    void aSnapshotRestoresThePlaylistWithItsSharesAndCopies() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        UUID copy = UUID.randomUUID();
        givenShared(NOW.plusSeconds(60))
                .andGiven(new PlaylistDuplicated(PLAYLIST_ID, NAME, OWNER.userId(), TOKEN, copy, NAME + " (Copy)",
                        COLLEAGUE.userId(), 3))
                .when(new ChangePlaylistDetails(PLAYLIST_ID, new PlaylistEdit(null, null, null), OWNER))
                .expectState(playlist -> {
                    try {
                        String json = mapper.writeValueAsString(playlist);
                        Playlist restored = mapper.readValue(json, Playlist.class);
                        assertThat(json).contains(TOKEN.toString(), copy.toString(), ITEM_3.toString());
                        assertThat(mapper.writeValueAsString(restored)).isEqualTo(json);
                        assertThat(restored.state()).isEqualTo(playlist.state());
                    } catch (JsonProcessingException failed) {
                        throw new AssertionError(failed);
                    }
                });
    }

    @Test
    void aCopysNameKeepsTheLengthLimit() {
        assertThat(Playlist.copyName("Halves")).isEqualTo("Halves (Copy)");
        assertThat(Playlist.copyName("x".repeat(200))).isEqualTo("x".repeat(193) + " (Copy)").hasSize(200);
    }
}
