package org.fractionball.lms.command.activities;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Test double of {@link JdbcActivitySlugs}: {@code activity_slug_lookup} as a map from the
 * lower-cased slug to its activity. Same refusals, except the 409 of a race, which cannot happen here.
 */
public class InMemoryActivitySlugs implements ActivitySlugs {
    private final Map<String, UUID> holders = new LinkedHashMap<>();

    @Override
    public UUID activityIdFor(String slug) {
        return holders.get(key(slug));
    }

    @Override
    public void claim(UUID activityId, String slug) {
        refuseIfHeldByOther(slug, activityId);
        holders.put(key(slug), activityId);
    }

    @Override
    public String claimDerived(UUID activityId, String base) {
        for (int n = 1; ; n++) {
            String candidate = Slugs.withSuffix(base, n);
            if (!holders.containsKey(key(candidate))) {
                holders.put(key(candidate), activityId);
                return candidate;
            }
        }
    }

    @Override
    public void change(UUID activityId, String newSlug) {
        refuseIfHeldByOther(newSlug, activityId);
        if (holders.values().removeIf(activityId::equals)) {
            holders.put(key(newSlug), activityId);
        }
    }

    @Override
    public void release(UUID activityId) {
        holders.values().removeIf(activityId::equals);
    }

    private void refuseIfHeldByOther(String slug, UUID activityId) {
        UUID holder = activityIdFor(slug);
        if (holder != null && !holder.equals(activityId)) {
            throw new SlugTaken(false);
        }
    }

    private static String key(String slug) {
        return slug.toLowerCase(Locale.ROOT);
    }
}
