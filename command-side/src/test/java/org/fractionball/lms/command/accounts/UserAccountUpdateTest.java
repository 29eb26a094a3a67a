package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserMovedToSchool;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

/** {@link UpdateUser}: the PUT/PATCH of /api/users/{id}/ by administrators and of /api/me/ by the user itself. */
class UserAccountUpdateTest extends UserAccountFixtureSupport {

    private static UpdateUser details(String username, String email, String firstName, String lastName, String phone,
                                      Caller by) {
        return new UpdateUser(USER_ID, username, email, firstName, lastName, phone, null, null, null, by);
    }

    private static UpdateUser role(Role role, Caller by) {
        return new UpdateUser(USER_ID, null, null, null, null, null, role, null, null, by);
    }

    private static UpdateUser school(long schoolId, Caller by) {
        return new UpdateUser(USER_ID, null, null, null, null, null, null, schoolId, null, by);
    }

    private static UpdateUser active(boolean active, Caller by) {
        return new UpdateUser(USER_ID, null, null, null, null, null, null, null, active, by);
    }

    @Nested
    class ByAnAdmin {

        @Test
        void changingAllDetailsPublishesOneUserDetailsChanged() {
            givenTeacher()
                    .when(details("jsmith", "jsmith@lincoln.edu", "Janet", "Smith", "555-0199", ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDetailsChanged(USER_ID, "jsmith", "jsmith@lincoln.edu", "Janet", "Smith",
                            "555-0199"));
        }

        @Test
        void changingTheUsernameAndEmailUpdatesTheRegistry() {
            givenTeacher()
                    .when(details("jsmith", "JSmith@Lincoln.edu", null, null, null, ADMIN))
                    .expectSuccessfulHandlerExecution();

            assertThat(users.entries()).containsExactly(registered("jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void nullFieldsKeepTheirValues() {
            givenTeacher()
                    .when(details(null, null, "Janet", null, null, ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "jdoe@lincoln.edu", "Janet", "Doe",
                            "555-0142"));
        }

        @Test
        void emptyStringsReplaceValues() {
            givenTeacher()
                    .when(details(null, "", null, null, "", ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "", "Jane", "Doe", ""));
        }

        @Test
        void identicalValuesPublishNothing() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jdoe", "jdoe@lincoln.edu", "Jane", "Doe", "555-0142",
                            Role.TEACHER, SCHOOL_ID, true, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anAllNullUpdatePublishesNothing() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, null, null, null, null, null, null, null, null, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anEmailChangingOnlyInCaseIsADetailChange() {
            givenTeacher()
                    .when(details(null, "JDoe@Lincoln.edu", null, null, null, ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "JDoe@Lincoln.edu", "Jane", "Doe",
                            "555-0142"));

            assertThat(users.entries()).containsExactly(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void changingTheRolePublishesUserRoleChangedWithTheOldAndNewRole() {
            givenTeacher()
                    .when(role(Role.SCHOOL_ADMIN, ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.SCHOOL_ADMIN));
        }

        @Test
        void grantingAdminPublishesUserRoleChanged() {
            givenTeacher()
                    .when(role(Role.ADMIN, ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.ADMIN));
        }

        @Test
        void theCurrentRolePublishesNothing() {
            givenTeacher()
                    .when(role(Role.TEACHER, ADMIN))
                    .expectNoEvents();
        }

        @Test
        void movingToARegisteredSchoolPublishesUserMovedToSchool() {
            givenTeacher()
                    .when(school(OTHER_SCHOOL_ID, ADMIN))
                    .expectEvents(new UserMovedToSchool(USER_ID, SCHOOL_ID, OTHER_SCHOOL_ID));
        }

        @Test
        void movingToARegisteredSchoolUpdatesTheRegistry() {
            givenTeacher()
                    .when(school(OTHER_SCHOOL_ID, ADMIN))
                    .expectSuccessfulHandlerExecution();

            assertThat(users.schoolOf(USER_ID)).isEqualTo(OTHER_SCHOOL_ID);
            assertThat(users.countActiveUsers(SCHOOL_ID)).isZero();
            assertThat(users.countActiveUsers(OTHER_SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void theCurrentSchoolPublishesNothing() {
            givenTeacher()
                    .when(school(SCHOOL_ID, ADMIN))
                    .expectNoEvents();
        }

        @Test
        void movingToAnUnregisteredSchoolIsRefusedWith400() {
            givenTeacher()
                    .when(school(UNKNOWN_SCHOOL_ID, ADMIN))
                    .expectException(rejected(400, UNKNOWN_SCHOOL))
                    .expectNoEvents();

            assertThat(users.schoolOf(USER_ID)).isEqualTo(SCHOOL_ID);
        }

        @Test
        void movingToADeletedSchoolIsRefusedWith400() {
            schools.release(OTHER_SCHOOL_ID);

            givenTeacher()
                    .when(school(OTHER_SCHOOL_ID, ADMIN))
                    .expectException(rejected(400, Map.of("school",
                            List.of("Invalid pk \"8\" - object does not exist."))))
                    .expectNoEvents();
        }

        @Test
        void anUnregisteredSchoolIsRefusedBeforeTheRegistryIsWritten() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jsmith", null, null, null, null, null, UNKNOWN_SCHOOL_ID, null,
                            ADMIN))
                    .expectException(rejected(400, UNKNOWN_SCHOOL))
                    .expectNoEvents();

            assertThat(users.entries()).containsExactly(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void activeFalsePublishesUserDeactivatedWithoutAReason() {
            givenTeacher()
                    .when(active(false, ADMIN))
                    .expectEvents(new UserDeactivated(USER_ID, "No reason provided"));

            assertThat(users.countActiveUsers(SCHOOL_ID)).isZero();
        }

        @Test
        void activeTrueOnAnInactiveUserPublishesUserReactivated() {
            givenUser(Role.TEACHER, false)
                    .when(active(true, ADMIN))
                    .expectEvents(new UserReactivated(USER_ID));

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void activeTrueOnAnActiveUserPublishesNothing() {
            givenTeacher()
                    .when(active(true, ADMIN))
                    .expectNoEvents();
        }

        @Test
        void activeFalseOnAnInactiveUserPublishesNothing() {
            givenUser(Role.TEACHER, false)
                    .when(active(false, ADMIN))
                    .expectNoEvents();
        }

        @Test
        void everyChangeAtOncePublishesDetailsRoleMoveAndActivityInThatOrder() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jsmith", null, null, null, null, Role.SCHOOL_ADMIN,
                            OTHER_SCHOOL_ID, false, ADMIN))
                    .expectEvents(
                            new UserDetailsChanged(USER_ID, "jsmith", "jdoe@lincoln.edu", "Jane", "Doe", "555-0142"),
                            new UserRoleChanged(USER_ID, Role.TEACHER, Role.SCHOOL_ADMIN),
                            new UserMovedToSchool(USER_ID, SCHOOL_ID, OTHER_SCHOOL_ID),
                            new UserDeactivated(USER_ID, "No reason provided"));

            assertThat(users.entries()).containsExactly(registered("jsmith", "jdoe@lincoln.edu", OTHER_SCHOOL_ID,
                    false));
        }

        @Test
        void aUsernameTakenByAnotherUserIsRefusedWith400() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true);

            givenTeacher()
                    .when(details("jsmith", null, null, null, null, ADMIN))
                    .expectException(rejected(400, USERNAME_TAKEN))
                    .expectNoEvents();

            assertThat(users.userIdFor(UID)).isEqualTo(USER_ID);
            assertThat(users.entries()).contains(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void anEmailTakenByAnotherUserIsRefusedWith400IgnoringCase() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true);

            givenTeacher()
                    .when(details(null, "JSMITH@lincoln.EDU", null, null, null, ADMIN))
                    .expectException(rejected(400, EMAIL_TAKEN))
                    .expectNoEvents();
        }

        @Test
        void aTakenUsernameIsReportedBeforeATakenEmail() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true);

            givenTeacher()
                    .when(details("jsmith", "jsmith@lincoln.edu", null, null, null, ADMIN))
                    .expectException(rejected(400, USERNAME_TAKEN))
                    .expectNoEvents();
        }

        @Test
        void aTakenUsernameRefusesTheWholeUpdate() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true);

            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jsmith", null, "Janet", null, null, Role.SCHOOL_ADMIN,
                            OTHER_SCHOOL_ID, false, ADMIN))
                    .expectException(rejected(400, USERNAME_TAKEN))
                    .expectNoEvents();

            assertThat(users.entries()).contains(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void blankEmailsNeverCollide() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "", SCHOOL_ID, true);

            givenTeacher()
                    .when(details(null, "", null, null, null, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "", "Jane", "Doe", "555-0142"));

            assertThat(users.entries()).contains(registered("jdoe", "", SCHOOL_ID, true));
        }

        @Test
        void answersWithTheChangedState() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jsmith", "jsmith@lincoln.edu", "Janet", "Smith", "555-0199",
                            Role.SCHOOL_ADMIN, OTHER_SCHOOL_ID, false, ADMIN))
                    .expectResultMessagePayload(new UserAccountState(USER_ID, UID, "jsmith", "jsmith@lincoln.edu",
                            "Janet", "Smith", Role.SCHOOL_ADMIN, OTHER_SCHOOL_ID, "555-0199", false, PROVISIONED_AT,
                            CHANGED_AT, null));
        }

        @Test
        void answersWithTheUnchangedStateWhenNothingChanged() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, null, null, null, null, null, null, null, null, ADMIN))
                    .expectResultMessagePayload(new UserAccountState(USER_ID, UID, "jdoe", "jdoe@lincoln.edu",
                            "Jane", "Doe", Role.TEACHER, SCHOOL_ID, "555-0142", true, PROVISIONED_AT,
                            PROVISIONED_AT, null));
        }
    }

    @Nested
    class ByASchoolAdmin {

        @Test
        void changingATeacherOfItsSchoolIsAllowed() {
            givenTeacher()
                    .when(details("jsmith", "jsmith@lincoln.edu", "Janet", "Smith", "555-0199", SCHOOL_ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jsmith", "jsmith@lincoln.edu", "Janet", "Smith",
                            "555-0199"));
        }

        @Test
        void changingASchoolAdminOfItsSchoolIsAllowed() {
            givenUser(Role.SCHOOL_ADMIN, true)
                    .when(details(null, null, "Janet", null, null, SCHOOL_ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "jdoe@lincoln.edu", "Janet", "Doe",
                            "555-0142"));
        }

        @Test
        void theSchoolInTheCommandIsIgnored() {
            givenTeacher()
                    .when(school(OTHER_SCHOOL_ID, SCHOOL_ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();

            assertThat(users.schoolOf(USER_ID)).isEqualTo(SCHOOL_ID);
        }

        @Test
        void anUnregisteredSchoolInTheCommandIsIgnoredToo() {
            givenTeacher()
                    .when(school(UNKNOWN_SCHOOL_ID, SCHOOL_ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theSchoolIsIgnoredWhileTheOtherChangesApply() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, null, null, "Janet", null, null, null, OTHER_SCHOOL_ID, null,
                            SCHOOL_ADMIN))
                    .expectEvents(new UserDetailsChanged(USER_ID, "jdoe", "jdoe@lincoln.edu", "Janet", "Doe",
                            "555-0142"));
        }

        @Test
        void grantingAdminIsRefusedWith403() {
            givenTeacher()
                    .when(role(Role.ADMIN, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_ROLE))
                    .expectNoEvents();
        }

        @Test
        void grantingAuditorIsRefusedWith403() {
            givenTeacher()
                    .when(role(Role.AUDITOR, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_ROLE))
                    .expectNoEvents();
        }

        @Test
        void aRefusedRoleLeavesTheRegistryUntouched() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "jsmith", null, null, null, null, Role.ADMIN, null, false,
                            SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_ROLE))
                    .expectNoEvents();

            assertThat(users.entries()).containsExactly(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void grantingSchoolAdminIsAllowed() {
            givenTeacher()
                    .when(role(Role.SCHOOL_ADMIN, SCHOOL_ADMIN))
                    .expectEvents(new UserRoleChanged(USER_ID, Role.TEACHER, Role.SCHOOL_ADMIN));
        }

        @Test
        void deactivatingATeacherOfItsSchoolIsAllowed() {
            givenTeacher()
                    .when(active(false, SCHOOL_ADMIN))
                    .expectEvents(new UserDeactivated(USER_ID, "No reason provided"));
        }

        @Test
        void aUserOfAnotherSchoolIsRefusedWith403() {
            givenTeacher()
                    .when(details(null, null, "Janet", null, null, OTHER_SCHOOL_ADMIN))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }

        @Test
        void anAdminOfItsSchoolIsRefusedWith403() {
            givenUser(Role.ADMIN, true)
                    .when(details(null, null, "Janet", null, null, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }

        @Test
        void anAuditorOfItsSchoolIsRefusedWith403() {
            givenUser(Role.AUDITOR, true)
                    .when(details(null, null, "Janet", null, null, SCHOOL_ADMIN))
                    .expectException(rejected(403, PRIVILEGED_USER))
                    .expectNoEvents();
        }
    }

    @Nested
    class ByOtherCallers {

        @Test
        void aTeacherChangingAnotherUserIsRefusedWith403() {
            givenTeacher()
                    .when(details(null, null, "Janet", null, null, TEACHER))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }

        @Test
        void anAuditorChangingAnotherUserIsRefusedWith403() {
            givenTeacher()
                    .when(details(null, null, "Janet", null, null, AUDITOR))
                    .expectException(rejected(403, OUTSIDE_SCHOOL))
                    .expectNoEvents();
        }
    }

    @Nested
    class ByTheUserItself {

        @Test
        void changingItsOwnDetailsIsAllowed() {
            givenTeacher()
                    .when(details("janet", "janet@lincoln.edu", "Janet", "Smith", "555-0199", SELF))
                    .expectEvents(new UserDetailsChanged(USER_ID, "janet", "janet@lincoln.edu", "Janet", "Smith",
                            "555-0199"));

            assertThat(users.entries()).containsExactly(registered("janet", "janet@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void answersWithItsChangedState() {
            givenTeacher()
                    .when(details(null, null, null, null, "555-0199", SELF))
                    .expectResultMessagePayload(new UserAccountState(USER_ID, UID, "jdoe", "jdoe@lincoln.edu",
                            "Jane", "Doe", Role.TEACHER, SCHOOL_ID, "555-0199", true, PROVISIONED_AT, CHANGED_AT,
                            null));
        }

        @Test
        void aUsernameTakenByAnotherUserIsRefusedWith400() {
            users.register(OTHER_USER_ID, "firebase-uid-43", "jsmith", "jsmith@lincoln.edu", SCHOOL_ID, true);

            givenTeacher()
                    .when(details("jsmith", null, null, null, null, SELF))
                    .expectException(rejected(400, USERNAME_TAKEN))
                    .expectNoEvents();
        }

        @Test
        void deactivatingItselfIsRefusedWith400() {
            givenTeacher()
                    .when(active(false, SELF))
                    .expectException(rejected(400, OWN_DEACTIVATION))
                    .expectNoEvents();

            assertThat(users.countActiveUsers(SCHOOL_ID)).isEqualTo(1);
        }

        @Test
        void deactivatingItselfRefusesTheDetailsToo() {
            givenTeacher()
                    .when(new UpdateUser(USER_ID, "janet", null, "Janet", null, null, null, null, false, SELF))
                    .expectException(rejected(400, OWN_DEACTIVATION))
                    .expectNoEvents();

            assertThat(users.entries()).containsExactly(registered("jdoe", "jdoe@lincoln.edu", SCHOOL_ID, true));
        }

        @Test
        void changingItsOwnRoleIsRefusedWith400() {
            givenTeacher()
                    .when(role(Role.SCHOOL_ADMIN, SELF))
                    .expectException(rejected(400, OWN_ROLE))
                    .expectNoEvents();
        }

        @Test
        void aSchoolAdminMakingItselfAdminIsRefusedWith400() {
            givenUser(Role.SCHOOL_ADMIN, true)
                    .when(role(Role.ADMIN, new Caller(USER_ID, UID, Role.SCHOOL_ADMIN, SCHOOL_ID)))
                    .expectException(rejected(400, OWN_ROLE))
                    .expectNoEvents();
        }

        @Test
        void itsCurrentRoleIsNoChange() {
            givenTeacher()
                    .when(role(Role.TEACHER, SELF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aTeacherCannotMoveItselfToAnotherSchool() {
            givenTeacher()
                    .when(school(OTHER_SCHOOL_ID, SELF))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();

            assertThat(users.schoolOf(USER_ID)).isEqualTo(SCHOOL_ID);
        }
    }
}
