package org.fractionball.lms.infrastructure.health;

import org.springframework.boot.actuate.health.Status;

/** The runbook's alert levels, worst last. */
public enum HealthLevel {
    HEALTHY, WARNING, CRITICAL;

    /** Actuator's status for the level: UP, WARNING (answered 200) or DOWN (answered 503). */
    static final Status WARNING_STATUS = new Status("WARNING");

    public HealthLevel worst(HealthLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    Status status() {
        return switch (this) {
            case HEALTHY -> Status.UP;
            case WARNING -> WARNING_STATUS;
            case CRITICAL -> Status.DOWN;
        };
    }

    /** The level of a measured value against a warning and a critical threshold (exceeded, not reached). */
    public static HealthLevel of(double value, double warning, double critical) {
        return value > critical ? CRITICAL : value > warning ? WARNING : HEALTHY;
    }
}
