package org.fractionball.lms.infrastructure.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.projections.ReadModelChanges;
import org.fractionball.lms.projections.ReadModelSubscriber;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's ear on {@link ReadModelChanges#CHANNEL}: one PostgreSQL connection of its own (not
 * the pool's) that {@code LISTEN}s, and a thread that hands each change to the subscribers it
 * concerns. While the connection is down, and until it listens again, subscribers are told they
 * are not hearing (they keep nothing and read PostgreSQL); it reconnects by itself.
 * {@link #awaitHeard} lets a reader wait until this node has heard every change committed before it
 * asked, which read-your-writes needs on top of the projections' positions.
 */
@Component
public class ReadModelListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReadModelListener.class);
    private static final String HEARD = "heard:";
    private static final int POLL_MILLIS = 500;
    /** An idle connection is checked this often, so one that died without a word is noticed. */
    private static final long CHECK_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RETRY_MILLIS = 1000;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final List<ReadModelSubscriber> subscribers;
    private final String node = UUID.randomUUID().toString();
    private final AtomicLong asked = new AtomicLong();
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread thread;

    public ReadModelListener(DataSource dataSource, JdbcTemplate jdbc, List<ReadModelSubscriber> subscribers,
                             MeterRegistry meters) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        Gauge.builder("lms.read_model.listening", this, listener -> listener.listening ? 1 : 0)
                .description("1 while this node hears read model changes (its node caches serve), 0 while "
                        + "every lookup reads PostgreSQL").register(meters);
    }

    /** True while every change is heard. */
    public boolean listening() {
        return listening;
    }

    /**
     * Waits until this node has heard every change committed before this call: its own
     * notification, sent after them, comes back after them (PostgreSQL delivers in commit order).
     * True at once when nothing listens (subscribers then keep nothing); false if {@code timeout}
     * ran out first.
     */
    public boolean awaitHeard(Duration timeout) {
        if (!listening) {
            return true;
        }
        String payload = HEARD + node + ":" + asked.incrementAndGet();
        CountDownLatch heard = new CountDownLatch(1);
        waiting.put(payload, heard);
        try {
            ReadModelChanges.send(jdbc, payload);
            return heard.await(timeout.toNanos(), TimeUnit.NANOSECONDS) || !listening;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(payload);
        }
    }

    @Override
    public void start() {
        running = true;
        Thread listener = new Thread(this::listen, "read-model-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection connection = open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ReadModelChanges.CHANNEL);
                }
                // what changed before the LISTEN was never heard
                hearing(true);
                if (warned) {
                    log.info("Listening for read model changes again");
                    warned = false;
                }
                receive(connection);
            } catch (SQLException | RuntimeException failure) {
                if (running && !warned) {
                    log.warn("Not listening for read model changes ({}); node caches read PostgreSQL until it "
                            + "reconnects", failure.toString());
                    warned = true;
                }
            }
            hearing(false);
            pause();
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received != null && received.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : received) {
                    deliver(notification.getParameter());
                }
            } else if (System.nanoTime() - lastHeard > CHECK_IDLE_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void deliver(String topic) {
        if (topic.startsWith(HEARD)) {
            CountDownLatch heard = waiting.get(topic);
            if (heard != null) {
                heard.countDown();
            }
            return;
        }
        for (ReadModelSubscriber subscriber : subscribers) {
            if (subscriber.concerns(topic)) {
                subscriber.invalidate();
            }
        }
    }

    /** Told in this order, so nothing is kept across the switch: not hearing, then forget; forget, then hearing. */
    private void hearing(boolean hearing) {
        if (hearing) {
            subscribers.forEach(ReadModelSubscriber::invalidate);
            subscribers.forEach(subscriber -> subscriber.hearing(true));
            listening = true;
        } else {
            listening = false;
            subscribers.forEach(subscriber -> subscriber.hearing(false));
            subscribers.forEach(ReadModelSubscriber::invalidate);
            // a reader waiting to be heard is answered: nothing is kept now
            waiting.values().forEach(CountDownLatch::countDown);
        }
    }

    /** A connection of its own, with the pool's address and credentials, and a read timeout so a dead one fails. */
    private Connection open() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("ApplicationName", "lms read-model listener");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
