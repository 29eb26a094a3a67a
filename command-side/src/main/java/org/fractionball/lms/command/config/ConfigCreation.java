package org.fractionball.lms.command.config;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates configuration entries and feature flags and answers with their state. A key or name
 * that existed before and was deleted is created again on its aggregate (its id is the key).
 */
@Component
public class ConfigCreation {
    private final Repository<SystemConfig> configs;
    private final Repository<FeatureFlag> flags;
    private final ConfigRegistry registry;

    public ConfigCreation(Repository<SystemConfig> configs, Repository<FeatureFlag> flags, ConfigRegistry registry) {
        this.configs = configs;
        this.flags = flags;
        this.registry = registry;
    }

    @CommandHandler
    public SystemConfigState handle(CreateSystemConfig command) throws Exception {
        try {
            return configs.load(command.aggregateId()).invoke(existing -> existing.recreate(command, registry));
        } catch (AggregateNotFoundException neverCreated) {
            return configs.newInstance(() -> new SystemConfig(command, registry)).invoke(SystemConfig::state);
        }
    }

    @CommandHandler
    public FeatureFlagState handle(CreateFeatureFlag command) throws Exception {
        try {
            return flags.load(command.aggregateId()).invoke(existing -> existing.recreate(command, registry));
        } catch (AggregateNotFoundException neverCreated) {
            return flags.newInstance(() -> new FeatureFlag(command, registry)).invoke(FeatureFlag::state);
        }
    }
}
