package org.fractionball.lms.command.accounts;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A user of the LMS, linked to exactly one Firebase uid and one school. */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class UserAccount {
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

    protected UserAccount() {
    }

    /** Called by {@link UserProvisioning}, which answers with the new state. */
    UserAccount(ProvisionUser command, UserRegistry users, SchoolDomains schools) {
        if (!schools.isRegistered(command.schoolId())) {
            throw CommandRejected.field(400, "school",
                    "Invalid pk \"" + command.schoolId() + "\" - object does not exist.");
        }
        users.register(command.userId(), command.firebaseUid(), command.username(), command.schoolId(),
                command.active());
        apply(new UserProvisioned(command.userId(), command.firebaseUid(), command.username(), command.email(),
                command.firstName(), command.lastName(), command.role(), command.schoolId(), command.phone(),
                command.active()));
    }

    public UserAccountState state() {
        return new UserAccountState(userId, firebaseUid, username, email, firstName, lastName, role, schoolId, phone,
                active, createdAt, updatedAt);
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
}
