package org.fractionball.lms.infrastructure.ops.rebuild;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.fractionball.lms.projections.StoredPosition;

/**
 * An event as the store gave it, with its own global position. Payload and metadata stay the stored
 * message's (decoded once, on demand); a copy made with other metadata or another token is a plain
 * message again, so a handler falls back to reading the position from the store.
 */
final class PositionedEventMessage<T> extends GenericTrackedDomainEventMessage<T> implements StoredPosition {
    private final long position;

    PositionedEventMessage(TrackingToken token, DomainEventMessage<T> stored, long position) {
        super(token, stored);
        this.position = position;
    }

    @Override
    public long storedPosition() {
        return position;
    }
}
