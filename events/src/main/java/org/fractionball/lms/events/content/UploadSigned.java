package org.fractionball.lms.events.content;

import java.time.Instant;
import java.util.UUID;

/**
 * A user was given a signed URL to put one object at {@code storagePath}; only that user may
 * complete the upload, once.
 */
public record UploadSigned(UUID uploadId, long uploaderId, long schoolId, ContentKind kind, String storagePath,
                           String contentType, long declaredSize, String originalFilename, Instant expiresAt) {
}
