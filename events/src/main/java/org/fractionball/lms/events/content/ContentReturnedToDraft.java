package org.fractionball.lms.events.content;

import java.util.UUID;

/**
 * Content went back to draft: by its owner from PENDING or REJECTED, or because someone who may
 * not approve it edited it while it was PUBLISHED ({@code reason} says which).
 */
public record ContentReturnedToDraft(UUID contentId, ContentKind kind, String title, ContentStatus previousStatus,
                                     String reason) {
    public static final String BY_OWNER = "returned by owner";
    public static final String EDITED_AFTER_PUBLICATION = "edited after publication";
}
