package org.fractionball.lms.query.library;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.projections.content.ContentView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers the library's queries from {@code content_view} with the names the content projection
 * keeps beside it ({@code library_member}, {@code library_school}), so everything a cached answer
 * holds moves with the school's library version. Search is PostgreSQL full text over the weighted
 * {@code search_vector} (D9, D10); every figure counts one relation on its own (D13). The stats
 * sum the analytics projection's counters ({@code content_counter}, {@code playlist_counter}).
 */
@Component
public class LibraryQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = " CROSS JOIN plainto_tsquery('english', ?) q";
    /** content_view's generated {@code search_vector} (V10), computed for history versions, which do not store it (V50). */
    private static final String SEARCH_VECTOR = "setweight(to_tsvector('english', title), 'A')"
            + " || setweight(jsonb_to_tsvector('english', tags, '[\"string\"]'), 'B')"
            + " || setweight(to_tsvector('english', description), 'C')";
    private static final String SELECT = """
            SELECT c.kind, c.id, c.title, c.description, c.grade, c.topic, c.tags::text AS tags, c.duration,
                   c.file_size, c.uri, c.thumbnail_uri, c.file_type, c.owner_id, m.full_name AS owner_name,
                   c.school_id, s.name AS school_name, c.status, c.created_at, c.updated_at""";
    private static final String NAMES = " LEFT JOIN library_member m ON m.id = c.owner_id"
            + " LEFT JOIN library_school s ON s.id = c.school_id";
    private static final RowMapper<ContentView> ROW = (rs, n) -> new ContentView(
            ContentKind.ofCategory(rs.getString("kind")), rs.getObject("id", UUID.class), rs.getString("title"),
            rs.getString("description"), rs.getString("grade"), rs.getString("topic"), tags(rs.getString("tags")),
            rs.getObject("duration", Integer.class), rs.getObject("file_size", Long.class), rs.getString("uri"),
            rs.getString("thumbnail_uri"), rs.getString("file_type"), rs.getLong("owner_id"),
            rs.getString("owner_name"), rs.getLong("school_id"), rs.getString("school_name"),
            ContentStatus.valueOf(rs.getString("status")), null, null, null, null, null, null,
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    public LibraryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public LibraryTotals handle(CountLibraryItems query) {
        LibraryFilter filter = query.filter();
        List<Object> args = new ArrayList<>();
        String from = from(filter, args);
        String where = where(filter, args);
        boolean facets = filter.kind() == ContentKind.VIDEO;
        String sql = facets
                ? "SELECT count(*) AS total, array_agg(DISTINCT c.grade) AS grades, "
                        + "array_agg(DISTINCT c.topic) AS topics"
                : "SELECT count(*) AS total, NULL AS grades, NULL AS topics";
        return jdbc.queryForObject(sql + from + where, (rs, n) -> new LibraryTotals(rs.getLong("total"),
                sorted(rs.getArray("grades")), sorted(rs.getArray("topics"))), args.toArray());
    }

    @QueryHandler
    public List<ContentView> handle(FindLibraryItems query) {
        LibraryFilter filter = query.filter();
        List<Object> args = new ArrayList<>();
        String from = from(filter, args);
        String where = where(filter, args);
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(SELECT + from + NAMES + where + " ORDER BY " + orderBy(filter) + " LIMIT ? OFFSET ?", ROW,
                args.toArray());
    }

    @QueryHandler
    public Optional<ContentView> handle(FindLibraryItem query) {
        return jdbc.query(SELECT + " FROM content_view c" + NAMES
                        + " WHERE c.kind = ? AND c.id = ? AND c.school_id = ?", ROW, query.kind().category(), query.id(),
                query.schoolId()).stream().findFirst();
    }

    @QueryHandler
    public Boolean handle(IsLibraryOwnerChoice query) {
        return !jdbc.queryForList("""
                SELECT 1 FROM library_member WHERE id = ? AND school_id = ? AND role IN ('TEACHER', 'SCHOOL_ADMIN')""",
                Integer.class, query.userId(), query.schoolId()).isEmpty();
    }

    @QueryHandler
    public LibraryStatsResponse handle(FindLibraryStats query) {
        long school = query.schoolId();
        String published = " FROM content_counter WHERE kind = ? AND school_id = ? AND status = 'PUBLISHED' ";
        List<LibraryStatsResponse.GradeCount> grades = jdbc.query("SELECT grade AS code, sum(items) AS n" + published
                        + "GROUP BY grade HAVING sum(items) > 0 ORDER BY grade COLLATE \"C\"",
                (rs, n) -> new LibraryStatsResponse.GradeCount(rs.getString("code"), rs.getLong("n")), "video", school);
        List<LibraryStatsResponse.TopicCount> topics = jdbc.query("SELECT topic AS code, sum(items) AS n" + published
                        + "GROUP BY topic HAVING sum(items) > 0 ORDER BY topic COLLATE \"C\"",
                (rs, n) -> new LibraryStatsResponse.TopicCount(rs.getString("code"), rs.getLong("n")), "video", school);
        List<LibraryStatsResponse.FileTypeCount> types = jdbc.query("SELECT file_type AS code, sum(items) AS n"
                        + published + "GROUP BY file_type HAVING sum(items) > 0 ORDER BY file_type COLLATE \"C\"",
                (rs, n) -> new LibraryStatsResponse.FileTypeCount(rs.getString("code"), rs.getLong("n")), "resource",
                school);
        // per owner from the counters, each kind summed on its own (D13); names of current members
        List<LibraryStatsResponse.ActiveTeacher> teachers = jdbc.query("""
                SELECT m.id, m.full_name, c.videos, c.resources
                FROM (SELECT owner_id, coalesce(sum(items) FILTER (WHERE kind = 'video'), 0) AS videos,
                             coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0) AS resources
                      FROM content_counter WHERE school_id = ? AND status = 'PUBLISHED'
                      GROUP BY owner_id) c
                     JOIN library_member m ON m.id = c.owner_id
                WHERE m.school_id = ? AND m.role IN ('TEACHER', 'SCHOOL_ADMIN') AND (c.videos > 0 OR c.resources > 0)
                ORDER BY c.videos DESC, c.resources DESC, m.full_name, m.id
                LIMIT 10""", (rs, n) -> new LibraryStatsResponse.ActiveTeacher(rs.getLong("id"),
                rs.getString("full_name"), rs.getLong("videos"), rs.getLong("resources"),
                rs.getLong("videos") + rs.getLong("resources")), school, school);
        long[] totals = jdbc.queryForObject("""
                SELECT coalesce(sum(items) FILTER (WHERE kind = 'video'), 0) AS videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0) AS resources
                FROM content_counter WHERE school_id = ? AND status = 'PUBLISHED'""",
                (rs, n) -> new long[]{rs.getLong("videos"), rs.getLong("resources")}, school);
        Long playlists = jdbc.queryForObject("""
                SELECT coalesce(sum(playlists), 0) FROM playlist_counter WHERE school_id = ? AND is_public""",
                Long.class, school);
        return new LibraryStatsResponse(grades, topics, types, teachers, totals[0], totals[1], playlists);
    }

    /**
     * The rows as they are, or the row versions valid at {@code asOf}; the search query joins as
     * {@code q} once, for matching and for ranking.
     */
    private static String from(LibraryFilter filter, List<Object> args) {
        String rows = " FROM content_view c";
        if (filter.asOf() != null) {
            Timestamp at = Timestamp.from(filter.asOf());
            args.add(at);
            args.add(at);
            rows = " FROM (SELECT *, " + SEARCH_VECTOR + " AS search_vector FROM content_history"
                    + " WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) c";
        }
        if (filter.search() == null) {
            return rows;
        }
        args.add(filter.search());
        return rows + QUERY;
    }

    private static String where(LibraryFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        condition(conditions, args, "c.kind = ?", filter.kind().category());
        condition(conditions, args, "c.school_id = ?", filter.schoolId());
        condition(conditions, args, "(c.owner_id = ? OR c.status = 'PUBLISHED')", filter.visibleTo());
        if (filter.search() != null) {
            conditions.add("c.search_vector @@ q");
        }
        condition(conditions, args, "c.grade = ?", filter.grade());
        condition(conditions, args, "c.topic = ?", filter.topic());
        condition(conditions, args, "c.file_type = ?", filter.fileType());
        if (!filter.tags().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String tag : filter.tags()) {
                any.add("c.tags::text ILIKE ?");
                args.add("%" + tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            conditions.add("(" + String.join(" OR ", any) + ")");
        }
        condition(conditions, args, "c.owner_id = ?", filter.owner());
        condition(conditions, args, "c.status = ?", filter.status() == null ? null : filter.status().name());
        condition(conditions, args, "c.duration >= ?", filter.minDuration());
        condition(conditions, args, "c.duration <= ?", filter.maxDuration());
        condition(conditions, args, "c.created_at >= ?", filter.createdAfter() == null ? null
                : Timestamp.from(filter.createdAfter().atStartOfDay(ZoneOffset.UTC).toInstant()));
        // the whole day named (D11): before the start of the next one
        condition(conditions, args, "c.created_at < ?", filter.createdBefore() == null ? null
                : Timestamp.from(filter.createdBefore().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static void condition(List<String> conditions, List<Object> args, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            args.add(value);
        }
    }

    /**
     * The client's keys (PostgreSQL's default null placement, as the original's ORM had), else
     * with a search: items whose title alone matches first, then by weighted cover density
     * (title over tags over description), then newest; else newest first. Ties: newest, then id.
     */
    private static String orderBy(LibraryFilter filter) {
        List<String> terms = new ArrayList<>();
        if (!filter.ordering().isEmpty()) {
            for (String key : filter.ordering()) {
                boolean descending = key.startsWith("-");
                terms.add(LibraryListing.column(descending ? key.substring(1) : key) + (descending ? " DESC" : " ASC"));
            }
        } else if (filter.search() != null) {
            terms.add("(ts_filter(c.search_vector, '{a}') @@ q) DESC");
            terms.add("ts_rank_cd(c.search_vector, q) DESC");
        }
        terms.add("c.created_at DESC");
        terms.add("c.id");
        return String.join(", ", terms);
    }

    /** Ascending by code point: digits before {@code K}, as the contract lists grades. */
    private static List<String> sorted(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        String[] values = (String[]) array.getArray();
        Arrays.sort(values);
        return List.of(values);
    }

    private static List<String> tags(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException corrupt) {
            throw new IllegalStateException("content_view holds invalid tags", corrupt);
        }
    }
}
