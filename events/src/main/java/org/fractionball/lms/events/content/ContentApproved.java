package org.fractionball.lms.events.content;

import java.util.UUID;

/** A reviewer (school admin of the item's school, or an admin) published pending content. */
public record ContentApproved(UUID contentId, ContentKind kind, String title, long ownerId, long reviewerId,
                              String notes) {
}
