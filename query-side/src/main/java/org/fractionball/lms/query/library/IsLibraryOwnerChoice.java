package org.fractionball.lms.query.library;

/** Whether a user id is a valid {@code owner} filter: a TEACHER or SCHOOL_ADMIN of the school. */
public record IsLibraryOwnerChoice(long schoolId, long userId) {
}
