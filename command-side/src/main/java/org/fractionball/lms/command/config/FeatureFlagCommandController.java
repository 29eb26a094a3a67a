package org.fractionball.lms.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.command.web.PathIds;
import org.fractionball.lms.command.web.RequestFields;
import org.fractionball.lms.events.config.FlagDefinition;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Contract §5.20.4 writes (ADMIN): create, change, toggle and delete feature flags. A permanent
 * flag keeps its switch on every path (D25d); a name cannot be renamed.
 */
@RestController
@Tag(name = "Configuration")
public class FeatureFlagCommandController {
    static final String NAME_FIXED = "The name of a feature flag cannot be changed; create a new one instead.";

    private final CommandSender commands;
    private final ConfigRegistry registry;
    private final ConfigResponses responses;
    private final SchoolDomains schools;

    public FeatureFlagCommandController(CommandSender commands, ConfigRegistry registry, ConfigResponses responses,
                                        SchoolDomains schools) {
        this.commands = commands;
        this.registry = registry;
        this.responses = responses;
        this.schools = schools;
    }

    @Operation(summary = "Create a feature flag",
            description = "applies_to_schools: ids of existing schools; applies_to_roles: role names.")
    @PostMapping("/api/config/features/")
    public ResponseEntity<Object> create(@RequestBody(required = false) JsonNode body, Caller caller) {
        RequestFields fields = RequestFields.of(body, false);
        String name = fields.matching("name", true, 100, false, ConfigFields.FLAG_NAME, ConfigFields.FLAG_NAME_MESSAGE);
        String displayName = fields.string("display_name", true, 200, false);
        String description = ConfigFields.description(fields, true);
        Boolean enabled = fields.bool("is_enabled");
        Boolean permanent = fields.bool("is_permanent");
        List<Long> schoolIds = ConfigFields.schools(body, fields, schools);
        List<String> roles = ConfigFields.roles(body, fields);
        fields.validate();
        FlagDefinition definition = new FlagDefinition(displayName, description, Boolean.TRUE.equals(enabled),
                Boolean.TRUE.equals(permanent), Objects.requireNonNullElse(schoolIds, List.of()),
                Objects.requireNonNullElse(roles, List.of()));
        CreateFeatureFlag command = new CreateFeatureFlag(UUID.randomUUID(), name, definition, caller.userId());
        return commands.send(command.aggregateId(), command, FeatureFlag.MODEL, 201, responses::flag);
    }

    @Operation(summary = "Replace a feature flag's fields (the name stays)")
    @PutMapping("/api/config/features/{id}/")
    public ResponseEntity<Object> replace(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                          Caller caller) {
        return change(id, body, false, caller);
    }

    @Operation(summary = "Change some of a feature flag's fields")
    @PatchMapping("/api/config/features/{id}/")
    public ResponseEntity<Object> patch(@PathVariable("id") String id, @RequestBody(required = false) JsonNode body,
                                        Caller caller) {
        return change(id, body, true, caller);
    }

    @Operation(summary = "Switch a flag on or off (not a permanent one)")
    @PostMapping("/api/config/features/{id}/toggle/")
    public ResponseEntity<Object> toggle(@PathVariable("id") String id, Caller caller) {
        UUID flagId = PathIds.uuid(id);
        String name = nameOf(flagId);
        return commands.send(AggregateIds.featureFlag(name), new ToggleFeatureFlag(flagId, name, caller.userId()),
                FeatureFlag.MODEL, 200, (FeatureFlagState state) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("message", state.definition().enabled() ? "Feature flag enabled"
                            : "Feature flag disabled");
                    body.put("feature_flag", responses.flag(state));
                    return body;
                });
    }

    @Operation(summary = "Delete a feature flag (not a permanent one)")
    @DeleteMapping("/api/config/features/{id}/")
    public ResponseEntity<Object> delete(@PathVariable("id") String id, Caller caller) {
        UUID flagId = PathIds.uuid(id);
        String name = nameOf(flagId);
        return commands.send(AggregateIds.featureFlag(name), new DeleteFeatureFlag(flagId, name, caller.userId()),
                FeatureFlag.MODEL, 204, (Object ignored) -> null);
    }

    private ResponseEntity<Object> change(String id, JsonNode body, boolean partial, Caller caller) {
        UUID flagId = PathIds.uuid(id);
        String currentName = nameOf(flagId);
        RequestFields fields = RequestFields.of(body, partial);
        String name = fields.matching("name", true, 100, false, ConfigFields.FLAG_NAME, ConfigFields.FLAG_NAME_MESSAGE);
        if (name != null && !name.equals(currentName)) {
            fields.error("name", NAME_FIXED);
        }
        String displayName = fields.string("display_name", true, 200, false);
        String description = ConfigFields.description(fields, true);
        Boolean enabled = fields.bool("is_enabled");
        Boolean permanent = fields.bool("is_permanent");
        List<Long> schoolIds = ConfigFields.schools(body, fields, schools);
        List<String> roles = ConfigFields.roles(body, fields);
        fields.validate();
        FlagEdit edit = new FlagEdit(displayName, description, enabled, permanent, schoolIds, roles);
        ChangeFeatureFlag command = new ChangeFeatureFlag(flagId, currentName, edit, caller.userId());
        return commands.send(command.aggregateId(), command, FeatureFlag.MODEL, 200, responses::flag);
    }

    private String nameOf(UUID flagId) {
        String name = registry.nameOf(flagId);
        if (name == null) {
            throw CommandRejected.notFound(FeatureFlag.MODEL);
        }
        return name;
    }
}
