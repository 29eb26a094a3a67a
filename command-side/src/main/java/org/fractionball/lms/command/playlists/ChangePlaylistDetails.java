package org.fractionball.lms.command.playlists;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The owner or a school admin of its school changes a playlist's name, description or publicity (D16). */
public record ChangePlaylistDetails(UUID playlistId, PlaylistEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.playlist(playlistId);
    }
}
