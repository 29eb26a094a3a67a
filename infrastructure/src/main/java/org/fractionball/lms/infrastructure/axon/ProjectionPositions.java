package org.fractionball.lms.infrastructure.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.fractionball.lms.infrastructure.database.ReadModelListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Tells whether a projection has processed everything up to a global position, from the tokens
 * its processor committed (on whichever node holds its segments), and waits for it.
 */
@Component
public class ProjectionPositions {
    private static final long POLL_MILLIS = 3;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ReadModelListener changes;

    public ProjectionPositions(JdbcTemplate jdbc, Serializer serializer, ReadModelListener changes) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.changes = changes;
    }

    /** True once every segment of the processor has handled (or skipped) every event up to {@code position}. */
    public boolean hasPassed(String processor, long position) {
        List<TrackingToken> tokens = tokens(processor);
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            if (!covers(token, position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position of the processor's furthest-behind segment, from which its lag behind the head
     * of the event store follows; -1 when it has not stored a token (or a segment is at the tail).
     */
    public long lowestPosition(String processor) {
        List<TrackingToken> tokens = tokens(processor);
        long lowest = tokens.isEmpty() ? -1 : Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
            long position = current == null ? -1 : current.position().orElse(-1);
            lowest = Math.min(lowest, position);
        }
        return lowest;
    }

    private List<TrackingToken> tokens(String processor) {
        return jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, n) -> {
                    byte[] data = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    return data == null || type == null ? null
                            : serializer.<byte[], TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(data, byte[].class, type, null));
                }, processor);
    }

    /**
     * Waits until every processor has passed {@code position} and this node has heard the changes
     * they committed on the way (its in-memory copies of read tables have dropped what those
     * changes outdated); false when {@code timeout} ran out first.
     */
    public boolean awaitPassed(Collection<String> processors, long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return awaitTokens(processors, position, deadline)
                && changes.awaitHeard(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private boolean awaitTokens(Collection<String> processors, long position, long deadline) {
        for (String processor : processors) {
            while (!hasPassed(processor, position)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }
}
