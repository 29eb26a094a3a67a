package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code java -jar lms.jar audit verify [--from <position>] [--to <position>]}: recomputes the event
 * store's tamper evidence with the server's own configuration (database, seal key), prints the
 * report as JSON and exits 0 when intact, 1 when a check failed (or the run did), 2 on bad usage.
 */
public final class AuditCommand {
    static final String USAGE = "usage: audit verify [--from <position>] [--to <position>]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditCommand() {
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        long[] range = parse(args);
        if (range == null) {
            out.println(USAGE);
            return 2;
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("lms.demo-data.enabled", "false", "spring.main.banner-mode", "off",
                "lms.scheduling.enabled", "false"));
        try (ConfigurableApplicationContext context = app.run()) {
            long to = range[1] > 0 ? range[1] : context.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            EventStoreVerifier.Verification verification = context.getBean(EventStoreVerifier.class)
                    .verify(range[0], to);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(VerificationReport.of(verification)));
            return verification.valid() ? 0 : 1;
        } catch (RuntimeException | JsonProcessingException failure) {
            out.println("audit verify failed: " + failure.getMessage());
            return 1;
        }
    }

    /** {from, to} (to 0: the head); null when the words are not {@code verify [--from n] [--to n]}. */
    private static long[] parse(String[] args) {
        if (args.length < 2 || !"verify".equals(args[1]) || args.length % 2 != 0) {
            return null;
        }
        long[] range = {1, 0};
        for (int i = 2; i < args.length; i += 2) {
            int slot = switch (args[i]) {
                case "--from" -> 0;
                case "--to" -> 1;
                default -> -1;
            };
            if (slot < 0) {
                return null;
            }
            try {
                range[slot] = Long.parseLong(args[i + 1]);
            } catch (NumberFormatException notANumber) {
                return null;
            }
            if (range[slot] < 1) {
                return null;
            }
        }
        return range[1] > 0 && range[1] < range[0] ? null : range;
    }
}
