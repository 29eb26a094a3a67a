package org.fractionball.lms.events.config;

import java.util.UUID;

/** A configuration entry was deleted; its key may be created again later (with a new id). */
public record SystemConfigDeleted(UUID configId, String key, String lastValue, Long changedBy) {
}
