package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads course request bodies with the contract's validation messages (§0.4). */
final class CourseFields {
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 10_000;
    static final int MAX_ITEMS = 100;
    static final String BAD_GRADE_BAND = "Enter a grade (K, 1 … 8) or a range of grades such as 3-5.";
    static final String BAD_ITEM = "Each item must be an object with a type (activity, video or resource) and an id "
            + "(UUID).";
    private static final Pattern GRADE_BAND = Pattern.compile("(K|[1-8])(?:-(K|[1-8]))?");
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CourseFields() {
    }

    static CourseEdit forCreate(JsonNode body) {
        return read(body, false, true);
    }

    /** PUT requires the title like a create does; PATCH requires nothing. */
    static CourseEdit forEdit(JsonNode body, boolean partial) {
        return read(body, partial, false);
    }

    private static CourseEdit read(JsonNode body, boolean partial, boolean create) {
        RequestFields fields = RequestFields.of(body, partial);
        String title = fields.string("title", true, TITLE_MAX, false);
        String description = fields.string("description", false, DESCRIPTION_MAX, true);
        String gradeBand = gradeBand(fields);
        List<CourseItem> items = items(fields, body);
        Long school = create && !fields.isNull("school") ? fields.primaryKey("school", false) : null;
        fields.validate();
        return new CourseEdit(title, description, gradeBand, items, school);
    }

    private static String gradeBand(RequestFields fields) {
        String band = fields.string("grade_band", false, 3, true);
        if (band == null || band.isEmpty()) {
            return band;
        }
        Matcher matcher = GRADE_BAND.matcher(band);
        if (!matcher.matches() || matcher.group(2) != null
                && Grade.values().indexOf(matcher.group(1)) >= Grade.values().indexOf(matcher.group(2))) {
            fields.error("grade_band", BAD_GRADE_BAND);
            return null;
        }
        return band;
    }

    private static List<CourseItem> items(RequestFields fields, JsonNode body) {
        JsonNode value = body == null ? null : body.get("items");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            fields.error("items", value.isNull() ? "This field may not be null."
                    : "Expected a list of items but got type \"" + typeName(value) + "\".");
            return null;
        }
        if (value.size() > MAX_ITEMS) {
            fields.error("items", "Ensure this field has no more than " + MAX_ITEMS + " elements.");
            return null;
        }
        List<CourseItem> items = new ArrayList<>();
        for (JsonNode item : value) {
            JsonNode type = item.get("type");
            JsonNode id = item.get("id");
            CourseItemType parsed = type != null && type.isTextual() ? CourseItemType.parse(type.asText()) : null;
            if (!item.isObject() || parsed == null || id == null || !id.isTextual()
                    || !UUID_SHAPE.matcher(id.asText()).matches()) {
                fields.error("items", BAD_ITEM);
                return null;
            }
            items.add(new CourseItem(parsed, UUID.fromString(id.asText())));
        }
        return items;
    }

    /** A JSON value's type as DRF names it in its messages (Python's type names). */
    static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "dict";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
