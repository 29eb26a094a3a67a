package org.fractionball.lms.command.config;

import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.FlagDefinition;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's {@code SystemConfig} and {@code FeatureFlag} shapes (§3.11), built from aggregate state. */
@Component
public class ConfigResponses {
    private final UserRegistry users;

    public ConfigResponses(UserRegistry users) {
        this.users = users;
    }

    public Map<String, Object> config(SystemConfigState state) {
        ConfigDefinition definition = state.definition();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", state.configId());
        body.put("key", state.key());
        body.put("value", definition.value());
        body.put("typed_value", ConfigValues.typed(definition.type(), definition.value()));
        body.put("config_type", definition.type().name());
        body.put("name", definition.name());
        body.put("description", definition.description());
        body.put("category", definition.category());
        body.put("is_public", definition.isPublic());
        body.put("is_editable", definition.editable());
        body.put("validation_regex", definition.validationRegex());
        body.put("min_value", definition.minValue());
        body.put("max_value", definition.maxValue());
        body.put("created_at", state.createdAt());
        body.put("updated_at", state.updatedAt());
        putUser(body, "updated_by", state.updatedBy());
        return body;
    }

    public Map<String, Object> flag(FeatureFlagState state) {
        FlagDefinition definition = state.definition();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", state.flagId());
        body.put("name", state.name());
        body.put("display_name", definition.displayName());
        body.put("description", definition.description());
        body.put("is_enabled", definition.enabled());
        body.put("is_permanent", definition.permanent());
        body.put("applies_to_schools", definition.schools());
        body.put("applies_to_roles", definition.roles());
        body.put("school_count", definition.schools().size());
        body.put("created_at", state.createdAt());
        body.put("updated_at", state.updatedAt());
        putUser(body, "created_by", state.createdBy());
        putUser(body, "updated_by", state.updatedBy());
        return body;
    }

    /** {@code <field>} and, when there is a user, {@code <field>_name} with their full name. */
    private void putUser(Map<String, Object> body, String field, Long userId) {
        body.put(field, userId);
        if (userId != null) {
            String name = users.fullNameOf(userId);
            if (name != null) {
                body.put(field + "_name", name);
            }
        }
    }
}
