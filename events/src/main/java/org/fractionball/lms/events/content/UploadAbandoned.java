package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * An upload was never completed and its URL expired long ago: the object at {@code storagePath}
 * (if the client stored one) is removed, and the upload can no longer be completed.
 */
public record UploadAbandoned(UUID uploadId, String storagePath) {
}
