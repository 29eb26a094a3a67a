package org.fractionball.lms.command.accounts;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/** {@link ChangeUserRole}, {@link DeactivateUser}, {@link ReactivateUser} and {@link RemoveUser}. */
class UserAccountAdministrationTest extends UserAccountFixtureSupport {

    @Nested
    class ChangingTheRole {

        @Test
        void anAdminMakingATeacherSchoolAdminPublishesUserRoleChanged() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.SCHOOL_ADMIN));
        }

        @Test
        void anAdminMayGrantAdmin() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.ADMIN, ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.ADMIN));
        }

        @Test
        void anAdminMayDemoteAnAdmin() {
            givenUser(Role.ADMIN, true)
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.ADMIN, Role.TEACHER));
        }

        @Test
        void answersWithThePreviousRoleAndTheNewState() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, ADMIN))
                    .expectResultMessagePayload(new RoleChange(Role.TEACHER, new UserAccountState(USER_ID, UID,
                            "jdoe", "jdoe@lincoln.edu", "Jane", "Doe", Role.SCHOOL_ADMIN, SCHOOL_ID, "555-0142", true,
                            PROVISIONED_AT, CHANGED_AT, null)));
        }

        @Test
        void answersWithTheUnchangedRoleWhenItIsTheSame() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, ADMIN))
                    .expectResultMessagePayload(new RoleChange(Role.TEACHER, new UserAccountState(USER_ID, UID,
                            "jdoe", "jdoe@lincoln.edu", "Jane", "Doe", Role.TEACHER, SCHOOL_ID, "555-0142", true,
                            PROVISIONED_AT, PROVISIONED_AT, null)));
        }

        @Test
        void theSameRolePublishesNothing() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void changingItsOwnRoleIsRefusedWith400() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, SELF))
                    .expectException(rejected(400, OWN_ROLE))
                    .expectNoEvents();
        }

        @Test
        void itsOwnRoleIsRefusedEvenWhenUnchanged() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, SELF))
                    .expectException(rejected(400, OWN_ROLE))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminMayMakeATeacherOfItsSchoolSchoolAdmin() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, SCHOOL_ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.SCHOOL_ADMIN));
        }

        @Test
        void aSchoolAdminMayDemoteASchoolAdminOfItsSchool() {
            givenUser(Role.SCHOOL_ADMIN, true)
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, SCHOOL_ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.SCHOOL_ADMIN, Role.TEACHER));
        }

        @Test
        void aSchoolAdminGrantingAdminIsRefusedWith403() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.ADMIN, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_ROLE))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminGrantingAuditorIsRefusedWith403() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.AUDITOR, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_ROLE))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminOfAnotherSchoolIsRefusedWith403() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, OTHER_SCHOOL_ADMIN))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminChangingAnAdminOfItsSchoolIsRefusedWith403() {
            givenUser(Role.ADMIN, true)
                    .when(new ChangeUserRole(USER_ID, Role.TEACHER, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminChangingAnAdminToItsCurrentRoleIsRefusedWith403() {
            givenUser(Role.ADMIN, true)
                    .when(new ChangeUserRole(USER_ID, Role.ADMIN, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }

        @Test
        void aTeacherChangingAnotherUsersRoleIsRefusedWith403() {
            givenTeacher()
                    .when(new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, TEACHER))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }
    }

    @Nested
    class Deactivating {

        @Test
        void anActiveUserPublishesUserDeactivatedWithTheReason() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, "Left the school"));
        }

        @Test
        void anActiveUserIsNoLongerActiveInTheRegistry() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "", SCHOOL_ID, true);

            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", ADMIN))
                    .expectSuccessfulHandlerExecution();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
            assertThat(users.entries()).contains(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, false));
        }

        @Test
        void answersWithTheInactiveState() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", ADMIN))
                    .expectResultMessagePayload(new ActivityChange(true, teacher(false, CHANGED_AT, null)));
        }

        @Test
        void anInactiveUserPublishesNothingAndAnswersThatItIsInactive() {
            givenUser(Role.TEACHER, false)
                    .when(new DeactivateUser(USER_ID, "Left the school", ADMIN))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ActivityChange(false, teacher(false, PROVISIONED_AT, null)));
        }

        @Test
        void aUserDeactivatedEarlierPublishesNothing() {
            users.register(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", SCHOOL_ID, false);

            fixture.givenCurrentTime(PROVISIONED_AT)
                    .andGiven(provisioned(Role.TEACHER, true), new UserDeactivated(USER_ID, "Left the school"))
                    .andGivenCurrentTime(CHANGED_AT)
                    .when(new DeactivateUser(USER_ID, "Again", ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deactivatingItselfIsRefusedWith400() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Leaving", SELF))
                    .expectException(rejected(400, OWN_DEACTIVATION))
                    .expectNoEvents();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void aSchoolAdminMayDeactivateATeacherOfItsSchool() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", SCHOOL_ADMIN))
                    .expectEvents(new UserDeactivated(USER_ID, "Left the school"));
        }

        @Test
        void aSchoolAdminOfAnotherSchoolIsRefusedWith403() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", OTHER_SCHOOL_ADMIN))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void aSchoolAdminDeactivatingAnAdminIsRefusedWith403() {
            givenUser(Role.ADMIN, true)
                    .when(new DeactivateUser(USER_ID, "Left the school", SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }

        @Test
        void aTeacherDeactivatingAnotherUserIsRefusedWith403() {
            givenTeacher()
                    .when(new DeactivateUser(USER_ID, "Left the school", TEACHER))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reactivating {

        @Test
        void anInactiveUserPublishesUserReactivated() {
            givenUser(Role.TEACHER, false)
                    .when(new ReactivateUser(USER_ID, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserReactivated(USER_ID));
        }

        @Test
        void anInactiveUserIsActiveAgainInTheRegistry() {
            givenUser(Role.TEACHER, false)
                    .when(new ReactivateUser(USER_ID, ADMIN))
                    .expectSuccessfulHandlerExecution();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void aDeactivatedUserPublishesUserReactivated() {
            users.register(USER_ID, UID, "jdoe", "jdoe@lincoln.edu", SCHOOL_ID, false);

            fixture.givenCurrentTime(PROVISIONED_AT)
                    .andGiven(provisioned(Role.TEACHER, true), new UserDeactivated(USER_ID, "Left the school"))
                    .andGivenCurrentTime(CHANGED_AT)
                    .when(new ReactivateUser(USER_ID, SCHOOL_ADMIN))
                    .expectEvents(new UserReactivated(USER_ID))
                    .expectResultMessagePayload(new ActivityChange(true, teacher(true, CHANGED_AT, null)));
        }

        @Test
        void anActiveUserPublishesNothing() {
            givenTeacher()
                    .when(new ReactivateUser(USER_ID, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ActivityChange(false, teacher(true, PROVISIONED_AT, null)));
        }

        @Test
        void aSchoolAdminOfAnotherSchoolIsRefusedWith403() {
            givenUser(Role.TEACHER, false)
                    .when(new ReactivateUser(USER_ID, OTHER_SCHOOL_ADMIN))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isZero();
        }

        @Test
        void aSchoolAdminReactivatingAnAdminIsRefusedWith403() {
            givenUser(Role.ADMIN, false)
                    .when(new ReactivateUser(USER_ID, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }
    }

    @Nested
    class Removing {

        @Test
        void removingPublishesUserRemovedAndDeletesTheAggregate() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRemoved(USER_ID))
                    .expectMarkedDeleted();
        }

        @Test
        void removingDropsTheRegistryEntry() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, ADMIN))
                    .expectSuccessfulHandlerExecution();

            assertThat(users.entries()).isEmpty();
            assertThat(users.userIdFor(UID)).isNull();
            assertThat(users.schoolOf(USER_ID)).isNull();
            assertThat(users.countActiveUsers(SCHOOL_ID)).isZero();
        }

        @Test
        void theUidUsernameAndEmailOfARemovedUserCanBeProvisionedAgain() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, ADMIN))
                    .expectEvents(new UserRemoved(USER_ID));

            newFixture().givenNoPriorActivity()
                    .when(new ProvisionUser(OTHER_USER_ID, UID, "jdoe", "jdoe@lincoln.edu", "Jane", "Doe",
                            Role.TEACHER, SCHOOL_ID, "555-0142", true, ADMIN))
                    .expectEvents(new UserProvisioned(OTHER_USER_ID, UID, "jdoe", "jdoe@lincoln.edu", "Jane", "Doe",
                            Role.TEACHER, SCHOOL_ID, "555-0142", true));

            assertThat(users.userIdFor(UID)).isEqualTo(OTHER_USER_ID);
        }

        @Test
        void aSchoolAdminMayRemoveATeacherOfItsSchool() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, SCHOOL_ADMIN))
                    .expectEvents(new UserRemoved(USER_ID));
        }

        @Test
        void removingItselfIsRefusedWith400() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, SELF))
                    .expectException(rejected(400, OWN_REMOVAL))
                    .expectNoEvents();

            assertThat(users.userIdFor(UID)).isEqualTo(USER_ID);
        }

        @Test
        void anAdminRemovingItselfIsRefusedWith400() {
            givenUser(Role.ADMIN, true)
                    .when(new RemoveUser(USER_ID, new Caller(USER_ID, UID, Role.ADMIN, SCHOOL_ID)))
                    .expectException(rejected(400, OWN_REMOVAL))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminOfAnotherSchoolIsRefusedWith403() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, OTHER_SCHOOL_ADMIN))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();

            assertThat(users.userIdFor(UID)).isEqualTo(USER_ID);
        }

        @Test
        void aSchoolAdminRemovingAnAdminIsRefusedWith403() {
            givenUser(Role.ADMIN, true)
                    .when(new RemoveUser(USER_ID, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }

        @Test
        void aTeacherRemovingAnotherUserIsRefusedWith403() {
            givenTeacher()
                    .when(new RemoveUser(USER_ID, TEACHER))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }

        static Stream<Object> commandsAfterRemoval() {
            return Stream.of(
                    new UpdateUser(USER_ID, null, null, "Janet", null, null, null, null, null, ADMIN),
                    new ChangeUserRole(USER_ID, Role.SCHOOL_ADMIN, ADMIN),
                    new DeactivateUser(USER_ID, "Left the school", ADMIN),
                    new ReactivateUser(USER_ID, ADMIN),
                    new RemoveUser(USER_ID, ADMIN),
                    new RecordSignIn(USER_ID, Duration.ofHours(1)));
        }

        @ParameterizedTest
        @MethodSource("commandsAfterRemoval")
        void aRemovedUserRefusesEveryCommand(Object command) {
            fixture.given(provisioned(Role.TEACHER, true), new UserRemoved(USER_ID))
                    .when(command)
                    .expectException(exactly(AggregateDeletedException.class))
                    .expectNoEvents();
        }
    }
}
