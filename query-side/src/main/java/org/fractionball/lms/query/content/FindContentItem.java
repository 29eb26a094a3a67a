package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentKind;

import java.util.UUID;

/** One content item by kind and id, whoever may see it (visibility is the endpoint's). */
public record FindContentItem(ContentKind kind, UUID contentId) {
}
