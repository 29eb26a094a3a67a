package org.fractionball.lms.command.playlists;

import org.axonframework.eventhandling.GenericEventMessage;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.playlists.PlaylistFormats;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds the contract's playlist shapes from a command's resulting state, with user and school names. */
@Component
public class PlaylistResponses {
    private final UserRegistry users;
    private final SchoolDomains schools;
    private final ShareUrls shareUrls;

    public PlaylistResponses(UserRegistry users, SchoolDomains schools, ShareUrls shareUrls) {
        this.users = users;
        this.schools = schools;
        this.shareUrls = shareUrls;
    }

    public PlaylistResponse playlist(PlaylistResult result) {
        PlaylistState playlist = result.playlist();
        List<PlaylistItemResponse> items = playlist.items().stream()
                .map(item -> item(item, result.videos().get(item.videoId()))).toList();
        List<Integer> durations = playlist.items().stream()
                .map(item -> result.videos().get(item.videoId()).duration()).toList();
        return new PlaylistResponse(playlist.playlistId(), playlist.name(), playlist.description(), playlist.ownerId(),
                nameOfUser(playlist.ownerId()), playlist.schoolId(), nameOfSchool(playlist.schoolId()),
                playlist.isPublic(), items.size(), PlaylistFormats.totalDuration(durations), items,
                playlist.createdAt(), playlist.updatedAt());
    }

    public PlaylistItemResponse item(AddedItem added) {
        return item(added.item(), added.video());
    }

    public PlaylistShareResponse share(ShareState share) {
        Instant now = GenericEventMessage.clock.instant();
        return new PlaylistShareResponse(share.shareId(), share.shareToken(), share.playlistId(), share.playlistName(),
                share.createdBy(), nameOfUser(share.createdBy()), share.expiresAt(), share.active(),
                share.isExpired(now), share.isValid(now), share.viewCount(), share.lastAccessed(),
                shareUrls.of(share.shareToken()), share.createdAt(), share.updatedAt());
    }

    /** Only the published videos, renumbered 1..n in playlist order, and no ids. */
    public SharedPlaylistResponse shared(SharedPlaylist shared) {
        PlaylistState playlist = shared.playlist().playlist();
        List<SharedPlaylistResponse.Item> items = new ArrayList<>();
        List<Integer> durations = new ArrayList<>();
        for (PlaylistItemState item : playlist.items()) {
            PlaylistVideo video = shared.playlist().videos().get(item.videoId());
            if (video != null && video.status() == ContentStatus.PUBLISHED) {
                items.add(new SharedPlaylistResponse.Item(video.title(), ContentFormats.duration(video.duration()),
                        items.size() + 1, item.notes(), item.createdAt()));
                durations.add(video.duration());
            }
        }
        return new SharedPlaylistResponse(playlist.name(), playlist.description(), nameOfUser(playlist.ownerId()),
                nameOfSchool(playlist.schoolId()), items.size(), PlaylistFormats.totalDuration(durations), items,
                playlist.createdAt(), playlist.updatedAt(), true, nameOfUser(shared.share().createdBy()),
                shared.share().createdAt());
    }

    /** Every command that answers a playlist read the videos of all its items (none is deleted). */
    private static PlaylistItemResponse item(PlaylistItemState item, PlaylistVideo video) {
        return new PlaylistItemResponse(item.itemId(), item.videoId(), video.title(),
                ContentFormats.duration(video.duration()), item.position(), item.notes(), item.createdAt());
    }

    private String nameOfUser(long userId) {
        return Objects.requireNonNullElse(users.fullNameOf(userId), "");
    }

    private String nameOfSchool(long schoolId) {
        return Objects.requireNonNullElse(schools.nameOf(schoolId), "");
    }
}
