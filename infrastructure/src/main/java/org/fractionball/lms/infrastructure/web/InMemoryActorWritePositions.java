package org.fractionball.lms.infrastructure.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;

/** For a single node without Redis. */
class InMemoryActorWritePositions implements ActorWritePositions {
    private final Cache<String, Long> positions;

    InMemoryActorWritePositions(Duration retention) {
        positions = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(100_000).build();
    }

    @Override
    public void record(String actor, long position) {
        positions.asMap().merge(actor, position, Math::max);
    }

    @Override
    public long lastOf(String actor) {
        Long position = positions.getIfPresent(actor);
        return position == null ? -1 : position;
    }
}
