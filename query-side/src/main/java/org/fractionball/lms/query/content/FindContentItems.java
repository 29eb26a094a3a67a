package org.fractionball.lms.query.content;

/** A page of content items, as {@code ContentView}s. */
public record FindContentItems(ContentFilter filter, long offset, int limit) {
}
