package org.fractionball.lms.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.query.library.LibraryCache;
import org.fractionball.lms.query.web.VersionedAnswers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A school's user, content and activity figures (§5.7 stats), cached by version like the dashboards:
 * the key holds the school's analytics version (raised when its content or playlist counters change),
 * its user counter version (raised when its user counters change, at most once a day per user for
 * sign-ins) and the UTC day the 30-day windows end on. Key: {@code <lms.redis.key-prefix>school-stats:
 * <school>:a<analytics version>:u<user counter version>:<day>}. A miss sums the counter tables in one
 * snapshot that also reads the versions and the day it is stored under.
 */
@Component
public class SchoolStatsReads {
    private static final String VERSIONS = """
            SELECT coalesce((SELECT version FROM analytics_version WHERE school_id = ?), 0),
                   coalesce((SELECT version FROM user_counter_version WHERE school_id = ?), 0)""";

    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final String keyPrefix;
    private final VersionedAnswers<JsonNode> answers;

    public SchoolStatsReads(QueryGateway queries, JdbcTemplate jdbc, LibraryCache cache, ObjectMapper json,
                            PlatformTransactionManager transactions,
                            @Value("${lms.redis.key-prefix:lms:}") String keyPrefix,
                            @Value("${lms.dashboard.near-cache-megabytes:32}") long nearCacheMegabytes,
                            MeterRegistry meters) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.json = json;
        this.snapshot = VersionedAnswers.snapshot(transactions);
        this.keyPrefix = keyPrefix + "school-stats:";
        this.answers = new VersionedAnswers<>(cache, nearCacheMegabytes, meters);
    }

    /** {@code user_stats}, {@code content_stats} and {@code activity_stats}, in that order; shared, never changed. */
    public JsonNode figures(long schoolId) {
        if (!answers.enabled()) {
            return snapshot.execute(status -> compute(schoolId));
        }
        String current = jdbc.queryForObject(VERSIONS, (rs, row) -> key(schoolId, rs.getLong(1), rs.getLong(2),
                LocalDate.now(ZoneOffset.UTC)), schoolId, schoolId);
        return answers.get(current, entry -> VersionedAnswers.tree(json, entry), () -> snapshot.execute(status -> {
            String stored = jdbc.queryForObject(VERSIONS + ", (now() AT TIME ZONE 'UTC')::date", (rs, row) ->
                    key(schoolId, rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class)), schoolId, schoolId);
            JsonNode computed = compute(schoolId);
            return new VersionedAnswers.Computed<>(stored, computed, computed.toString());
        }));
    }

    private JsonNode compute(long schoolId) {
        return json.valueToTree(queries.query(new FindSchoolStats(schoolId), Figures.class).join().values());
    }

    private String key(long schoolId, long analytics, long users, LocalDate day) {
        return keyPrefix + schoolId + ":a" + analytics + ":u" + users + ":" + day;
    }
}
