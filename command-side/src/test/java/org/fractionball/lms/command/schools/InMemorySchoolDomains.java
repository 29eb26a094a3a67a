package org.fractionball.lms.command.schools;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test double of {@link JdbcSchoolDomains}: the {@code school_domain_lookup} table as a map from the
 * lower-cased domain to the school holding it. Same refusals as the JDBC adapter, except the 409 of a
 * concurrent registration, which cannot happen here.
 */
public class InMemorySchoolDomains implements SchoolDomains {
    private final Map<String, Long> holders = new LinkedHashMap<>();
    private final Map<Long, String> names = new LinkedHashMap<>();

    @Override
    public void claim(String domain, long schoolId) {
        refuseIfHeldByOther(domain, schoolId);
        holders.put(key(domain), schoolId);
    }

    @Override
    public void change(String newDomain, long schoolId) {
        refuseIfHeldByOther(newDomain, schoolId);
        // UPDATE ... WHERE school_id = ?: nothing happens for a school that holds no domain
        if (holders.values().removeIf(holder -> holder == schoolId)) {
            holders.put(key(newDomain), schoolId);
        }
    }

    @Override
    public void release(long schoolId) {
        holders.values().removeIf(holder -> holder == schoolId);
        names.remove(schoolId);
    }

    @Override
    public void rename(long schoolId, String name) {
        if (isRegistered(schoolId)) {
            names.put(schoolId, name);
        }
    }

    @Override
    public String nameOf(long schoolId) {
        return names.get(schoolId);
    }

    @Override
    public Long schoolIdFor(String domain) {
        return holders.get(key(domain));
    }

    @Override
    public boolean isRegistered(long schoolId) {
        return holders.containsValue(schoolId);
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
