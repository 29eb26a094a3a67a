package org.fractionball.lms.command.accounts;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.command.schools.InMemorySchoolDomains;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Shared given phase of the {@link UserAccount} tests: two registered schools, user 42 ("jdoe", a teacher of
 * school 7) provisioned at {@link #PROVISIONED_AT} and registered in the in-memory registry, and the callers
 * that act on it. Commands run at {@link #CHANGED_AT}.
 */
abstract class UserAccountFixtureSupport {
    static final long SCHOOL_ID = 7;
    static final long OTHER_SCHOOL_ID = 8;
    static final long UNKNOWN_SCHOOL_ID = 99;
    static final long USER_ID = 42;
    static final long OTHER_USER_ID = 43;
    static final String UID = "firebase-uid-42";
    static final Instant PROVISIONED_AT = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant CHANGED_AT = Instant.parse("2025-03-02T10:30:00Z");

    static final Caller ADMIN = new Caller(1, "admin-uid", Role.ADMIN, SCHOOL_ID);
    static final Caller SCHOOL_ADMIN = new Caller(2, "school-admin-uid", Role.SCHOOL_ADMIN, SCHOOL_ID);
    static final Caller OTHER_SCHOOL_ADMIN =
            new Caller(3, "other-school-admin-uid", Role.SCHOOL_ADMIN, OTHER_SCHOOL_ID);
    static final Caller TEACHER = new Caller(4, "teacher-uid", Role.TEACHER, SCHOOL_ID);
    static final Caller AUDITOR = new Caller(5, "auditor-uid", Role.AUDITOR, SCHOOL_ID);
    /** User 42 itself, as the /api/me/ endpoints send it. */
    static final Caller SELF = new Caller(USER_ID, UID, Role.TEACHER, SCHOOL_ID);

    static final Map<String, String> OUTSIDE_SCHOOL = Map.of("error", "Cannot manage users outside your school");
    static final Map<String, String> PRIVILEGED_ROLE = Map.of("error", "Cannot assign system admin role");
    static final Map<String, String> PRIVILEGED_USER = Map.of("error", "Cannot manage system admins");
    static final Map<String, String> OWN_ROLE = Map.of("error", "Cannot change your own role");
    static final Map<String, String> OWN_DEACTIVATION = Map.of("error", "Cannot deactivate your own account");
    static final Map<String, String> OWN_REMOVAL = Map.of("error", "Cannot delete your own account");
    static final Map<String, List<String>> USERNAME_TAKEN =
            Map.of("username", List.of("A user with that username already exists."));
    static final Map<String, List<String>> EMAIL_TAKEN =
            Map.of("email", List.of("A user with this email already exists."));
    static final Map<String, List<String>> UNKNOWN_SCHOOL =
            Map.of("school", List.of("Invalid pk \"99\" - object does not exist."));

    InMemorySchoolDomains schools;
    InMemoryUserRegistry users;
    FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUpFixture() {
        schools = new InMemorySchoolDomains();
        users = new InMemoryUserRegistry();
        schools.claim("lincoln.edu", SCHOOL_ID);
        schools.claim("jefferson.edu", OTHER_SCHOOL_ID);
        fixture = newFixture();
    }

    /** A fixture on the same registries; resources first: the fixture refuses them once a handler is registered. */
    FixtureConfiguration<UserAccount> newFixture() {
        FixtureConfiguration<UserAccount> configuration = new AggregateTestFixture<>(UserAccount.class);
        configuration.registerInjectableResource(users);
        configuration.registerInjectableResource(schools);
        configuration.registerAnnotatedCommandHandler(
                new UserProvisioning(configuration.getRepository(), users, schools));
        return configuration;
    }

    static UserProvisioned provisioned(Role role, boolean active) {
        return new UserProvisioned(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", "Jane", "Doe", role, SCHOOL_ID,
                "555-0142", active);
    }

    /** An active teacher of school 7. */
    TestExecutor<UserAccount> givenTeacher() {
        return givenUser(Role.TEACHER, true);
    }

    /** User 42 with {@code role}, provisioned and registered at PROVISIONED_AT; the command runs at CHANGED_AT. */
    TestExecutor<UserAccount> givenUser(Role role, boolean active) {
        users.register(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", SCHOOL_ID, active);
        return fixture.givenCurrentTime(PROVISIONED_AT)
                .andGiven(provisioned(role, active))
                .andGivenCurrentTime(CHANGED_AT);
    }

    /** User 42 as provisioned ("jdoe", a teacher of school 7), after commands that changed at most its activity. */
    static UserAccountState teacher(boolean active, Instant updatedAt, Instant lastLogin) {
        return new UserAccountState(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", "Jane", "Doe", Role.TEACHER, SCHOOL_ID,
                "555-0142", active, PROVISIONED_AT, updatedAt, lastLogin);
    }

    /** The registry as the JDBC table would hold user 42 now. */
    InMemoryUserRegistry.Entry registered(String username, String emailKey, long schoolId, boolean active) {
        return new InMemoryUserRegistry.Entry(USER_ID, UID, username, emailKey, schoolId, active);
    }

    /** The exception's own class, not a subclass (expectException(Class) accepts subclasses). */
    static Matcher<Throwable> exactly(Class<? extends Throwable> type) {
        return new CustomTypeSafeMatcher<>("exactly " + type.getName()) {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return actual.getClass() == type;
            }
        };
    }
}
