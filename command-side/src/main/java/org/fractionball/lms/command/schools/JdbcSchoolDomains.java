package org.fractionball.lms.command.schools;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Domains are compared case-insensitively (DNS names are). Runs inside the command's
 * transaction: a racing registration blocks on the primary key until the first commits, then
 * fails with a unique violation, reported as 409.
 */
@Component
public class JdbcSchoolDomains implements SchoolDomains {
    private final JdbcTemplate jdbc;

    public JdbcSchoolDomains(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String domain, long schoolId) {
        refuseIfHeldByOther(domain, schoolId);
        try {
            jdbc.update("INSERT INTO school_domain_lookup (domain_key, school_id) VALUES (?, ?)", key(domain), schoolId);
        } catch (DuplicateKeyException raced) {
            throw new DomainAlreadyRegistered(true);
        }
    }

    @Override
    public void change(String newDomain, long schoolId) {
        refuseIfHeldByOther(newDomain, schoolId);
        try {
            jdbc.update("UPDATE school_domain_lookup SET domain_key = ? WHERE school_id = ?", key(newDomain), schoolId);
        } catch (DuplicateKeyException raced) {
            throw new DomainAlreadyRegistered(true);
        }
    }

    @Override
    public void release(long schoolId) {
        jdbc.update("DELETE FROM school_domain_lookup WHERE school_id = ?", schoolId);
    }

    @Override
    public void rename(long schoolId, String name) {
        jdbc.update("UPDATE school_domain_lookup SET name = ? WHERE school_id = ?", name, schoolId);
    }

    @Override
    public String nameOf(long schoolId) {
        List<String> names = jdbc.queryForList("SELECT name FROM school_domain_lookup WHERE school_id = ?",
                String.class, schoolId);
        return names.isEmpty() ? null : names.get(0);
    }

    @Override
    public Long schoolIdFor(String domain) {
        List<Long> holders = jdbc.queryForList("SELECT school_id FROM school_domain_lookup WHERE domain_key = ?",
                Long.class, key(domain));
        return holders.isEmpty() ? null : holders.get(0);
    }

    @Override
    public boolean isRegistered(long schoolId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM school_domain_lookup WHERE school_id = ?)", Boolean.class, schoolId));
    }

    private void refuseIfHeldByOther(String domain, long schoolId) {
        Long holder = schoolIdFor(domain);
        if (holder != null && holder != schoolId) {
            throw new DomainAlreadyRegistered(false);
        }
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
