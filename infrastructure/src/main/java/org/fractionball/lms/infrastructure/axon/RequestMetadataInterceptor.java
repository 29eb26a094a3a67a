package org.fractionball.lms.infrastructure.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.fractionball.lms.infrastructure.web.RequestContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Adds the current request's metadata (actor, client IP, user agent, request and correlation ids)
 * to messages dispatched while serving it, without overwriting what a message already carries.
 */
class RequestMetadataInterceptor<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            RequestContext context = RequestContext.current();
            if (context == null) {
                return message;
            }
            Map<String, Object> missing = new HashMap<>();
            context.metadata().forEach((key, value) -> {
                if (value != null && !message.getMetaData().containsKey(key)) {
                    missing.put(key, value);
                }
            });
            return missing.isEmpty() ? message : (M) message.andMetaData(missing);
        };
    }
}
