package org.fractionball.lms.command.accounts;

import org.axonframework.test.aggregate.TestExecutor;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

class PersonalDataErasureTest extends UserAccountFixtureSupport {
    private static final String ERASED = PersonalData.ERASED;
    private static final Map<String, String> ERASED_USER = Map.of("error",
            "The personal data of this user was erased; the account cannot be changed or reactivated");

    /** Subjects whose key was destroyed, in order; a subject appears again when erased again. */
    private final List<String> erasedKeys = new ArrayList<>();

    @BeforeEach
    void erasure() {
        fixture.registerAnnotatedCommandHandler(new PersonalDataErasure(fixture.getRepository(), subject -> {
            boolean first = !erasedKeys.contains(subject);
            erasedKeys.add(subject);
            return first;
        }, users, fixture.getEventBus()));
    }

    @Test
    void erasingALiveUserDestroysItsKeyScrubsTheRegistryAndDeactivatesItForGood() {
        givenTeacher()
                .when(new ErasePersonalData(USER_ID, ADMIN))
                .expectEvents(new PersonalDataErased(USER_ID))
                .expectResultMessagePayload(true);

        assertThat(erasedKeys).containsExactly("user-42");
        assertThat(users.entries()).containsExactly(registered("erased-42", "", SCHOOL_ID, false));
    }

    @Test
    void theStateOfAnErasedUserHoldsNothingPersonal() {
        givenErased()
                .when(new DeactivateUser(USER_ID, "again", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(new ActivityChange(false, new UserAccountState(USER_ID, UID, ERASED,
                        ERASED, ERASED, ERASED, Role.TEACHER, SCHOOL_ID, ERASED, false, PROVISIONED_AT, CHANGED_AT,
                        null)));
    }

    @Test
    void erasingTwiceChangesNothing() {
        givenErased()
                .when(new ErasePersonalData(USER_ID, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(false);

        assertThat(erasedKeys).isEmpty();
    }

    @Test
    void anErasedUserCannotBeReactivatedOrEdited() {
        givenErased()
                .when(new ReactivateUser(USER_ID, ADMIN))
                .expectNoEvents()
                .expectException(rejected(400, ERASED_USER));
        newFixture().givenCurrentTime(PROVISIONED_AT)
                .andGiven(provisioned(Role.TEACHER, true), new PersonalDataErased(USER_ID))
                .when(new UpdateUser(USER_ID, null, "new@lincoln.edu", null, null, null, null, null, null, ADMIN))
                .expectNoEvents()
                .expectException(rejected(400, ERASED_USER));
    }

    @Test
    void noOneErasesThemselves() {
        givenTeacher()
                .when(new ErasePersonalData(USER_ID, SELF))
                .expectNoEvents()
                .expectException(rejected(400, Map.of("error", "Cannot erase your own personal data")));

        assertThat(erasedKeys).isEmpty();
    }

    @Test
    void aRemovedUsersDataIsErasedWithAnEventOfItsOwn() {
        givenTeacher()
                .andGiven(new UserRemoved(USER_ID))
                .when(new ErasePersonalData(USER_ID, ADMIN))
                .expectEvents(new PersonalDataErased(USER_ID))
                .expectResultMessagePayload(true);

        assertThat(erasedKeys).containsExactly("user-42");
    }

    private TestExecutor<UserAccount> givenErased() {
        return givenTeacher().andGiven(new PersonalDataErased(USER_ID));
    }
}
