package org.fractionball.lms.query.schools;

/** A page of schools ordered by name; {@code active} null means all. */
public record FindSchools(Boolean active, long offset, int limit) {
}
