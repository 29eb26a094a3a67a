package org.fractionball.lms.infrastructure.web;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import java.time.Duration;
import java.util.List;

/** Shared by every node: a write on one node is waited for by reads on another. */
class RedisActorWritePositions implements ActorWritePositions {
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

    RedisActorWritePositions(StringRedisTemplate redis, String keyPrefix, Duration retention) {
        this.redis = redis;
        this.prefix = keyPrefix + "rw:";
        this.retentionSeconds = Math.max(1, retention.toSeconds());
    }

    @Override
    public void record(String actor, long position) {
        redis.execute(RECORD_MAX, List.of(prefix + actor), Long.toString(position), Long.toString(retentionSeconds));
    }

    @Override
    public long lastOf(String actor) {
        String value = redis.opsForValue().get(prefix + actor);
        return value == null ? -1 : Long.parseLong(value);
    }
}
