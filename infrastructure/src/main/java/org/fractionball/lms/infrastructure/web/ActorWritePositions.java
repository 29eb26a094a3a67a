package org.fractionball.lms.infrastructure.web;

/** Each actor's last write position, shared by the nodes that serve it (derived data: losing it loses nothing). */
public interface ActorWritePositions {

    void record(String actor, long position);

    /** The actor's last recorded write position, or -1. */
    long lastOf(String actor);
}
