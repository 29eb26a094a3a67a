package org.fractionball.lms.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.command.web.WritePositions;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Contract §5.20.3 writes (ADMIN): create, change and delete configuration entries, and the bulk
 * update. Every path validates the value by its type, bounds and pattern (D25a–c) and refuses to
 * change the value of an entry that is not editable (D25d). A key cannot be renamed.
 */
@RestController
@Tag(name = "Configuration")
public class SystemConfigCommandController {
    static final String KEY_FIXED = "The key of a configuration cannot be changed; create a new one instead.";

    private final CommandSender commands;
    private final ConfigRegistry registry;
    private final ConfigResponses responses;
    private final WritePositions positions;

    public SystemConfigCommandController(CommandSender commands, ConfigRegistry registry, ConfigResponses responses,
                                         WritePositions positions) {
        this.commands = commands;
        this.registry = registry;
        this.responses = responses;
        this.positions = positions;
    }

    @Operation(summary = "Create a configuration entry", description = "The value is checked against config_type, "
            + "min_value/max_value and validation_regex; 400 with the field errors otherwise.")
    @PostMapping("/api/config/system/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, false);
        String key = fields.matching("key", true, 100, false, ConfigValues.KEY, ConfigValues.KEY_MESSAGE);
        String value = ConfigFields.value(fields);
        ConfigType type = ConfigFields.type(fields);
        String name = fields.string("name", true, 200, false);
        String description = ConfigFields.description(fields, false);
        String category = fields.string("category", false, 50, false);
        Boolean isPublic = fields.bool("is_public");
        Boolean editable = fields.bool("is_editable");
        String regex = ConfigFields.regex(fields);
        Double min = ConfigFields.number(body, fields, "min_value");
        Double max = ConfigFields.number(body, fields, "max_value");
        fields.validate();
        ConfigDefinition definition = new ConfigDefinition(value, Objects.requireNonNullElse(type, ConfigType.STRING),
                name, Objects.requireNonNullElse(description, ""), Objects.requireNonNullElse(category, "general"),
                Boolean.TRUE.equals(isPublic), editable == null || editable, Objects.requireNonNullElse(regex, ""),
                min, max);
        CreateSystemConfig command = new CreateSystemConfig(UUID.randomUUID(), key, definition, null,
                caller.userId());
        return commands.send(command.aggregateId(), command, SystemConfig.MODEL, 201, responses::config);
    }

