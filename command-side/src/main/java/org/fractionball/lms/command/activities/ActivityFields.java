package org.fractionball.lms.command.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.activities.ActivityLocation;
import org.fractionball.lms.events.content.Grade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads an activity's writable fields (contract A.1) from a request body with DRF's messages,
 * plus bounds the original left open: list fields hold at most a few dozen non-blank strings,
 * key terms map non-blank terms to definitions, texts are at most 10,000 characters.
 */
final class ActivityFields {
    static final int MAX_TEXT = 10_000;
    static final int MAX_TOPICS = 20;
    static final int MAX_TOPIC_LENGTH = 100;
    static final int MAX_ITEMS = 50;
    static final int MAX_ITEM_LENGTH = 500;
    static final int MAX_RULE_LENGTH = 1_000;
    static final int MAX_KEY_TERMS = 50;
    static final int MAX_TERM_LENGTH = 100;
    static final int MAX_DEFINITION_LENGTH = 2_000;
    static final int MAX_RESOURCES = 50;
    static final List<String> LOCATIONS = Arrays.stream(ActivityLocation.values()).map(ActivityLocation::value)
            .toList();

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private ActivityFields() {
    }

    /** The fields of a new activity: title, description, activity_number and grade required. */
    static ActivityEdit forCreate(JsonNode body) {
        return read(body, false);
    }

    /** The fields a PUT (required fields present) or PATCH ({@code partial}: any subset) names. */
    static ActivityEdit forEdit(JsonNode body, boolean partial) {
        return read(body, partial);
    }

    private static ActivityEdit read(JsonNode body, boolean partial) {
        RequestFields fields = RequestFields.of(body, partial);
        // RequestFields refused any body that is neither absent nor an object
        JsonNode object = body != null && body.isObject() ? body : JsonNodeFactory.instance.objectNode();
        String title = fields.string("title", true, 200, false);
        String slug = fields.matching("slug", false, Slugs.MAX_LENGTH, true, Slugs.VALID, Slugs.INVALID);
        String description = fields.string("description", true, MAX_TEXT, false);
        Long activityNumber = fields.integer("activity_number", true, false, 0, Integer.MAX_VALUE);
        String grade = fields.choice("grade", true, Grade.values());
        List<String> topics = fields.stringList("topics", MAX_TOPICS, MAX_TOPIC_LENGTH);
        String location = fields.choice("location", false, LOCATIONS);
        List<String> prerequisites = fields.stringList("prerequisites", MAX_ITEMS, MAX_ITEM_LENGTH);
        String learningObjectives = fields.string("learning_objectives", false, MAX_TEXT, true);
        List<String> materials = fields.stringList("materials", MAX_ITEMS, MAX_ITEM_LENGTH);
        List<String> gameRules = fields.stringList("game_rules", MAX_ITEMS, MAX_RULE_LENGTH);
        Map<String, String> keyTerms = keyTerms(fields, object.get("key_terms"));
        boolean videoGiven = object.has("video_asset");
        UUID video = videoGiven ? videoAsset(fields, object.get("video_asset")) : null;
        List<UUID> teacher = resourceIds(fields, "teacher_resources", object.get("teacher_resources"));
        List<UUID> student = resourceIds(fields, "student_resources", object.get("student_resources"));
        String iconType = fields.string("icon_type", false, 50, false);
        String thumbnail = fields.url("thumbnail_uri", false, 200, true);
        Boolean published = fields.bool("is_published");
        Long order = fields.integer("order", false, false, 0, Integer.MAX_VALUE);
        fields.validate();
        return new ActivityEdit(title, slug == null || slug.isEmpty() ? null : slug, description,
                activityNumber == null ? null : activityNumber.intValue(), grade, topics,
                ActivityLocation.parse(location), prerequisites, learningObjectives, materials, gameRules, keyTerms,
                videoGiven, video, teacher, student, iconType, thumbnail, order == null ? null : order.intValue(),
                published);
    }

    /** A JSON object of term → definition (order kept), or null when absent or invalid. */
    private static Map<String, String> keyTerms(RequestFields fields, JsonNode value) {
        String field = "key_terms";
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            fields.error(field, "This field may not be null.");
            return null;
        }
        if (!value.isObject()) {
            fields.error(field, "Expected a dictionary of items but got type \"" + typeName(value) + "\".");
            return null;
        }
        if (value.size() > MAX_KEY_TERMS) {
            fields.error(field, "Ensure this field has no more than " + MAX_KEY_TERMS + " elements.");
            return null;
        }
        Map<String, String> terms = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : iterable(value)) {
            String term = entry.getKey().strip();
            String definition = entry.getValue().isTextual() ? entry.getValue().asText().strip() : null;
            if (term.isEmpty() || term.length() > MAX_TERM_LENGTH || !storable(term) || definition == null
                    || definition.length() > MAX_DEFINITION_LENGTH || !storable(definition)) {
                fields.error(field, "Each key term must be a non-blank string of at most " + MAX_TERM_LENGTH
                        + " characters with a string definition of at most " + MAX_DEFINITION_LENGTH + " characters.");
                return null;
            }
            terms.put(term, definition);
        }
        return terms;
    }

    /** DRF's PrimaryKeyRelatedField with {@code allow_null}: a UUID, or null to clear. */
    private static UUID videoAsset(RequestFields fields, JsonNode value) {
        return value.isNull() ? null : contentId(fields, "video_asset", value);
    }

    /** DRF's many PrimaryKeyRelatedField: a list of UUIDs, duplicates dropped; null when absent or invalid. */
    private static List<UUID> resourceIds(RequestFields fields, String field, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            fields.error(field, "This field may not be null.");
            return null;
        }
        if (!value.isArray()) {
            fields.error(field, "Expected a list of items but got type \"" + typeName(value) + "\".");
            return null;
        }
        if (value.size() > MAX_RESOURCES) {
            fields.error(field, "Ensure this field has no more than " + MAX_RESOURCES + " elements.");
            return null;
        }
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        for (JsonNode item : value) {
            UUID id = contentId(fields, field, item);
            if (id == null) {
                return null;
            }
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    private static UUID contentId(RequestFields fields, String field, JsonNode value) {
        if (!value.isTextual()) {
            fields.error(field, "Incorrect type. Expected pk value, received " + typeName(value) + ".");
            return null;
        }
        String text = value.asText().strip();
        if (!UUID_TEXT.matcher(text).matches()) {
            fields.error(field, "Must be a valid UUID.");
            return null;
        }
        String hex = text.replace("-", "");
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** Text PostgreSQL and JSON can hold: no NUL, no unpaired surrogate. */
    private static boolean storable(String text) {
        return text.indexOf('\u0000') < 0 && text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** Python's type names, as DRF's messages show them. */
    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "list";
            case OBJECT -> "dict";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            case NULL -> "NoneType";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
