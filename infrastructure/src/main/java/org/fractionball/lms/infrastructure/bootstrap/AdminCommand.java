package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar lms.jar admin create --uid <firebase uid> --email <email> [--username <name>]
 * [--school <id>]}: bootstraps the first ADMIN with the server's own configuration, then exits.
 * Idempotent: a uid that is already provisioned is reported and left as it is. Without
 * {@code --school} the admin belongs to a "System Administration" school (domain {@code system.local}),
 * registered on first use.
 */
public final class AdminCommand {
    static final String USAGE = "usage: admin create --uid <firebase uid> --email <email> [--username <name>] "
            + "[--school <school id>]";

    private AdminCommand() {
    }

    public static int run(Class<?> application, String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        if (options == null || !options.containsKey("uid") || !options.containsKey("email")) {
            out.println(USAGE);
            return 2;
        }
        String uid = options.get("uid");
        String email = options.get("email");
        String username = options.getOrDefault("username", email.substring(0, Math.max(1, email.indexOf('@')))
                .replaceAll("[^A-Za-z0-9@.+_-]", "_").toLowerCase(Locale.ROOT));
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("lms.demo-data.enabled", "false", "spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext context = app.run()) {
            Provisioner provisioner = context.getBean(Provisioner.class);
            Provisioner.Outcome[] outcome = new Provisioner.Outcome[1];
            RequestContext.runAs("system:admin-cli", () -> {
                long schoolId = options.containsKey("school") ? Long.parseLong(options.get("school"))
                        : provisioner.ensureSchool("System Administration", "system.local");
                outcome[0] = provisioner.ensureUser(uid, username, email, "", "", Role.ADMIN, schoolId);
            });
            out.println((outcome[0].created() ? "Created ADMIN user " : "User already provisioned: id ")
                    + outcome[0].userId() + " (uid " + uid + ")");
            return 0;
        } catch (RuntimeException failure) {
            out.println("admin create failed: " + failure.getMessage());
            return 1;
        }
    }

    /** {@code create --key value ...}; null when the words are not of that form. */
    private static Map<String, String> parse(String[] args) {
        if (args.length < 2 || !"create".equals(args[1]) || args.length % 2 != 0) {
            return null;
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
