package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The embedded quickstart's demo schools and users (contract §2.11 naming), created once through
 * commands so they are in the event store like anything else. Sign in as any of them with the
 * development sign-in: {@code POST /api/dev/sign-in/ {"uid": "admin_firebase_uid"}}.
 */
@Component
@ConditionalOnProperty(name = "lms.demo-data.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Provisioner provisioner;

    public DemoData(Provisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) {
        RequestContext.runAs("system:demo-data", this::seed);
    }

    private void seed() {
        long first = provisioner.ensureSchool("Lincoln Elementary", "school1");
        long second = provisioner.ensureSchool("Washington Elementary", "school2");
        boolean created = provisioner.ensureUser("admin_firebase_uid", "admin", "admin@fractionball.edu", "Ada",
                "Admin", Role.ADMIN, first).created();
        for (long school : new long[]{first, second}) {
            String domain = school == first ? "school1" : "school2";
            provisioner.ensureUser("school_admin_" + domain + "_firebase_uid", "admin_" + domain,
                    "admin@" + domain + ".edu", "Sam", "Principal", Role.SCHOOL_ADMIN, school);
            for (int n = 1; n <= 2; n++) {
                String username = "teacher" + n + "_" + domain;
                provisioner.ensureUser("teacher_" + username + "_firebase_uid", username,
                        username + "@" + domain + ".edu", "Terry" + n, "Teacher", Role.TEACHER, school);
            }
        }
        if (created) {
            log.info("Demo data created: schools school1 and school2; sign in with POST /api/dev/sign-in/ "
                    + "{\"uid\": \"admin_firebase_uid\"} (or school_admin_school1_firebase_uid, "
                    + "teacher_teacher1_school1_firebase_uid)");
        }
    }
}
