package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The system configuration values the application obeys, read from the in-process copy of the
 * command side's lookups (no query per request). A missing entry, or one whose text does not read
 * as its type, counts as its seeded default ({@link ConfigDefaults}).
 */
@Component
public class SystemSettings {
    private final ConfigRegistry registry;

    public SystemSettings(ConfigRegistry registry) {
        this.registry = registry;
    }

    /** Whether maintenance mode is on: changes are refused, reads keep working. */
    public boolean maintenanceMode() {
        return bool(ConfigDefaults.MAINTENANCE_MODE);
    }

    /** The upload cap in bytes ({@code system.max_upload_size_mb} megabytes of 2^20 bytes). */
    public long maxUploadBytes() {
        return integer(ConfigDefaults.MAX_UPLOAD_SIZE_MB) * 1_048_576L;
    }

    private boolean bool(String key) {
        String value = valueOf(key).toLowerCase(Locale.ROOT);
        if (ConfigValues.BOOLEAN_WORDS.contains(value)) {
            return Boolean.TRUE.equals(ConfigValues.typed(ConfigType.BOOLEAN, value));
        }
        return Boolean.parseBoolean(ConfigDefaults.CONFIGS.get(key).value());
    }

    private long integer(String key) {
        String value = valueOf(key).strip();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException unreadable) {
            return Long.parseLong(ConfigDefaults.CONFIGS.get(key).value());
        }
    }

    private String valueOf(String key) {
        String value = registry.snapshot().values().get(key);
        if (value == null) {
            ConfigDefinition seeded = ConfigDefaults.CONFIGS.get(key);
            return seeded.value();
        }
        return value;
    }
}
