package org.fractionball.lms.events.playlists;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/** The computed strings of contract §3.12 for playlists, shared by command answers and read views. */
public final class PlaylistFormats {

    private PlaylistFormats() {
    }

    /** {@code total_duration_formatted}: the sum of the durations (nulls ignored) as H:MM:SS, or M:SS under an hour. */
    public static String totalDuration(Collection<Integer> durations) {
        long seconds = durations.stream().filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
                : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
    }
}
