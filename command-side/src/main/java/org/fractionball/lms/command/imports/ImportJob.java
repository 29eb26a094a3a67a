package org.fractionball.lms.command.imports;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.imports.ImportCompleted;
import org.fractionball.lms.events.imports.ImportFailed;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.imports.ImportRowsProcessed;
import org.fractionball.lms.events.imports.ImportStarted;
import org.fractionball.lms.events.shared.AggregateIds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One bulk CSV import (contract §5.18): started with its rows, then their outcomes recorded batch
 * by batch in row order, then completed (or failed). The {@link ImportRunner} drives it; every
 * command is idempotent, so a runner that restarts after a crash can repeat its last step safely.
 * The rows themselves stay in {@link ImportStarted}: the aggregate keeps only counters.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class ImportJob {
    @AggregateIdentifier
    private String id;
    private UUID jobId;
    private ContentKind kind;
    private int totalRows;
    private int nextRow;
    private int importedRows;
    private int failedRows;
    private boolean closed;
    private Instant startedAt;

    protected ImportJob() {
    }

    /** Called by {@link ImportJobs}, which answers with the start time. */
    ImportJob(ImportStarted started) {
        apply(started);
    }

    /** The id of the item row {@code row} of job {@code jobId} creates: a name-based UUID, the same on every attempt. */
    public static UUID contentIdOf(UUID jobId, int row) {
        return UUID.nameUUIDFromBytes(("import:" + jobId + ":row:" + row).getBytes(StandardCharsets.UTF_8));
    }

    @CommandHandler
    public void handle(RecordImportedRows command) {
        // a repeated batch (the runner restarted before its token moved on) is already recorded
        if (closed || command.firstRow() != nextRow || command.outcomes().isEmpty()) {
            return;
        }
        int lastRow = command.firstRow() + command.outcomes().size() - 1;
        if (lastRow > totalRows) {
            throw new IllegalArgumentException("Rows " + command.firstRow() + "-" + lastRow + " exceed the job's "
                    + totalRows + " rows");
        }
        apply(new ImportRowsProcessed(jobId, kind, command.firstRow(), command.outcomes()));
    }

    @CommandHandler
    public void handle(CompleteImport command) {
        if (closed) {
            return;
        }
        if (nextRow <= totalRows) {
            throw new IllegalStateException("Import " + jobId + " has unprocessed rows from " + nextRow);
        }
        apply(new ImportCompleted(jobId, totalRows, importedRows, failedRows));
    }

    @CommandHandler
    public void handle(FailImport command) {
        if (!closed) {
            apply(new ImportFailed(jobId, nextRow - 1, command.reason()));
        }
    }

    Instant startedAt() {
        return startedAt;
    }

    @EventSourcingHandler
    void on(ImportStarted event, @Timestamp Instant at) {
        id = AggregateIds.importJob(event.jobId());
        jobId = event.jobId();
        kind = event.kind();
        totalRows = event.rows().size();
        nextRow = 1;
        startedAt = at;
    }

    @EventSourcingHandler
    void on(ImportRowsProcessed event) {
        nextRow = event.nextRow();
        for (ImportRowOutcome outcome : event.outcomes()) {
            if (outcome.imported()) {
                importedRows++;
            } else {
                failedRows++;
            }
        }
    }

    @EventSourcingHandler
    void on(ImportCompleted event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(ImportFailed event) {
        closed = true;
    }
}
