package org.fractionball.lms.query.library;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * The library cache: in Redis when the application has a Lettuce connection factory (REDIS_URL),
 * otherwise none (every answer from PostgreSQL). {@code lms.library.cache.*}: {@code enabled},
 * {@code ttl} (a safety net: versioned keys are never read again once outdated), {@code timeout}
 * of each Redis command, and the breaker's {@code failure-threshold} and {@code open-for}.
 */
@Configuration(proxyBeanMethods = false)
public class LibraryCacheConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LibraryCacheConfiguration.class);

    @Bean
    LibraryCache libraryCache(ObjectProvider<RedisConnectionFactory> redis, ObjectProvider<MeterRegistry> meters,
                              @Value("${lms.library.cache.enabled:true}") boolean enabled,
                              @Value("${lms.library.cache.ttl:10m}") Duration ttl,
                              @Value("${lms.library.cache.timeout:100ms}") Duration timeout,
                              @Value("${lms.library.cache.failure-threshold:3}") int failureThreshold,
                              @Value("${lms.library.cache.open-for:10s}") Duration openFor) {
        RedisConnectionFactory factory = redis.getIfAvailable();
        if (!enabled || factory == null) {
            log.info("Library cache: off ({}); answers come from PostgreSQL",
                    enabled ? "no Redis configured" : "lms.library.cache.enabled=false");
            return LibraryCache.NONE;
        }
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            log.warn("Library cache: off, Redis is configured without Lettuce ({})", factory.getClass().getName());
            return LibraryCache.NONE;
        }
        log.info("Library cache: in Redis, ttl {}, command timeout {}, breaker opens after {} failures for {}", ttl,
                timeout, failureThreshold, openFor);
        return new RedisLibraryCache(lettuce, timeout, ttl,
                new LibraryCacheBreaker(failureThreshold, openFor, System::nanoTime),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
