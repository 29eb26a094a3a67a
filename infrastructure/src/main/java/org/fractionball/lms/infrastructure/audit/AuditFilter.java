package org.fractionball.lms.infrastructure.audit;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.query.web.QueryRejected;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The audit API's filters, parsed and checked in one go (every bad value is named in one 400). A
 * school admin is always narrowed to events its own school's users caused, whatever it asks for.
 */
record AuditFilter(Long actorId, String actorUid, String action, String eventType, String aggregateType,
                   String aggregateId, Long school, Instant from, Instant to, long afterPosition) {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_$]{0,254}");
    private static final int MAX_TEXT = 255;

    static AuditFilter parse(Map<String, String> params, Caller caller) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String actor = text(params, "actor", errors);
        Long actorId = null;
        String actorUid = null;
        if (actor != null) {
            if (actor.chars().allMatch(Character::isDigit) && actor.length() <= 18) {
                actorId = Long.parseLong(actor);
            } else {
                actorUid = actor;
            }
        }
        String action = matching(params, "action", CODE, "Enter an audit action code such as CONTENT_APPROVED.",
                errors);
        String eventType = matching(params, "event_type", NAME, "Enter an event type name such as ContentApproved.",
                errors);
        String aggregateType = matching(params, "aggregate_type", NAME,
                "Enter an aggregate type name such as ContentItem.", errors);
        String aggregateId = text(params, "aggregate_id", errors);
        Long school = positive(params, "school", errors);
        Instant from = instant(params, "from", errors);
        Instant to = instant(params, "to", errors);
        Long after = nonNegative(params, "after_position", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", List.of("Must not be before from."));
        }
        if (!errors.isEmpty()) {
            throw new QueryRejected(400, errors);
        }
        if (caller.role() == Role.SCHOOL_ADMIN) {
            if (school != null && school != caller.schoolId()) {
                throw new QueryRejected(403, Map.of("error", "School admins see only their own school's events"));
            }
            school = caller.schoolId();
        }
        return new AuditFilter(actorId, actorUid, action, eventType, aggregateType, aggregateId, school, from, to,
                after == null ? 0 : after);
    }

    /** This filter narrowed to one aggregate (the history endpoint). */
    static AuditFilter ofAggregate(String aggregateType, String aggregateId, Caller caller) {
        return new AuditFilter(null, null, null, null, aggregateType, aggregateId,
                caller.role() == Role.SCHOOL_ADMIN ? caller.schoolId() : null, null, null, 0);
    }

    /** The WHERE clause over {@code audit_event_index i}, and its arguments. */
    String where(List<Object> args) {
        List<String> conditions = new ArrayList<>();
        conditions.add("i.position > ?");
        args.add(afterPosition);
        condition(conditions, args, "i.actor_id = ?", actorId);
        condition(conditions, args, "i.actor_uid = ?", actorUid);
        condition(conditions, args, "i.action = ?", action);
        condition(conditions, args, "i.event_type = ?", eventType);
        condition(conditions, args, "i.aggregate_type = ?", aggregateType);
        condition(conditions, args, "i.aggregate_id = ?", aggregateId);
        condition(conditions, args, "i.school_id = ?", school);
        condition(conditions, args, "i.created_at >= ?", from == null ? null : Timestamp.from(from));
        condition(conditions, args, "i.created_at <= ?", to == null ? null : Timestamp.from(to));
        return String.join(" AND ", conditions);
    }

    AuditFilter after(long position) {
        return new AuditFilter(actorId, actorUid, action, eventType, aggregateType, aggregateId, school, from, to,
                position);
    }

    private static void condition(List<String> conditions, List<Object> args, String sql, Object value) {
        if (value != null) {
            conditions.add(sql);
            args.add(value);
        }
    }

    private static String text(Map<String, String> params, String name, Map<String, List<String>> errors) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.put(name, List.of("Ensure this value has at most " + MAX_TEXT + " characters."));
            return null;
        }
        return value.strip();
    }

    private static String matching(Map<String, String> params, String name, Pattern pattern, String message,
                                   Map<String, List<String>> errors) {
        String value = text(params, name, errors);
        if (value != null && !pattern.matcher(value).matches()) {
            errors.put(name, List.of(message));
            return null;
        }
        return value;
    }

    private static Long positive(Map<String, String> params, String name, Map<String, List<String>> errors) {
        Long value = nonNegative(params, name, errors);
        if (value != null && value == 0) {
            errors.put(name, List.of("A valid integer is required."));
            return null;
        }
        return value;
    }

    private static Long nonNegative(Map<String, String> params, String name, Map<String, List<String>> errors) {
        String value = text(params, name, errors);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.put(name, List.of("A valid integer is required."));
        return null;
    }

    /** An ISO-8601 time with an offset ({@code 2026-01-31T12:00:00Z}) or a date, read as midnight UTC. */
    static Instant instant(Map<String, String> params, String name, Map<String, List<String>> errors) {
        String value = text(params, name, errors);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                errors.put(name, List.of("Enter an ISO-8601 time with a zone, e.g. 2026-01-31T12:00:00Z."));
                return null;
            }
        }
    }
}
