package org.fractionball.lms.infrastructure.throttling;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), so every node
 * counts against the same buckets. A bucket's key expires once it would be full again, so idle
 * clients leave nothing behind. The connection is opened on first use, with the client (and so the
 * address, credentials and TLS settings) of the application's {@link LettuceConnectionFactory}.
 */
public final class RedisThrottleBuckets implements ThrottleBuckets, DisposableBean {
    /**
     * A bound on how long a node keeps what it took unwritten, not on the limit, which the 1 % does: a
     * second made nearly every request of a user who calls less than once a second a round trip.
     */
    static final Duration SYNCHRONISE_EVERY = Duration.ofSeconds(30);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final LettuceConnectionFactory connectionFactory;
    private final Duration requestTimeout;
    private final Map<ThrottleRate, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    // idle proxies are dropped; the state they stand for lives in Redis
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private volatile StatefulConnection<String, byte[]> connection;
    private volatile ProxyManager<String> proxies;

    public RedisThrottleBuckets(LettuceConnectionFactory connectionFactory, Duration requestTimeout) {
        this.connectionFactory = connectionFactory;
        this.requestTimeout = requestTimeout;
    }

    /**
     * One proxy per key and rate, shared by concurrent requests, with Bucket4j's batching: requests
     * that arrive while a compare-and-swap on the same bucket is in flight are combined into the
     * next one, instead of each retrying its own CAS against the others (a retry storm under load).
     * Where a limit is large enough, with Bucket4j's delayed synchronisation on top: a node takes up
     * to 1 % of the limit from its last copy of the bucket before it writes what it took to Redis
     * (and at least every {@link #SYNCHRONISE_EVERY}), so a busy bucket costs a round trip per
     * hundredth of its limit instead of two per request. A limit then holds in total to within 1 %
     * per node; limits under 100 requests are synchronised on every request, exactly as before.
     */
    @Override
    public Bucket bucket(String key, ThrottleRate rate) {
        return buckets.get(new Key(key, rate), this::proxy);
    }

    private Bucket proxy(Key key) {
        BucketConfiguration configuration = configurations.computeIfAbsent(key.rate(), ThrottleBuckets::configuration);
        long unsynchronised = key.rate().limit() / 100;
        Optimization optimization = unsynchronised > 0
                ? Optimizations.delaying(new DelayParameters(unsynchronised, SYNCHRONISE_EVERY))
                : Optimizations.batching();
        return proxies().builder().withOptimization(optimization).build(key.key(), () -> configuration);
    }

    private record Key(String key, ThrottleRate rate) {
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> current = proxies;
        if (current == null) {
            synchronized (this) {
                current = proxies;
                if (current == null) {
                    current = connect();
                    proxies = current;
                }
            }
        }
        return current;
    }

    private ProxyManager<String> connect() {
        AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                Duration.ofSeconds(10));
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> opened = cluster.connect(CODEC);
            connection = opened;
            return Bucket4jLettuce.casBasedBuilder(opened).expirationAfterWrite(expiry)
                    .requestTimeout(requestTimeout).build();
        }
        if (client instanceof RedisClient single) {
            StatefulRedisConnection<String, byte[]> opened = single.connect(CODEC);
            connection = opened;
            return Bucket4jLettuce.casBasedBuilder(opened).expirationAfterWrite(expiry)
                    .requestTimeout(requestTimeout).build();
        }
        throw new IllegalStateException("Unsupported Redis client " + client.getClass().getName());
    }

    @Override
    public void destroy() {
        StatefulConnection<String, byte[]> open = connection;
        // the connection factory may have shut its client (and with it this connection) down already
        if (open != null && open.isOpen()) {
            open.close();
        }
    }

    @Override
    public String describe() {
        return "in Redis (shared by every node)";
    }
}
