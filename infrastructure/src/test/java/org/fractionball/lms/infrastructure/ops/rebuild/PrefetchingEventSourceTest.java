package org.fractionball.lms.infrastructure.ops.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A rebuild's read-ahead stream hands over the store's events in order, as the store's own stream would. */
class PrefetchingEventSourceTest {
    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void everyEventComesOnceInStoreOrderThenTheStreamWaitsForMore() throws InterruptedException {
        append(0, 25);
        PrefetchingEventSource source = new PrefetchingEventSource(store, 4);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken())) {
            List<Object> read = new ArrayList<>();
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                assertThat(stream.peek()).isPresent();
                TrackedEventMessage<?> peeked = stream.peek().orElseThrow();
                TrackedEventMessage<?> next = stream.nextAvailable();
                assertThat(next).isSameAs(peeked);
                assertThat(next.trackingToken().position()).hasValue(read.size());
                read.add(next.getPayload());
            }
            assertThat(read).hasSize(25).isEqualTo(payloads(0, 25));
            assertThat(stream.peek()).isEmpty();

            append(25, 3);
            List<Object> later = new ArrayList<>();
            while (later.size() < 3 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                later.add(stream.nextAvailable().getPayload());
            }
            assertThat(later).isEqualTo(payloads(25, 3));
        }
    }

    @Test
    void aStreamOpenedAtAPositionStartsAfterIt() throws InterruptedException {
        append(0, 10);
        PrefetchingEventSource source = new PrefetchingEventSource(store, 2);
        List<Object> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> first = store.openStream(null)) {
            TrackedEventMessage<?> sixth = null;
            for (int i = 0; i < 6; i++) {
                sixth = first.nextAvailable();
            }
            try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(sixth.trackingToken())) {
                while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    read.add(stream.nextAvailable().getPayload());
                }
            }
        }
        assertThat(read).isEqualTo(payloads(6, 4));
    }

    private void append(int from, int count) {
        for (int i = from; i < from + count; i++) {
            store.publish(new GenericDomainEventMessage<>("Test", "aggregate", i, "event " + i));
        }
    }

    private static List<Object> payloads(int from, int count) {
        List<Object> payloads = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            payloads.add("event " + i);
        }
        return payloads;
    }
}
