package org.fractionball.lms.command.accounts;

import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/**
 * {@link RecordSignIn} with a one-hour session window, and the {@code lastLogin} it leaves in the state.
 * The event's timestamp is the sign-in time; the fixture stamps given events with its current time.
 */
class UserAccountSignInTest extends UserAccountFixtureSupport {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Instant SIGNED_IN_AT = Instant.parse("2025-03-02T10:00:00Z");

    /** User 42 provisioned at {@code provisionedAt}, signed in at {@code signedInAt}; commands run at {@code now}. */
    private TestExecutor<UserAccount> givenSignedIn(Instant provisionedAt, Instant signedInAt, Instant now) {
        users.register(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true);
        return fixture.givenCurrentTime(provisionedAt)
                .andGiven(provisioned(Role.TEACHER, true))
                .andGivenCurrentTime(signedInAt)
                .andGiven(new UserSignedIn(USER_ID))
                .andGivenCurrentTime(now);
    }

    @Test
    void aFirstSignInIsRecorded() {
        givenTeacher()
                .when(new RecordSignIn(USER_ID, WINDOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserSignedIn(USER_ID));
    }

    @Test
    void aSignInTwoHoursAfterTheLastIsRecorded() {
        givenSignedIn(PROVISIONED_AT, SIGNED_IN_AT, SIGNED_IN_AT.plus(Duration.ofHours(2)))
                .when(new RecordSignIn(USER_ID, WINDOW))
                .expectEvents(new UserSignedIn(USER_ID));
    }

    @Test
    void aSignInTenMinutesAfterTheLastIsNotRecorded() {
        givenSignedIn(PROVISIONED_AT, SIGNED_IN_AT, SIGNED_IN_AT.plus(Duration.ofMinutes(10)))
                .when(new RecordSignIn(USER_ID, WINDOW))
                .expectNoEvents();
    }

    @Test
    void theStateAfterASignInCarriesItsTimeAsLastLogin() {
        givenSignedIn(PROVISIONED_AT, SIGNED_IN_AT, CHANGED_AT)
                .when(new ReactivateUser(USER_ID, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityChange(false, teacher(true, PROVISIONED_AT, SIGNED_IN_AT)));
    }

    @Test
    void laterChangesKeepTheLastLogin() {
        givenSignedIn(PROVISIONED_AT, SIGNED_IN_AT, CHANGED_AT)
                .when(new DeactivateUser(USER_ID, "Left the school", ADMIN))
                .expectResultMessagePayload(new ActivityChange(true, teacher(false, CHANGED_AT, SIGNED_IN_AT)));
    }

    @Test
    void aUserWhoNeverSignedInHasNoLastLogin() {
        givenTeacher()
                .when(new ReactivateUser(USER_ID, ADMIN))
                .expectResultMessagePayload(new ActivityChange(false, teacher(true, PROVISIONED_AT, null)));
    }
}
