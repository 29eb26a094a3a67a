package org.fractionball.lms.command.activities;

import java.util.UUID;

/**
 * Set validation for unique activity slugs (case-insensitive), owned by the command side. Claims
 * are made in the transaction that appends the activity's events, so two activities cannot both
 * commit with one slug.
 */
public interface ActivitySlugs {

    /** The live activity holding {@code slug} (in any case), or null. */
    UUID activityIdFor(String slug);

    /** Reserves a slug the client chose; refuses with {@link SlugTaken}. */
    void claim(UUID activityId, String slug);

    /** Reserves {@code base}, or the first free of {@code base-2}, {@code base-3} …; returns the one reserved. */
    String claimDerived(UUID activityId, String base);

    /** Moves the activity to a slug the client chose; refuses with {@link SlugTaken}. */
    void change(UUID activityId, String newSlug);

    /** Frees the activity's slug. */
    void release(UUID activityId);
}
