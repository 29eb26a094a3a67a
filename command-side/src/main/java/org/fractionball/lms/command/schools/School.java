package org.fractionball.lms.command.schools;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.events.schools.SchoolDeactivated;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.schools.SchoolDetailsChanged;
import org.fractionball.lms.events.schools.SchoolReactivated;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Instant;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** A school: registered by an admin, edited, deactivated and deleted; its domain is unique. */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class School {
    @AggregateIdentifier
    private String id;
    private long schoolId;
    private String name;
    private String domain;
    private String address;
    private String phone;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;

    protected School() {
    }

    /** Called by {@link SchoolRegistration}, which answers with the new state. */
    School(RegisterSchool command, SchoolDomains domains) {
        domains.claim(command.domain(), command.schoolId());
        domains.rename(command.schoolId(), command.name());
        apply(new SchoolRegistered(command.schoolId(), command.name(), command.domain(), command.address(),
                command.phone(), command.active()));
    }

    @CommandHandler
    public SchoolState handle(ChangeSchoolDetails command, SchoolDomains domains) {
        String newName = orElse(command.name(), name);
        String newDomain = orElse(command.domain(), domain);
        String newAddress = orElse(command.address(), address);
        String newPhone = orElse(command.phone(), phone);
        if (!newDomain.equals(domain)) {
            domains.change(newDomain, schoolId);
        }
        if (!newName.equals(name)) {
            domains.rename(schoolId, newName);
        }
        if (!(newName.equals(name) && newDomain.equals(domain) && newAddress.equals(address)
                && newPhone.equals(phone))) {
            apply(new SchoolDetailsChanged(schoolId, newName, newDomain, newAddress, newPhone));
        }
        if (command.active() != null && command.active() != active) {
            apply(command.active() ? new SchoolReactivated(schoolId) : new SchoolDeactivated(schoolId));
        }
        return state();
    }

    @CommandHandler
    public void handle(DeleteSchool command, SchoolDomains domains) {
        domains.release(schoolId);
        apply(new SchoolDeleted(schoolId, domain));
    }

    public SchoolState state() {
        return new SchoolState(schoolId, name, domain, address, phone, active, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(SchoolRegistered event, @Timestamp Instant at) {
        id = AggregateIds.school(event.schoolId());
        schoolId = event.schoolId();
        name = event.name();
        domain = event.domain();
        address = event.address();
        phone = event.phone();
        active = event.active();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(SchoolDetailsChanged event, @Timestamp Instant at) {
        name = event.name();
        domain = event.domain();
        address = event.address();
        phone = event.phone();
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(SchoolDeactivated event, @Timestamp Instant at) {
        active = false;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(SchoolReactivated event, @Timestamp Instant at) {
        active = true;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(SchoolDeleted event) {
        markDeleted();
    }

    private static String orElse(String value, String current) {
        return Objects.requireNonNullElse(value, current);
    }
}
