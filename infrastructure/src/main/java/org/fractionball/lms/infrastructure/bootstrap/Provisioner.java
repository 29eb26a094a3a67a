package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.command.accounts.ProvisionUser;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.ids.IntegerIds;
import org.fractionball.lms.command.schools.RegisterSchool;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandSender;
import org.fractionball.lms.events.shared.Role;
import org.springframework.stereotype.Component;

/**
 * Idempotent provisioning for the bootstrap command and the demo data: the same commands an
 * admin sends through the API, each applied only when the school or user does not exist yet.
 */
@Component
public class Provisioner {
    private final CommandSender commands;
    private final IntegerIds ids;
    private final SchoolDomains schools;
    private final UserRegistry users;

    public Provisioner(CommandSender commands, IntegerIds ids, SchoolDomains schools, UserRegistry users) {
        this.commands = commands;
        this.ids = ids;
        this.schools = schools;
        this.users = users;
    }

    /** The id of the school holding {@code domain}, registering it first when there is none. */
    public long ensureSchool(String name, String domain) {
        Long existing = schools.schoolIdFor(domain);
        if (existing != null) {
            return existing;
        }
        long schoolId = ids.nextSchoolId();
        commands.sendWithRetry(new RegisterSchool(schoolId, name, domain, "", "", true), "School");
        return schoolId;
    }

    /** The user linked to {@code firebaseUid}, provisioning it first when there is none. */
    public Outcome ensureUser(String firebaseUid, String username, String email, String firstName, String lastName,
                              Role role, long schoolId) {
        Long existing = users.userIdFor(firebaseUid);
        if (existing != null) {
            return new Outcome(existing, false);
        }
        long userId = ids.nextUserId();
        commands.sendWithRetry(new ProvisionUser(userId, firebaseUid, username, email, firstName, lastName, role,
                schoolId, "", true, null), "User");
        return new Outcome(userId, true);
    }

    public record Outcome(long userId, boolean created) {
    }
}
