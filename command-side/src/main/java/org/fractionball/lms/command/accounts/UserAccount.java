package org.fractionball.lms.command.accounts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.accounts.UserDeactivated;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserMovedToSchool;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserReactivated;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.accounts.UserSignedIn;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.events.shared.Role;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A user of the LMS, linked to exactly one Firebase uid and one school. The rules of who may
 * change whom live here: a school admin manages only its own school's teachers and school admins,
 * can never grant ADMIN or AUDITOR and never changes its own role or activity (fixing D17).
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class UserAccount {
    static final String OUTSIDE_SCHOOL = "Cannot manage users outside your school";
    static final String PRIVILEGED_ROLE = "Cannot assign system admin role";
    static final String PRIVILEGED_USER = "Cannot manage system admins";
    static final String OWN_ROLE = "Cannot change your own role";
    static final String OWN_DEACTIVATION = "Cannot deactivate your own account";
    static final String OWN_REMOVAL = "Cannot delete your own account";
    static final String ERASED_USER = "The personal data of this user was erased; the account cannot be changed or "
            + "reactivated";

    @AggregateIdentifier
    private String id;
    private long userId;
    private String firebaseUid;
    private String username;
    private String email;
    private String firstName;
    private String lastName;
    private Role role;
    private long schoolId;
    private String phone;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastLogin;
    private boolean erased;

    protected UserAccount() {
    }

    /** Called by {@link UserProvisioning}, which answers with the new state. */
    UserAccount(ProvisionUser command, UserRegistry users, SchoolDomains schools) {
        Caller by = command.by();
        if (by != null && !by.isAdmin()) {
            if (by.role() != Role.SCHOOL_ADMIN || command.schoolId() != by.schoolId()) {
                throw forbidden(OUTSIDE_SCHOOL);
            }
            if (isPrivileged(command.role())) {
                throw forbidden(PRIVILEGED_ROLE);
            }
        }
        requireSchool(schools, command.schoolId());
        users.register(command.userId(), command.firebaseUid(), command.username(), command.email(),
                command.schoolId(), command.active());
        users.changeNames(command.userId(), command.firstName(), command.lastName());
        apply(new UserProvisioned(command.userId(), command.firebaseUid(), command.username(), command.email(),
                command.firstName(), command.lastName(), command.role(), command.schoolId(), command.phone(),
                command.active()));
    }

    @CommandHandler
    public UserAccountState handle(UpdateUser command, UserRegistry users, SchoolDomains schools) {
        refuseWhenErased();
        Caller by = command.by();
        boolean self = by.userId() == userId;
        if (!self) {
            requireManagedBy(by);
        }
        String newUsername = Objects.requireNonNullElse(command.username(), username);
        String newEmail = Objects.requireNonNullElse(command.email(), email);
        String newFirst = Objects.requireNonNullElse(command.firstName(), firstName);
        String newLast = Objects.requireNonNullElse(command.lastName(), lastName);
        String newPhone = Objects.requireNonNullElse(command.phone(), phone);
        if (command.role() != null && command.role() != role) {
            checkRoleChange(by, command.role());
        }
        boolean moves = command.schoolId() != null && command.schoolId() != schoolId && by.isAdmin();
        if (moves) {
            requireSchool(schools, command.schoolId());
        }
        if (command.active() != null && command.active() != active && self && !command.active()) {
            throw new CommandRejected(400, Map.of("error", OWN_DEACTIVATION));
        }
        if (!(newUsername.equals(username) && newEmail.equalsIgnoreCase(email))) {
            users.changeIdentity(userId, newUsername, newEmail);
        }
        if (!(newFirst.equals(firstName) && newLast.equals(lastName))) {
            users.changeNames(userId, newFirst, newLast);
        }
        if (!(newUsername.equals(username) && newEmail.equals(email) && newFirst.equals(firstName)
                && newLast.equals(lastName) && newPhone.equals(phone))) {
            apply(new UserDetailsChanged(userId, newUsername, newEmail, newFirst, newLast, newPhone));
        }
        if (command.role() != null && command.role() != role) {
            apply(new UserRoleChanged(userId, role, command.role()));
        }
        if (moves) {
            users.changeSchool(userId, command.schoolId());
            apply(new UserMovedToSchool(userId, schoolId, command.schoolId()));
        }
        if (command.active() != null && command.active() != active) {
            users.changeActive(userId, command.active());
            apply(command.active() ? new UserReactivated(userId) : new UserDeactivated(userId, "No reason provided"));
        }
        return state();
    }

    @CommandHandler
    public RoleChange handle(ChangeUserRole command) {
        Caller by = command.by();
        if (by.userId() == userId) {
            throw new CommandRejected(400, Map.of("error", OWN_ROLE));
        }
        requireManagedBy(by);
        Role previous = role;
        if (command.role() != role) {
            checkRoleChange(by, command.role());
            apply(new UserRoleChanged(userId, role, command.role()));
        }
        return new RoleChange(previous, state());
    }

    /** Applies nothing when the user is already inactive (the endpoint says so). */
    @CommandHandler
    public ActivityChange handle(DeactivateUser command, UserRegistry users) {
        Caller by = command.by();
        if (by.userId() == userId) {
            throw new CommandRejected(400, Map.of("error", OWN_DEACTIVATION));
        }
        requireManagedBy(by);
        boolean changes = active;
        if (changes) {
            users.changeActive(userId, false);
            apply(new UserDeactivated(userId, command.reason()));
        }
        return new ActivityChange(changes, state());
    }

    @CommandHandler
    public ActivityChange handle(ReactivateUser command, UserRegistry users) {
        refuseWhenErased();
        if (command.by().userId() != userId) {
            requireManagedBy(command.by());
        }
        boolean changes = !active;
        if (changes) {
            users.changeActive(userId, true);
            apply(new UserReactivated(userId));
        }
        return new ActivityChange(changes, state());
    }

    @CommandHandler
    public void handle(RemoveUser command, UserRegistry users) {
        if (command.by().userId() == userId) {
            throw new CommandRejected(400, Map.of("error", OWN_REMOVAL));
        }
        requireManagedBy(command.by());
        users.remove(userId);
        apply(new UserRemoved(userId));
    }

    @CommandHandler
    public void handle(RecordSignIn command) {
        // the clock that stamps events, so the window is measured on the same time line as lastLogin
        if (lastLogin == null || lastLogin.plus(command.window()).isBefore(GenericEventMessage.clock.instant())) {
            apply(new UserSignedIn(userId));
        }
    }

    /**
     * Called by {@link PersonalDataErasure}: destroys the user's data key, scrubs the registry and
     * deactivates the account for good; false (and nothing changes) when it was erased before.
     */
    boolean erasePersonalData(PersonalDataKeys keys, UserRegistry users) {
        if (erased) {
            return false;
        }
        keys.erase(id);
        users.erase(userId);
        apply(new PersonalDataErased(userId));
        return true;
    }

    public UserAccountState state() {
        return new UserAccountState(userId, firebaseUid, username, email, firstName, lastName, role, schoolId, phone,
                active, createdAt, updatedAt, lastLogin);
    }

    /** Admins manage everyone; school admins their own school's teachers and school admins. */
    private void requireManagedBy(Caller by) {
        if (by.isAdmin()) {
            return;
        }
        if (by.role() != Role.SCHOOL_ADMIN || by.schoolId() != schoolId) {
            throw forbidden(OUTSIDE_SCHOOL);
        }
        if (isPrivileged(role)) {
            throw forbidden(PRIVILEGED_USER);
        }
    }

    private void checkRoleChange(Caller by, Role newRole) {
        if (by.userId() == userId) {
            throw new CommandRejected(400, Map.of("error", OWN_ROLE));
        }
        if (!by.isAdmin() && isPrivileged(newRole)) {
            throw forbidden(PRIVILEGED_ROLE);
        }
    }

    private void refuseWhenErased() {
        if (erased) {
            throw new CommandRejected(400, Map.of("error", ERASED_USER));
        }
    }

    private static boolean isPrivileged(Role role) {
        return role == Role.ADMIN || role == Role.AUDITOR;
    }

    private static void requireSchool(SchoolDomains schools, long schoolId) {
        if (!schools.isRegistered(schoolId)) {
            throw CommandRejected.field(400, "school", "Invalid pk \"" + schoolId + "\" - object does not exist.");
        }
    }

    private static CommandRejected forbidden(String message) {
        return new CommandRejected(403, Map.of("error", message));
    }

    @EventSourcingHandler
    void on(UserProvisioned event, @Timestamp Instant at) {
        id = AggregateIds.user(event.userId());
        userId = event.userId();
        firebaseUid = event.firebaseUid();
        username = event.username();
        email = event.email();
        firstName = event.firstName();
        lastName = event.lastName();
        role = event.role();
        schoolId = event.schoolId();
        phone = event.phone();
        active = event.active();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserDetailsChanged event, @Timestamp Instant at) {
        username = event.username();
        email = event.email();
        firstName = event.firstName();
        lastName = event.lastName();
        phone = event.phone();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserRoleChanged event, @Timestamp Instant at) {
        role = event.newRole();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserMovedToSchool event, @Timestamp Instant at) {
        schoolId = event.toSchoolId();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserDeactivated event, @Timestamp Instant at) {
        active = false;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserReactivated event, @Timestamp Instant at) {
        active = true;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserSignedIn event, @Timestamp Instant at) {
        lastLogin = at;
    }

    /** The state (and so any later snapshot) keeps nothing personal. */
    @EventSourcingHandler
    void on(PersonalDataErased event, @Timestamp Instant at) {
        erased = true;
        active = false;
        username = PersonalData.ERASED;
        email = PersonalData.ERASED;
        firstName = PersonalData.ERASED;
        lastName = PersonalData.ERASED;
        phone = PersonalData.ERASED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(UserRemoved event) {
        markDeleted();
    }
}
