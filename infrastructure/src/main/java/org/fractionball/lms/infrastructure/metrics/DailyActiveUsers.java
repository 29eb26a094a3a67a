package org.fractionball.lms.infrastructure.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Distinct users who made an authenticated request today (UTC). With Redis every node adds to one
 * HyperLogLog per day (0.8 % standard error, 12 kB, kept two days), so each node's gauge shows the
 * whole deployment's count; without it, a set in process. A Redis failure falls back to the set.
 */
@Component
public class DailyActiveUsers {
    private static final Logger log = LoggerFactory.getLogger(DailyActiveUsers.class);

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final Clock clock = Clock.systemUTC();
    private final Set<Long> local = ConcurrentHashMap.newKeySet();
    // users this node has added to today's HyperLogLog: adding one twice changes nothing, so only a
    // user's first request of the day on this node (or the first after Redis failed) goes to Redis
    private final Set<Long> added = ConcurrentHashMap.newKeySet();
    private volatile LocalDate localDay = LocalDate.now(clock);

    public DailyActiveUsers(ObjectProvider<StringRedisTemplate> redis, @Value("${lms.redis.key-prefix:lms:}") String keyPrefix) {
        this.redis = redis.getIfAvailable();
        this.keyPrefix = keyPrefix;
    }

    public void seen(long userId) {
        LocalDate today = LocalDate.now(clock);
        rollLocal(today);
        local.add(userId);
        if (redis != null && !added.contains(userId)) {
            try {
                String key = key(today);
                if (redis.opsForHyperLogLog().add(key, Long.toString(userId)) == 1) {
                    redis.expire(key, Duration.ofDays(2));
                }
                added.add(userId);
            } catch (RuntimeException unavailable) {
                // Redis may come back empty: everyone is added again once it answers
                added.clear();
                log.debug("Daily active users: Redis unavailable, counting in process", unavailable);
            }
        }
    }

    public long today() {
        LocalDate today = LocalDate.now(clock);
        rollLocal(today);
        if (redis != null) {
            try {
                return redis.opsForHyperLogLog().size(key(today));
            } catch (RuntimeException unavailable) {
                log.debug("Daily active users: Redis unavailable, answering from this node", unavailable);
            }
        }
        return local.size();
    }

    private void rollLocal(LocalDate today) {
        if (!today.equals(localDay)) {
            localDay = today;
            local.clear();
            added.clear();
        }
    }

    private String key(LocalDate day) {
        return keyPrefix + "dau:" + day;
    }
}
