package org.fractionball.lms.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.events.shared.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reading the configuration and flag fields of a request body with the contract's messages (§3.11). */
final class ConfigFields {
    static final Pattern FLAG_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]*$");
    static final String FLAG_NAME_MESSAGE =
            "Name must start with a letter and contain only letters, numbers, and underscores";
    static final List<String> TYPES = Arrays.stream(ConfigType.values()).map(Enum::name).toList();
    private static final int TEXT = 100_000;

    private ConfigFields() {
    }

    /** The bounds of a configuration entry, in DRF's FloatField words; null when absent, null or invalid. */
    static Double number(JsonNode body, RequestFields fields, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            return value.doubleValue();
        }
        if (value.isTextual() && value.asText().strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.valueOf(value.asText().strip());
        }
        fields.error(field, "A valid number is required.");
        return null;
    }

    static String regex(RequestFields fields) {
        String regex = fields.string("validation_regex", false, 500, true);
        if (regex != null && !regex.isEmpty() && !ConfigValues.isValidRegex(regex)) {
            fields.error("validation_regex", "Enter a valid regular expression.");
            return null;
        }
        return regex;
    }

    static ConfigType type(RequestFields fields) {
        String type = fields.choice("config_type", false, TYPES);
        return type == null ? null : ConfigType.valueOf(type);
    }

    static String value(RequestFields fields) {
        return fields.string("value", true, TEXT, false);
    }

    static String description(RequestFields fields, boolean required) {
        return fields.string("description", required, TEXT, !required);
    }

    /** {@code applies_to_schools}: a list of the ids of existing schools (DRF's many-related field). */
    static List<Long> schools(JsonNode body, RequestFields fields, SchoolDomains schools) {
        JsonNode value = body == null ? null : body.get("applies_to_schools");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            fields.error("applies_to_schools", "Expected a list of items but got type \"" + typeName(value) + "\".");
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : value) {
            Long id = item.isIntegralNumber() && item.canConvertToLong() ? Long.valueOf(item.longValue())
                    : item.isTextual() && item.asText().strip().matches("\\d{1,18}")
                    ? Long.valueOf(item.asText().strip()) : null;
            if (id == null) {
                fields.error("applies_to_schools", "Incorrect type. Expected pk value, received "
                        + typeName(item) + ".");
                return null;
            }
            if (!schools.isRegistered(id)) {
                fields.error("applies_to_schools", "Invalid pk \"" + id + "\" - object does not exist.");
                return null;
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** {@code applies_to_roles}: a list of role names (the original's own messages). */
    static List<String> roles(JsonNode body, RequestFields fields) {
        JsonNode value = body == null ? null : body.get("applies_to_roles");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            fields.error("applies_to_roles", "Roles must be a list");
            return null;
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode item : value) {
            String text = item.isValueNode() ? item.asText() : item.toString();
            if (!item.isTextual() || Role.parse(text) == null) {
                fields.error("applies_to_roles", "Invalid role: " + text);
                return null;
            }
            if (!roles.contains(text)) {
                roles.add(text);
            }
        }
        return roles;
    }

    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "list";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            case OBJECT -> "dict";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
