package org.fractionball.lms.infrastructure.ops.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.fractionball.lms.projections.StoredPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's read-ahead stream hands over the store's events in order, as the store's own stream would,
 * each marked with its position where its token shows it.
 */
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

    @Test
    void anEventIsMarkedWithItsPositionWhereItsTokenMovedToIt() {
        GapAwareTrackingToken first = GapAwareTrackingToken.newInstance(4, List.of());
        GapAwareTrackingToken afterAGap = GapAwareTrackingToken.newInstance(7, List.of(5L, 6L));
        GapAwareTrackingToken gapFilled = GapAwareTrackingToken.newInstance(7, List.of(5L));

        TrackedEventMessage<?> fromTheStart = PrefetchingEventSource.positioned(stored(first, 0), null);
        TrackedEventMessage<?> next = PrefetchingEventSource.positioned(stored(afterAGap, 1), first);
        TrackedEventMessage<?> late = stored(gapFilled, 2);
        TrackedEventMessage<?> sequence = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(9),
                new GenericDomainEventMessage<>("Test", "aggregate", 3, "event 3"));

        assertThat(((StoredPosition) fromTheStart).storedPosition()).isEqualTo(4);
        assertThat(((StoredPosition) next).storedPosition()).isEqualTo(7);
        assertThat(next.getIdentifier()).isEqualTo(stored(afterAGap, 1).getIdentifier());
        assertThat(next.getPayload()).isEqualTo("event 1");
        assertThat(next.getMetaData()).isEqualTo(MetaData.with("n", 1));
        assertThat(next.trackingToken()).isEqualTo(afterAGap);
        assertThat(((DomainEventMessage<?>) next).getAggregateIdentifier()).isEqualTo("aggregate");
        assertThat(((DomainEventMessage<?>) next).getSequenceNumber()).isEqualTo(1);
        // the gap at 5 or 6 was filled: the index stayed at 7, which is another event's
        assertThat(PrefetchingEventSource.positioned(late, afterAGap)).isSameAs(late);
        assertThat(PrefetchingEventSource.positioned(sequence, null)).isSameAs(sequence);
        assertThat(PrefetchingEventSource.positioned(stored(afterAGap, 1), new GlobalSequenceTrackingToken(3)))
                .isNotInstanceOf(StoredPosition.class);
    }

    private static final Map<Integer, String> IDENTIFIERS = new HashMap<>();

    /** The same event (identifier, payload, metadata) each time for the same number. */
    private static TrackedEventMessage<?> stored(TrackingToken token, int number) {
        String identifier = IDENTIFIERS.computeIfAbsent(number, n -> UUID.randomUUID().toString());
        return new GenericTrackedDomainEventMessage<>(token, new GenericDomainEventMessage<>("Test", "aggregate",
                number, new GenericMessage<>(identifier, "event " + number, MetaData.with("n", number)),
                Instant::now));
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
