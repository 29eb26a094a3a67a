package org.fractionball.lms.infrastructure.support;

import org.fractionball.lms.infrastructure.database.EmbeddedPostgresServer;
import org.fractionball.lms.infrastructure.database.RunbookEnvironment;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL and Redis the integration tests run against, found once per JVM: from
 * {@code DATABASE_URL} / {@code REDIS_URL} when set, else Testcontainers when a Docker engine
 * answers, else embedded servers. Each run gets a database of its own (dropped at exit) and a
 * Redis key prefix of its own, so runs never see each other's data.
 */
public final class TestServices {
    private static TestServices instance;

    public final String adminJdbcUrl;
    public final String username;
    public final String password;
    public final String databaseName;
    public final String redisUrl;
    public final String redisKeyPrefix;
    public final String description;

    private TestServices(String adminJdbcUrl, String username, String password, String redisUrl, String how) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.username = username;
        this.password = password;
        this.databaseName = "lms_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        this.redisUrl = redisUrl;
        this.redisKeyPrefix = "lms-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        this.description = how;
        execute("CREATE DATABASE " + databaseName);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + databaseName
                + " WITH (FORCE)")));
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            instance = discover();
            System.out.println("[test services] " + instance.description + "; database " + instance.databaseName);
        }
        return instance;
    }

    /** JDBC URL of this run's own database. */
    public String jdbcUrl() {
        return withDatabase(adminJdbcUrl, databaseName);
    }

    /** JDBC URL of another fresh database on the same server, dropped when the JVM exits. */
    public String freshDatabase(String purpose) {
        String name = databaseName + "_" + purpose;
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name
                + " WITH (FORCE)")));
        return withDatabase(adminJdbcUrl, name);
    }

    public Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    /** A connection to another database of this server, such as one from {@link #freshDatabase}. */
    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on " + adminJdbcUrl, e);
        }
    }

    private static TestServices discover() {
        String postgres;
        String user;
        String pass;
        StringBuilder how = new StringBuilder();
        String databaseUrl = System.getenv("DATABASE_URL");
        boolean docker = databaseUrl == null || System.getenv("REDIS_URL") == null ? dockerAvailable() : false;
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            Map<String, Object> properties = RunbookEnvironment.jdbcPropertiesOf(databaseUrl);
            postgres = (String) properties.get("spring.datasource.url");
            user = (String) properties.getOrDefault("spring.datasource.username", "postgres");
            pass = (String) properties.getOrDefault("spring.datasource.password", "");
            how.append("PostgreSQL from DATABASE_URL");
        } else if (docker) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            postgres = container.getJdbcUrl();
            user = container.getUsername();
            pass = container.getPassword();
            how.append("PostgreSQL from Testcontainers");
        } else {
            try {
                Path dir = Files.createTempDirectory("lms-test-pg");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("data"), "postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                postgres = server.jdbcUrl("postgres");
                user = "postgres";
                pass = "";
                how.append("embedded PostgreSQL 16");
            } catch (IOException e) {
                throw new IllegalStateException("No PostgreSQL for the integration tests: set DATABASE_URL, run "
                        + "Docker, or let the embedded server start", e);
            }
        }
        String redis = System.getenv("REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            how.append(", Redis from REDIS_URL");
        } else if (docker) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            redis = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
            how.append(", Redis from Testcontainers");
        } else {
            int port = freePort();
            RedisServer server;
            try {
                server = new RedisServer(port);
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start embedded Redis", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            redis = "redis://127.0.0.1:" + port;
            how.append(", embedded Redis");
        }
        return new TestServices(postgres, user, pass, redis, how.toString());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error noDocker) {
            return false;
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
