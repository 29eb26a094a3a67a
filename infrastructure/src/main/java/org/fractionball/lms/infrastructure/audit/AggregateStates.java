package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An aggregate's state at a past moment, rebuilt the way Axon loads it for a command (its own
 * event-sourcing handlers over its events) but from the events up to that moment only, never from
 * a snapshot. Every aggregate type registered with Axon is known by its stored type name.
 */
@Component
public class AggregateStates {
    private final Configuration axon;
    private final EventStore events;
    private final ObjectMapper json;
    private volatile Map<String, AggregateConfiguration<?>> types;

    public AggregateStates(Configuration axon, EventStore events, Serializer serializer) {
        this.axon = axon;
        this.events = events;
        this.json = ((JacksonSerializer) serializer).getObjectMapper();
    }

    /** The stored aggregate type names (e.g. {@code ContentItem}) that can be rebuilt. */
    Set<String> knownTypes() {
        return types().keySet();
    }

    /**
     * The state after the last event stored at or before {@code at}, with how many events built it;
     * empty when the aggregate had no event by then.
     */
    Optional<State> at(String type, String aggregateId, Instant at) {
        AggregateConfiguration<?> configuration = types().get(type);
        if (configuration == null) {
            return Optional.empty();
        }
        return rebuild(configuration, aggregateId, at);
    }

    private <A> Optional<State> rebuild(AggregateConfiguration<A> configuration, String aggregateId, Instant at) {
        List<DomainEventMessage<?>> history = new ArrayList<>();
        DomainEventStream stream = events.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            history.add(event);
        }
        if (history.isEmpty() || !type(configuration).equals(history.get(0).getType())) {
            return Optional.empty();
        }
        AggregateModel<A> model = model(configuration.aggregateType());
        A root = configuration.aggregateFactory().createAggregateRoot(aggregateId, history.get(0));
        EventSourcedAggregate<A> aggregate = EventSourcedAggregate.initialize(root, model, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(history));
        DomainEventMessage<?> last = history.get(history.size() - 1);
        JsonNode state = json.valueToTree(aggregate.getAggregateRoot());
        return Optional.of(new State(last.getSequenceNumber(), last.getTimestamp(), history.size(),
                aggregate.isDeleted(), state));
    }

    private <A> AggregateModel<A> model(Class<A> type) {
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(type, axon.parameterResolverFactory(),
                axon.handlerDefinition(type));
    }

    private String type(AggregateConfiguration<?> configuration) {
        return model(configuration.aggregateType()).type();
    }

    @SuppressWarnings("unchecked")
    private Map<String, AggregateConfiguration<?>> types() {
        if (types == null) {
            Map<String, AggregateConfiguration<?>> byName = new LinkedHashMap<>();
            for (AggregateConfiguration<?> configuration : axon.findModules(AggregateConfiguration.class)) {
                byName.put(type(configuration), configuration);
            }
            types = byName;
        }
        return types;
    }

    /** The rebuilt state: last applied event (sequence, time), how many were applied, and the aggregate's fields. */
    record State(long sequence, Instant lastEventAt, int eventCount, boolean deleted, JsonNode fields) {
    }
}
