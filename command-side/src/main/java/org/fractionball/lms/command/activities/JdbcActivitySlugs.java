package org.fractionball.lms.command.activities;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code activity_slug_lookup}, inside the command's transaction. A write racing an uncommitted
 * claim of the same slug blocks on the primary key until the other commits: a chosen slug then
 * fails with a unique violation (409); a derived one moves on to the next suffix.
 */
@Component
public class JdbcActivitySlugs implements ActivitySlugs {
    private final JdbcTemplate jdbc;

    public JdbcActivitySlugs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UUID activityIdFor(String slug) {
        List<UUID> holders = jdbc.queryForList("SELECT activity_id FROM activity_slug_lookup WHERE slug_key = ?",
                UUID.class, key(slug));
        return holders.isEmpty() ? null : holders.get(0);
    }

    @Override
    public void claim(UUID activityId, String slug) {
        refuseIfHeldByOther(slug, activityId);
        try {
            jdbc.update("INSERT INTO activity_slug_lookup (slug_key, activity_id) VALUES (?, ?)", key(slug), activityId);
        } catch (DuplicateKeyException raced) {
            throw new SlugTaken(true);
        }
    }

    @Override
    public String claimDerived(UUID activityId, String base) {
        // the suffixes already in use, so a title used many times costs one query, not one per suffix
        Set<String> taken = new HashSet<>(jdbc.queryForList(
                "SELECT slug_key FROM activity_slug_lookup WHERE slug_key = ? OR slug_key LIKE ? ESCAPE '\\'",
                String.class, key(base), escapeLike(key(base)) + "-%"));
        for (int n = 1; ; n++) {
            String candidate = Slugs.withSuffix(base, n);
            if (taken.contains(key(candidate))) {
                continue;
            }
            // DO NOTHING waits for a racing uncommitted claim and leaves the transaction usable
            int inserted = jdbc.update("INSERT INTO activity_slug_lookup (slug_key, activity_id) VALUES (?, ?) "
                    + "ON CONFLICT (slug_key) DO NOTHING", key(candidate), activityId);
            if (inserted == 1) {
                return candidate;
            }
            taken.add(key(candidate));
        }
    }

    @Override
    public void change(UUID activityId, String newSlug) {
        refuseIfHeldByOther(newSlug, activityId);
        try {
            jdbc.update("UPDATE activity_slug_lookup SET slug_key = ? WHERE activity_id = ?", key(newSlug), activityId);
        } catch (DuplicateKeyException raced) {
            throw new SlugTaken(true);
        }
    }

    @Override
    public void release(UUID activityId) {
        jdbc.update("DELETE FROM activity_slug_lookup WHERE activity_id = ?", activityId);
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
