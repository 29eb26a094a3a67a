package org.fractionball.lms.infrastructure;

import org.fractionball.lms.infrastructure.audit.AuditCommand;
import org.fractionball.lms.infrastructure.bootstrap.AdminCommand;
import org.fractionball.lms.infrastructure.bootstrap.OpsCommand;
import org.fractionball.lms.infrastructure.monitor.HealthMonitor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Fraction Ball LMS backend; {@code admin create …} as first arguments runs the bootstrap
 * command instead, {@code audit verify …} the event store's verification, {@code health-monitor …}
 * the health monitor (no Spring context: it watches the app from outside), {@code migrate},
 * {@code showmigrations} and {@code projections status|rebuild …} the operations commands of
 * {@link OpsCommand}.
 */
@SpringBootApplication(scanBasePackages = "org.fractionball.lms")
public class LmsApplication {

    public static void main(String[] args) {
        // Axon reports usage over the network unless told not to; this app runs offline.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCommand.run(LmsApplication.class, args, System.out));
        }
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditCommand.run(LmsApplication.class, args, System.out));
        }
        if (args.length > 0 && OpsCommand.handles(args[0])) {
            System.exit(OpsCommand.run(LmsApplication.class, args, System.out));
        }
        if (args.length > 0 && args[0].equals("health-monitor")) {
            System.exit(HealthMonitor.run(args, System.out, System.getenv()));
        }
        SpringApplication.run(LmsApplication.class, args);
    }
}
