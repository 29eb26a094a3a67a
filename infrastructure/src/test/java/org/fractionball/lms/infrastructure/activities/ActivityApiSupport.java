package org.fractionball.lms.infrastructure.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Shared vocabulary of the activity tests: signed-in accounts per role, request bodies, and the
 * videos and resources activities link to, created through {@code /api/videos/} and
 * {@code /api/resources/} like a client would.
 */
abstract class ActivityApiSupport extends ApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String SLUG_TAKEN = "{\"slug\":[\"Activity with this slug already exists.\"]}";

    /** Contract A.1's fields in order, each followed by its computed companion. */
    static final List<String> ACTIVITY_FIELDS = List.of("id", "title", "slug", "description", "activity_number",
            "grade", "grade_display", "topics", "location", "location_display", "prerequisites",
            "learning_objectives", "learning_objectives_list", "materials", "game_rules", "key_terms", "video_asset",
            "video", "teacher_resources", "student_resources", "icon_type", "thumbnail_uri", "is_published", "order",
            "created_at", "updated_at");
    static final List<String> PAGE_FIELDS = List.of("count", "next", "previous", "results");

    /** {@code POST /api/activities/} that must succeed: the answer. */
    JsonNode create(Account admin, Map<String, ?> body) {
        Api.Response created = post("/api/activities/", body, admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** The required fields of an activity plus {@code more}. */
    static Map<String, Object> activity(String title, String grade, int number, Object... more) {
        Map<String, Object> body = fields("title", title, "description", "About " + title + ".", "activity_number",
                number, "grade", grade);
        body.putAll(fields(more));
        return body;
    }

    /** A JSON object's fields in the order given (values may be null). */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A draft video of {@code owner} through {@code POST /api/videos/}. */
    UUID video(Account owner, String title, int duration) {
        Api.Response created = post("/api/videos/", fields("title", title, "grade", "3", "topic", "number_line",
                "duration", duration, "storage_uri", "https://videos.example.org/" + UUID.randomUUID() + ".mp4"),
                owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    /** A draft resource of {@code owner} through {@code POST /api/resources/}. */
    UUID resource(Account owner, String title, String fileType) {
        Api.Response created = post("/api/resources/", fields("title", title, "file_type", fileType, "file_uri",
                "https://files.example.org/" + UUID.randomUUID()), owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asText());
    }

    static List<String> slugs(JsonNode page) {
        List<String> slugs = new ArrayList<>();
        page.get("results").forEach(activity -> slugs.add(activity.get("slug").asText()));
        return slugs;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
