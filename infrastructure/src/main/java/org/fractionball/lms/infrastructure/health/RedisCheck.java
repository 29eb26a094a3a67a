package org.fractionball.lms.infrastructure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Properties;

/**
 * Redis: ping latency, memory against {@code maxmemory} (when set), and the keyspace hit rate.
 * The app falls back to in-process state when Redis fails, so unreachable is a WARNING, not a
 * CRITICAL; without {@code REDIS_URL} there is nothing to check.
 */
@Component("redisHealthIndicator")
public class RedisCheck extends OpsCheck {
    private final ObjectProvider<RedisConnectionFactory> connections;
    private final Duration latencyWarning;
    private final double memoryWarning;
    private final double memoryCritical;

    public RedisCheck(ObjectProvider<RedisConnectionFactory> connections,
                      @Value("${lms.health.redis.latency-warning:100ms}") Duration latencyWarning,
                      @Value("${lms.health.memory-warning:0.80}") double memoryWarning,
                      @Value("${lms.health.memory-critical:0.95}") double memoryCritical) {
        this.connections = connections;
        this.latencyWarning = latencyWarning;
        this.memoryWarning = memoryWarning;
        this.memoryCritical = memoryCritical;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    protected CheckResult measure() {
        RedisConnectionFactory factory = connections.getIfAvailable();
        if (factory == null) {
            return CheckResult.healthy().detail("configured", false).build();
        }
        CheckResult.Builder result = CheckResult.healthy().detail("configured", true);
        try (RedisConnection connection = factory.getConnection()) {
            long start = System.nanoTime();
            connection.ping();
            long latencyMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            Properties memory = connection.serverCommands().info("memory");
            Properties stats = connection.serverCommands().info("stats");
            long used = number(memory, "used_memory");
            long max = number(memory, "maxmemory");
            long hits = number(stats, "keyspace_hits");
            long misses = number(stats, "keyspace_misses");
            result.detail("latency_ms", latencyMs)
                    .detail("used_memory_bytes", used)
                    .detail("maxmemory_bytes", max)
                    .detail("keyspace_hits", hits)
                    .detail("keyspace_misses", misses)
                    .detail("hit_rate", hits + misses == 0 ? null : Math.round(1000.0 * hits / (hits + misses)) / 1000.0)
                    .raise(latencyMs > latencyWarning.toMillis() ? HealthLevel.WARNING : HealthLevel.HEALTHY,
                            "latency " + latencyMs + " ms above " + latencyWarning.toMillis() + " ms");
            if (max > 0) {
                result.raise(HealthLevel.of((double) used / max, memoryWarning, memoryCritical),
                        "memory " + used + " of " + max + " bytes");
            }
            return result.build();
        } catch (RuntimeException unreachable) {
            return result.raise(HealthLevel.WARNING, "unreachable (the app falls back to in-process state): "
                    + unreachable.getMessage()).build();
        }
    }

    private static long number(Properties info, String key) {
        String value = info.getProperty(key);
        return value == null ? 0 : Long.parseLong(value.trim());
    }
}
