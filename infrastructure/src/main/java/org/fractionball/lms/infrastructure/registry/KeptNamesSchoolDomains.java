package org.fractionball.lms.infrastructure.registry;

import org.fractionball.lms.command.schools.JdbcSchoolDomains;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** The school registry, with names served from {@link KeptNames} outside transactions. */
@Component
@Primary
public class KeptNamesSchoolDomains implements SchoolDomains {
    private final JdbcSchoolDomains domains;
    private final KeptNames names;

    public KeptNamesSchoolDomains(JdbcSchoolDomains domains, KeptNames names) {
        this.domains = domains;
        this.names = names;
    }

    @Override
    public String nameOf(long schoolId) {
        return names.school(schoolId, () -> domains.nameOf(schoolId));
    }

    @Override
    public void claim(String domain, long schoolId) {
        domains.claim(domain, schoolId);
    }

    @Override
    public void change(String newDomain, long schoolId) {
        domains.change(newDomain, schoolId);
    }

    @Override
    public void release(long schoolId) {
        names.changing();
        domains.release(schoolId);
    }

    @Override
    public void rename(long schoolId, String name) {
        names.changing();
        domains.rename(schoolId, name);
    }

    @Override
    public Long schoolIdFor(String domain) {
        return domains.schoolIdFor(domain);
    }

    @Override
    public boolean isRegistered(long schoolId) {
        return domains.isRegistered(schoolId);
    }
}
