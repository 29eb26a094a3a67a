package org.fractionball.lms.command.web;

/** Where a command's writes landed in the global order of the event store. */
public interface WritePositions {

    /**
     * The global index of the aggregate's newest event, remembered as the calling actor's last
     * write so the actor's next queries wait until the projections have passed it.
     */
    long recordLatestWrite(String aggregateId);
}
