package org.fractionball.lms.infrastructure.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * One dependency check with the runbook's three levels, shown by {@code /api/readyz/} and, as an
 * actuator health indicator, by {@code /actuator/health}. A check that throws is CRITICAL.
 */
public abstract class OpsCheck implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(OpsCheck.class);

    /** The name under which readyz and actuator show the check. */
    public abstract String name();

    protected abstract CheckResult measure() throws Exception;

    /**
     * Whether this node cannot serve when the check is CRITICAL, so that readyz takes it out of
     * the load balancer. Only the database: other failures (storage, a stuck projection, an old
     * backup) are the same on every node, and removing them all would turn a partial outage into
     * a full one.
     */
    public boolean gatesReadiness() {
        return false;
    }

    public final CheckResult check() {
        try {
            return measure();
        } catch (Exception failure) {
            log.warn("Health check {} failed: {}", name(), failure.toString());
            return CheckResult.critical(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }

    @Override
    public Health health() {
        CheckResult result = check();
        Health.Builder health = Health.status(result.level().status()).withDetail("level", result.level().name());
        if (result.reason() != null) {
            health.withDetail("reason", result.reason());
        }
        return health.withDetails(result.details()).build();
    }
}
