package org.fractionball.lms.query.playlists;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.projections.playlists.PlaylistItemView;
import org.fractionball.lms.projections.playlists.PlaylistShareView;
import org.fractionball.lms.projections.playlists.PlaylistView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers playlist queries from the playlist tables joined with {@code user_view} and
 * {@code school_view} (names) and {@code content_view} (video titles and durations). Items are
 * numbered 1..n in stored position order, which closes the holes left by items of deleted videos.
 */
@Component
public class PlaylistQueries {
    /** Sort keys a client may name, mapped to their column (D9). */
    public static final Map<String, String> ORDERINGS = Map.of("name", "p.name", "created_at", "p.created_at",
            "updated_at", "p.updated_at");
    private static final Pattern TERM_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final String SELECT = """
            SELECT p.id, p.name, p.description, p.owner_id, %s AS owner_name, p.school_id, s.name AS school_name,
                   p.is_public, p.created_at, p.updated_at
            FROM playlist_view p
                 LEFT JOIN user_view o ON o.id = p.owner_id
                 LEFT JOIN school_view s ON s.id = p.school_id
            """.formatted(fullName("o"));
    private static final String ITEMS = """
            SELECT i.playlist_id, i.id, i.video_id, c.title, c.duration, i.notes, i.created_at,
                   row_number() OVER (PARTITION BY i.playlist_id ORDER BY i.position, i.id) AS item_order
            FROM playlist_item_view i
                 LEFT JOIN content_view c ON c.kind = 'video' AND c.id = i.video_id
            WHERE i.playlist_id = ANY (?)
            ORDER BY i.playlist_id, item_order
            """;
    private static final String SHARES = """
            SELECT sh.id, sh.share_token, sh.playlist_id, p.name AS playlist_name, sh.created_by,
                   %s AS created_by_name, sh.expires_at, sh.is_active, sh.view_count, sh.last_accessed,
                   sh.created_at, sh.updated_at
            FROM playlist_share_view sh
                 JOIN playlist_view p ON p.id = sh.playlist_id
                 LEFT JOIN user_view u ON u.id = sh.created_by
            WHERE sh.playlist_id = ?
            ORDER BY sh.created_at DESC, sh.id
            """.formatted(fullName("u"));
    private static final RowMapper<PlaylistShareView> SHARE = (rs, n) -> new PlaylistShareView(
            rs.getObject("id", UUID.class), rs.getObject("share_token", UUID.class),
            rs.getObject("playlist_id", UUID.class), rs.getString("playlist_name"), rs.getLong("created_by"),
            rs.getString("created_by_name"), instant(rs.getTimestamp("expires_at")), rs.getBoolean("is_active"),
            rs.getLong("view_count"), instant(rs.getTimestamp("last_accessed")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("updated_at")));

    private final JdbcTemplate jdbc;

    public PlaylistQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<PlaylistView> handle(FindPlaylists query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        return withItems(jdbc.query(SELECT + where + " ORDER BY " + orderBy(query.filter().ordering())
                + " LIMIT ? OFFSET ?", (rs, n) -> row(rs), args.toArray()));
    }

    @QueryHandler
    public Long handle(CountPlaylists query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) FROM playlist_view p" + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<PlaylistView> handle(FindPlaylist query) {
        return withItems(jdbc.query(SELECT + " WHERE p.id = ?", (rs, n) -> row(rs), query.playlistId()))
                .stream().findFirst();
    }

    @QueryHandler
    public List<PlaylistShareView> handle(FindPlaylistShares query) {
        return jdbc.query(SHARES, SHARE, query.playlistId());
    }

    /** The playlists with their items, read in one query for the whole page. */
    private List<PlaylistView> withItems(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<PlaylistItemView>> items = new HashMap<>();
        UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(ITEMS);
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            return statement;
        }, rs -> {
            items.computeIfAbsent(rs.getObject("playlist_id", UUID.class), id -> new ArrayList<>())
                    .add(new PlaylistItemView(rs.getObject("id", UUID.class), rs.getObject("video_id", UUID.class),
                            rs.getString("title"), rs.getObject("duration", Integer.class), rs.getInt("item_order"),
                            rs.getString("notes"), instant(rs.getTimestamp("created_at"))));
        });
        return rows.stream().map(row -> new PlaylistView(row.id, row.name, row.description, row.ownerId,
                row.ownerName, row.schoolId, row.schoolName, row.isPublic, items.getOrDefault(row.id, List.of()),
                row.createdAt, row.updatedAt)).toList();
    }

    private record Row(UUID id, String name, String description, long ownerId, String ownerName, long schoolId,
                       String schoolName, boolean isPublic, Instant createdAt, Instant updatedAt) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getLong("owner_id"), rs.getString("owner_name"), rs.getLong("school_id"),
                rs.getString("school_name"), rs.getBoolean("is_public"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static String where(PlaylistFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        conditions.add("p.school_id = ?");
        args.add(filter.schoolId());
        if (filter.visibleTo() != null) {
            conditions.add("(p.owner_id = ? OR p.is_public)");
            args.add(filter.visibleTo());
        }
        if (filter.isPublic() != null) {
            conditions.add("p.is_public = ?");
            args.add(filter.isPublic());
        }
        if (filter.ownerId() != null) {
            conditions.add("p.owner_id = ?");
            args.add(filter.ownerId());
        }
        for (String term : terms(filter.search())) {
            String pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(p.name ILIKE ? OR p.description ILIKE ?)");
            args.add(pattern);
            args.add(pattern);
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static String orderBy(List<String> ordering) {
        List<String> terms = new ArrayList<>();
        for (String key : ordering) {
            boolean descending = key.startsWith("-");
            String column = ORDERINGS.get(descending ? key.substring(1) : key);
            if (column == null) {
                throw new IllegalArgumentException("ordering " + key);
            }
            terms.add(column + (descending ? " DESC" : " ASC"));
        }
        terms.add("p.updated_at DESC");
        terms.add("p.id");
        return String.join(", ", terms);
    }

    /** DRF's search terms: split on whitespace and commas; NUL can match no stored text, so it is dropped. */
    private static List<String> terms(String search) {
        if (search == null) {
            return List.of();
        }
        return TERM_SEPARATORS.splitAsStream(search.replace("\u0000", "")).filter(term -> !term.isEmpty()).toList();
    }

    /** The contract's {@code full_name} (§3.2) of a joined user; null when the user is not there. */
    private static String fullName(String alias) {
        return ("CASE WHEN %1$s.id IS NULL THEN NULL WHEN %1$s.first_name <> '' AND %1$s.last_name <> '' "
                + "THEN %1$s.first_name || ' ' || %1$s.last_name ELSE %1$s.username END").formatted(alias);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
