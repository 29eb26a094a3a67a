package org.fractionball.lms.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Row changes a projection collects while an event processor handles a batch, written together
 * when the batch's unit of work prepares to commit (in the same transaction as the token), in the
 * order the events were handled. One round trip per batch instead of one per event is what lets a
 * rebuild go faster than the database answers single statements. Outside a unit of work (a direct
 * call) a change is written at once.
 *
 * <p>Handlers still compute every value while handling their event, so a bad event fails in its own
 * handler (and can be dead-lettered); only the SQL is deferred.
 *
 * @param <T> one row change
 */
public final class BatchedWrites<T> {
    private final String resourceKey;
    private final Consumer<List<T>> writer;

    /**
     * @param name   tells the batches of different projections apart within one unit of work
     * @param writer writes the changes of one batch, in order, in the current transaction
     */
    public BatchedWrites(String name, Consumer<List<T>> writer) {
        this.resourceKey = BatchedWrites.class.getName() + "." + name;
        this.writer = writer;
    }

    public void add(T change) {
        if (!CurrentUnitOfWork.isStarted()) {
            writer.accept(List.of(change));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<T> pending = unitOfWork.getOrComputeResource(resourceKey, key -> {
            List<T> changes = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> {
                if (!changes.isEmpty()) {
                    writer.accept(changes);
                }
            });
            return changes;
        });
        pending.add(change);
    }

    /** Writes what the batch has collected so far, now, in order: for a statement that must see those rows. */
    public void flush() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        List<T> pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
        if (pending != null && !pending.isEmpty()) {
            writer.accept(List.copyOf(pending));
            pending.clear();
        }
    }
}
