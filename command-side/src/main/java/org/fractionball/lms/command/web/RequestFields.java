package org.fractionball.lms.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the fields of a JSON request body with the messages of the contract
 * (§0.4, DRF defaults). Errors are collected per field; {@link #validate()} throws them all at
 * once. With {@code partial} (PATCH) no field is required.
 */
public final class RequestFields {
    private static final Set<String> TRUE_VALUES = Set.of("true", "True", "TRUE", "1", "yes", "on", "y", "t");
    private static final Set<String> FALSE_VALUES = Set.of("false", "False", "FALSE", "0", "no", "off", "n", "f");

    private final JsonNode body;
    private final boolean partial;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestFields(JsonNode body, boolean partial) {
        this.body = body;
        this.partial = partial;
    }

    /** A body for create or full update; a missing body reads as an empty object. */
    public static RequestFields of(JsonNode body, boolean partial) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return new RequestFields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), partial);
        }
        if (!body.isObject()) {
            throw CommandRejected.fieldErrors(Map.of("non_field_errors",
                    List.of("Invalid data. Expected a dictionary, but got " + typeName(body) + ".")));
        }
        return new RequestFields(body, partial);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /**
     * A string field, trimmed. Returns null when the field is absent (or invalid: then an error
     * is recorded).
     */
    public String string(String field, boolean required, int maxLength, boolean allowBlank) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!(value.isTextual() || value.isNumber())) {
            error(field, "Not a valid string.");
            return null;
        }
        String text = value.asText().strip();
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL; DRF refuses it with this message too
            error(field, "Null characters are not allowed.");
            return null;
        }
        if (hasUnpairedSurrogate(text)) {
            // not encodable as UTF-8: it would make the stored event unreadable as JSON in SQL
            error(field, "Invalid unicode: unpaired surrogate character.");
            return null;
        }
        if (text.isEmpty() && !allowBlank) {
            error(field, "This field may not be blank.");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "Ensure this field has no more than " + maxLength + " characters.");
            return null;
        }
        return text;
    }

    /** A boolean field in DRF's lenient forms; null when absent or invalid. */
    public Boolean bool(String field) {
        JsonNode value = present(field, false);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText() : "";
        if (TRUE_VALUES.contains(text)) {
            return true;
        }
        if (FALSE_VALUES.contains(text)) {
            return false;
        }
        error(field, "Must be a valid boolean.");
        return null;
    }

    /** One of {@code choices} (exact match), or null when absent or invalid. */
    public String choice(String field, boolean required, java.util.Collection<String> choices) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        if (!choices.contains(text)) {
            error(field, "\"" + text + "\" is not a valid choice.");
            return null;
        }
        return text;
    }

    /** The primary key of a related object, as DRF's PrimaryKeyRelatedField reads it. */
    public Long primaryKey(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText().strip());
        }
        error(field, "Incorrect type. Expected pk value, received " + typeName(value) + ".");
        return null;
    }

    /** Whether the field is present with the JSON value null. */
    public boolean isNull(String field) {
        JsonNode value = body.get(field);
        return value != null && value.isNull();
    }

    /**
     * An integer between {@code min} and {@code max} (DRF's IntegerField messages); null when
     * absent or invalid. A JSON null is refused unless {@code nullable}, then read as absent.
     */
    public Long integer(String field, boolean required, boolean nullable, long min, long max) {
        if (nullable && isNull(field)) {
            return null;
        }
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < 9.0e18) {
            number = (long) value.doubleValue();
        } else if (value.isTextual() && value.asText().strip().matches("-?\\d{1,18}")) {
            number = Long.parseLong(value.asText().strip());
        }
        if (number == null) {
            error(field, value.isIntegralNumber() || value.isTextual() && value.asText().strip().matches("-?\\d+")
                    ? "Ensure this value is less than or equal to " + max + "." : "A valid integer is required.");
            return null;
        }
        if (number < min) {
            error(field, "Ensure this value is greater than or equal to " + min + ".");
            return null;
        }
        if (number > max) {
            error(field, "Ensure this value is less than or equal to " + max + ".");
            return null;
        }
        return number;
    }

    /**
     * A list of non-blank strings (trimmed), each at most {@code maxLength} characters, at most
     * {@code maxItems} of them; null when absent or invalid.
     */
    public List<String> stringList(String field, int maxItems, int maxLength) {
        JsonNode value = present(field, false);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            error(field, "Expected a list of items but got type \"" + typeName(value) + "\".");
            return null;
        }
        if (value.size() > maxItems) {
            error(field, "Ensure this field has no more than " + maxItems + " elements.");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            String text = item.isTextual() ? item.asText().strip() : null;
            if (text == null || text.isEmpty() || text.length() > maxLength || text.indexOf('\u0000') >= 0
                    || hasUnpairedSurrogate(text)) {
                error(field, "Each item must be a non-blank string of at most " + maxLength + " characters.");
                return null;
            }
            items.add(text);
        }
        return items;
    }

    /** An absolute http(s) URL (DRF's URLField), or {@code ""} when blank is allowed. */
    public String url(String field, boolean required, int maxLength, boolean allowBlank) {
        String text = string(field, required, maxLength, allowBlank);
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        error(field, "Enter a valid URL.");
        return null;
    }

    /** Throws the collected errors as {@code 400 {"error": <message>, "details": {<field>: [...]}}}. */
    public void validateAs(String message) {
        if (!errors.isEmpty()) {
            throw CommandRejected.error(400, message, "details", errors);
        }
    }

    /** A string that must also match {@code pattern} (checked only when non-blank). */
    public String matching(String field, boolean required, int maxLength, boolean allowBlank,
                           java.util.regex.Pattern pattern, String message) {
        String text = string(field, required, maxLength, allowBlank);
        if (text != null && !text.isEmpty() && !pattern.matcher(text).matches()) {
            error(field, message);
            return null;
        }
        return text;
    }

    /**
     * The field's value when present and not null; otherwise null, with "required" or "may not be
     * null" recorded as the contract says.
     */
    private JsonNode present(String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null) {
            if (required && !partial) {
                error(field, "This field is required.");
            }
            return null;
        }
        if (value.isNull()) {
            error(field, "This field may not be null.");
            return null;
        }
        return value;
    }

    public void error(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws every collected error as one 400 response. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw CommandRejected.fieldErrors(errors);
        }
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String typeName(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "list";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            default -> type.name().toLowerCase();
        };
    }
}
