package org.fractionball.lms.query.library;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisStringCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The library cache in Redis, on a connection of its own (with the client, so the address,
 * credentials and TLS, of the application's {@link LettuceConnectionFactory}) whose commands time
 * out after {@code timeout} instead of the application's default. The connection is opened in the
 * background: a request waits for it at most {@code timeout}. Failures and timeouts feed a
 * {@link LibraryCacheBreaker}; while it is open Redis is not asked at all. Every lookup counts in
 * {@code lms.library.cache{result=hit|miss|error}}.
 */
public final class RedisLibraryCache implements LibraryCache, DisposableBean {
    private final LettuceConnectionFactory connectionFactory;
    private final Duration timeout;
    private final long ttlSeconds;
    private final LibraryCacheBreaker breaker;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final ExecutorService connector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "library-cache-connect");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<StatefulConnection<String, String>> connection;

    public RedisLibraryCache(LettuceConnectionFactory connectionFactory, Duration timeout, Duration ttl,
                             LibraryCacheBreaker breaker, MeterRegistry meters) {
        this.connectionFactory = connectionFactory;
        this.timeout = timeout;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.breaker = breaker;
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        this.errors = counter(meters, "error");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> get(String key) {
        if (!breaker.allow()) {
            errors.increment();
            return Optional.empty();
        }
        try {
            String value = commands().get(key);
            breaker.success();
            (value == null ? misses : hits).increment();
            return Optional.ofNullable(value);
        } catch (Exception failed) {
            failed(failed);
            errors.increment();
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value) {
        if (!breaker.allow()) {
            return;
        }
        try {
            commands().setex(key, ttlSeconds, value);
            breaker.success();
        } catch (Exception failed) {
            failed(failed);
        }
    }

    private void failed(Exception failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        breaker.failure(failure);
    }

    /** The open connection's commands; a connection still being opened is waited for at most {@code timeout}. */
    private RedisStringCommands<String, String> commands()
            throws InterruptedException, ExecutionException, TimeoutException {
        StatefulConnection<String, String> open = connection().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        // while Lettuce reconnects in the background, commands would queue until they time out
        if (!open.isOpen()) {
            throw new RedisConnectionException("Redis connection is down; Lettuce is reconnecting");
        }
        if (open instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<String, String>) open).sync();
    }

    private synchronized CompletableFuture<StatefulConnection<String, String>> connection() {
        if (connection == null || connection.isCompletedExceptionally()) {
            connection = CompletableFuture.supplyAsync(this::connect, connector);
        }
        return connection;
    }

    private StatefulConnection<String, String> connect() {
        AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
        StatefulConnection<String, String> opened;
        if (client instanceof RedisClusterClient cluster) {
            opened = cluster.connect(StringCodec.UTF8);
        } else if (client instanceof RedisClient single) {
            opened = single.connect(StringCodec.UTF8);
        } else {
            throw new IllegalStateException("Unsupported Redis client " + client.getClass().getName());
        }
        opened.setTimeout(timeout);
        return opened;
    }

    @Override
    public synchronized void destroy() {
        connector.shutdownNow();
        if (connection != null && connection.isDone() && !connection.isCompletedExceptionally()) {
            StatefulConnection<String, String> open = connection.join();
            // the connection factory may have shut its client (and with it this connection) down already
            if (open.isOpen()) {
                open.close();
            }
        }
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("lms.library.cache").tag("result", result)
                .description("Library answers served from Redis (hit), computed after a lookup (miss), or "
                        + "computed because Redis could not answer (error); near: served before Redis")
                .register(meters);
    }
}
