package org.fractionball.lms.query.activities;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.activities.ActivityLocation;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.projections.activities.ActivityView;
import org.fractionball.lms.projections.activities.ActivityView.LinkedResource;
import org.fractionball.lms.projections.activities.ActivityView.LinkedVideo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers activity queries from {@code activity_view}, with the linked videos and resources joined
 * from {@code content_view}: content gone from the read side (deleted, or its owner or school
 * removed) is not shown, whatever the activity's row still says.
 */
@Component
public class ActivityQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT a.id, a.title, a.slug, a.description, a.activity_number, a.grade, a.topics::text AS topics,
                   a.location, a.prerequisites::text AS prerequisites, a.learning_objectives,
                   a.materials::text AS materials, a.game_rules::text AS game_rules, a.key_terms::text AS key_terms,
                   v.id AS video_id, v.title AS video_title, v.duration AS video_duration, a.icon_type,
                   a.thumbnail_uri, a.is_published, a.sort_order, a.created_at, a.updated_at
            FROM activity_view a
                 LEFT JOIN content_view v ON v.kind = 'video' AND v.id = a.video_id
            """;
    /** Grade K first, then 1 … 8 (as text, K would sort after 8). */
    private static final String ORDER = " ORDER BY array_position(ARRAY['" + String.join("','", Grade.values())
            + "']::text[], a.grade), a.sort_order, a.activity_number, a.created_at, a.id";

    private final JdbcTemplate jdbc;

    public ActivityQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<ActivityView> handle(FindActivities query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        List<ActivityView> rows = jdbc.query(SELECT + where + ORDER + " LIMIT ? OFFSET ?", (rs, n) -> row(rs),
                args.toArray());
        return withResources(rows);
    }

    @QueryHandler
    public Long handle(CountActivities query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) FROM activity_view a" + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<ActivityView> handle(FindActivity query) {
        List<ActivityView> rows = jdbc.query(SELECT + " WHERE lower(a.slug) = lower(?) ORDER BY a.created_at, a.id"
                + " LIMIT 1", (rs, n) -> row(rs), query.slug());
        return withResources(rows).stream().findFirst();
    }

    /** A row without its resources: they are read for a whole page at once. */
    private static ActivityView row(ResultSet rs) throws SQLException {
        UUID videoId = rs.getObject("video_id", UUID.class);
        LinkedVideo video = videoId == null ? null
                : new LinkedVideo(videoId, rs.getString("video_title"), rs.getObject("video_duration", Integer.class));
        return new ActivityView(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("slug"),
                rs.getString("description"), rs.getInt("activity_number"), rs.getString("grade"),
                strings(rs.getString("topics")), ActivityLocation.parse(rs.getString("location")),
                strings(rs.getString("prerequisites")), rs.getString("learning_objectives"),
                strings(rs.getString("materials")), strings(rs.getString("game_rules")),
                terms(rs.getString("key_terms")), video, List.of(), List.of(), rs.getString("icon_type"),
                rs.getString("thumbnail_uri"), rs.getBoolean("is_published"), rs.getInt("sort_order"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private List<ActivityView> withResources(List<ActivityView> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<LinkedResource>> teacher = new HashMap<>();
        Map<UUID, List<LinkedResource>> student = new HashMap<>();
        String placeholders = String.join(", ", Collections.nCopies(rows.size(), "?"));
        jdbc.query("""
                SELECT l.activity_id, l.audience, r.id, r.title, r.file_type
                FROM activity_resource_view l
                     JOIN content_view r ON r.kind = 'resource' AND r.id = l.resource_id
                WHERE l.activity_id IN (%s)
                ORDER BY l.activity_id, l.audience, l.position""".formatted(placeholders), rs -> {
            Map<UUID, List<LinkedResource>> audience = "teacher".equals(rs.getString("audience")) ? teacher : student;
            audience.computeIfAbsent(rs.getObject("activity_id", UUID.class), id -> new ArrayList<>())
                    .add(new LinkedResource(rs.getObject("id", UUID.class), rs.getString("title"),
                            rs.getString("file_type")));
        }, rows.stream().map(ActivityView::id).toArray());
        return rows.stream().map(a -> new ActivityView(a.id(), a.title(), a.slug(), a.description(),
                a.activityNumber(), a.grade(), a.topics(), a.location(), a.prerequisites(), a.learningObjectives(),
                a.materials(), a.gameRules(), a.keyTerms(), a.video(), teacher.getOrDefault(a.id(), List.of()),
                student.getOrDefault(a.id(), List.of()), a.iconType(), a.thumbnailUri(), a.published(), a.order(),
                a.createdAt(), a.updatedAt())).toList();
    }

    private static String where(ActivityFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.publishedOnly()) {
            conditions.add("a.is_published");
        }
        if (filter.grade() != null) {
            conditions.add("a.grade = ?");
            args.add(filter.grade());
        }
        if (filter.location() != null) {
            conditions.add("a.location = ?");
            args.add(filter.location().value());
        }
        if (filter.topic() != null) {
            conditions.add("EXISTS (SELECT 1 FROM jsonb_array_elements_text(a.topics) t WHERE lower(t) = lower(?))");
            args.add(filter.topic());
        }
        if (filter.q() != null) {
            String pattern = "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(a.title ILIKE ? OR a.description ILIKE ?)");
            args.add(pattern);
            args.add(pattern);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException corrupt) {
            throw new IllegalStateException("activity_view holds an invalid list", corrupt);
        }
    }

    private static Map<String, String> terms(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException corrupt) {
            throw new IllegalStateException("activity_view holds invalid key terms", corrupt);
        }
    }
}
