package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentKind;

/** Review figures of one kind of content: of one school, or of all schools when {@code schoolId} is null. */
public record FindApprovalStats(ContentKind kind, Long schoolId) {
}
