package org.fractionball.lms.command.playlists;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

public record RemovePlaylistItem(UUID playlistId, UUID itemId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.playlist(playlistId);
    }
}
