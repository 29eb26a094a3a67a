package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * The owner submitted a draft while the feature flag {@code content_approval_required} was off
 * for them, so it was published at once without a reviewer (audited as
 * {@code CONTENT_PUBLISHED_WITHOUT_REVIEW}).
 */
public record ContentPublishedWithoutReview(UUID contentId, ContentKind kind, String title, long ownerId,
                                            String flag) {
}
