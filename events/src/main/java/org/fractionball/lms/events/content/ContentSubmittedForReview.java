package org.fractionball.lms.events.content;

import java.util.UUID;

/** The owner submitted a draft for review (audited as {@code CONTENT_SUBMITTED}). */
public record ContentSubmittedForReview(UUID contentId, ContentKind kind, String title, long ownerId) {
}
