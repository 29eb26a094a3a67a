package org.fractionball.lms.query.web;

import java.util.List;
import java.util.Map;

/** A query refused with a client error: status and the exact JSON body of the contract. */
public class QueryRejected extends RuntimeException {
    private final int status;
    private final Map<String, ?> body;

    public QueryRejected(int status, Map<String, ?> body) {
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

    public static QueryRejected notFound(String modelName) {
        return new QueryRejected(404, Map.of("detail", "No " + modelName + " matches the given query."));
    }

    public static QueryRejected plainNotFound() {
        return new QueryRejected(404, Map.of("detail", "Not found."));
    }

    public static QueryRejected invalidPage() {
        return new QueryRejected(404, Map.of("detail", "Invalid page."));
    }

    public static QueryRejected filter(String field, String message) {
        return new QueryRejected(400, Map.of(field, List.of(message)));
    }
}
