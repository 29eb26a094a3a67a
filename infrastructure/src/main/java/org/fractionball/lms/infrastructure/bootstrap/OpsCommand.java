package org.fractionball.lms.infrastructure.bootstrap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.database.RunbookEnvironment;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Makefile's database and projection commands, run with the server's own configuration
 * ({@code DATABASE_URL}…), then exit:
 * <ul>
 *   <li>{@code migrate}: applies pending Flyway migrations (the server also does at start-up);</li>
 *   <li>{@code showmigrations}: every migration and its state;</li>
 *   <li>{@code projections rebuild <name>}: empties the projection's read tables (its reset
 *       handlers) and replays the event store into them, waiting until it has caught up. The
 *       processor's segments must not be claimed by a running server: stop the web replicas
 *       first, or the command answers that it could not claim them.</li>
 * </ul>
 */
public final class OpsCommand {
    static final String USAGE = "usage: migrate | showmigrations | projections rebuild <processor>";
    private static final Duration REBUILD_TIMEOUT = Duration.ofHours(1);

    private OpsCommand() {
    }

    public static boolean handles(String command) {
        return List.of("migrate", "showmigrations", "projections").contains(command);
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        boolean rebuild = args.length == 3 && args[0].equals("projections") && args[1].equals("rebuild");
        if (!(args.length == 1 && (args[0].equals("migrate") || args[0].equals("showmigrations"))) && !rebuild) {
            out.println(USAGE);
            return 2;
        }
        if (!rebuild) {
            return migrations(args[0], out);
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("lms.demo-data.enabled", "false", "spring.main.banner-mode", "off",
                "lms.scheduling.enabled", "false"));
        try (ConfigurableApplicationContext context = app.run()) {
            return rebuild(context, args[2], out);
        } catch (RuntimeException failure) {
            out.println("projections rebuild failed: " + failure.getMessage());
            return 1;
        }
    }

    /**
     * Flyway alone, without the application: a database whose schema is behind must not meet the
     * processors and projections that expect the new one.
     */
    private static int migrations(String command, PrintStream out) {
        Map<String, Object> datasource = datasource();
        if (datasource.get("spring.datasource.url") == null) {
            out.println(command + " needs DATABASE_URL (the embedded database migrates when the server starts)");
            return 2;
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource((String) datasource.get("spring.datasource.url"),
                            (String) datasource.get("spring.datasource.username"),
                            (String) datasource.get("spring.datasource.password"))
                    .locations("classpath:db/migration")
                    .load();
            if (command.equals("migrate")) {
                MigrateResult result = flyway.migrate();
                out.println("Applied " + result.migrationsExecuted + " migrations; schema version "
                        + flyway.info().current().getVersion());
            } else {
                for (MigrationInfo migration : flyway.info().all()) {
                    out.printf("[%s] V%s %s%n", migration.getState().isApplied() ? "X" : " ",
                            migration.getVersion(), migration.getDescription());
                }
            }
            return 0;
        } catch (RuntimeException failure) {
            out.println(command + " failed: " + failure.getMessage());
            return 1;
        }
    }

    /** {@code spring.datasource.*} when given as system properties, else read from {@code DATABASE_URL}. */
    private static Map<String, Object> datasource() {
        String url = System.getProperty("spring.datasource.url");
        if (url != null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", System.getProperty("spring.datasource.username"));
            properties.put("spring.datasource.password", System.getProperty("spring.datasource.password"));
            return properties;
        }
        String databaseUrl = System.getenv("DATABASE_URL");
        return databaseUrl == null || databaseUrl.isBlank() ? Map.of() : RunbookEnvironment.jdbcPropertiesOf(databaseUrl);
    }

    private static int rebuild(ConfigurableApplicationContext context, String name, PrintStream out) {
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            out.println("No event processor " + name + "; processors: "
                    + String.join(", ", processing.eventProcessors().keySet()));
            return 2;
        }
        processor.shutDown();
        if (!processor.supportsReset()) {
            out.println(name + " cannot be reset");
            return 1;
        }
        processor.resetTokens();
        processor.start();
        long head = context.getBean(JdbcTemplate.class)
                .queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        if (!context.getBean(ProjectionPositions.class).awaitPassed(List.of(name), head, REBUILD_TIMEOUT)) {
            out.println(name + " did not reach position " + head + " within " + REBUILD_TIMEOUT.toMinutes() + " min");
            return 1;
        }
        out.println("Rebuilt " + name + " up to position " + head);
        return 0;
    }
}
