package org.fractionball.lms.command.uploads;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Uploads signed and not yet completed or abandoned, kept by the command side in the command's transaction. */
public interface PendingUploads {

    void add(UUID uploadId, Instant expiresAt);

    void remove(UUID uploadId);

    /** Up to {@code limit} pending uploads whose URL expired before {@code before}, oldest first. */
    List<UUID> expiredBefore(Instant before, int limit);
}
