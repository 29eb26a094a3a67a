package org.fractionball.lms.command.playlists;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Adds a video at {@code order} (1..n+1; null or 0 appends). */
public record AddPlaylistItem(UUID playlistId, UUID itemId, UUID videoId, String notes, Integer order, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.playlist(playlistId);
    }
}
