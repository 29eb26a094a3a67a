package org.fractionball.lms.infrastructure.bootstrap;

import org.axonframework.config.EventProcessingConfiguration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.fractionball.lms.infrastructure.database.RunbookEnvironment;
import org.fractionball.lms.infrastructure.ops.rebuild.ProjectionRebuilds;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
 *   <li>{@code projections status}: every processor's position and lag, the version of each
 *       projection's tables and the progress of a rebuild, read from the database alone;</li>
 *   <li>{@code projections rebuild <name>}: a blue/green rebuild ({@link ProjectionRebuilds}) with
 *       the running servers left running: starts it (or follows the one under way), prints its
 *       progress and exits once the new tables are live (0) or the rebuild failed (1). The rebuild
 *       is recorded in the database: if this command is stopped, a server resumes it.</li>
 * </ul>
 */
public final class OpsCommand {
    static final String USAGE = "usage: migrate | showmigrations | projections status | projections rebuild <processor>";
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private OpsCommand() {
    }

    public static boolean handles(String command) {
        return List.of("migrate", "showmigrations", "projections").contains(command);
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        boolean rebuild = args.length == 3 && args[0].equals("projections") && args[1].equals("rebuild");
        boolean status = args.length == 2 && args[0].equals("projections") && args[1].equals("status");
        if (!(args.length == 1 && (args[0].equals("migrate") || args[0].equals("showmigrations"))) && !rebuild
                && !status) {
            out.println(USAGE);
            return 2;
        }
        if (status) {
            return status(out);
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
        ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
        if (!rebuilds.rebuildable(name)) {
            out.println("No projection " + name + " to rebuild; processors: "
                    + String.join(", ", processing.eventProcessors().keySet()));
            return 2;
        }
        int from = rebuilds.version(name);
        if (rebuilds.start(name).isEmpty()) {
            out.println("A rebuild of " + name + " is already under way; following it");
        }
        while (true) {
            Map<String, Object> rebuild = rebuilds.rebuildOf(name);
            if (rebuild == null) {
                out.println("Rebuilt " + name + ": version " + rebuilds.version(name) + " is live (was " + from + ")");
                return 0;
            }
            out.println(progress(name, rebuild));
            if ("failed".equals(rebuild.get("status"))) {
                return 1;
            }
            try {
                Thread.sleep(PROGRESS_INTERVAL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                out.println("Interrupted; the rebuild goes on where a server runs it");
                return 1;
            }
        }
    }

    private static String progress(String name, Map<String, Object> rebuild) {
        return String.format("%s v%s %s: %s / %s events (%s %%), %s events/s, ETA %s%s", name,
                rebuild.get("target_version"), rebuild.get("status"), rebuild.get("position"), rebuild.get("head"),
                rebuild.get("percent"), rebuild.get("events_per_second"),
                rebuild.get("eta_seconds") == null ? "-" : rebuild.get("eta_seconds") + " s",
                rebuild.get("error") == null ? "" : " error: " + rebuild.get("error"));
    }

    /**
     * Reads the tokens, versions and rebuilds straight from the database, so it answers while the
     * application cannot start. Tokens are Jackson JSON: {@code {"index": n, …}}, wrapped ones
     * (replays) carry it under {@code currentToken}/{@code tokenAtReset}; merged segments have none.
     */
    private static int status(PrintStream out) {
        Map<String, Object> datasource = datasource();
        if (datasource.get("spring.datasource.url") == null) {
            out.println("projections status needs DATABASE_URL");
            return 2;
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                (String) datasource.get("spring.datasource.url"), (String) datasource.get("spring.datasource.username"),
                (String) datasource.get("spring.datasource.password")));
        try {
            long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            out.println("head " + head);
            out.printf("%-20s %10s %10s %8s  %s%n", "processor", "position", "lag", "version", "rebuild");
            for (Map<String, Object> processor : jdbc.queryForList("""
                    SELECT processor_name AS name, min(coalesce(t ->> 'index', t -> 'currentToken' ->> 'index',
                                                                t -> 'tokenAtReset' ->> 'index')::bigint) AS position
                    FROM (SELECT processor_name, CASE WHEN token IS NULL THEN NULL
                                                      ELSE convert_from(token, 'UTF8')::jsonb END AS t
                          FROM token_entry WHERE processor_name NOT LIKE '%@v%') tokens
                    GROUP BY processor_name ORDER BY processor_name""")) {
                String name = (String) processor.get("name");
                Long position = (Long) processor.get("position");
                Map<String, Object> rebuild = ProjectionRebuilds.rebuildOf(jdbc, name);
                out.printf("%-20s %10s %10s %8d  %s%n", name, position == null ? "-" : position,
                        position == null ? head : Math.max(0, head - position), ProjectionRebuilds.versionOf(jdbc, name),
                        rebuild == null ? "-" : progress(name, rebuild));
            }
            return 0;
        } catch (DataAccessException failure) {
            out.println("projections status failed: " + failure.getMessage());
            return 1;
        }
    }
}
