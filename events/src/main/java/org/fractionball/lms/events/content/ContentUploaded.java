package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * The uploader completed an upload: the stored object was checked (size, type, content) and
 * became content item {@code contentId}. Audited as {@code CONTENT_UPLOADED}.
 */
public record ContentUploaded(UUID uploadId, UUID contentId, ContentKind kind, long uploaderId, long schoolId,
                              String storagePath, String contentType, long fileSize, String originalFilename,
                              String title) {
}