    @Operation(summary = "Replace a configuration entry's fields (the key stays)",
            description = "Optional change_reason is kept in the change history.")
    @PutMapping("/api/config/system/{id}/")
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        return change(id, body, false, caller);
    }

    @Operation(summary = "Change some of a configuration entry's fields",
            description = "Optional change_reason is kept in the change history.")
    @PatchMapping("/api/config/system/{id}/")
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        return change(id, body, true, caller);
    }

    @Operation(summary = "Delete a configuration entry (not when it is not editable)")
    @DeleteMapping("/api/config/system/{id}/")
    public ResponseEntity<Object> delete(@PathVariable("id") String id, Caller caller) {
        UUID configId = PathIds.uuid(id);
        String key = keyOf(configId);
        return commands.send(AggregateIds.systemConfig(key), new DeleteSystemConfig(configId, key, caller.userId()),
                SystemConfig.MODEL, 204, (Object ignored) -> null);
    }

    @Operation(summary = "Set the values of several entries by key",
            description = "Always 200 with the updated entries and one error per refused item; each item is "
                    + "validated like a PATCH of its value.")
    @PostMapping("/api/config/system/bulk_update/")
    public ResponseEntity<Object> bulkUpdate(@RequestBody(required = false) JsonNode body, Caller caller) {
        JsonNode items = body == null || !body.isObject() ? null : body.get("configs");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw CommandRejected.error(400, "configs array is required");
        }
        RequestFields fields = RequestFields.of(body, true);
        String reasonText = fields.isNull("reason") ? null : fields.string("reason", false, 1000, true);
        fields.validate();
        String reason = "Bulk update: " + Objects.requireNonNullElse(reasonText, "");
        List<Object> updated = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (JsonNode item : items) {
            BulkOutcome outcome = bulkItem(item, reason, caller);
            if (outcome.error() == null) {
                positions.recordLatestWrite(AggregateIds.systemConfig(outcome.state().key()));
                updated.add(responses.config(outcome.state()));
            } else {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("error", outcome.error());
                error.put("data", item);
                errors.add(error);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("updated", updated);
        answer.put("errors", errors);
        answer.put("total_updated", updated.size());
        answer.put("total_errors", errors.size());
        return ResponseEntity.ok(answer);
    }

    /** What became of one bulk item: its new state, or the error text of its refusal. */
    private record BulkOutcome(SystemConfigState state, String error) {
    }

    private BulkOutcome bulkItem(JsonNode item, String reason, Caller caller) {
        if (!item.isObject()) {
            return new BulkOutcome(null, "Each item must be an object with key and value");
        }
        JsonNode keyNode = item.get("key");
        if (keyNode == null || keyNode.isNull() || keyNode.asText().isEmpty()) {
            return new BulkOutcome(null, "key is required");
        }
        String key = keyNode.asText();
        UUID configId = registry.idOfKey(key);
        if (configId == null) {
            return new BulkOutcome(null, "Configuration " + key + " not found");
        }
        ChangeSystemConfig command = new ChangeSystemConfig(configId, key, ConfigEdit.value(textOf(item.get("value"))),
                reason, caller.userId());
        try {
            return new BulkOutcome(commands.sendWithRetry(command, SystemConfig.MODEL), null);
        } catch (CommandRejected refused) {
            String message = refusal(refused);
            return new BulkOutcome(null, message.equals(SystemConfig.notEditable(key)) ? message
                    : "Failed to update " + key + ": " + message);
        }
    }

    private ResponseEntity<Object> change(String id, JsonNode body, boolean partial, Caller caller) {
        UUID configId = PathIds.uuid(id);
        String currentKey = keyOf(configId);
        RequestFields fields = RequestFields.of(body, partial);
        String key = fields.matching("key", true, 100, false, ConfigValues.KEY, ConfigValues.KEY_MESSAGE);
        if (key != null && !key.equals(currentKey)) {
            fields.error("key", KEY_FIXED);
        }
        String value = ConfigFields.value(fields);
        ConfigType type = ConfigFields.type(fields);
        String name = fields.string("name", true, 200, false);
        String description = ConfigFields.description(fields, false);
        String category = fields.string("category", false, 50, false);
        Boolean isPublic = fields.bool("is_public");
        Boolean editable = fields.bool("is_editable");
        String regex = ConfigFields.regex(fields);
        Double min = ConfigFields.number(body, fields, "min_value");
        Double max = ConfigFields.number(body, fields, "max_value");
        String reason = fields.string("change_reason", false, 1000, true);
        fields.validate();
        ConfigEdit edit = new ConfigEdit(value, type, name, description, category, isPublic, editable, regex,
                fields.has("min_value"), min, fields.has("max_value"), max);
        ChangeSystemConfig command = new ChangeSystemConfig(configId, currentKey, edit, reason, caller.userId());
        return commands.send(command.aggregateId(), command, SystemConfig.MODEL, 200, responses::config);
    }

    private String keyOf(UUID configId) {
        String key = registry.keyOf(configId);
        if (key == null) {
            throw CommandRejected.notFound(SystemConfig.MODEL);
        }
        return key;
    }

    /** A bulk value as stored text: strings as they are, null as empty, other JSON as JSON ({@code true}, {@code 5}). */
    private static String textOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The first message of a refusal's body, whichever error family it is in. */
    private static String refusal(CommandRejected refused) {
        Object first = refused.body().isEmpty() ? refused.getMessage() : refused.body().values().iterator().next();
        return first instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : String.valueOf(first);
    }
}
