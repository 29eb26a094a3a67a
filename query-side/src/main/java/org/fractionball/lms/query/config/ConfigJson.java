package org.fractionball.lms.query.config;

import org.fractionball.lms.projections.config.ConfigChangeView;
import org.fractionball.lms.projections.config.ConfigTypedValues;
import org.fractionball.lms.projections.config.FeatureFlagView;
import org.fractionball.lms.projections.config.SystemConfigView;

import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's {@code SystemConfig}, {@code FeatureFlag} and {@code ConfigChange} shapes (§3.11) from read rows. */
final class ConfigJson {
    private ConfigJson() {
    }

    static Map<String, Object> config(SystemConfigView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("key", view.key());
        body.put("value", view.value());
        body.put("typed_value", ConfigTypedValues.typed(view.type(), view.value()));
        body.put("config_type", view.type().name());
        body.put("name", view.name());
        body.put("description", view.description());
        body.put("category", view.category());
        body.put("is_public", view.isPublic());
        body.put("is_editable", view.editable());
        body.put("validation_regex", view.validationRegex());
        body.put("min_value", view.minValue());
        body.put("max_value", view.maxValue());
        body.put("created_at", view.createdAt());
        body.put("updated_at", view.updatedAt());
        user(body, "updated_by", view.updatedBy(), view.updatedByName());
        return body;
    }

    static Map<String, Object> flag(FeatureFlagView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("name", view.name());
        body.put("display_name", view.displayName());
        body.put("description", view.description());
        body.put("is_enabled", view.enabled());
        body.put("is_permanent", view.permanent());
        body.put("applies_to_schools", view.schools());
        body.put("applies_to_roles", view.roles());
        body.put("school_count", view.schools().size());
        body.put("created_at", view.createdAt());
        body.put("updated_at", view.updatedAt());
        user(body, "created_by", view.createdBy(), view.createdByName());
        user(body, "updated_by", view.updatedBy(), view.updatedByName());
        return body;
    }

    static Map<String, Object> change(ConfigChangeView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("config", view.configId());
        body.put("config_name", view.configName());
        body.put("config_key", view.configKey());
        body.put("old_value", view.oldValue());
        body.put("new_value", view.newValue());
        body.put("change_reason", view.changeReason());
        user(body, "changed_by", view.changedBy(), view.changedByName());
        body.put("changed_at", view.changedAt());
        body.put("ip_address", view.ipAddress());
        return body;
    }

    /** {@code <field>} and {@code <field>_name}, the name omitted when there is no such user. */
    private static void user(Map<String, Object> body, String field, Long userId, String name) {
        body.put(field, userId);
        if (userId != null && name != null) {
            body.put(field + "_name", name);
        }
    }
}
