package org.fractionball.lms.query.library;

import org.fractionball.lms.events.content.ContentKind;

import java.util.UUID;

/** One item of a school's library, whatever its status (visibility is the caller's to check). */
public record FindLibraryItem(ContentKind kind, long schoolId, UUID id) {
}
