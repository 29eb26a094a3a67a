package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * A video or resource was added as a draft by its owner, either through {@code POST
 * /api/videos/} or {@code /api/resources/} (no stored object: {@code storagePath} null) or by
 * completing an upload ({@code storagePath} is the object it describes).
 */
public record ContentCreated(UUID contentId, ContentKind kind, long ownerId, long schoolId, ContentDetails details,
                             String storagePath) {
}
