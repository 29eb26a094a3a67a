package org.fractionball.lms.infrastructure.ops;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.fractionball.lms.infrastructure.cluster.NodeRoles;
import org.fractionball.lms.infrastructure.ops.rebuild.ProjectionRebuilds;
import org.fractionball.lms.query.web.QueryRejected;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Operations view of the streaming processors (ADMIN): where each one is (its tokens, as committed
 * by whichever node holds its segments), how far behind the event store's head, whether it is
 * replaying or failing here, how many events it has parked, the version of its tables and the
 * progress of a rebuild; a reset that replays one from the start of the store in place, and a
 * blue/green rebuild ({@link ProjectionRebuilds}) that replays it into new tables while the old ones serve.
 */
@RestController
@Tag(name = "Operations")
public class ProjectionOpsController {
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ProjectionRebuilds rebuilds;
    private final NodeRoles roles;

    public ProjectionOpsController(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                                   ProjectionRebuilds rebuilds, NodeRoles roles) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.rebuilds = rebuilds;
        this.roles = roles;
    }

    @Operation(summary = "Streaming processors: status, position, lag, segments, last error")
    @GetMapping("/api/ops/projections/")
    public Map<String, Object> projections() {
        long head = head();
        List<Map<String, Object>> projections = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                projections.add(describe(name, streaming, head));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", head);
        body.put("projections", projections);
        return body;
    }

    @Operation(summary = "Replay one processor from the start of the event store", description = "Stops it on this "
            + "node, moves its tokens to the start (its reset handlers empty its read tables) and starts it again "
            + "if this node has the projections role; 409 while another node still holds one of its segments.")
    @PostMapping("/api/ops/projections/{name}/reset/")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> reset(@PathVariable("name") String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(QueryRejected::plainNotFound);
        if (!processor.supportsReset()) {
            throw new QueryRejected(409, Map.of("error", "Processor " + name + " cannot be replayed"));
        }
        processor.shutDown();
        try {
            processor.resetTokens(source -> source.createTailToken());
        } catch (UnableToClaimTokenException claimedElsewhere) {
            throw new QueryRejected(409, Map.of("error", "Processor " + name
                    + " is running on another node; stop it there first"));
        } finally {
            // a node without the projections role only moves the tokens; the projections nodes replay
            if (roles.has(NodeRoles.Role.PROJECTIONS)) {
                processor.start();
            }
        }
        return describe(name, processor, head());
    }

    @Operation(summary = "Rebuild one projection blue/green", description = "Builds the projection's next version "
            + "into tables of its own from the first event while the current version keeps serving, then switches "
            + "atomically and drops the old tables; progress in GET /api/ops/projections/. 409 while a rebuild of "
            + "the projection is under way.")
    @PostMapping("/api/ops/projections/{name}/rebuild/")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> rebuild(@PathVariable("name") String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(QueryRejected::plainNotFound);
        if (!rebuilds.rebuildable(name)) {
            throw new QueryRejected(409, Map.of("error", "Processor " + name + " keeps no read tables to rebuild"));
        }
        if (rebuilds.start(name).isEmpty()) {
            throw new QueryRejected(409, Map.of("error", "Projection " + name + " is already being rebuilt"));
        }
        return describe(name, processor, head());
    }

    private Map<String, Object> describe(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        List<Map<String, Object>> segments = new ArrayList<>();
        Long lowest = null;
        String lastError = null;
        boolean replaying = false;
        for (Map<String, Object> token : jdbc.queryForList(
                "SELECT segment, token, token_type, owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                name)) {
            int segment = ((Number) token.get("segment")).intValue();
            Long position = position((byte[]) token.get("token"), (String) token.get("token_type"));
            EventTrackerStatus status = local.get(segment);
            boolean segmentReplaying = status != null && status.isReplaying();
            String error = status != null && status.isErrorState() && status.getError() != null
                    ? status.getError().toString() : null;
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("segment", segment);
            described.put("position", position);
            described.put("owner", token.get("owner"));
            described.put("replaying", segmentReplaying);
            described.put("error", error);
            segments.add(described);
            lowest = position == null ? lowest : lowest == null ? position : Math.min(lowest, position);
            replaying |= segmentReplaying;
            lastError = error != null ? error : lastError;
        }
        long parked = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, name);
        if (lastError == null) {
            lastError = jdbc.query("""
                    SELECT cause_type, cause_message FROM dead_letter_entry WHERE processing_group = ?
                    ORDER BY coalesce(last_touched, enqueued_at) DESC LIMIT 1""",
                    rs -> rs.next() ? rs.getString(1) + ": " + rs.getString(2) : null, name);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("status", !processor.isRunning() ? (rebuilds.switching(name) ? "switching" : "stopped")
                : processor.isError() ? "error"
                : replaying ? "replaying" : "running");
        body.put("position", lowest);
        body.put("lag", lowest == null ? head : Math.max(0, head - lowest));
        body.put("segments", segments);
        body.put("dead_letters", parked);
        body.put("last_error", lastError);
        body.put("version", rebuilds.version(name));
        body.put("rebuild", rebuilds.rebuildOf(name));
        return body;
    }

    /** The position a stored token has reached (its lower bound while replaying); null before the first event. */
    private Long position(byte[] data, String type) {
        if (data == null || type == null) {
            return null;
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(serializer.<byte[], TrackingToken>deserialize(
                new SimpleSerializedObject<>(data, byte[].class, type, null)));
        return token == null ? null : token.position().stream().boxed().findFirst().orElse(null);
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }
}
