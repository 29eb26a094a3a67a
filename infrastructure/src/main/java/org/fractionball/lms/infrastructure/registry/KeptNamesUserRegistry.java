package org.fractionball.lms.infrastructure.registry;

import org.fractionball.lms.command.accounts.JdbcUserRegistry;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The user registry, with full names served from {@link KeptNames} outside transactions. */
@Component
@Primary
public class KeptNamesUserRegistry implements UserRegistry {
    private final JdbcUserRegistry registry;
    private final KeptNames names;

    public KeptNamesUserRegistry(JdbcUserRegistry registry, KeptNames names) {
        this.registry = registry;
        this.names = names;
    }

    @Override
    public String fullNameOf(long userId) {
        return names.user(userId, () -> registry.fullNameOf(userId));
    }

    @Override
    public void register(long userId, String firebaseUid, String username, String email, long schoolId,
                         boolean active) {
        registry.register(userId, firebaseUid, username, email, schoolId, active);
    }

    @Override
    public void changeIdentity(long userId, String username, String email) {
        names.changing();
        registry.changeIdentity(userId, username, email);
    }

    @Override
    public void changeSchool(long userId, long schoolId) {
        registry.changeSchool(userId, schoolId);
    }

    @Override
    public void changeActive(long userId, boolean active) {
        registry.changeActive(userId, active);
    }

    @Override
    public void remove(long userId) {
        names.changing();
        registry.remove(userId);
    }

    @Override
    public void erase(long userId) {
        names.changing();
        registry.erase(userId);
    }

    @Override
    public Long userIdFor(String firebaseUid) {
        return registry.userIdFor(firebaseUid);
    }

    @Override
    public Long schoolOf(long userId) {
        return registry.schoolOf(userId);
    }

    @Override
    public long countActiveUsers(long schoolId) {
        return registry.countActiveUsers(schoolId);
    }

    @Override
    public void changeNames(long userId, String firstName, String lastName) {
        names.changing();
        registry.changeNames(userId, firstName, lastName);
    }
}
