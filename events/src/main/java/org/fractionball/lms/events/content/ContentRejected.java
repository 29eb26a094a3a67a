package org.fractionball.lms.events.content;

import java.util.UUID;

/** A reviewer rejected pending content, with the reason the owner reads. */
public record ContentRejected(UUID contentId, ContentKind kind, String title, long ownerId, long reviewerId,
                              String reason) {
}
