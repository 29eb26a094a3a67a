package org.fractionball.lms.infrastructure.web;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Who is calling and from where, for the request the current thread serves. Commands and events
 * dispatched while it is set carry it as metadata.
 */
public final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private final String requestId;
    private final String correlationId;
    private final String clientIp;
    private final String userAgent;
    private volatile Caller caller;
    private String systemActor;
    /** The newest committed position of each aggregate this request appended to. */
    private Map<String, Long> appended;

    public RequestContext(String requestId, String correlationId, String clientIp, String userAgent) {
        this.requestId = requestId;
        this.correlationId = correlationId;
        this.clientIp = clientIp;
        this.userAgent = userAgent;
    }

    public static RequestContext current() {
        return CURRENT.get();
    }

    static void set(RequestContext context) {
        CURRENT.set(context);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} as a system actor (CLI, seeding), outside any HTTP request. */
    public static void runAs(String actor, Runnable work) {
        RequestContext previous = CURRENT.get();
        RequestContext context = new RequestContext(java.util.UUID.randomUUID().toString(), null, "", actor);
        context.systemActor = actor;
        CURRENT.set(context);
        try {
            work.run();
        } finally {
            CURRENT.set(previous);
        }
    }

    public String requestId() {
        return requestId;
    }

    public String clientIp() {
        return clientIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller;
        if (caller != null && CURRENT.get() == this) {
            MDC.put(LogFields.USER_ID, Long.toString(caller.userId()));
            MDC.put(LogFields.SCHOOL, Long.toString(caller.schoolId()));
        }
    }

    /** Records that this request's events for the aggregate committed, the newest at {@code position}. */
    public void appended(String aggregateId, long position) {
        if (appended == null) {
            appended = new HashMap<>();
        }
        appended.merge(aggregateId, position, Math::max);
    }

    /** The newest committed position of this request's events for the aggregate, or null when it appended none. */
    public Long appendedPosition(String aggregateId) {
        return appended == null ? null : appended.get(aggregateId);
    }

    /** The client's correlation id, or the request id when the client sent none. */
    public String correlationId() {
        return correlationId != null ? correlationId : requestId;
    }

    /** The metadata every command and event dispatched in this request carries. */
    public Map<String, String> metadata() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(MetadataKeys.REQUEST_ID, requestId);
        metadata.put(MetadataKeys.CORRELATION_ID, correlationId());
        metadata.put(MetadataKeys.CLIENT_IP, clientIp);
        metadata.put(MetadataKeys.USER_AGENT, userAgent);
        Caller who = caller;
        if (who != null) {
            metadata.put(MetadataKeys.ACTOR_UID, who.firebaseUid());
            metadata.put(MetadataKeys.ACTOR_USER_ID, Long.toString(who.userId()));
            metadata.put(MetadataKeys.ACTOR_ROLE, who.role().name());
            metadata.put(MetadataKeys.ACTOR_SCHOOL, Long.toString(who.schoolId()));
        } else if (systemActor != null) {
            metadata.put(MetadataKeys.ACTOR_UID, systemActor);
            metadata.put(MetadataKeys.ACTOR_ROLE, "SYSTEM");
        }
        return metadata;
    }
}
