package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * Content was deleted (soft: its history stays in the event store). {@code storagePath}, when
 * not null, names the stored object a follow-up step removes.
 */
public record ContentDeleted(UUID contentId, ContentKind kind, String title, long ownerId, long schoolId,
                             String storagePath) {
}
