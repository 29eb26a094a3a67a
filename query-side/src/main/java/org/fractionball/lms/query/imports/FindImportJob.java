package org.fractionball.lms.query.imports;

import java.util.UUID;

/** One import job with its outcome lists, whoever may see it (access is the endpoint's). */
public record FindImportJob(UUID jobId) {
}
