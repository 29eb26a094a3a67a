package org.fractionball.lms.infrastructure.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the course tests: signed-in accounts per role, request bodies, and the
 * activities, videos and resources courses are made of, created through the API like a client would.
 */
abstract class CourseApiSupport extends ApiTest {
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NO_COURSE = "{\"detail\":\"No Course matches the given query.\"}";
    static final String NO_ENROLMENT = "{\"detail\":\"No Enrolment matches the given query.\"}";
    static final String ALREADY_ENROLLED = "{\"detail\":\"This user is already enrolled in this course.\"}";
    static final List<String> COURSE_FIELDS = List.of("id", "title", "description", "grade_band", "school", "status",
            "items", "item_count", "created_by", "created_at", "updated_at");
    static final List<String> ENROLMENT_FIELDS = List.of("id", "course_id", "course_title", "user_id", "status",
            "enrolled_by", "items", "completed_items", "total_items", "percent_complete", "enrolled_at",
            "completed_at", "withdrawn_at", "updated_at");

    static void succeeds(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
    }

    /** {@code POST /api/courses/} that must succeed: the answer. */
    JsonNode createCourse(Account manager, Map<String, ?> body) {
        Api.Response created = post("/api/courses/", body, manager);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** A published course of {@code items}: its id. */
    String publishedCourse(Account manager, String title, List<Map<String, Object>> items, Object... more) {
        Map<String, Object> body = fields("title", title, "items", items);
        body.putAll(fields(more));
        String id = createCourse(manager, body).get("id").asText();
        succeeds(post("/api/courses/" + id + "/publish/", null, manager));
        return id;
    }

    static Map<String, Object> item(String type, Object id) {
        return fields("type", type, "id", id.toString());
    }

    /** A JSON object's fields in the order given (values may be null). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A published activity through {@code POST /api/activities/} (ADMIN). */
    UUID activity(Account admin, String title) {
        Api.Response created = post("/api/activities/", fields("title", title, "description", "About " + title + ".",
                "activity_number", 1, "grade", "4"), admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** A draft video of {@code owner} through {@code POST /api/videos/}. */
    UUID video(Account owner, String title) {
        Api.Response created = post("/api/videos/", fields("title", title, "grade", "3", "topic", "number_line",
                "duration", 60, "storage_uri", "https://videos.example.org/" + UUID.randomUUID() + ".mp4"), owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** A draft resource of {@code owner} through {@code POST /api/resources/}. */
    UUID resource(Account owner, String title) {
        Api.Response created = post("/api/resources/", fields("title", title, "file_type", "pdf", "file_uri",
                "https://files.example.org/" + UUID.randomUUID()), owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The payload types of an aggregate's events, in order. */
    List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Course and enrolment events stored so far (sign-ins append events of their own). */
    long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'course-%' "
                + "OR aggregate_identifier LIKE 'enrolment-%'", Long.class);
    }
}
