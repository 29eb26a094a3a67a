package org.fractionball.lms.infrastructure.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.fractionball.lms.events.shared.MetadataKeys;

import java.util.Map;

/**
 * Copies the actor and request metadata of the message being handled (usually a command) to the
 * events it causes, with the handled message as their causation and its correlation id (or, for
 * the first message of a chain, its own id) as their correlation.
 *
 * <p>Not from events: an event processor's unit of work asks every provider for each event it
 * handles (for a result message it discards), and reading an event's metadata means parsing and
 * decrypting it — 13 % of a rebuilding projection's thread (docs/benchmarks.md). The one event
 * handler that sends commands, {@code ImportRunner}, puts the event's metadata on them itself.
 */
class RequestMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (message instanceof EventMessage) {
            return Map.of();
        }
        return MetadataKeys.causedBy(message.getIdentifier(), message.getMetaData());
    }
}
