package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.command.config.ConfigDefaults;
import org.fractionball.lms.command.config.ConfigRegistry;
import org.fractionball.lms.command.config.CreateFeatureFlag;
import org.fractionball.lms.command.config.CreateSystemConfig;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Creates the seeded configuration and flags (contract §2.9, §2.10) on start-up, through commands,
 * in every profile: only the missing ones, so values an admin changed stay and a deleted seed comes
 * back. Two nodes starting together both try; the loser's create is refused as taken and skipped.
 */
@Component
@Order(0)
public class ConfigSeeding implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ConfigSeeding.class);

    private final CommandSender commands;
    private final ConfigRegistry registry;

    public ConfigSeeding(CommandSender commands, ConfigRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        RequestContext.runAs("system:config-seeding", this::seed);
    }

    private void seed() {
        int created = 0;
        for (var entry : ConfigDefaults.CONFIGS.entrySet()) {
            if (registry.idOfKey(entry.getKey()) == null && send(new CreateSystemConfig(UUID.randomUUID(),
                    entry.getKey(), entry.getValue(), null, null))) {
                created++;
            }
        }
        for (var entry : ConfigDefaults.FLAGS.entrySet()) {
            if (registry.snapshot().flags().get(entry.getKey()) == null && send(new CreateFeatureFlag(
                    UUID.randomUUID(), entry.getKey(), entry.getValue(), null))) {
                created++;
            }
        }
        if (created > 0) {
            log.info("Configuration: created {} seeded settings and feature flags", created);
        }
    }

    private boolean send(Object command) {
        try {
            commands.sendWithRetry(command, "configuration");
            return true;
        } catch (CommandRejected taken) {
            return false;
        }
    }
}
