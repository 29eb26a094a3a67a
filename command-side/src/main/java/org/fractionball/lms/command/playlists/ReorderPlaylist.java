package org.fractionball.lms.command.playlists;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.List;
import java.util.UUID;

/** A new order for the items: it must be a permutation of all of them (D22). */
public record ReorderPlaylist(UUID playlistId, List<ItemOrder> orders, Caller by) {

    public ReorderPlaylist {
        orders = List.copyOf(orders);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.playlist(playlistId);
    }
}
