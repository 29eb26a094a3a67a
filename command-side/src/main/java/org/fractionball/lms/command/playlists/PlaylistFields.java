package org.fractionball.lms.command.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.shared.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads playlist request bodies. Playlist fields use the serializer's messages (§0.4); the item
 * actions keep the original's hand-written errors and answer malformed ids, positions and lists
 * with a 400 instead of a 500 (D22).
 */
final class PlaylistFields {
    static final int MAX_TEXT = 10_000;
    static final int MAX_SHARE_DAYS = 3650;
    private static final String MUST_BE_UUID = "Must be a valid UUID.";
    private static final Pattern HEX_UUID = Pattern.compile("[0-9a-f]{32}");

    private PlaylistFields() {
    }

    /** POST: {@code name} required; description defaults to "", is_public to false. */
    static PlaylistEdit forCreate(JsonNode body) {
        PlaylistEdit edit = forEdit(body, false);
        return new PlaylistEdit(edit.name(), edit.description() == null ? "" : edit.description(),
                edit.isPublic() != null && edit.isPublic());
    }

    /** PUT ({@code name} required) or PATCH (nothing required); absent fields stay as they are. */
    static PlaylistEdit forEdit(JsonNode body, boolean partial) {
        RequestFields fields = RequestFields.of(body, partial);
        String name = fields.string("name", true, Playlist.MAX_NAME, false);
        String description = fields.string("description", false, MAX_TEXT, true);
        Boolean isPublic = fields.bool("is_public");
        fields.validate();
        return new PlaylistEdit(name, description, isPublic);
    }

    /** add_item: {@code video_id} required, {@code notes} and {@code order} (0 or absent: append) optional. */
    static AddPlaylistItem forAddItem(UUID playlistId, JsonNode body, Caller by) {
        RequestFields fields = RequestFields.of(body, false);
        JsonNode object = object(body);
        JsonNode videoId = object.get("video_id");
        if (isFalsy(videoId)) {
            throw CommandRejected.error(400, "video_id is required");
        }
        UUID video = uuid(videoId);
        if (video == null) {
            fields.error("video_id", MUST_BE_UUID);
        }
        String notes = fields.string("notes", false, MAX_TEXT, true);
        Long order = fields.integer("order", false, true, 0, Integer.MAX_VALUE);
        fields.validateAs(Playlist.INVALID_ITEM);
        return new AddPlaylistItem(playlistId, UUID.randomUUID(), video, notes == null ? "" : notes,
                order == null ? null : order.intValue(), by);
    }

    /** remove_item: {@code item_id} required. */
    static UUID itemId(JsonNode body) {
        RequestFields fields = RequestFields.of(body, false);
        JsonNode itemId = object(body).get("item_id");
        if (isFalsy(itemId)) {
            throw CommandRejected.error(400, "item_id is required");
        }
        UUID item = uuid(itemId);
        if (item == null) {
            fields.error("item_id", MUST_BE_UUID);
        }
        fields.validateAs(Playlist.INVALID_ITEM);
        return item;
    }

    /** reorder: a non-empty list of {@code {"id": uuid, "order": int}}; every malformed entry is reported. */
    static List<ItemOrder> itemOrders(JsonNode body) {
        RequestFields.of(body, false); // refuses a body that is not an object
        JsonNode list = object(body).get("item_orders");
        if (isFalsy(list)) {
            throw CommandRejected.error(400, "item_orders is required");
        }
        if (!list.isArray()) {
            throw invalidReorder(List.of("Expected a list of items but got type \"" + typeName(list) + "\"."));
        }
        List<String> problems = new ArrayList<>();
        List<ItemOrder> orders = new ArrayList<>();
        int number = 0;
        for (JsonNode entry : list) {
            number++;
            if (!entry.isObject()) {
                problems.add("Entry " + number + ": expected an object with \"id\" and \"order\".");
                continue;
            }
            UUID id = entry.hasNonNull("id") ? uuid(entry.get("id")) : null;
            JsonNode order = entry.get("order");
            boolean integral = order != null && (order.isIntegralNumber() && order.canConvertToLong()
                    || order.isTextual() && order.asText().strip().matches("-?\\d{1,18}"));
            if (id == null) {
                problems.add("Entry " + number + ": \"id\" must be a valid UUID.");
            }
            if (!integral) {
                problems.add("Entry " + number + ": \"order\" must be an integer.");
            }
            if (id != null && integral) {
                orders.add(new ItemOrder(id, order.isTextual() ? Long.parseLong(order.asText().strip())
                        : order.longValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw invalidReorder(problems);
        }
        return orders;
    }

    /** share: {@code expires_in_days} optional, null for no expiry; else a whole number of days ≥ 1. */
    static Integer expiresInDays(JsonNode body) {
        RequestFields fields = RequestFields.of(body, false);
        Long days = fields.integer("expires_in_days", false, true, 1, MAX_SHARE_DAYS);
        fields.validate();
        return days == null ? null : days.intValue();
    }

    private static CommandRejected invalidReorder(List<String> problems) {
        return CommandRejected.error(400, Playlist.INVALID_REORDER, "details", Map.of("item_orders", problems));
    }

    private static JsonNode object(JsonNode body) {
        return body == null || body.isMissingNode() || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
    }

    /** The original tested these with Python truthiness: absent, null, "", 0, false, [] and {} are "missing". */
    private static boolean isFalsy(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()
                || value.isNumber() && value.asDouble() == 0 || value.isBoolean() && !value.asBoolean()
                || value.isContainerNode() && value.isEmpty();
    }

    /** A UUID in the forms Python's {@code uuid.UUID} reads (hyphens optional, braces, urn prefix); else null. */
    static UUID uuid(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        String hex = value.asText().strip().toLowerCase(Locale.ROOT).replace("urn:", "").replace("uuid:", "")
                .replace("{", "").replace("}", "").replace("-", "");
        if (!HEX_UUID.matcher(hex).matches()) {
            return null;
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static String typeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "dict";
            case STRING -> "str";
            case BOOLEAN -> "bool";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
