package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.ConfigDefinition;

import java.time.Instant;
import java.util.UUID;

/** A configuration entry as its aggregate holds it after a command. */
public record SystemConfigState(UUID configId, String key, ConfigDefinition definition, Instant createdAt,
                                Instant updatedAt, Long updatedBy) {
}
