package org.fractionball.lms.projections;

/**
 * An event message that knows its own global position in the event store. A tracking token's
 * position is the highest one its processor has seen, which is not the event's own when the event
 * fills a gap (an append that committed late); a rebuild's reader, which sees every token in order,
 * marks the events whose token moved to them.
 */
public interface StoredPosition {
    long storedPosition();
}
