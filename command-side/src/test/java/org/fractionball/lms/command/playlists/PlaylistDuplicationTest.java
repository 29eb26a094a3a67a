package org.fractionball.lms.command.playlists;

import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDuplicated;
import org.fractionball.lms.events.playlists.PlaylistEntry;
import org.fractionball.lms.events.playlists.PlaylistShareViewed;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Copying a shared playlist (§5.15 with D21): the copy holds the items whose video is published in
 * the caller's school, in order; the source records who copied it, so a second copy is refused
 * while the first exists, whatever its name.
 */
class PlaylistDuplicationTest {
    private static final long SCHOOL_ID = 7;
    private static final long OTHER_SCHOOL_ID = 8;
    private static final Caller OWNER = new Caller(42, "owner-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller COLLEAGUE = new Caller(43, "colleague-uid", Role.TEACHER, SCHOOL_ID);
    private static final Caller FAR_TEACHER = new Caller(44, "far-teacher-uid", Role.TEACHER, OTHER_SCHOOL_ID);

    private PlaylistWorld world;
    private UUID source;
    private UUID token;
    private UUID halves;
    private UUID thirds;

    @BeforeEach
    void setUp() {
        world = new PlaylistWorld();
        world.users.register(OWNER.userId(), OWNER.firebaseUid(), "olive", "olive@example.edu", SCHOOL_ID, true);
        world.users.changeNames(OWNER.userId(), "Olive", "Owner");
        halves = world.videos.published(SCHOOL_ID, "Halves", 95);
        UUID quarters = world.videos.published(SCHOOL_ID, "Quarters", 300);
        thirds = world.videos.published(SCHOOL_ID, "Thirds", 60);
        source = UUID.randomUUID();
        world.send(new CreatePlaylist(source, "Fractions", "On the court.", true, OWNER));
        world.send(new AddPlaylistItem(source, UUID.randomUUID(), halves, "first", null, OWNER));
        world.send(new AddPlaylistItem(source, UUID.randomUUID(), quarters, "", null, OWNER));
        world.send(new AddPlaylistItem(source, UUID.randomUUID(), thirds, "last", null, OWNER));
        world.videos.returnToDraft(quarters);
        token = UUID.randomUUID();
        world.send(new SharePlaylist(source, UUID.randomUUID(), token, null, OWNER));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void theCopyIsPrivateTheCallersAndHoldsThePublishedVideosInOrder() {
        UUID copy = UUID.randomUUID();
        PlaylistResult result = world.send(new DuplicateSharedPlaylist(token, copy, COLLEAGUE));

        PlaylistState state = result.playlist();
        assertThat(state.name()).isEqualTo("Fractions (Copy)");
        assertThat(state.description()).isEqualTo("Duplicated from Olive Owner's playlist.\n\nOn the court.");
        assertThat(state.ownerId()).isEqualTo(COLLEAGUE.userId());
        assertThat(state.schoolId()).isEqualTo(SCHOOL_ID);
        assertThat(state.isPublic()).isFalse();
        assertThat(state.items()).extracting(PlaylistItemState::videoId).containsExactly(halves, thirds);
        assertThat(state.items()).extracting(PlaylistItemState::position).containsExactly(1, 2);
        assertThat(state.items()).extracting(PlaylistItemState::notes).containsExactly("first", "last");
        assertThat(result.videos()).containsOnlyKeys(halves, thirds);
        assertThat(world.state(copy)).isEqualTo(state);

        assertThat(world.eventsOf(AggregateIds.playlist(source))).last().isEqualTo(new PlaylistDuplicated(source,
                "Fractions", OWNER.userId(), token, copy, "Fractions (Copy)", COLLEAGUE.userId(), 2));
        PlaylistCreated created = (PlaylistCreated) world.eventsOf(AggregateIds.playlist(copy)).get(0);
        assertThat(created.copiedFrom()).isEqualTo(source);
        assertThat(created.items()).extracting(PlaylistEntry::videoId).containsExactly(halves, thirds);
        // duplicating is not a view
        assertThat(world.eventsOf(PlaylistShareLink.aggregateId(token)))
                .noneMatch(event -> event instanceof PlaylistShareViewed);
    }

    @Test
    void aTeacherOfAnotherSchoolGetsAnEmptyCopyInItsOwnSchool() {
        PlaylistResult result = world.send(new DuplicateSharedPlaylist(token, UUID.randomUUID(), FAR_TEACHER));
        assertThat(result.playlist().schoolId()).isEqualTo(OTHER_SCHOOL_ID);
        assertThat(result.playlist().items()).isEmpty();
    }

    @Test
    void aSecondCopyIsRefusedWhileTheFirstExistsWhateverItsName() {
        UUID first = UUID.randomUUID();
        world.send(new DuplicateSharedPlaylist(token, first, COLLEAGUE));
        world.send(new ChangePlaylistDetails(first, new PlaylistEdit("Renamed copy", null, null), COLLEAGUE));
        assertRefused(new DuplicateSharedPlaylist(token, UUID.randomUUID(), COLLEAGUE), 400,
                Map.of("error", "You already have a copy of this playlist"));
        // another user copies freely
        world.send(new DuplicateSharedPlaylist(token, UUID.randomUUID(), OWNER));

        world.send(new DeletePlaylist(first, COLLEAGUE));
        UUID second = UUID.randomUUID();
        world.send(new DuplicateSharedPlaylist(token, second, COLLEAGUE));
        assertRefused(new DuplicateSharedPlaylist(token, UUID.randomUUID(), COLLEAGUE), 400,
                Map.of("error", "You already have a copy of this playlist"));
    }

    @Test
    void aRevokedLinkCopiesNothingAndAnUnknownOneIsNotFound() {
        UUID shareId = UUID.randomUUID();
        UUID revoked = UUID.randomUUID();
        world.send(new SharePlaylist(source, shareId, revoked, 1, OWNER));
        world.send(new RevokePlaylistShare(source, shareId, OWNER));
        assertRefused(new DuplicateSharedPlaylist(revoked, UUID.randomUUID(), COLLEAGUE), 410,
                Map.of("error", "Share link is expired or inactive"));
        assertRefused(new DuplicateSharedPlaylist(UUID.randomUUID(), UUID.randomUUID(), COLLEAGUE), 404,
                Map.of("error", "Share link not found"));
    }

    @Test
    void viewsAreCountedOnTheLinkNotOnThePlaylist() {
        SharedPlaylist first = world.send(new ViewSharedPlaylist(token));
        SharedPlaylist second = world.send(new ViewSharedPlaylist(token));
        assertThat(first.share().viewCount()).isEqualTo(1);
        assertThat(second.share().viewCount()).isEqualTo(2);
        assertThat(second.share().lastAccessed()).isNotNull();
        assertThat(world.eventsOf(PlaylistShareLink.aggregateId(token))).filteredOn(PlaylistShareViewed.class::isInstance)
                .hasSize(2);
        assertThat(world.eventsOf(AggregateIds.playlist(source))).noneMatch(PlaylistShareViewed.class::isInstance);
        // a deleted playlist takes its links with it
        world.send(new DeletePlaylist(source, OWNER));
        assertRefused(new ViewSharedPlaylist(token), 404, Map.of("error", "Share link not found"));
    }

    private void assertRefused(Object command, int status, Map<String, ?> body) {
        assertThatThrownBy(() -> world.send(command)).isInstanceOfSatisfying(CommandRejected.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(status);
            assertThat(refusal.body()).isEqualTo(body);
        });
    }
}
