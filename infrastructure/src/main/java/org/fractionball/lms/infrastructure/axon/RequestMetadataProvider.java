package org.fractionball.lms.infrastructure.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.fractionball.lms.events.shared.MetadataKeys;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the actor and request metadata of the message being handled (usually a command) to the
 * events it causes, with the handled message as their causation and its correlation id (or, for
 * the first message of a chain, its own id) as their correlation.
 */
class RequestMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : MetadataKeys.PROPAGATED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.putIfAbsent(MetadataKeys.CORRELATION_ID, message.getIdentifier());
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
