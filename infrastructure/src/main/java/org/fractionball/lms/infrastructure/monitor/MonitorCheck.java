package org.fractionball.lms.infrastructure.monitor;

import org.fractionball.lms.infrastructure.health.HealthLevel;

/** One finding of a monitor run. */
record MonitorCheck(String name, HealthLevel level, String message) {
}
