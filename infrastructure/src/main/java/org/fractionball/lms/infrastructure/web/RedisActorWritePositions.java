package org.fractionball.lms.infrastructure.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared by every node: a write on one node is waited for by reads on another. Every position is
 * also kept in process, so with Redis unreachable a node still gives its own callers
 * read-your-writes (only the cross-node guarantee is lost until Redis answers again).
 */
class RedisActorWritePositions implements ActorWritePositions {
    private static final Logger log = LoggerFactory.getLogger(RedisActorWritePositions.class);
    private static final RedisScript<Long> RECORD_MAX = RedisScript.of("""
            local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
            if tonumber(ARGV[1]) > current then
              redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            else
              redis.call('EXPIRE', KEYS[1], ARGV[2])
            end
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final long retentionSeconds;
    private final InMemoryActorWritePositions local;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisActorWritePositions(StringRedisTemplate redis, String keyPrefix, Duration retention) {
        this.redis = redis;
        this.prefix = keyPrefix + "rw:";
        this.retentionSeconds = Math.max(1, retention.toSeconds());
        this.local = new InMemoryActorWritePositions(retention);
    }

    @Override
    public void record(String actor, long position) {
        local.record(actor, position);
        try {
            redis.execute(RECORD_MAX, List.of(prefix + actor), Long.toString(position), Long.toString(retentionSeconds));
            recovered();
        } catch (RuntimeException unreachable) {
            failed(unreachable);
        }
    }

    @Override
    public long lastOf(String actor) {
        try {
            String value = redis.opsForValue().get(prefix + actor);
            recovered();
            return Math.max(value == null ? -1 : Long.parseLong(value), local.lastOf(actor));
        } catch (RuntimeException unreachable) {
            failed(unreachable);
            return local.lastOf(actor);
        }
    }

    private void failed(RuntimeException cause) {
        if (failing.compareAndSet(false, true)) {
            log.warn("Redis unreachable for read-your-writes positions; using this node's own until it answers: {}",
                    cause.toString());
        }
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("Redis answers again for read-your-writes positions");
        }
    }
}
