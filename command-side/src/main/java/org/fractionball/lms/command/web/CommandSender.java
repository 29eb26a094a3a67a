package org.fractionball.lms.command.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * Sends a command and turns its outcome into an HTTP answer with {@code X-Event-Position}. A
 * command that loses an optimistic-concurrency race is retried once on fresh state, then
 * refused with 409.
 */
@Component
public class CommandSender {
    public static final String EVENT_POSITION_HEADER = "X-Event-Position";

    private final CommandGateway gateway;
    private final WritePositions positions;

    public CommandSender(CommandGateway gateway, WritePositions positions) {
        this.gateway = gateway;
        this.positions = positions;
    }

    /**
     * Sends the command to the aggregate; on success answers {@code status} with the body made
     * from the handler's result and the position of the aggregate's newest event. A missing or deleted aggregate is a 404 naming {@code modelName}.
     */
    public <R> ResponseEntity<Object> send(String aggregateId, Object command, String modelName, int status,
                                           Function<R, Object> body) {
        R result = sendWithRetry(command, modelName);
        return ResponseEntity.status(status)
                .header(EVENT_POSITION_HEADER, Long.toString(positions.recordLatestWrite(aggregateId)))
                .body(body.apply(result));
    }

    public <R> R sendWithRetry(Object command, String modelName) {
        try {
            return sendOnce(command, modelName);
        } catch (ConcurrencyException firstLoss) {
            try {
                return sendOnce(command, modelName);
            } catch (ConcurrencyException secondLoss) {
                throw CommandRejected.conflict(
                        "The " + modelName + " was changed by another request at the same time. Please retry.");
            }
        }
    }

    private <R> R sendOnce(Object command, String modelName) {
        try {
            return gateway.sendAndWait(command);
        } catch (AggregateNotFoundException missing) {
            throw CommandRejected.notFound(modelName);
        }
    }
}
