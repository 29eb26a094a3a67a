package org.fractionball.lms.query.content;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.projections.content.ContentView;
import org.fractionball.lms.query.admin.GeneratedAt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers content queries from {@code content_view} joined with {@code user_view} (owner and
 * reviewer names) and {@code school_view}. Figures over one table use {@code count(*) FILTER},
 * never counts over a join (D13).
 */
@Component
public class ContentQueries {
    /** Sort keys a client may name per listing, mapped to their column (D9). */
    public static final Map<String, String> ORDERINGS = Map.ofEntries(Map.entry("title", "c.title"),
            Map.entry("created_at", "c.created_at"), Map.entry("updated_at", "c.updated_at"),
            Map.entry("grade", "c.grade"), Map.entry("topic", "c.topic"), Map.entry("duration", "c.duration"),
            Map.entry("file_size", "c.file_size"), Map.entry("file_type", "c.file_type"),
            Map.entry("status", "c.status"), Map.entry("submitted_at", "c.submitted_at"),
            Map.entry("reviewed_at", "c.reviewed_at"));
    /** Columns that may be null: their order names where nulls go, like the user listings. */
    private static final List<String> NULLABLE = List.of("duration", "file_size", "submitted_at", "reviewed_at");
    private static final Pattern TERM_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "In the last 7 days" of the review figures: the last 7 UTC days up to today, as the counters keep days. */
    private static final String WEEK_START = "(now() AT TIME ZONE 'UTC')::date - 7";
    private static final String SELECT = """
            SELECT c.kind, c.id, c.title, c.description, c.grade, c.topic, c.tags::text AS tags, c.duration,
                   c.file_size, c.uri, c.thumbnail_uri, c.file_type, c.owner_id, %s AS owner_name, c.school_id,
                   s.name AS school_name, c.status, c.storage_path, c.submitted_at, c.reviewed_by,
                   %s AS reviewed_by_name, c.reviewed_at, c.review_notes, c.created_at, c.updated_at
            FROM content_view c
                 LEFT JOIN user_view o ON o.id = c.owner_id
                 LEFT JOIN school_view s ON s.id = c.school_id
                 LEFT JOIN user_view r ON r.id = c.reviewed_by
            """.formatted(fullName("o"), fullName("r"));
    private static final RowMapper<ContentView> ROW = (rs, n) -> new ContentView(
            ContentKind.ofCategory(rs.getString("kind")), rs.getObject("id", UUID.class),
            rs.getString("title"), rs.getString("description"), rs.getString("grade"), rs.getString("topic"),
            tags(rs.getString("tags")), rs.getObject("duration", Integer.class), rs.getObject("file_size", Long.class),
            rs.getString("uri"), rs.getString("thumbnail_uri"), rs.getString("file_type"), rs.getLong("owner_id"),
            rs.getString("owner_name"), rs.getLong("school_id"), rs.getString("school_name"),
            ContentStatus.valueOf(rs.getString("status")), rs.getString("storage_path"),
            instant(rs.getTimestamp("submitted_at")), rs.getObject("reviewed_by", Long.class),
            rs.getString("reviewed_by_name"), instant(rs.getTimestamp("reviewed_at")), rs.getString("review_notes"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));

    private final JdbcTemplate jdbc;

    public ContentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<ContentView> handle(FindContentItems query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(SELECT + where + " ORDER BY " + orderBy(query.filter().ordering()) + " LIMIT ? OFFSET ?",
                ROW, args.toArray());
    }

