package org.fractionball.lms.command.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.config.FeatureFlagChanged;
import org.fractionball.lms.events.config.FeatureFlagCreated;
import org.fractionball.lms.events.config.FeatureFlagDeleted;
import org.fractionball.lms.events.config.FeatureFlagToggled;
import org.fractionball.lms.events.config.FlagDefinition;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Instant;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One feature flag, identified by its name (contract §3.11, §5.20.4). A permanent flag keeps its
 * switch: it can be neither toggled, nor switched by PUT/PATCH, nor deleted (D25d) until a change
 * clears {@code is_permanent} on its own. A deleted flag stays in the store as deleted, so its name
 * can be created again (with a new id).
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class FeatureFlag {
    static final String MODEL = "FeatureFlag";
    static final String PERMANENT_TOGGLE = "Cannot toggle permanent feature flag";
    static final String PERMANENT_SWITCH =
            "Cannot switch a permanent feature flag on or off; clear is_permanent in a change of its own first";
    static final String PERMANENT_DELETE = "Cannot delete permanent feature flag";

    @AggregateIdentifier
    private String id;
    private UUID flagId;
    private String name;
    private FlagDefinition definition;
    private boolean deleted;
    private Instant createdAt;
    private Instant updatedAt;
    private Long createdBy;
    private Long updatedBy;

    protected FeatureFlag() {
    }

    /** Called by {@link ConfigCreation}, which answers with the new state. */
    FeatureFlag(CreateFeatureFlag command, ConfigRegistry registry) {
        create(command, registry);
    }

    /** A name that was deleted is created again on the same aggregate. */
    FeatureFlagState recreate(CreateFeatureFlag command, ConfigRegistry registry) {
        if (!deleted) {
            throw CommandRejected.field(400, "name", ConfigRegistry.NAME_TAKEN);
        }
        create(command, registry);
        return state();
    }

    private void create(CreateFeatureFlag command, ConfigRegistry registry) {
        FlagDefinition flag = command.definition();
        registry.claimName(command.name(), command.flagId(), flag.enabled(), flag.schools(), flag.roles());
        apply(new FeatureFlagCreated(command.flagId(), command.name(), flag, command.by()));
    }

    @CommandHandler
    public FeatureFlagState handle(ChangeFeatureFlag command, ConfigRegistry registry) {
        requireLive(command.flagId());
        FlagDefinition changed = command.edit().applyTo(definition);
        if (definition.permanent() && changed.enabled() != definition.enabled()) {
            throw CommandRejected.error(400, PERMANENT_SWITCH);
        }
        if (!changed.equals(definition)) {
            registry.changeFlag(name, changed.enabled(), changed.schools(), changed.roles());
            apply(new FeatureFlagChanged(flagId, name, changed, command.by()));
        }
        return state();
    }

    @CommandHandler
    public FeatureFlagState handle(ToggleFeatureFlag command, ConfigRegistry registry) {
        requireLive(command.flagId());
        if (definition.permanent()) {
            throw CommandRejected.error(400, PERMANENT_TOGGLE);
        }
        boolean enabled = !definition.enabled();
        registry.changeFlag(name, enabled, definition.schools(), definition.roles());
        apply(new FeatureFlagToggled(flagId, name, enabled, command.by()));
        return state();
    }

    @CommandHandler
    public void handle(DeleteFeatureFlag command, ConfigRegistry registry) {
        requireLive(command.flagId());
        if (definition.permanent()) {
            throw CommandRejected.error(400, PERMANENT_DELETE);
        }
        registry.releaseName(name);
        apply(new FeatureFlagDeleted(flagId, name, command.by()));
    }

    public FeatureFlagState state() {
        return new FeatureFlagState(flagId, name, definition, createdAt, updatedAt, createdBy, updatedBy);
    }

    @EventSourcingHandler
    void on(FeatureFlagCreated event, @Timestamp Instant at) {
        id = AggregateIds.featureFlag(event.name());
        flagId = event.flagId();
        name = event.name();
        definition = event.definition();
        deleted = false;
        createdAt = at;
        updatedAt = at;
        createdBy = event.changedBy();
        updatedBy = event.changedBy();
    }

    @EventSourcingHandler
    void on(FeatureFlagChanged event, @Timestamp Instant at) {
        definition = event.definition();
        updatedAt = at;
        updatedBy = event.changedBy();
    }

    @EventSourcingHandler
    void on(FeatureFlagToggled event, @Timestamp Instant at) {
        definition = definition.withEnabled(event.enabled());
        updatedAt = at;
        updatedBy = event.changedBy();
    }

    @EventSourcingHandler
    void on(FeatureFlagDeleted event) {
        deleted = true;
    }

    private void requireLive(UUID expectedId) {
        if (deleted || !flagId.equals(expectedId)) {
            throw CommandRejected.notFound(MODEL);
        }
    }
}
