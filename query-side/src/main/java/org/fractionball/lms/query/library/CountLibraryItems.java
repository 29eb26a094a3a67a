package org.fractionball.lms.query.library;

/** How many items a library filter selects, with the grades and topics among them (videos only). */
public record CountLibraryItems(LibraryFilter filter) {
}
