package org.fractionball.lms.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.SystemConfigChanged;
import org.fractionball.lms.events.config.SystemConfigCreated;
import org.fractionball.lms.events.config.SystemConfigDeleted;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One system configuration entry, identified by its key (contract §3.11, §5.20.3). Every write is
 * checked against the entry's type, bounds and pattern (D25a–c); the value of an entry that is not
 * editable cannot change through any endpoint, nor can the entry be deleted (D25d). A deleted entry
 * stays in the store as deleted, so its key can be created again (with a new id).
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class SystemConfig {
    static final String MODEL = "SystemConfig";
    static final String BOUNDS_REVERSED = "Ensure max_value is greater than or equal to min_value.";

    @AggregateIdentifier
    private String id;
    private UUID configId;
    private String key;
    private ConfigDefinition definition;
    private boolean deleted;
    private Instant createdAt;
    private Instant updatedAt;
    private Long updatedBy;

    protected SystemConfig() {
    }

    /** Called by {@link ConfigCreation}, which answers with the new state. */
    SystemConfig(CreateSystemConfig command, ConfigRegistry registry) {
        create(command, registry);
    }

    /** A key that was deleted is created again on the same aggregate. */
    SystemConfigState recreate(CreateSystemConfig command, ConfigRegistry registry) {
        if (!deleted) {
            throw CommandRejected.field(400, "key", ConfigRegistry.KEY_TAKEN);
        }
        create(command, registry);
        return state();
    }

    private void create(CreateSystemConfig command, ConfigRegistry registry) {
        check(command.definition());
        registry.claimKey(command.key(), command.configId(), command.definition().type().name(),
                command.definition().value());
        apply(new SystemConfigCreated(command.configId(), command.key(), command.definition(),
                Objects.requireNonNullElse(command.reason(), "Configuration created"), command.by()));
    }

    @CommandHandler
    public SystemConfigState handle(ChangeSystemConfig command, ConfigRegistry registry) {
        requireLive(command.configId());
        ConfigDefinition changed = command.edit().applyTo(definition);
        if (!definition.editable() && !changed.value().equals(definition.value())) {
            throw CommandRejected.error(400, notEditable(key));
        }
        check(changed);
        if (!changed.equals(definition)) {
            if (!changed.value().equals(definition.value()) || changed.type() != definition.type()) {
                registry.changeValue(key, changed.type().name(), changed.value());
            }
            apply(new SystemConfigChanged(configId, key, changed, definition.value(),
                    Objects.requireNonNullElse(command.reason(), ""), command.by()));
        }
        return state();
    }

    @CommandHandler
    public void handle(DeleteSystemConfig command, ConfigRegistry registry) {
        requireLive(command.configId());
        if (!definition.editable()) {
            throw CommandRejected.error(400, notEditable(key));
        }
        registry.releaseKey(key);
        apply(new SystemConfigDeleted(configId, key, definition.value(), command.by()));
    }

    public SystemConfigState state() {
        return new SystemConfigState(configId, key, definition, createdAt, updatedAt, updatedBy);
    }

    static String notEditable(String key) {
        return "Configuration " + key + " is not editable";
    }

    @EventSourcingHandler
    void on(SystemConfigCreated event, @Timestamp Instant at) {
        id = AggregateIds.systemConfig(event.key());
        configId = event.configId();
        key = event.key();
        definition = event.definition();
        deleted = false;
        createdAt = at;
        updatedAt = at;
        updatedBy = event.changedBy();
    }

    @EventSourcingHandler
    void on(SystemConfigChanged event, @Timestamp Instant at) {
        definition = event.definition();
        updatedAt = at;
        updatedBy = event.changedBy();
    }

    @EventSourcingHandler
    void on(SystemConfigDeleted event) {
        deleted = true;
    }

    private void requireLive(UUID expectedId) {
        if (deleted || !configId.equals(expectedId)) {
            throw CommandRejected.notFound(MODEL);
        }
    }

    /** The value against its type, bounds and pattern, and bounds that can hold a value at all. */
    private static void check(ConfigDefinition candidate) {
        if (candidate.minValue() != null && candidate.maxValue() != null
                && candidate.minValue() > candidate.maxValue()) {
            throw CommandRejected.field(400, "max_value", BOUNDS_REVERSED);
        }
        ConfigValues.violation(candidate).ifPresent(message -> {
            throw CommandRejected.field(400, "value", message);
        });
    }
}
