package org.fractionball.lms.query.imports;

/**
 * The newest {@code limit} import jobs, newest first: of one uploader when {@code uploaderId} is
 * set, of one school when {@code schoolId} is set, else of every school.
 */
public record FindImportJobs(Long uploaderId, Long schoolId, int limit) {
}
