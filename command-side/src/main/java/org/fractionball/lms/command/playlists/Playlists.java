package org.fractionball.lms.command.playlists;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistEntry;
import org.fractionball.lms.events.playlists.PlaylistShareLinkCreated;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The playlist commands that involve more than one aggregate, each in one unit of work: creating
 * (the answer needs the new state), sharing (the playlist and its link's stream), revoking (the
 * answer shows the link's views), opening a share link (found by its token, counted on the link)
 * and duplicating (the source records the copy, the copy is created).
 */
@Component
public class Playlists {
    private final Repository<Playlist> playlists;
    private final Repository<PlaylistShareLink> links;
    private final PlaylistVideos videos;
    private final UserRegistry users;

    public Playlists(Repository<Playlist> playlists, Repository<PlaylistShareLink> links, PlaylistVideos videos,
                     UserRegistry users) {
        this.playlists = playlists;
        this.links = links;
        this.videos = videos;
        this.users = users;
    }

    @CommandHandler
    public PlaylistResult handle(CreatePlaylist command) throws Exception {
        PlaylistCreated created = new PlaylistCreated(command.playlistId(), command.name(), command.description(),
                command.by().userId(), command.by().schoolId(), command.isPublic(), null, List.of());
        return playlists.newInstance(() -> new Playlist(created)).invoke(playlist -> playlist.result(Map.of()));
    }

    @CommandHandler
    public ShareState handle(SharePlaylist command) throws Exception {
        ShareState share = playlist(command.playlistId()).invoke(playlist -> playlist.share(command));
        links.newInstance(() -> new PlaylistShareLink(new PlaylistShareLinkCreated(command.shareToken(),
                command.shareId(), command.playlistId())));
        return share;
    }

    @CommandHandler
    public ShareState handle(RevokePlaylistShare command) {
        ShareState share = playlist(command.playlistId()).invoke(playlist -> playlist.revoke(command));
        PlaylistShareLink.Views views = links.load(PlaylistShareLink.aggregateId(share.shareToken()))
                .invoke(PlaylistShareLink::views);
        return share.withViews(views.count(), views.lastViewedAt());
    }

    @CommandHandler
    public SharedPlaylist handle(ViewSharedPlaylist command) {
        Aggregate<PlaylistShareLink> link = link(command.shareToken());
        SharedPlaylist shared = sharedPlaylist(link).invoke(playlist -> playlist.sharedView(command.shareToken(),
                videos));
        link.execute(PlaylistShareLink::recordView);
        PlaylistShareLink.Views views = link.invoke(PlaylistShareLink::views);
        return new SharedPlaylist(shared.playlist(), shared.share().withViews(views.count(), views.lastViewedAt()));
    }

    @CommandHandler
    public PlaylistResult handle(DuplicateSharedPlaylist command) throws Exception {
        Aggregate<Playlist> source = sharedPlaylist(link(command.shareToken()));
        PlaylistCreated copy = source.invoke(playlist -> playlist.duplicate(command, this::exists, videos,
                users::fullNameOf));
        Map<UUID, PlaylistVideo> copiedVideos = videos.findAll(copy.items().stream().map(PlaylistEntry::videoId)
                .toList());
        return playlists.newInstance(() -> new Playlist(copy)).invoke(playlist -> playlist.result(copiedVideos));
    }

    private Aggregate<Playlist> playlist(UUID playlistId) {
        return playlists.load(AggregateIds.playlist(playlistId));
    }

    /** The link a token names; unknown tokens are the contract's 404 (D21). */
    private Aggregate<PlaylistShareLink> link(UUID token) {
        try {
            return links.load(PlaylistShareLink.aggregateId(token));
        } catch (AggregateNotFoundException unknown) {
            throw CommandRejected.error(404, Playlist.SHARE_NOT_FOUND);
        }
    }

    /** The playlist behind a link; a deleted playlist took its links with it. */
    private Aggregate<Playlist> sharedPlaylist(Aggregate<PlaylistShareLink> link) {
        UUID playlistId = link.invoke(PlaylistShareLink::playlistId);
        try {
            return playlist(playlistId);
        } catch (AggregateNotFoundException deleted) {
            throw CommandRejected.error(404, Playlist.SHARE_NOT_FOUND);
        }
    }

    private boolean exists(UUID playlistId) {
        try {
            playlist(playlistId);
            return true;
        } catch (AggregateNotFoundException deleted) {
            return false;
        }
    }
}
