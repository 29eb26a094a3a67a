package org.fractionball.lms.infrastructure.throttling;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' buckets on one Redis (an embedded server of this test's own): a limit holds in total,
 * exactly below 100 requests and to within 1 % per node above, where each node writes what it took
 * to Redis once per hundredth of the limit instead of on every request.
 */
class RedisThrottleBucketsIT {
    private RedisServer server;
    private LettuceConnectionFactory factory;
    private RedisThrottleBuckets nodeA;
    private RedisThrottleBuckets nodeB;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new RedisServer(port);
        server.start();
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
        factory.afterPropertiesSet();
        nodeA = new RedisThrottleBuckets(factory, Duration.ofSeconds(2));
        nodeB = new RedisThrottleBuckets(factory, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws IOException {
        nodeA.destroy();
        nodeB.destroy();
        factory.destroy();
        server.stop();
    }

    @Test
    void aSmallLimitHoldsExactlyAcrossNodes() {
        ThrottleRate rate = new ThrottleRate(50, Duration.ofHours(1));
        List<Bucket> buckets = List.of(nodeA.bucket("user:1", rate), nodeB.bucket("user:1", rate));

        assertThat(consumeAlternately(buckets, 80)).isEqualTo(50);
        assertThat(bucketCommands()).as("a small limit goes to Redis on every request").isGreaterThanOrEqualTo(80);
    }

    @Test
    void aLargeLimitHoldsToWithinOnePercentPerNodeWithAHundredthOfTheRoundTrips() {
        ThrottleRate rate = new ThrottleRate(1000, Duration.ofHours(1));
        List<Bucket> buckets = List.of(nodeA.bucket("user:2", rate), nodeB.bucket("user:2", rate));

        long allowed = consumeAlternately(buckets, 1200);

        // 1000 in the bucket, at most 10 more taken by each node from its last copy, and a token
        // refilled every 3.6 s while the test runs (a few at most on a loaded machine)
        assertThat(allowed).isBetween(1000L, 1000L + 2 * 10 + 5);
        // each node reads and writes the bucket every 10 tokens (or after a second), and both read it on
        // every request once their copies are empty: 371 commands when measured, against 4,199 when every
        // request went to Redis
        assertThat(bucketCommands()).isLessThan(600);
        assertThat(consumeAlternately(buckets, 10)).as("still refused once the bucket is known empty").isZero();
    }

    private static long consumeAlternately(List<Bucket> buckets, int requests) {
        long consumed = 0;
        for (int i = 0; i < requests; i++) {
            if (buckets.get(i % buckets.size()).tryConsume(1)) {
                consumed++;
            }
        }
        return consumed;
    }

    /** Reads and writes of buckets Redis has served: Bucket4j reads a bucket, then swaps it with a script. */
    private long bucketCommands() {
        Properties stats = new StringRedisTemplate(factory).getRequiredConnectionFactory().getConnection()
                .serverCommands().info("commandstats");
        long calls = 0;
        for (String name : List.of("cmdstat_get", "cmdstat_eval", "cmdstat_evalsha", "cmdstat_psetex")) {
            String line = stats.getProperty(name);
            if (line != null) {
                calls += Long.parseLong(line.replaceFirst("^calls=(\\d+),.*", "$1"));
            }
        }
        return calls;
    }
}
