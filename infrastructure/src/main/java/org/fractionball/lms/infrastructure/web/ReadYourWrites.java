package org.fractionball.lms.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.command.web.WritePositions;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes (architecture §4): a command remembers the position of its write for its
 * actor; that actor's next queries, and any query sent with {@code X-Min-Position}, wait
 * (bounded) until the projections they read have passed it.
 */
@Component
public class ReadYourWrites implements WritePositions, HandlerInterceptor {
    public static final String MIN_POSITION_HEADER = "X-Min-Position";

    private final JdbcTemplate jdbc;
    private final ActorWritePositions actors;
    private final ProjectionPositions projections;
    private final Duration maxWait;

    public ReadYourWrites(JdbcTemplate jdbc, ActorWritePositions actors, ProjectionPositions projections,
                          @Value("${lms.read-your-writes.max-wait:2s}") Duration maxWait) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.projections = projections;
        this.maxWait = maxWait;
    }

    /**
     * The position of the aggregate's newest event: the one this request's append committed (reported by
     * {@code PositionReportingAppend}), else read from the store (a command that changed nothing).
     */
    @Override
    public long recordLatestWrite(String aggregateId) {
        RequestContext context = RequestContext.current();
        Long appended = context == null ? null : context.appendedPosition(aggregateId);
        long position = appended != null ? appended : newestPosition(aggregateId);
        if (position >= 0 && context != null && context.caller() != null) {
            actors.record(context.caller().firebaseUid(), position);
        }
        return position;
    }

    private long newestPosition(String aggregateId) {
        List<Long> positions = jdbc.queryForList("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, aggregateId);
        return positions.isEmpty() ? -1 : positions.get(0);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ReadsFrom reads = method.getMethodAnnotation(ReadsFrom.class);
        if (reads == null) {
            reads = method.getBeanType().getAnnotation(ReadsFrom.class);
        }
        if (reads == null) {
            return true;
        }
        long position = explicitMinimum(request);
        RequestContext context = RequestContext.current();
        Caller caller = context == null ? null : context.caller();
        if (caller != null) {
            position = Math.max(position, actors.lastOf(caller.firebaseUid()));
        }
        if (position >= 0) {
            projections.awaitPassed(List.of(reads.value()), position, maxWait);
        }
        return true;
    }

    private static long explicitMinimum(HttpServletRequest request) {
        String header = request.getHeader(MIN_POSITION_HEADER);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException ignored) {
            return -1;
        }
    }
}
