package org.fractionball.lms.command.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command (or its HTTP input) refused with a client error: the status and the exact JSON body
 * of the contract. Nothing was written.
 */
public class CommandRejected extends RuntimeException {
    private final int status;
    private final Map<String, ?> body;

    public CommandRejected(int status, Map<String, ?> body) {
        super(status + " " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Map<String, ?> body() {
        return body;
    }

    public static CommandRejected fieldErrors(Map<String, List<String>> errors) {
        return new CommandRejected(400, errors);
    }

    public static CommandRejected field(int status, String field, String message) {
        return new CommandRejected(status, Map.of(field, List.of(message)));
    }

    public static CommandRejected notFound(String modelName) {
        return new CommandRejected(404, Map.of("detail", "No " + modelName + " matches the given query."));
    }

    public static CommandRejected conflict(String detail) {
        return new CommandRejected(409, Map.of("detail", detail));
    }

    /** {@code {"error": message, <key>: <value>…}} with the keys in the given order. */
    public static CommandRejected error(int status, String message, Object... moreKeysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        for (int i = 0; i < moreKeysAndValues.length; i += 2) {
            body.put((String) moreKeysAndValues[i], moreKeysAndValues[i + 1]);
        }
        return new CommandRejected(status, body);
    }

    public static CommandRejected forbidden(String detail) {
        return new CommandRejected(403, Map.of("detail", detail));
    }
}
