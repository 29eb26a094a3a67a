package org.fractionball.lms.events.content;

import java.util.UUID;

/** The owner or a school admin changed a content item's description (never its status). */
public record ContentDetailsChanged(UUID contentId, ContentKind kind, ContentDetails details) {
}
