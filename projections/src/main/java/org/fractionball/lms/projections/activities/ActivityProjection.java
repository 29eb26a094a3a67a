package org.fractionball.lms.projections.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.activities.ActivityChanged;
import org.fractionball.lms.events.activities.ActivityCreated;
import org.fractionball.lms.events.activities.ActivityDeleted;
import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.activities.ActivityPublished;
import org.fractionball.lms.events.activities.ActivityUnpublished;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code activity_view} and {@code activity_resource_view}. Runs in the processor's
 * transaction together with its token; every write sets absolute values, so handling an event
 * twice leaves the same rows. A deleted video or resource leaves every activity that links it
 * (the original's "set null on delete").
 */
@Component
@ProcessingGroup(ProjectionNames.ACTIVITIES)
public class ActivityProjection {
    static final String TEACHER = "teacher";
    static final String STUDENT = "student";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ActivityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ActivityCreated event, @Timestamp Instant at) {
        ActivityDetails d = event.details();
        write("""
                INSERT INTO activity_view (id, title, slug, description, activity_number, grade, topics, location,
                                           prerequisites, learning_objectives, materials, game_rules, key_terms,
                                           video_id, icon_type, thumbnail_uri, is_published, sort_order, created_at,
                                           updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::json, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.activityId(), d.title(), d.slug(), d.description(), d.activityNumber(), d.grade(),
                json(d.topics()), d.location().value(), json(d.prerequisites()), orEmpty(d.learningObjectives()),
                json(d.materials()), json(d.gameRules()), json(d.keyTerms()), d.videoAsset(), d.iconType(),
                orEmpty(d.thumbnailUri()), event.published(), d.order(), time(at), time(at));
        replaceResources(event.activityId(), d);
    }

    @EventHandler
    void on(ActivityChanged event, @Timestamp Instant at) {
        ActivityDetails d = event.details();
        write("""
                UPDATE activity_view SET title = ?, slug = ?, description = ?, activity_number = ?, grade = ?,
                                         topics = ?::jsonb, location = ?, prerequisites = ?::jsonb,
                                         learning_objectives = ?, materials = ?::jsonb, game_rules = ?::jsonb,
                                         key_terms = ?::json, video_id = ?, icon_type = ?, thumbnail_uri = ?,
                                         sort_order = ?, updated_at = ?
                WHERE id = ?""",
                d.title(), d.slug(), d.description(), d.activityNumber(), d.grade(), json(d.topics()),
                d.location().value(), json(d.prerequisites()), orEmpty(d.learningObjectives()), json(d.materials()),
                json(d.gameRules()), json(d.keyTerms()), d.videoAsset(), d.iconType(), orEmpty(d.thumbnailUri()),
                d.order(), time(at), event.activityId());
        replaceResources(event.activityId(), d);
    }

    @EventHandler
    void on(ActivityPublished event, @Timestamp Instant at) {
        write("UPDATE activity_view SET is_published = TRUE, updated_at = ? WHERE id = ?", time(at),
                event.activityId());
    }

    @EventHandler
    void on(ActivityUnpublished event, @Timestamp Instant at) {
        write("UPDATE activity_view SET is_published = FALSE, updated_at = ? WHERE id = ?", time(at),
                event.activityId());
    }

    @EventHandler
    void on(ActivityDeleted event) {
        write("DELETE FROM activity_resource_view WHERE activity_id = ?", event.activityId());
        write("DELETE FROM activity_view WHERE id = ?", event.activityId());
    }

    /** The link goes, the activity stays and keeps its updated_at (Django's SET_NULL is a bare UPDATE). */
    @EventHandler
    void on(ContentDeleted event) {
        if (event.kind() == ContentKind.VIDEO) {
            write("UPDATE activity_view SET video_id = NULL WHERE video_id = ?", event.contentId());
        } else {
            write("DELETE FROM activity_resource_view WHERE resource_id = ?", event.contentId());
        }
    }

    @ResetHandler
    void reset() {
        write("TRUNCATE activity_resource_view, activity_view");
    }

    private void replaceResources(UUID activityId, ActivityDetails d) {
        write("DELETE FROM activity_resource_view WHERE activity_id = ?", activityId);
        insertResources(activityId, TEACHER, d.teacherResources());
        insertResources(activityId, STUDENT, d.studentResources());
    }

    private void insertResources(UUID activityId, String audience, List<UUID> resources) {
        for (int i = 0; i < resources.size(); i++) {
            write("""
                    INSERT INTO activity_resource_view (activity_id, audience, resource_id, position)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", activityId, audience, resources.get(i), i);
        }
    }

    /**
     * Every write of the tables tells the nodes' in-memory copies of figures computed from them
     * ({@link ReadModelChanges}: once per batch, as it commits).
     */
    private void write(String sql, Object... arguments) {
        ReadModelChanges.update(jdbc, ProjectionNames.ACTIVITIES, sql, arguments);
    }

    private static java.sql.Timestamp time(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
