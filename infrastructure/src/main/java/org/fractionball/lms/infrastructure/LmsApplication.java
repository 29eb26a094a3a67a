package org.fractionball.lms.infrastructure;

import org.fractionball.lms.infrastructure.audit.AuditCommand;
import org.fractionball.lms.infrastructure.bootstrap.AdminCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Fraction Ball LMS backend; {@code admin create …} or {@code audit verify …} as first arguments runs that command instead. */
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
        SpringApplication.run(LmsApplication.class, args);
    }
}
