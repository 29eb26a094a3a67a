package org.fractionball.lms.command.content;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;

import java.time.Instant;
import java.util.UUID;

/** A content item as its aggregate holds it after a command. */
public record ContentState(UUID contentId, ContentKind kind, long ownerId, long schoolId, ContentDetails details,
                           ContentStatus status, String storagePath, Instant submittedAt, Long reviewedBy,
                           Instant reviewedAt, String reviewNotes, Instant createdAt, Instant updatedAt) {
}
