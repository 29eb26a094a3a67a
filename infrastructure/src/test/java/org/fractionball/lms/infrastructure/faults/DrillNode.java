package org.fractionball.lms.infrastructure.faults;

import org.axonframework.config.EventProcessingConfiguration;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.bootstrap.Provisioner;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.support.cluster.InProcessNode;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application node started in this JVM for one drill, on a database and Redis the drill
 * chooses (its own, so stopping them never touches the services other tests share).
 */
final class DrillNode implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private DrillNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The settings every drill node shares; {@code overrides} win. */
    static Map<String, String> properties(String jdbcUrl, String redisUrl, Map<String, String> overrides)
            throws IOException {
        TestServices services = TestServices.get();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(freePort()));
        properties.putAll(InProcessNode.settings("drill", services, jdbcUrl, redisUrl,
                services.redisKeyPrefix + "drill-" + UUID.randomUUID() + ":"));
        properties.put("lms.backups.directory", Files.createTempDirectory("drill-backups").toString());
        // a killed node's segments are taken over after 3 s instead of 10 s
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "3s");
        properties.putAll(overrides);
        return properties;
    }

    static DrillNode start(String jdbcUrl, String redisUrl, Map<String, String> overrides) throws IOException {
        return new DrillNode(InProcessNode.run(properties(jdbcUrl, redisUrl, overrides)));
    }

    Api api() {
        return new Api(port());
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    long school(String domain) {
        long[] id = new long[1];
        RequestContext.runAs("system:test", () -> id[0] = bean(Provisioner.class).ensureSchool("School " + domain,
                domain));
        return id[0];
    }

    /** Provisions a user with a fresh Firebase uid and returns a token for it. */
    String user(Role role, long schoolId) {
        String uid = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        RequestContext.runAs("system:test", () -> bean(Provisioner.class).ensureUser(uid, uid, uid + "@example.edu",
                "Drill", role.name(), role, schoolId));
        return TestFirebase.idToken(uid);
    }

    long head() {
        return jdbc().queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** Waits until every projection running here has processed every event stored so far. */
    void awaitProjections(Duration timeout) {
        long head = head();
        EventProcessingConfiguration processing = bean(EventProcessingConfiguration.class);
        List<String> running = ProjectionNames.ALL.stream().filter(name -> processing.eventProcessor(name).isPresent())
                .toList();
        if (!bean(ProjectionPositions.class).awaitPassed(running, head, timeout)) {
            throw new AssertionError("projections did not reach position " + head + " within " + timeout);
        }
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
