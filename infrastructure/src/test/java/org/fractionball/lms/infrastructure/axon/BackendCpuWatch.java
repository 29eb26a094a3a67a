package org.fractionball.lms.infrastructure.axon;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU ticks of every PostgreSQL backend of one database, read every 100 ms: connections opened
 * and closed while a measurement runs (a rebuild's own pool) count with their last reading.
 */
final class BackendCpuWatch extends Thread implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final Connection connection;
    private final Map<Integer, Long> ticks = new HashMap<>();
    private volatile boolean running = true;

    BackendCpuWatch(Connection connection) {
        super("benchmark-backend-cpu");
        setDaemon(true);
        this.connection = connection;
    }

    @Override
    public void run() {
        while (running) {
            try {
                poll();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException stopped) {
                return;
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** Reads every backend now and returns the readings so far, gone backends included. */
    synchronized Map<Integer, Long> now() throws SQLException {
        poll();
        return Map.copyOf(ticks);
    }

    private synchronized void poll() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                long reading = Cpu.backendTicks(rs.getInt(1));
                if (reading > 0) {
                    ticks.merge(rs.getInt(1), reading, Math::max);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        interrupt();
        join(5_000);
    }
}
