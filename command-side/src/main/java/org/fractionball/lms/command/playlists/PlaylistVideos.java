package org.fractionball.lms.command.playlists;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The videos playlist commands look at, as their aggregates hold them now (never a read table). */
public interface PlaylistVideos {

    /** The video, or empty when there is none or it was deleted. */
    Optional<PlaylistVideo> find(UUID videoId);

    /**
     * The live videos among {@code videoIds}. They are read in id order: loading an aggregate locks
     * it until the command ends, and one order for every command rules out deadlocks between them.
     */
    default Map<UUID, PlaylistVideo> findAll(Collection<UUID> videoIds) {
        Map<UUID, PlaylistVideo> live = new HashMap<>();
        videoIds.stream().distinct().sorted().forEach(id -> find(id).ifPresent(video -> live.put(id, video)));
        return live;
    }
}
