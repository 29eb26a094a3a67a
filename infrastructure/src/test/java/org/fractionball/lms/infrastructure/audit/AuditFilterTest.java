package org.fractionball.lms.infrastructure.audit;

import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.query.web.QueryRejected;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The audit filters as parsed from a query string, and the SQL they narrow to. */
class AuditFilterTest {
    private static final Caller AUDITOR = new Caller(1, "auditor-uid", Role.AUDITOR, 9);
    private static final Caller SCHOOL_ADMIN = new Caller(2, "sa-uid", Role.SCHOOL_ADMIN, 4);

    @Test
    void digits_name_a_user_id_anything_else_a_firebase_uid() {
        assertThat(AuditFilter.parse(Map.of("actor", "42"), AUDITOR).actorId()).isEqualTo(42L);
        assertThat(AuditFilter.parse(Map.of("actor", "42"), AUDITOR).actorUid()).isNull();
        assertThat(AuditFilter.parse(Map.of("actor", "x42"), AUDITOR).actorUid()).isEqualTo("x42");
        assertThat(AuditFilter.parse(Map.of("actor", "1234567890123456789"), AUDITOR).actorUid())
                .as("too long for an id").isEqualTo("1234567890123456789");
    }

    @Test
    void times_take_a_zone_or_are_dates_at_midnight_utc() {
        AuditFilter filter = AuditFilter.parse(Map.of("from", "2026-01-31", "to", "2026-02-01T10:00:00+02:00"),
                AUDITOR);
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
    }

    @Test
    void a_school_admin_is_narrowed_to_its_school() {
        assertThat(AuditFilter.parse(Map.of(), SCHOOL_ADMIN).school()).isEqualTo(4L);
        assertThat(AuditFilter.parse(Map.of("school", "4"), SCHOOL_ADMIN).school()).isEqualTo(4L);
        QueryRejected refused = catchThrowableOfType(QueryRejected.class,
                () -> AuditFilter.parse(Map.of("school", "5"), SCHOOL_ADMIN));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(AuditFilter.parse(Map.of(), AUDITOR).school()).isNull();
    }

    @Test
    void the_where_clause_has_one_condition_per_filter_after_the_cursor() {
        List<Object> args = new ArrayList<>();
        String where = AuditFilter.parse(Map.of("action", "LOGIN_FAILED", "aggregate_id", "user-3",
                "after_position", "17"), AUDITOR).where(args);
        assertThat(where).isEqualTo("i.position > ? AND i.action = ? AND i.aggregate_id = ?");
        assertThat(args).containsExactly(17L, "LOGIN_FAILED", "user-3");
    }

    @Test
    void blank_values_are_no_filter() {
        List<Object> args = new ArrayList<>();
        assertThat(AuditFilter.parse(Map.of("actor", " ", "school", ""), AUDITOR).where(args))
                .isEqualTo("i.position > ?");
        assertThat(args).containsExactly(0L);
    }
}
