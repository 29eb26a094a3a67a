package org.fractionball.lms.command.analytics;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Records a call of the view tracker (contract §5.16): the first call of a (video, user, session)
 * starts its view, later ones are heartbeats of the same view. Values are validated already;
 * {@code durationWatched} and {@code completionPercentage} are null when not sent.
 */
public record TrackVideoView(UUID videoId, String sessionId, Integer durationWatched, Double completionPercentage,
                             String referrer, Caller by) {

    /** The same for every call of the session, so the session is one aggregate without a lookup. */
    public UUID viewId() {
        return UUID.nameUUIDFromBytes((videoId + "/" + by.userId() + "/" + sessionId).getBytes(StandardCharsets.UTF_8));
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.viewSession(viewId());
    }
}
