package org.fractionball.lms.command.imports;

import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.imports.ImportRowsProcessed;
import org.fractionball.lms.events.imports.ImportStarted;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process manager of bulk imports: a tracking processor of its own that reacts to each job's
 * events. On {@link ImportStarted} and on each {@link ImportRowsProcessed} it takes the next
 * batch of rows, sends one {@link ImportContentRow} per valid row on a bounded pool of workers
 * (each command commits on its own), and records the batch's outcomes with
 * {@link RecordImportedRows}; after the last batch it completes the job.
 *
 * <p>Exactly once across crashes: the batch is recorded on the processor's own thread, so the
 * recording event and the processor's token commit in one transaction. A runner killed before
 * that commit handles the same event again after a restart; the rows it had already created fail
 * to be created again (their ids derive from job and row, and the event store refuses a second
 * stream for an id), which counts as imported. Errors other than a row's own propagate, so the
 * processor retries the event instead of skipping rows. A row that passed {@link ImportRowRules}
 * cannot be refused by the item's creation, so the contract's {@code PROCESSING_ERROR} never
 * occurs: what the original reported as one is a failure here that is retried.
 */
@Component
@ProcessingGroup(ImportRunner.PROCESSING_GROUP)
public class ImportRunner {
    public static final String PROCESSING_GROUP = "import-runner";
    static final String UPLOADER_GONE = "The uploader's account no longer exists";
    private static final int REMEMBERED_JOBS = 4;

    private final CommandGateway commands;
    private final EventStore events;
    private final ImportOwners owners;
    private final int batchSize;
    private final ExecutorService workers;
    /** The rows of the jobs being run, so each batch does not read them from the event store again. */
    private final Map<UUID, ImportStarted> running = Collections.synchronizedMap(
            new LinkedHashMap<>(REMEMBERED_JOBS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, ImportStarted> eldest) {
                    return size() > REMEMBERED_JOBS;
                }
            });

    public ImportRunner(CommandGateway commands, EventStore events, ImportOwners owners,
                        @Value("${lms.imports.batch-size:100}") int batchSize,
                        @Value("${lms.imports.concurrency:8}") int concurrency) {
        this.commands = commands;
        this.events = events;
        this.owners = owners;
        this.batchSize = batchSize;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "import-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventHandler
    void on(ImportStarted started, EventMessage<?> message) {
        running.put(started.jobId(), started);
        runBatch(started, 1, actorOf(message));
    }

    @EventHandler
    void on(ImportRowsProcessed processed, EventMessage<?> message) {
        ImportStarted job = running.computeIfAbsent(processed.jobId(), this::readJob);
        MetaData actor = actorOf(message);
        if (processed.nextRow() > job.rows().size()) {
            send(new CompleteImport(job.jobId()), actor);
            running.remove(job.jobId());
        } else {
            runBatch(job, processed.nextRow(), actor);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private void runBatch(ImportStarted job, int firstRow, MetaData actor) {
        ImportOwners.Owner uploader = owners.byId(job.uploaderId());
        if (uploader == null) {
            send(new FailImport(job.jobId(), UPLOADER_GONE), actor);
            running.remove(job.jobId());
            return;
        }
        int lastRow = Math.min(firstRow + batchSize - 1, job.rows().size());
        List<CompletableFuture<ImportRowOutcome>> rows = new ArrayList<>();
        for (int row = firstRow; row <= lastRow; row++) {
            int number = row;
            rows.add(CompletableFuture.supplyAsync(() -> importRow(job, number, uploader, actor), workers));
        }
        List<ImportRowOutcome> outcomes = rows.stream().map(CompletableFuture::join).toList();
        send(new RecordImportedRows(job.jobId(), firstRow, outcomes), actor);
    }

    private ImportRowOutcome importRow(ImportStarted job, int row, ImportOwners.Owner uploader, MetaData actor) {
        Map<String, String> cells = job.rows().get(row - 1);
        String title = cells.getOrDefault("title", "").strip();
        ImportRowRules.Checked checked = ImportRowRules.check(job.kind(), cells, uploader, owners);
        if (checked.error() != null) {
            return new ImportRowOutcome(row, null, title, null, checked.error(), checked.warnings());
        }
        UUID contentId = ImportJob.contentIdOf(job.jobId(), row);
        try {
            send(new ImportContentRow(job.jobId(), row, contentId, job.kind(), checked.owner().userId(),
                    job.schoolId(), checked.details()), actor);
        } catch (RuntimeException failure) {
            if (!createdBefore(failure)) {
                throw failure;
            }
        }
        return new ImportRowOutcome(row, contentId, title, checked.owner().email(), null, checked.warnings());
    }

    /** The row's item exists already: an earlier run created it but crashed before recording the batch. */
    private static boolean createdBefore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private void send(Object command, MetaData actor) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(actor));
    }

    private ImportStarted readJob(UUID jobId) {
        DomainEventStream stream = events.readEvents(AggregateIds.importJob(jobId), 0);
        return (ImportStarted) stream.next().getPayload();
    }

    /**
     * The uploader's request metadata, carried by the job's events, goes on every command sent for
     * it, caused by the event and in its correlation (no correlation provider reads events).
     */
    private static MetaData actorOf(EventMessage<?> message) {
        return MetaData.from(MetadataKeys.causedBy(message.getIdentifier(), message.getMetaData()));
    }
}
