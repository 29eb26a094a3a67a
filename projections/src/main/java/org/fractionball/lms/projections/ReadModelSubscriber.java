package org.fractionball.lms.projections;

/**
 * A node's in-memory copy of read tables, kept only while the node's listener hears every
 * change announced for them ({@link ReadModelChanges}).
 */
public interface ReadModelSubscriber {

    /** Whether a change announced under {@code topic} (a processing group or a version table) concerns this copy. */
    boolean concerns(String topic);

    /** Forgets everything kept: a change it concerns was committed, or changes may have been missed. */
    void invalidate();

    /**
     * Whether every change is heard from now on. While false the copy must keep nothing and read
     * every answer from PostgreSQL: changes committed meanwhile would not reach it.
     */
    void hearing(boolean hearing);
}
