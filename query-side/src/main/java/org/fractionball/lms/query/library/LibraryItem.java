package org.fractionball.lms.query.library;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.content.ContentStatus;

/** One library item: what visibility is decided by, and its JSON answer. */
public record LibraryItem(long owner, ContentStatus status, JsonNode body) {
}
