package org.fractionball.lms.infrastructure.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.fractionball.lms.projections.BatchedWrites;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedWritesTest {
    private final List<List<String>> written = new ArrayList<>();
    private final BatchedWrites<String> writes = new BatchedWrites<>("test", written::add);

    @Test
    void outsideAUnitOfWorkEachChangeIsWrittenAtOnce() {
        writes.add("first");
        writes.add("second");

        assertThat(written).containsExactly(List.of("first"), List.of("second"));
    }

    @Test
    void aUnitOfWorkWritesItsChangesOnceInOrderWhenItCommits() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.add("first");
        writes.add("second");
        writes.add("third");
        assertThat(written).isEmpty();

        unitOfWork.commit();

        assertThat(written).containsExactly(List.of("first", "second", "third"));
    }

    @Test
    void changesMadeInANestedUnitOfWorkAreWrittenWithTheOutermostOne() {
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        writes.add("first");
        UnitOfWork<?> inner = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.add("second");
        inner.commit();
        assertThat(written).isEmpty();

        outer.commit();

        assertThat(written).containsExactly(List.of("first", "second"));
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.add("first");

        unitOfWork.rollback();

        assertThat(written).isEmpty();
    }

    @Test
    void projectionsOfOneUnitOfWorkKeepTheirChangesApart() {
        List<List<String>> otherWritten = new ArrayList<>();
        BatchedWrites<String> other = new BatchedWrites<>("other", otherWritten::add);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.add("mine");
        other.add("theirs");

        unitOfWork.commit();

        assertThat(written).containsExactly(List.of("mine"));
        assertThat(otherWritten).containsExactly(List.of("theirs"));
    }
}
