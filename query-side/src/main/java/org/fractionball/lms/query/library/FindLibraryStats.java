package org.fractionball.lms.query.library;

/** The published-content figures of a school's library (§5.12.6). */
public record FindLibraryStats(long schoolId) {
}
