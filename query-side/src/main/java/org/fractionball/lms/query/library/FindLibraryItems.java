package org.fractionball.lms.query.library;

/** One page of a filtered library set, as {@code ContentView}s in the filter's order. */
public record FindLibraryItems(LibraryFilter filter, long offset, int limit) {
}
