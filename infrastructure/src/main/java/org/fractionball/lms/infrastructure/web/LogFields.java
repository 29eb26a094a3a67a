package org.fractionball.lms.infrastructure.web;

import org.slf4j.MDC;

/**
 * Names of the request fields in the logging context, which the JSON log lines carry as top-level
 * fields (docs/runbook.md, "Logs", shows searches by them).
 */
public final class LogFields {
    public static final String REQUEST_ID = "request_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String USER_ID = "user_id";
    public static final String SCHOOL = "school";
    public static final String ROUTE = "route";
    public static final String METHOD = "method";
    public static final String STATUS = "status";
    public static final String LATENCY_MS = "latency_ms";

    private LogFields() {
    }

    static void clear() {
        for (String field : new String[]{REQUEST_ID, CORRELATION_ID, USER_ID, SCHOOL, ROUTE, METHOD, STATUS, LATENCY_MS}) {
            MDC.remove(field);
        }
    }
}
