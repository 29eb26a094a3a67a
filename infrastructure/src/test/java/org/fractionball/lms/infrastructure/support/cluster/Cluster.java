package org.fractionball.lms.infrastructure.support.cluster;

import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * N application JVMs on one fresh PostgreSQL database and one Redis key prefix, behind Debian's
 * nginx running ops/nginx. The first node starts alone (it migrates the database and seeds it, with
 * the demo data's ADMIN {@code admin_firebase_uid}), the others then start together. Every process
 * the cluster started is ended by {@link #close()}, and only those.
 */
public final class Cluster implements AutoCloseable {
    /** Which nginx configuration of ops/nginx fronts the nodes. */
    public enum Layout {
        /** conf.d: every node serving HTTP in one upstream. */
        REPLICAS(List.of("conf.d/lms.conf", "conf.d/upstream.conf", "conf.d/proxy_headers.inc")),
        /** split: reads to the query nodes, writes to the command nodes. */
        SPLIT(List.of("split/lms.conf", "split/upstream.conf", "conf.d/proxy_headers.inc"));

        private final List<String> files;

        Layout(List<String> files) {
            this.files = files;
        }
    }

    public static final String ADMIN_UID = "admin_firebase_uid";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Map<String, AppNode> nodes;
    private final Nginx nginx;

    private Cluster(String jdbcUrl, String username, String password, Map<String, AppNode> nodes, Nginx nginx) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.nodes = nodes;
        this.nginx = nginx;
    }

    public static Builder builder(String purpose) {
        return new Builder(purpose);
    }

    public AppNode node(String name) {
        AppNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return node;
    }

    public List<AppNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The API through nginx. */
    public Api api() {
        return nginx.api();
    }

    public Nginx nginx() {
        return nginx;
    }

    public String token(String uid) {
        return TestFirebase.idToken(uid);
    }

    /** One number from this cluster's database. */
    public long count(String sql, Object... arguments) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows of this cluster's database, each as column → value. */
    public List<Map<String, Object>> rows(String sql, Object... arguments) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            List<Map<String, Object>> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                    }
                    result.add(row);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Waits until the processors have started (they have tokens) and every segment of every one is
     * past the store's head, at most the timeout.
     */
    public boolean awaitProjections(Duration timeout) {
        long head = count("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // the token's index is the last position handled (a gap below it is an uncommitted append);
            // a replay token, which Axon also starts fresh processors with, holds it in currentToken
            long behind = count("""
                    SELECT count(*) FROM token_entry, LATERAL (SELECT convert_from(token, 'UTF8')::jsonb AS t) parsed
                    WHERE token IS NULL
                       OR coalesce((t ->> 'index')::bigint, (t -> 'currentToken' ->> 'index')::bigint, -1) < ?""",
                    head);
            if (behind == 0 && count("SELECT count(*) FROM token_entry") > 0) {
                return true;
            }
            sleep(100);
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            nodes.values().forEach(AppNode::kill);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final String purpose;
        private final Map<String, List<String>> nodes = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Layout layout = Layout.REPLICAS;

        private Builder(String purpose) {
            this.purpose = purpose;
        }

        /** A node named {@code name} (its {@code lms.node-id}) with these role profiles (none: every role). */
        public Builder node(String name, String... profiles) {
            nodes.put(name, List.of(profiles));
            return this;
        }

        /** A property of every node, e.g. {@code lms.throttling.rates.library=25/hour}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** An environment variable of every node, e.g. the runbook's {@code THROTTLE_LIBRARY=25/hour}. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder layout(Layout layout) {
            this.layout = layout;
            return this;
        }

        public Cluster start() throws Exception {
            TestServices services = TestServices.get();
            String database = services.freshDatabase(purpose);
            Path storage = Files.createTempDirectory("lms-cluster-storage-");
            Map<String, String> common = new LinkedHashMap<>();
            common.put("spring.datasource.url", database);
            common.put("spring.datasource.username", services.username);
            common.put("spring.datasource.password", services.password);
            common.put("spring.datasource.hikari.maximum-pool-size", "8");
            common.put("spring.data.redis.url", services.redisUrl);
            common.put("lms.redis.key-prefix", services.redisKeyPrefix + purpose + ":");
            common.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
            common.put("lms.storage.backend", "filesystem");
            common.put("lms.storage.filesystem.directory", storage.toString());
            common.put("lms.scheduling.enabled", "false");
            common.put("lms.trusted-proxies", "127.0.0.1");
            common.put("logging.level.root", "WARN");
            common.putAll(properties);
            Path logs = AppNode.logDirectory();
            Map<String, AppNode> started = new LinkedHashMap<>();
            boolean first = true;
            for (Map.Entry<String, List<String>> spec : nodes.entrySet()) {
                Map<String, String> own = new LinkedHashMap<>(common);
                own.put("lms.demo-data.enabled", Boolean.toString(first));
                Path log = logs.resolve(purpose + "-" + spec.getKey() + ".log");
                Files.deleteIfExists(log);
                started.put(spec.getKey(), new AppNode(spec.getKey(), spec.getValue(), own, environment, log));
                first = false;
            }
            Cluster cluster = null;
            try {
                List<AppNode> all = List.copyOf(started.values());
                all.get(0).launch();
                all.get(0).awaitServing(START_TIMEOUT);
                List<AppNode> rest = all.subList(1, all.size());
                rest.forEach(AppNode::launch);
                CompletableFuture.allOf(rest.stream().map(node -> CompletableFuture.runAsync(
                        () -> node.awaitServing(START_TIMEOUT))).toArray(CompletableFuture[]::new)).join();
                Nginx nginx = Nginx.start(layout.files, upstreamHosts(all));
                cluster = new Cluster(database, services.username, services.password, started, nginx);
                return cluster;
            } finally {
                if (cluster == null) {
                    started.values().forEach(AppNode::kill);
                }
            }
        }

        private Map<String, List<Integer>> upstreamHosts(List<AppNode> all) {
            Map<String, List<Integer>> hosts = new LinkedHashMap<>();
            hosts.put("web", all.stream().filter(AppNode::servesHttp).map(AppNode::port).toList());
            hosts.put("command", all.stream().filter(node -> node.profiles().isEmpty()
                    || node.profiles().contains("command")).map(AppNode::port).toList());
            hosts.put("query", all.stream().filter(node -> node.profiles().isEmpty()
                    || node.profiles().contains("query")).map(AppNode::port).toList());
            return hosts;
        }
    }
}
