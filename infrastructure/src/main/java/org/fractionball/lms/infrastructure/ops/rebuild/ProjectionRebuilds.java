package org.fractionball.lms.infrastructure.ops.rebuild;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.cluster.NodeRoles;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ProjectionTables;
import org.fractionball.lms.projections.ReadModelChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Blue/green rebuilds of projections: version N+1 of a group's tables is built from the first
 * event by a processor of its own while version N keeps serving; once it has caught up, one
 * transaction puts its tables live, hands its token to the live processor and raises the version
 * (see docs/architecture.md, "Blue/green projection rebuilds").
 * <p>
 * The state is in {@code projection_rebuild}, so any node can show it and a rebuild outlives the
 * node running it: every node looks for unfinished rebuilds each {@code lms.rebuilds.check-interval}
 * and runs one only while it holds the rebuild's PostgreSQL advisory lock (held on a connection
 * kept for the purpose, so it goes with the node); the next node to take the lock resumes from the
 * rebuild processor's committed token. {@code lms.rebuilds.claim=false} keeps a node out of it.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {
    /** The rebuild is caught up, and switched, when at most this many events are left. */
    static final long CAUGHT_UP_WITHIN = 5;
    /** The statuses of a rebuild some node is to run, as an SQL list. */
    private static final String UNFINISHED = "('building', 'indexing', 'switching')";
    /** How often a rebuild running here is advanced (progress written, caught up or not). */
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);
    /** Progress is measured over the last this long. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** First key of the advisory locks; the second is the group name's hash. */
    private static final int LOCK_CLASS = 72_017;
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final ApplicationContext context;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final Environment environment;
    private final Duration checkInterval;
    private final String nodeId;
    private final boolean claims;
    private final String indexMemory;
    private final int indexBuilders;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Groups whose live processor this node has stopped to switch tables, until it runs again. */
    private final Set<String> switching = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    /** When {@link #tick} next looks for rebuilds to claim (scheduler thread only). */
    private long nextCheck = System.nanoTime();

    public ProjectionRebuilds(ApplicationContext context, JdbcTemplate jdbc, DataSource dataSource,
                              PlatformTransactionManager transactionManager, EventProcessingConfiguration processing,
                              ProjectionPositions positions, Environment environment,
                              @Value("${lms.rebuilds.check-interval:1s}") Duration checkInterval,
                              @Value("${lms.node-id:}") String nodeId,
                              @Value("${lms.rebuilds.claim:true}") boolean claims,
                              @Value("${lms.rebuilds.index-memory:256MB}") String indexMemory,
                              @Value("${lms.rebuilds.index-builders:2}") int indexBuilders) {
        this.context = context;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processing = processing;
        this.positions = positions;
        this.environment = environment;
        this.checkInterval = checkInterval;
        if (!indexMemory.matches("[0-9]+[kMG]B")) {
            throw new IllegalArgumentException("lms.rebuilds.index-memory must be a size such as 256MB: " + indexMemory);
        }
        this.indexMemory = indexMemory;
        if (indexBuilders < 1) {
            throw new IllegalArgumentException("lms.rebuilds.index-builders must be at least 1: " + indexBuilders);
        }
        this.indexBuilders = indexBuilders;
        this.nodeId = nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        // only nodes that run the projections run their rebuilds (docs/architecture.md, node roles)
        this.claims = claims && NodeRoles.of(environment).has(NodeRoles.Role.PROJECTIONS);
    }

    /** True for the groups that keep read tables and run as a processor here. */
    public boolean rebuildable(String group) {
        return ProjectionNames.ALL.contains(group) && !ProjectionTables.ownedBy(group).isEmpty()
                && processing.eventProcessor(group, StreamingEventProcessor.class).isPresent();
    }

    /**
     * Starts building the group's next version: records the rebuild and creates the empty copies of
     * its tables in one transaction; a node (this one, normally within a second) then runs it.
     *
     * @return the rebuild as {@link #rebuildOf} shows it, empty when one is already running
     */
    public Optional<Map<String, Object>> start(String group) {
        boolean started = Boolean.TRUE.equals(transactions.execute(status -> {
            int target = version(group) + 1;
            int recorded = jdbc.update("""
                    INSERT INTO projection_rebuild (name, target_version, status, head, started_at)
                    VALUES (?, ?, 'building', (SELECT coalesce(max(global_index), 0) FROM domain_event_entry), now())
                    ON CONFLICT (name) DO UPDATE SET target_version = EXCLUDED.target_version, status = 'building',
                        position = 0, head = EXCLUDED.head, events_per_second = 0, started_at = EXCLUDED.started_at,
                        error = NULL
                    WHERE projection_rebuild.status = 'failed'""", group, target);
            if (recorded == 0) {
                return false;
            }
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", RebuildRun.processorName(group, target));
            RebuildSchema.create(jdbc, group);
            return true;
        }));
        if (!started) {
            return Optional.empty();
        }
        if (scheduler != null) {
            scheduler.execute(this::check);
        }
        return Optional.ofNullable(rebuildOf(group));
    }

    /** The version of the group's live tables (1 until a rebuild has switched). */
    public int version(String group) {
        return versionOf(jdbc, group);
    }

    /** {@link #version}, for tools that read the database without the application. */
    public static int versionOf(JdbcTemplate jdbc, String group) {
        return jdbc.queryForObject("SELECT coalesce((SELECT version FROM projection_version WHERE name = ?), 1)",
                Integer.class, group);
    }

    /** The group's unfinished rebuild with its progress, null when there is none. */
    public Map<String, Object> rebuildOf(String group) {
        return rebuildOf(jdbc, group);
    }

    /** {@link #rebuildOf(String)}, for tools that read the database without the application. */
    public static Map<String, Object> rebuildOf(JdbcTemplate jdbc, String group) {
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT target_version, status, position, head, events_per_second, started_at, error
                FROM projection_rebuild WHERE name = ?""", (rs, n) -> {
            long position = rs.getLong("position");
            long head = rs.getLong("head");
            double rate = rs.getDouble("events_per_second");
            String status = rs.getString("status");
            Map<String, Object> rebuild = new LinkedHashMap<>();
            rebuild.put("target_version", rs.getInt("target_version"));
            rebuild.put("status", status);
            rebuild.put("position", position);
            rebuild.put("head", head);
            rebuild.put("percent", percent(position, head));
            rebuild.put("events_per_second", Math.round(rate * 10) / 10.0);
            rebuild.put("eta_seconds", eta(status, position, head, rate));
            rebuild.put("started_at", rs.getTimestamp("started_at").toInstant().toString());
            rebuild.put("error", rs.getString("error"));
            return rebuild;
        }, group);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static double percent(long position, long head) {
        if (head <= 0) {
            return 100.0;
        }
        return Math.min(100.0, Math.floor(Math.max(0, position) * 1000.0 / head) / 10.0);
    }

    static Long eta(String status, long position, long head, double eventsPerSecond) {
        if (!status.equals("building") || eventsPerSecond <= 0) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, head - position) / eventsPerSecond);
    }

    /**
     * Looks for rebuilds to claim each check interval; advances the ones running here more often, so
     * that a rebuild that has caught up switches within a tenth of a second, not a whole interval.
     */
    private void tick() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + checkInterval.toNanos();
            check();
            return;
        }
        try {
            advanceRunning();
        } catch (RuntimeException failure) {
            LOG.warn("Projection rebuild progress failed; retrying", failure);
        }
    }

    /** Claims unfinished rebuilds no node runs and advances the ones this node runs. */
    void check() {
        try {
            for (String group : jdbc.queryForList(
                    "SELECT name FROM projection_rebuild WHERE status IN " + UNFINISHED + " ORDER BY name",
                    String.class)) {
                if (!running.containsKey(group) && rebuildable(group)) {
                    claim(group);
                }
            }
            advanceRunning();
        } catch (RuntimeException failure) {
            LOG.warn("Projection rebuild check failed; retrying", failure);
        }
    }

    private void advanceRunning() {
        for (Running rebuild : List.copyOf(running.values())) {
            advance(rebuild);
        }
    }

    private void claim(String group) {
        Connection lock;
        try {
            lock = dataSource.getConnection();
        } catch (SQLException unavailable) {
            LOG.warn("No connection to claim the rebuild of {}", group, unavailable);
            return;
        }
        try {
            if (!advisoryLock(lock, "pg_try_advisory_lock", group)) {
                lock.close();
                return;
            }
            Integer target = jdbc.query("SELECT target_version FROM projection_rebuild WHERE name = ? "
                    + "AND status IN " + UNFINISHED, rs -> rs.next() ? rs.getInt(1) : null, group);
            if (target == null) {
                release(lock, group);
                return;
            }
            int segments = Math.max(1, jdbc.queryForObject(
                    "SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, group));
            int batchSize = environment.getProperty("axon.eventhandling.processors." + group + ".batch-size",
                    Integer.class, 1);
            RebuildRun run = RebuildRun.prepare(context, group, target, segments, batchSize, nodeId);
            jdbc.update("UPDATE projection_rebuild SET status = 'building' WHERE name = ?", group);
            running.put(group, new Running(run, lock));
            run.start();
            LOG.info("Rebuilding projection {} as version {} on this node", group, target);
        } catch (SQLException | RuntimeException failure) {
            LOG.warn("Could not start the rebuild of {}", group, failure);
            release(lock, group);
        }
    }

    private void advance(Running rebuild) {
        RebuildRun run = rebuild.run;
        String error = run.error();
        if (error != null) {
            fail(rebuild, error);
            return;
        }
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        long stored = positions.lowestPosition(run.processorName);
        long position = Math.max(0, stored);
        double rate = rebuild.rate(System.nanoTime(), position);
        int updated = jdbc.update("""
                UPDATE projection_rebuild SET position = ?, head = ?, events_per_second = ?
                WHERE name = ? AND target_version = ? AND status = 'building'""",
                position, head, rate, run.group, run.targetVersion);
        if (updated == 0) {
            LOG.warn("The rebuild of {} is no longer recorded as building; stopping it here", run.group);
            stopLocally(rebuild);
            return;
        }
        // a processor without a stored position has not started, unless the store is empty
        boolean started = stored >= 0 || head == 0 && jdbc.queryForObject(
                "SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class, run.processorName) > 0;
        // the indexes are built first; the next tick switches once the processor has caught up again
        if (started && position >= head - CAUGHT_UP_WITHIN && !buildDeferredIndexes(run)) {
            switchOver(rebuild);
        }
    }

    /**
     * Builds the indexes left out of the copies during the replay, each in a transaction of its own
     * (a restart keeps the ones built), {@code lms.rebuilds.index-builders} at a time (PostgreSQL's
     * parallel workers leave its serial phases, such as writing the index out, to one core), while
     * the rebuild processor waits for each to finish (an index build blocks writes to its table)
     * and then catches up again.
     *
     * @return whether any was left to build
     */
    private boolean buildDeferredIndexes(RebuildRun run) {
        Map<String, String> indexes = transactions.execute(status -> {
            jdbc.execute("SET LOCAL search_path = pg_catalog");
            return RebuildSchema.indexesToBuild(jdbc, run.group);
        });
        if (indexes.isEmpty()) {
            return false;
        }
        jdbc.update("UPDATE projection_rebuild SET status = 'indexing' WHERE name = ? AND status = 'building'",
                run.group);
        ExecutorService builders = Executors.newFixedThreadPool(Math.min(indexBuilders, indexes.size()),
                daemonThreads("projection-rebuild-index"));
        try {
            long started = System.nanoTime();
            Map<String, Long> millis = new ConcurrentHashMap<>();
            List<Future<?>> builds = new ArrayList<>();
            indexes.forEach((name, definition) -> builds.add(builders.submit(() -> {
                long from = System.nanoTime();
                transactions.executeWithoutResult(status -> {
                    jdbc.execute("SET LOCAL search_path = pg_catalog");
                    jdbc.execute("SET LOCAL maintenance_work_mem = '" + indexMemory + "'");
                    jdbc.execute(definition);
                });
                millis.put(name, (System.nanoTime() - from) / 1_000_000);
            })));
            for (Future<?> build : builds) {
                await(build);
            }
            LOG.info("Built the {} deferred indexes of {} version {} in {} ms ({} at a time): {}", indexes.size(),
                    run.group, run.targetVersion, (System.nanoTime() - started) / 1_000_000, indexBuilders,
                    new TreeMap<>(millis));
        } finally {
            builders.shutdownNow();
            jdbc.update("UPDATE projection_rebuild SET status = 'building' WHERE name = ? AND status = 'indexing'",
                    run.group);
        }
        return true;
    }

    static ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void await(Future<?> build) {
        try {
            build.get();
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building indexes", interrupted);
        }
    }

    /**
     * Stops the rebuild processor and, on this node, the live one, then in one transaction moves
     * the tables, gives the live processor the rebuild's token and raises the projection's version
     * and its cache version counters. Live processors of other nodes lose their claims (their
     * token rows are replaced, unowned) and continue from the new token once they claim it again.
     */
    private void switchOver(Running rebuild) {
        RebuildRun run = rebuild.run;
        String group = run.group;
        jdbc.update("UPDATE projection_rebuild SET status = 'switching' WHERE name = ?", group);
        run.stop();
        Optional<StreamingEventProcessor> live = processing.eventProcessor(group, StreamingEventProcessor.class);
        // the switch commits before the live processor runs again: until then it is shown as switching,
        // not as a stopped processor with nothing left to do
        switching.add(group);
        try {
            live.ifPresent(StreamingEventProcessor::shutDown);
            transactions.executeWithoutResult(status -> moveTables(run));
        } catch (DataAccessException failure) {
            LOG.warn("Switching {} to version {} failed; building on and retrying", group, run.targetVersion, failure);
            jdbc.update("UPDATE projection_rebuild SET status = 'building' WHERE name = ?", group);
            run.start();
            return;
        } finally {
            live.ifPresent(StreamingEventProcessor::start);
            switching.remove(group);
        }
        LOG.info("Projection {} switched to version {}", group, run.targetVersion);
        stopLocally(rebuild);
    }

    /** The switch's one transaction: new tables live, the token handed over, the version raised. */
    private void moveTables(RebuildRun run) {
        String group = run.group;
        // a query or a batch on the old tables is waited for, not forever
        jdbc.execute("SET LOCAL lock_timeout = '10s'");
        jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name IN (?, ?) FOR UPDATE",
                group, run.processorName);
        RebuildSchema.switchTables(jdbc, group);
        // the old tables are already locked by the move: dropping them here costs no wait,
        // and a finished rebuild never leaves them behind
        RebuildSchema.dropLeftovers(jdbc, group);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", group);
        jdbc.update("""
                INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
                SELECT ?, segment, token, token_type, timestamp, NULL FROM token_entry WHERE processor_name = ?""",
                group, run.processorName);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", run.processorName);
        jdbc.update("INSERT INTO projection_version (name, version) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version", group, run.targetVersion);
        for (String counter : ProjectionTables.versionCountersOf(group)) {
            jdbc.update("UPDATE " + counter + " SET version = version + 1");
        }
        jdbc.update("DELETE FROM projection_rebuild WHERE name = ?", group);
        // every table of the group is new: the nodes drop what they kept of the old ones as this commits
        ReadModelChanges.send(jdbc, group);
    }

    /** True while this node switches the group's tables and its live processor is stopped for it. */
    public boolean switching(String group) {
        return switching.contains(group);
    }

    private void fail(Running rebuild, String error) {
        LOG.error("The rebuild of {} failed: {}", rebuild.run.group, error);
        jdbc.update("UPDATE projection_rebuild SET status = 'failed', error = ? WHERE name = ?", error,
                rebuild.run.group);
        stopLocally(rebuild);
    }

    private void stopLocally(Running rebuild) {
        running.remove(rebuild.run.group);
        rebuild.run.close();
        release(rebuild.lock, rebuild.run.group);
    }

    private static boolean advisoryLock(Connection connection, String function, String group) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + function + "(" + LOCK_CLASS + ", hashtext(?))")) {
            statement.setString(1, group);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void release(Connection lock, String group) {
        try (lock) {
            advisoryLock(lock, "pg_advisory_unlock", group);
        } catch (SQLException failure) {
            LOG.warn("Could not release the rebuild lock of {} (it goes with the connection)", group, failure);
        }
    }

    @Override
    public synchronized void start() {
        if (!claims) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("projection-rebuilds"));
        scheduler.scheduleWithFixedDelay(this::tick, 0, Math.min(checkInterval.toMillis(), PROGRESS_INTERVAL.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    /** Stops the rebuilds running here where they are; another node, or this one restarted, resumes them. */
    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        List.copyOf(running.values()).forEach(this::stopLocally);
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Started after, and stopped before, the event processors and the connection pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    /** A rebuild this node runs: its processor, the connection holding its lock, and recent progress. */
    private static final class Running {
        final RebuildRun run;
        final Connection lock;
        private final Deque<long[]> samples = new ArrayDeque<>();

        Running(RebuildRun run, Connection lock) {
            this.run = run;
            this.lock = lock;
        }

        /** Events per second over the last {@link #RATE_WINDOW}. */
        double rate(long nanos, long position) {
            samples.addLast(new long[]{nanos, position});
            while (samples.size() > 2 && nanos - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            double seconds = (nanos - first[0]) / 1e9;
            return seconds <= 0 ? 0 : (position - first[1]) / seconds;
        }
    }
}
