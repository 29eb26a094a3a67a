package org.fractionball.lms.command.playlists;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.playlists.PlaylistDetailsChanged;
import org.fractionball.lms.events.playlists.PlaylistDuplicated;
import org.fractionball.lms.events.playlists.PlaylistEntry;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.events.playlists.PlaylistItemDropped;
import org.fractionball.lms.events.playlists.PlaylistItemRemoved;
import org.fractionball.lms.events.playlists.PlaylistReordered;
import org.fractionball.lms.events.playlists.PlaylistShareRevoked;
import org.fractionball.lms.events.playlists.PlaylistShared;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A playlist of videos with its share links (contract §5.14, §5.15). Visible in its own school
 * only: to its owner, to the school's admins, and to everyone there when public. Only the owner or
 * a school admin of its school changes it (D16). Its items always stand at positions 1..n: an
 * insert moves the later items down, a removal closes the gap, a reorder must be a permutation of
 * all items (D22). Items whose video was deleted are dropped (with an event) before any command
 * that reads the items, so positions mean what clients see: the read side hides such items as soon
 * as the video is deleted.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Playlist {
    static final String MODEL = "Playlist";
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";
    static final String PERMISSION_DENIED = "Permission denied";
    static final String VIDEO_NOT_ACCESSIBLE = "Video not found or not accessible";
    static final String ALREADY_IN_PLAYLIST = "Video already in playlist";
    static final String ITEM_NOT_FOUND = "Playlist item not found";
    static final String INVALID_ITEM = "Invalid item data";
    static final String INVALID_REORDER = "Invalid reorder data";
    static final String SHARE_NOT_FOUND = "Share link not found";
    static final String SHARE_INVALID = "Share link is expired or inactive";
    static final String ALREADY_COPIED = "You already have a copy of this playlist";
    static final int MAX_NAME = 200;
    static final String COPY_SUFFIX = " (Copy)";

    @AggregateIdentifier
    private String id;
    private UUID playlistId;
    private String name;
    private String description;
    private long ownerId;
    private long schoolId;
    private boolean isPublic;
    private Instant createdAt;
    private Instant updatedAt;
    /** In position order: position = index + 1. */
    private List<Item> items = new ArrayList<>();
    private Map<UUID, Share> shares = new LinkedHashMap<>();
    /** Who copied this playlist through a share link, and into which playlist (the newest copy). */
    private Map<Long, UUID> copies = new HashMap<>();

    record Item(UUID itemId, UUID videoId, String notes, Instant createdAt) {
    }

    record Share(UUID shareId, UUID token, long createdBy, Instant expiresAt, boolean active, Instant createdAt,
                 Instant updatedAt) {
    }

    protected Playlist() {
    }

    /** Called by {@link Playlists}, which answers with the new state. */
    Playlist(PlaylistCreated created) {
        apply(created);
    }

    @CommandHandler
    public PlaylistResult handle(ChangePlaylistDetails command, PlaylistVideos videos) {
        requireEditor(command.by());
        Map<UUID, PlaylistVideo> live = dropItemsOfDeletedVideos(videos);
        PlaylistEdit edit = command.edit();
        String newName = Objects.requireNonNullElse(edit.name(), name);
        String newDescription = Objects.requireNonNullElse(edit.description(), description);
        boolean newPublic = Objects.requireNonNullElse(edit.isPublic(), isPublic);
        if (!newName.equals(name) || !newDescription.equals(description) || newPublic != isPublic) {
            apply(new PlaylistDetailsChanged(playlistId, newName, newDescription, newPublic));
        }
        return result(live);
    }

    @CommandHandler
    public void handle(DeletePlaylist command) {
        requireEditor(command.by());
        apply(new PlaylistDeleted(playlistId, name, ownerId, schoolId));
    }

    @CommandHandler
    public AddedItem handle(AddPlaylistItem command, PlaylistVideos videos) {
        Caller by = command.by();
        requireManager(by);
        List<UUID> needed = new ArrayList<>(videoIds());
        needed.add(command.videoId());
        Map<UUID, PlaylistVideo> live = videos.findAll(needed);
        dropItemsOfDeletedVideos(live);
        PlaylistVideo video = live.get(command.videoId());
        if (video == null || !video.isPublishedIn(by.schoolId())) {
            throw CommandRejected.error(404, VIDEO_NOT_ACCESSIBLE);
        }
        if (videoIds().contains(command.videoId())) {
            throw CommandRejected.error(400, ALREADY_IN_PLAYLIST);
        }
        int last = items.size() + 1;
        int position = command.order() == null || command.order() == 0 ? last : command.order();
        if (position < 1 || position > last) {
            throw CommandRejected.error(400, INVALID_ITEM, "details",
                    Map.of("order", List.of(position < 1 ? "Ensure this value is greater than or equal to 0."
                            : "Ensure this value is less than or equal to " + last + ".")));
        }
        apply(new PlaylistItemAdded(playlistId, name, command.itemId(), command.videoId(), video.title(),
                Objects.requireNonNullElse(command.notes(), ""), position));
        return new AddedItem(itemState(position - 1), video);
    }

    @CommandHandler
    public void handle(RemovePlaylistItem command, PlaylistVideos videos) {
        requireManager(command.by());
        Map<UUID, PlaylistVideo> live = dropItemsOfDeletedVideos(videos);
        int index = indexOf(command.itemId());
        if (index < 0) {
            throw CommandRejected.error(404, ITEM_NOT_FOUND);
        }
        Item item = items.get(index);
        apply(new PlaylistItemRemoved(playlistId, name, item.itemId(), item.videoId(),
                live.get(item.videoId()).title(), index + 1));
    }

    @CommandHandler
    public int handle(ReorderPlaylist command, PlaylistVideos videos) {
        requireManager(command.by());
        dropItemsOfDeletedVideos(videos);
        List<UUID> order = permutation(command.orders());
        apply(new PlaylistReordered(playlistId, name, order));
        return order.size();
    }

    /** A new share link (the caller creates its token's own stream, see {@link Playlists}). */
    ShareState share(SharePlaylist command) {
        requireManager(command.by());
        Instant expiresAt = command.expiresInDays() == null ? null
                : GenericEventMessage.clock.instant().plus(Duration.ofDays(command.expiresInDays()));
        apply(new PlaylistShared(playlistId, name, command.shareId(), command.shareToken(), command.by().userId(),
                expiresAt));
        return shareState(shares.get(command.shareId()));
    }

    /** Ends a share link; revoking an inactive link changes nothing. */
    ShareState revoke(RevokePlaylistShare command) {
        requireManager(command.by());
        Share share = shares.get(command.shareId());
        if (share == null) {
            throw CommandRejected.error(404, SHARE_NOT_FOUND);
        }
        if (share.active()) {
            apply(new PlaylistShareRevoked(playlistId, name, share.shareId(), share.token()));
        }
        return shareState(shares.get(command.shareId()));
    }

    /** The playlist as the share link {@code token} shows it, when the link is still valid. */
    SharedPlaylist sharedView(UUID token, PlaylistVideos videos) {
        Share share = validShare(token);
        return new SharedPlaylist(result(dropItemsOfDeletedVideos(videos)), shareState(share));
    }

    /**
     * Copies this playlist for the caller through the share link {@code token}: the items whose video
     * is published in the caller's school, in order. Refused when the caller still has a copy made
     * earlier ({@code isLive} tells whether that playlist still exists).
     */
    PlaylistCreated duplicate(DuplicateSharedPlaylist command, Predicate<UUID> isLive, PlaylistVideos videos,
                              LongFunction<String> fullNames) {
        Share share = validShare(command.shareToken());
        Caller by = command.by();
        UUID earlier = copies.get(by.userId());
        if (earlier != null && isLive.test(earlier)) {
            throw CommandRejected.error(400, ALREADY_COPIED);
        }
        Map<UUID, PlaylistVideo> live = dropItemsOfDeletedVideos(videos);
        List<PlaylistEntry> copied = items.stream()
                .filter(item -> live.containsKey(item.videoId()) && live.get(item.videoId()).isPublishedIn(by.schoolId()))
                .map(item -> new PlaylistEntry(UUID.randomUUID(), item.videoId(), item.notes()))
                .toList();
        String copyName = copyName(name);
        String ownerName = Objects.requireNonNullElse(fullNames.apply(ownerId), "");
        String copyDescription = "Duplicated from " + ownerName + "'s playlist.\n\n" + description;
        apply(new PlaylistDuplicated(playlistId, name, ownerId, share.token(), command.copyId(), copyName,
                by.userId(), copied.size()));
        return new PlaylistCreated(command.copyId(), copyName, copyDescription, by.userId(), by.schoolId(), false,
                playlistId, copied);
    }

    /** The playlist with the videos of its items. */
    PlaylistResult result(Map<UUID, PlaylistVideo> videos) {
        return new PlaylistResult(state(), videos);
    }

    public PlaylistState state() {
        List<PlaylistItemState> states = IntStream.range(0, items.size()).mapToObj(this::itemState).toList();
        return new PlaylistState(playlistId, name, description, ownerId, schoolId, isPublic, states, createdAt,
                updatedAt);
    }

    @EventSourcingHandler
    void on(PlaylistCreated event, @Timestamp Instant at) {
        id = AggregateIds.playlist(event.playlistId());
        playlistId = event.playlistId();
        name = event.name();
        description = event.description();
        ownerId = event.ownerId();
        schoolId = event.schoolId();
        isPublic = event.isPublic();
        createdAt = at;
        updatedAt = at;
        items = new ArrayList<>();
        event.items().forEach(entry -> items.add(new Item(entry.itemId(), entry.videoId(), entry.notes(), at)));
    }

    @EventSourcingHandler
    void on(PlaylistDetailsChanged event, @Timestamp Instant at) {
        name = event.name();
        description = event.description();
        isPublic = event.isPublic();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(PlaylistItemAdded event, @Timestamp Instant at) {
        items.add(event.position() - 1, new Item(event.itemId(), event.videoId(), event.notes(), at));
    }

    @EventSourcingHandler
    void on(PlaylistItemRemoved event) {
        items.remove(event.position() - 1);
    }

    @EventSourcingHandler
    void on(PlaylistItemDropped event) {
        items.remove(event.position() - 1);
    }

    @EventSourcingHandler
    void on(PlaylistReordered event) {
        Map<UUID, Item> byId = new HashMap<>();
        items.forEach(item -> byId.put(item.itemId(), item));
        items = new ArrayList<>(event.itemIds().stream().map(byId::get).toList());
    }

    @EventSourcingHandler
    void on(PlaylistShared event, @Timestamp Instant at) {
        shares.put(event.shareId(), new Share(event.shareId(), event.shareToken(), event.createdBy(),
                event.expiresAt(), true, at, at));
    }

    @EventSourcingHandler
    void on(PlaylistShareRevoked event, @Timestamp Instant at) {
        Share share = shares.get(event.shareId());
        shares.put(event.shareId(), new Share(share.shareId(), share.token(), share.createdBy(), share.expiresAt(),
                false, share.createdAt(), at));
    }

    @EventSourcingHandler
    void on(PlaylistDuplicated event) {
        copies.put(event.duplicatedBy(), event.copyId());
    }

    @EventSourcingHandler
    void on(PlaylistDeleted event) {
        markDeleted();
    }

    /**
     * Drops the items whose video is gone, first to last, and answers the live videos of the rest.
     * Runs before every command that reads the items (not before a refusal: nothing is applied then).
     */
    private Map<UUID, PlaylistVideo> dropItemsOfDeletedVideos(PlaylistVideos videos) {
        Map<UUID, PlaylistVideo> live = videos.findAll(videoIds());
        dropItemsOfDeletedVideos(live);
        return live;
    }

    private void dropItemsOfDeletedVideos(Map<UUID, PlaylistVideo> live) {
        for (Item item : List.copyOf(items)) {
            if (!live.containsKey(item.videoId())) {
                apply(new PlaylistItemDropped(playlistId, item.itemId(), item.videoId(), indexOf(item.itemId()) + 1));
            }
        }
    }

    /**
     * The new order of a reorder, when it gives every item exactly once a distinct position in 1..n;
     * otherwise every problem found, as one 400.
     */
    private List<UUID> permutation(List<ItemOrder> orders) {
        int n = items.size();
        List<String> problems = new ArrayList<>();
        UUID[] placed = new UUID[n];
        Set<UUID> seen = new HashSet<>();
        for (ItemOrder entry : orders) {
            if (indexOf(entry.itemId()) < 0) {
                problems.add("Item " + entry.itemId() + " is not in this playlist.");
            } else if (!seen.add(entry.itemId())) {
                problems.add("Item " + entry.itemId() + " is listed more than once.");
            }
            if (entry.order() < 1 || entry.order() > n) {
                problems.add("Order " + entry.order() + " is outside 1.." + n + ".");
            } else if (placed[(int) entry.order() - 1] != null) {
                problems.add("Order " + entry.order() + " is given to more than one item.");
            } else {
                placed[(int) entry.order() - 1] = entry.itemId();
            }
        }
        if (problems.isEmpty() && orders.size() != n) {
            problems.add("Every item must be listed once: " + orders.size() + " of " + n + " given.");
        }
        if (!problems.isEmpty()) {
            throw CommandRejected.error(400, INVALID_REORDER, "details", Map.of("item_orders", problems));
        }
        return List.of(placed);
    }

    private Share validShare(UUID token) {
        Share share = shares.values().stream().filter(s -> s.token().equals(token)).findFirst()
                .orElseThrow(() -> CommandRejected.error(404, SHARE_NOT_FOUND));
        if (!shareState(share).isValid(GenericEventMessage.clock.instant())) {
            throw CommandRejected.error(410, SHARE_INVALID);
        }
        return share;
    }

    /** §5.14: the own school only; there its owner, its admins, and everyone when public. */
    private void requireVisible(Caller by) {
        boolean visible = by.schoolId() == schoolId && (by.isSchoolAdminOrAbove() || by.userId() == ownerId || isPublic);
        if (!visible) {
            throw CommandRejected.notFound(MODEL);
        }
    }

    /** Update and delete (D16): visible, then the owner or an admin of its school. */
    private void requireEditor(Caller by) {
        requireVisible(by);
        if (!mayManage(by)) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
    }

    /** The item and share actions' preamble: the same check, with the original's body for the 403. */
    private void requireManager(Caller by) {
        requireVisible(by);
        if (!mayManage(by)) {
            throw CommandRejected.error(403, PERMISSION_DENIED);
        }
    }

    private boolean mayManage(Caller by) {
        return by.userId() == ownerId || by.isSchoolAdminOrAbove() && by.schoolId() == schoolId;
    }

    private List<UUID> videoIds() {
        return items.stream().map(Item::videoId).toList();
    }

    private int indexOf(UUID itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).itemId().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    private PlaylistItemState itemState(int index) {
        Item item = items.get(index);
        return new PlaylistItemState(item.itemId(), item.videoId(), item.notes(), index + 1, item.createdAt());
    }

    private ShareState shareState(Share share) {
        return new ShareState(share.shareId(), share.token(), playlistId, name, share.createdBy(), share.expiresAt(),
                share.active(), 0, null, share.createdAt(), share.updatedAt());
    }

    /** {@code <name> (Copy)}, the name shortened so the copy's name keeps the 200-character limit. */
    static String copyName(String original) {
        int room = MAX_NAME - COPY_SUFFIX.length();
        String base = original.length() > room ? original.substring(0, room).strip() : original;
        return base + COPY_SUFFIX;
    }
}
