package org.fractionball.lms.infrastructure.cluster;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Axon's event store as Axon auto-configures it, but looking for other nodes' appends every
 * {@code lms.event-store.fetch-delay} (100 ms) instead of every second. A node's own appends wake
 * its processors at once; another node's are only seen by polling, so with Axon's 1 s a read of a
 * write made on another node waited up to a second for read-your-writes (median of a warm POST +
 * GET through the split nginx: 1,015 ms, 186 ms with 100 ms; docs/scaling.md). The poll is one
 * indexed query per interval per node with running processors, made only while they are caught up.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStorePolling {

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${lms.event-store.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }
}
