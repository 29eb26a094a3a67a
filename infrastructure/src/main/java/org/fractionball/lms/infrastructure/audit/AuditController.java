package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit API (issue 7): audited events across schools for ADMIN and AUDITOR, the own school's
 * for SCHOOL_ADMIN (events its users caused; an aggregate when its first event was). The audit
 * index chooses the events, the event store supplies their content.
 */
@RestController
@Tag(name = "Audit")
public class AuditController {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final AuditEventReader reader;
    private final AggregateStates states;
    private final EventStoreVerifier verifier;
    private final JdbcTemplate jdbc;

    public AuditController(AuditEventReader reader, AggregateStates states, EventStoreVerifier verifier,
                           JdbcTemplate jdbc) {
        this.reader = reader;
        this.states = states;
        this.verifier = verifier;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Audited events, oldest first, by cursor", description = "Filters actor (user id or "
            + "Firebase uid), action (audit code, e.g. LOGIN_FAILED), event_type, aggregate_type, aggregate_id, "
            + "school, from and to (ISO-8601, inclusive), after_position (the cursor: next_after_position of the "
            + "previous page); limit 1-1000 (default 100).")
    @GetMapping("/api/audit/events/")
    @ReadsFrom(ProjectionNames.AUDIT)
    public Map<String, Object> events(Caller caller, @RequestParam Map<String, String> params) {
        AuditFilter filter = AuditFilter.parse(params, caller);
        int limit = limit(params.get("limit"));
        List<ObjectNode> results = reader.page(filter, limit);
        Long nextAfter = results.size() < limit ? null : results.get(results.size() - 1).get("position").asLong();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("next", nextAfter == null ? null : ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("after_position", nextAfter).toUriString());
        page.put("next_after_position", nextAfter);
        page.put("results", results);
        return page;
    }

    @Operation(summary = "Export audited events", description = "format=ndjson (default) or csv; the same filters "
            + "as the list, no limit: streamed in constant memory.")
    @GetMapping("/api/audit/events/export/")
    @ReadsFrom(ProjectionNames.AUDIT)
    public void export(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        AuditExportFormat format = AuditExportFormat.parse(params.get("format"));
        if (format == null) {
            throw QueryRejected.filter("format", "Select a valid choice: ndjson or csv.");
        }
        AuditFilter filter = AuditFilter.parse(params, caller);
        response.setContentType(format.contentType() + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events." + format.extension() + "\"");
        format.write(reader, filter, response.getOutputStream());
    }

    @Operation(summary = "Every event of one aggregate, in sequence order", description = "type is the stored "
            + "aggregate type (e.g. ContentItem), id the aggregate identifier (e.g. video-<uuid>).")
    @GetMapping("/api/audit/aggregates/{type}/{id}/history/")
    @ReadsFrom(ProjectionNames.AUDIT)
    public List<ObjectNode> history(@PathVariable("type") String type, @PathVariable("id") String id, Caller caller) {
        List<ObjectNode> history = reader.history(type, id);
        if (history.isEmpty() || !visible(history.get(0), caller)) {
            throw QueryRejected.plainNotFound();
        }
        return history;
    }

    @Operation(summary = "An aggregate's state at a moment", description = "Rebuilt by replaying its events stored "
            + "at or before at (ISO-8601, default now) through the aggregate's own event-sourcing handlers.")
    @GetMapping("/api/audit/aggregates/{type}/{id}/state/")
    public Map<String, Object> state(@PathVariable("type") String type, @PathVariable("id") String id,
                                     @RequestParam Map<String, String> params, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant at = AuditFilter.instant(params, "at", errors);
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        if (!states.knownTypes().contains(type)) {
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("detail", "Unknown aggregate type.");
            unknown.put("known_types", states.knownTypes().stream().sorted().toList());
            throw new QueryRejected(404, unknown);
        }
        if (caller.role() == Role.SCHOOL_ADMIN && !createdInSchool(id, caller.schoolId())) {
            throw QueryRejected.plainNotFound();
        }
        Instant moment = at == null ? Instant.now() : at;
        AggregateStates.State state = states.at(type, id, moment).orElseThrow(QueryRejected::plainNotFound);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> aggregate = new LinkedHashMap<>();
        aggregate.put("type", type);
        aggregate.put("id", id);
        body.put("aggregate", aggregate);
        body.put("at", moment.toString());
        body.put("sequence", state.sequence());
        body.put("last_event_at", state.lastEventAt().toString());
        body.put("event_count", state.eventCount());
        body.put("deleted", state.deleted());
        body.put("state", state.fields());
        return body;
    }

    @Operation(summary = "Verify the event store's tamper evidence", description = "ADMIN and AUDITOR. Recomputes "
            + "the hash chain and the seals of positions from..to (default: everything) and reports the first "
            + "failing position with why.")
    @GetMapping("/api/audit/verify/")
    public Map<String, Object> verify(Caller caller, @RequestParam Map<String, String> params) {
        if (caller.role() == Role.SCHOOL_ADMIN) {
            throw new QueryRejected(403, Map.of("error", "Verification covers every school: ADMIN or AUDITOR only"));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Long from = position(params.get("from"), "from", errors);
        Long to = position(params.get("to"), "to", errors);
        if (from != null && to != null && to < from) {
            errors.put("to", List.of("Must not be below from."));
        }
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return VerificationReport.of(verifier.verify(from == null ? 1 : from, to == null ? head : to));
    }

    private boolean visible(ObjectNode first, Caller caller) {
        return caller.role() != Role.SCHOOL_ADMIN || first.path("actor").path("school").asLong(-1) == caller.schoolId();
    }

    private boolean createdInSchool(String aggregateId, long schoolId) {
        Long school = jdbc.query("""
                SELECT i.school_id FROM audit_event_index i JOIN domain_event_entry e ON e.global_index = i.position
                WHERE e.aggregate_identifier = ? AND e.sequence_number = 0""",
                rs -> rs.next() ? (Long) rs.getObject(1, Long.class) : null, aggregateId);
        return school != null && school == schoolId;
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw QueryRejected.filter("limit", "Ensure this value is an integer from 1 to " + MAX_LIMIT + ".");
    }

    private static Long position(String value, String name, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(value.strip());
            if (position >= 1) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.put(name, List.of("Enter a positive event position."));
        return null;
    }
}
