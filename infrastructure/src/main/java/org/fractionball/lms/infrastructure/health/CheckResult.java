package org.fractionball.lms.infrastructure.health;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one check found: its level, why (for anything but HEALTHY), and what it measured. */
public record CheckResult(HealthLevel level, String reason, Map<String, Object> details) {

    public static Builder healthy() {
        return new Builder();
    }

    public static CheckResult critical(String reason) {
        return new CheckResult(HealthLevel.CRITICAL, reason, Map.of());
    }

    /** Collects measurements and raises the level (never lowers it) with the reason of the worst finding. */
    public static final class Builder {
        private HealthLevel level = HealthLevel.HEALTHY;
        private String reason;
        private final Map<String, Object> details = new LinkedHashMap<>();

        public Builder detail(String name, Object value) {
            details.put(name, value);
            return this;
        }

        public Builder raise(HealthLevel found, String why) {
            if (found.ordinal() > level.ordinal()) {
                level = found;
                reason = why;
            }
            return this;
        }

        public CheckResult build() {
            return new CheckResult(level, reason, details);
        }
    }
}
