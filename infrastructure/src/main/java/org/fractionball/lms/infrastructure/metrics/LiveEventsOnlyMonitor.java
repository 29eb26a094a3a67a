package org.fractionball.lms.infrastructure.metrics;

import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's Axon monitors (ingested, processed, latency, capacity) for the events it
 * handles live; the events it replays after a reset are not measured. A replay's progress is
 * reported by {@code lms_processor_lag} and the ops API, and the latency of a months-old event says
 * nothing about the processor; measuring each replayed event cost a meter lookup per monitor, 12–16 %
 * of a rebuilding processor's thread (docs/benchmarks.md).
 */
final class LiveEventsOnlyMonitor implements MessageMonitor<Message<?>> {
    private final MessageMonitor<Message<?>> delegate;

    private LiveEventsOnlyMonitor(MessageMonitor<Message<?>> delegate) {
        this.delegate = delegate;
    }

    /** {@code monitor} of a component, wrapped when the component is an event processor. */
    @SuppressWarnings("unchecked")
    static MessageMonitor<Message<?>> forComponent(Class<?> componentType, MessageMonitor<? extends Message<?>> monitor) {
        MessageMonitor<Message<?>> any = (MessageMonitor<Message<?>>) monitor;
        return EventProcessor.class.isAssignableFrom(componentType) ? new LiveEventsOnlyMonitor(any) : any;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof TrackedEventMessage<?> event && ReplayToken.isReplay(event)) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        return delegate.onMessageIngested(message);
    }
}
