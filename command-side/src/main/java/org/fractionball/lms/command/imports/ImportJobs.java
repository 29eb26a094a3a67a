package org.fractionball.lms.command.imports;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.events.imports.ImportStarted;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Starts import jobs and answers with their start time (an aggregate constructor can only return its id). */
@Component
public class ImportJobs {
    private final Repository<ImportJob> jobs;

    public ImportJobs(Repository<ImportJob> jobs) {
        this.jobs = jobs;
    }

    @CommandHandler
    public Instant handle(StartImport command) throws Exception {
        ImportStarted started = new ImportStarted(command.jobId(), command.kind(), command.by().userId(),
                command.by().schoolId(), command.fileName(), command.fileSize(), command.headers(), command.rows());
        return jobs.newInstance(() -> new ImportJob(started)).invoke(ImportJob::startedAt);
    }
}