    @QueryHandler
    public Long handle(CountContentItems query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) FROM content_view c" + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<ContentView> handle(FindContentItem query) {
        return jdbc.query(SELECT + " WHERE c.kind = ? AND c.id = ?", ROW, query.kind().category(), query.contentId())
                .stream().findFirst();
    }

    @QueryHandler
    public ApprovalStatsResponse handle(FindApprovalStats query) {
        List<Object> args = new ArrayList<>(List.of(query.kind().category()));
        String scope = " WHERE c.kind = ?";
        if (query.schoolId() != null) {
            scope += " AND c.school_id = ?";
            args.add(query.schoolId());
        }
        StatusBreakdown breakdown = breakdown(scope, args);
        ApprovalStatsResponse.RecentActivity activity = jdbc.queryForObject("""
                SELECT coalesce(sum(c.items) FILTER (WHERE c.submitted_day > %1$s), 0) AS submissions,
                       coalesce(sum(c.items) FILTER (WHERE c.reviewed_day > %1$s AND c.status = 'PUBLISHED'), 0)
                           AS approvals,
                       coalesce(sum(c.items) FILTER (WHERE c.reviewed_day > %1$s AND c.status = 'REJECTED'), 0)
                           AS rejections
                FROM content_counter c""".formatted(WEEK_START) + scope, (rs, n) -> new ApprovalStatsResponse.RecentActivity(
                rs.getLong("submissions"), rs.getLong("approvals"), rs.getLong("rejections")), args.toArray());
        // grouped by owner first, then named: the count is over content rows only (D13)
        List<ApprovalStatsResponse.Contributor> contributors = jdbc.query("""
                SELECT %s AS name, u.username, t.submissions, s.name AS school
                FROM (SELECT c.owner_id, sum(c.items) AS submissions FROM content_counter c%s
                      AND c.submitted_day IS NOT NULL GROUP BY c.owner_id HAVING sum(c.items) > 0) t
                     JOIN user_view u ON u.id = t.owner_id
                     LEFT JOIN school_view s ON s.id = u.school_id
                ORDER BY t.submissions DESC, u.username, t.owner_id
                LIMIT 5""".formatted(fullName("u"), scope), (rs, n) -> new ApprovalStatsResponse.Contributor(
                rs.getString("name"), rs.getString("username"), rs.getLong("submissions"), rs.getString("school")),
                args.toArray());
        return new ApprovalStatsResponse(breakdown, activity, contributors, GeneratedAt.now());
    }

    @QueryHandler
    public MyContentStatusResponse handle(FindMyContentStatus query) {
        String scope = " WHERE c.kind = 'video' AND c.owner_id = ?";
        List<Object> args = List.of(query.ownerId());
        StatusBreakdown breakdown = breakdown(scope, args);
        MyContentStatusResponse.RecentActivity activity = jdbc.queryForObject("""
                SELECT coalesce(sum(c.items) FILTER (WHERE c.submitted_day > %1$s), 0) AS submissions,
                       coalesce(sum(c.items) FILTER (WHERE c.reviewed_day > %1$s), 0) AS reviews
                FROM content_counter c""".formatted(WEEK_START) + scope, (rs, n) -> new MyContentStatusResponse.RecentActivity(
                rs.getLong("submissions"), rs.getLong("reviews")), args.toArray());
        List<VideoResponse> pending = jdbc.query(SELECT + scope + " AND c.status = 'PENDING' "
                        + "ORDER BY c.submitted_at DESC NULLS LAST, c.created_at DESC, c.id LIMIT 5", ROW,
                args.toArray()).stream().map(VideoResponse::of).toList();
        List<RejectedVideoResponse> rejected = jdbc.query(SELECT + scope + " AND c.status = 'REJECTED' "
                        + "ORDER BY c.reviewed_at DESC NULLS LAST, c.created_at DESC, c.id LIMIT 3", ROW,
                args.toArray()).stream().map(RejectedVideoResponse::of).toList();
        return new MyContentStatusResponse(breakdown, activity, pending, rejected, GeneratedAt.now());
    }

    /**
     * From the analytics projection's counters (a sum over a few rows per school or owner, not a scan of
     * the items), as the review figures above; {@code scope} names only columns the counters have: kind,
     * school_id, owner_id.
     */
    private StatusBreakdown breakdown(String scope, List<Object> args) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(c.items), 0) AS total,
                       coalesce(sum(c.items) FILTER (WHERE c.status = 'DRAFT'), 0) AS draft,
                       coalesce(sum(c.items) FILTER (WHERE c.status = 'PENDING'), 0) AS pending,
                       coalesce(sum(c.items) FILTER (WHERE c.status = 'PUBLISHED'), 0) AS published,
                       coalesce(sum(c.items) FILTER (WHERE c.status = 'REJECTED'), 0) AS rejected
                FROM content_counter c""" + scope, (rs, n) -> new StatusBreakdown(rs.getLong("total"),
                rs.getLong("draft"), rs.getLong("pending"), rs.getLong("published"), rs.getLong("rejected")),
                args.toArray());
    }

    /** The contract's {@code full_name} (§3.2) of a joined user; null when the user is not there. */
    private static String fullName(String alias) {
        return ("CASE WHEN %1$s.id IS NULL THEN NULL WHEN %1$s.first_name <> '' AND %1$s.last_name <> '' "
                + "THEN %1$s.first_name || ' ' || %1$s.last_name ELSE %1$s.username END").formatted(alias);
    }

    private static String orderBy(List<String> ordering) {
        List<String> terms = new ArrayList<>();
        for (String key : ordering) {
            boolean descending = key.startsWith("-");
            String name = descending ? key.substring(1) : key;
            String column = ORDERINGS.get(name);
            if (column == null) {
                throw new IllegalArgumentException("ordering " + key);
            }
            String nulls = NULLABLE.contains(name) ? (descending ? " NULLS LAST" : " NULLS FIRST") : "";
            terms.add(column + (descending ? " DESC" : " ASC") + nulls);
        }
        terms.add("c.created_at DESC");
        terms.add("c.id");
        return String.join(", ", terms);
    }

    private static String where(ContentFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        conditions.add("c.kind = ?");
        args.add(filter.kind().category());
        if (filter.schoolId() != null) {
            conditions.add("c.school_id = ?");
            args.add(filter.schoolId());
        }
        if (filter.visibleTo() != null) {
            conditions.add("(c.owner_id = ? OR c.status = 'PUBLISHED')");
            args.add(filter.visibleTo());
        }
        equal(conditions, args, "c.owner_id", filter.ownerId());
        equal(conditions, args, "c.grade", filter.grade());
        equal(conditions, args, "c.topic", filter.topic());
        equal(conditions, args, "c.status", filter.status() == null ? null : filter.status().name());
        if (filter.pendingOnly()) {
            conditions.add("c.status = 'PENDING'");
        }
        equal(conditions, args, "c.file_type", filter.fileType());
        for (String term : terms(filter.search())) {
            String pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(c.title ILIKE ? OR c.description ILIKE ? OR EXISTS "
                    + "(SELECT 1 FROM jsonb_array_elements_text(c.tags) tag WHERE tag ILIKE ?))");
            args.addAll(List.of(pattern, pattern, pattern));
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static void equal(List<String> conditions, List<Object> args, String column, Object value) {
        if (value != null) {
            conditions.add(column + " = ?");
            args.add(value);
        }
    }

    /** DRF's search terms: split on whitespace and commas; NUL can match no stored text, so it is dropped. */
    private static List<String> terms(String search) {
        if (search == null) {
            return List.of();
        }
        return TERM_SEPARATORS.splitAsStream(search.replace("\u0000", ""))
                .filter(term -> !term.isEmpty()).toList();
    }

    private static List<String> tags(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException corrupt) {
            throw new IllegalStateException("content_view holds invalid tags", corrupt);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
