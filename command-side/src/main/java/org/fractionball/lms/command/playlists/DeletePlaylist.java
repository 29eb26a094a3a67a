package org.fractionball.lms.command.playlists;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The owner or a school admin of its school deletes a playlist (D16). */
public record DeletePlaylist(UUID playlistId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.playlist(playlistId);
    }
}
