package org.fractionball.lms.command.uploads;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test double of {@link JdbcPendingUploads}: the {@code pending_upload} table as a map. */
class InMemoryPendingUploads implements PendingUploads {
    private final Map<UUID, Instant> pending = new LinkedHashMap<>();

    @Override
    public void add(UUID uploadId, Instant expiresAt) {
        pending.put(uploadId, expiresAt);
    }

    @Override
    public void remove(UUID uploadId) {
        pending.remove(uploadId);
    }

    @Override
    public List<UUID> expiredBefore(Instant before, int limit) {
        return pending.entrySet().stream().filter(entry -> entry.getValue().isBefore(before))
                .sorted(Map.Entry.comparingByValue()).limit(limit).map(Map.Entry::getKey).toList();
    }

    Map<UUID, Instant> entries() {
        return Map.copyOf(pending);
    }
}
