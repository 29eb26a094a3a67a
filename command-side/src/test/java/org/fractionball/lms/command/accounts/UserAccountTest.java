package org.fractionball.lms.command.accounts;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.command.schools.InMemorySchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

class UserAccountTest {
    private static final long SCHOOL_ID = 7;
    private static final long USER_ID = 42;
    private static final Instant PROVISIONED_AT = Instant.parse("2025-03-01T09:00:00Z");

    private static final ProvisionUser PROVISION = new ProvisionUser(USER_ID, "firebase-uid-42", "jdoe",
            "jdoe@lincoln.edu", "Jane", "Doe", Role.TEACHER, SCHOOL_ID, "555-0142", true, null);

    private InMemorySchoolDomains schools;
    private InMemoryUserRegistry users;
    private FixtureConfiguration<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        schools = new InMemorySchoolDomains();
        users = new InMemoryUserRegistry();
        schools.claim("lincoln.edu", SCHOOL_ID);
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(schools);
        fixture.registerAnnotatedCommandHandler(new UserProvisioning(fixture.getRepository(), users, schools));
    }

    @Test
    void provisioningAUserPublishesUserProvisionedWithTheCommandsFields() {
        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserProvisioned(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu", "Jane",
                        "Doe", Role.TEACHER, SCHOOL_ID, "555-0142", true));
    }

    @Test
    void provisioningAnswersWithTheNewUsersState() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(PROVISIONED_AT)
                .when(PROVISION)
                .expectResultMessagePayload(new UserAccountState(USER_ID, "firebase-uid-42", "jdoe",
                        "jdoe@lincoln.edu", "Jane", "Doe", Role.TEACHER, SCHOOL_ID, "555-0142", true,
                        PROVISIONED_AT, PROVISIONED_AT, null));
    }

    @Test
    void provisioningRegistersTheUser() {
        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectSuccessfulHandlerExecution();

        assertThat(users.entries())
                .containsExactly(new InMemoryUserRegistry.Entry(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu",
                        SCHOOL_ID, true));
        assertThat(users.userIdFor("firebase-uid-42")).isEqualTo(USER_ID);
        assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
    }

    @Test
    void provisioningAnInactiveUserDoesNotCountAsActive() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionUser(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu", "Jane", "Doe",
                        Role.SCHOOL_ADMIN, SCHOOL_ID, "", false, null))
                .expectEvents(new UserProvisioned(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu", "Jane",
                        "Doe", Role.SCHOOL_ADMIN, SCHOOL_ID, "", false));

        assertThat(users.countActiveUsers(SCHOOL_ID)).isZero();
    }

    @Test
    void provisioningIntoAnUnknownSchoolIsRefusedWith400AndNoEvents() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionUser(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu", "Jane", "Doe",
                        Role.TEACHER, 99, "555-0142", true, null))
                .expectException(rejected(400, Map.of("school",
                        List.of("Invalid pk \"99\" - object does not exist."))))
                .expectNoEvents();

        assertThat(users.entries()).isEmpty();
    }

    @Test
    void provisioningIntoADeletedSchoolIsRefusedWith400() {
        schools.release(SCHOOL_ID);

        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectException(rejected(400, Map.of("school",
                        List.of("Invalid pk \"7\" - object does not exist."))))
                .expectNoEvents();

        assertThat(users.entries()).isEmpty();
    }

    @Test
    void aTakenFirebaseUidIsRefusedWith400AndNoEvents() {
        users.register(1, "firebase-uid-42", "someone-else", "", SCHOOL_ID, true);

        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectException(CommandRejected.class)
                .expectException(rejected(400, Map.of("firebase_uid",
                        List.of("A user with this Firebase UID already exists."))))
                .expectNoEvents();

        assertThat(users.entries()).hasSize(1);
    }

    @Test
    void aTakenUsernameIsRefusedWith400AndNoEvents() {
        users.register(1, "another-uid", "jdoe", "", SCHOOL_ID, true);

        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectException(rejected(400, Map.of("username",
                        List.of("A user with that username already exists."))))
                .expectNoEvents();

        assertThat(users.entries()).hasSize(1);
    }

    @Test
    void aTakenFirebaseUidIsReportedBeforeATakenUsername() {
        users.register(1, "firebase-uid-42", "jdoe", "", SCHOOL_ID, true);

        fixture.givenNoPriorActivity()
                .when(PROVISION)
                .expectException(rejected(400, Map.of("firebase_uid",
                        List.of("A user with this Firebase UID already exists."))))
                .expectNoEvents();
    }

    @Test
    void anUnknownSchoolIsReportedBeforeATakenFirebaseUid() {
        users.register(1, "firebase-uid-42", "someone-else", "", SCHOOL_ID, true);

        fixture.givenNoPriorActivity()
                .when(new ProvisionUser(USER_ID, "firebase-uid-42", "jdoe", "jdoe@lincoln.edu", "Jane", "Doe",
                        Role.TEACHER, 99, "555-0142", true, null))
                .expectException(rejected(400, Map.of("school",
                        List.of("Invalid pk \"99\" - object does not exist."))))
                .expectNoEvents();
    }
}
