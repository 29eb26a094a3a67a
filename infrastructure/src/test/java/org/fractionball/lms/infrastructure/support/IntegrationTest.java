package org.fractionball.lms.infrastructure.support;

import com.google.api.client.http.HttpTransport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.axon.ProjectionPositions;
import org.fractionball.lms.infrastructure.bootstrap.Provisioner;
import org.fractionball.lms.infrastructure.database.ReadModelListener;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the whole application on a random port against real
 * PostgreSQL and Redis ({@link TestServices}) with real Firebase tokens ({@link TestFirebase}).
 * One application context is shared by every test class; tests keep apart by using fresh
 * names (see {@link #unique(String)}).
 */
@SpringBootTest(classes = LmsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTest.LocalKeysTransport.class)
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected Provisioner provisioner;

    @Autowired
    protected ProjectionPositions projections;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ReadModelListener readModelListener;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices services = TestServices.get();
        registry.add("spring.datasource.url", services::jdbcUrl);
        registry.add("spring.datasource.username", () -> services.username);
        registry.add("spring.datasource.password", () -> services.password);
        registry.add("spring.data.redis.url", () -> services.redisUrl);
        registry.add("lms.redis.key-prefix", () -> services.redisKeyPrefix);
        registry.add("spring.profiles.active", () -> "test");
        registry.add("lms.firebase.project-id", () -> TestFirebase.PROJECT_ID);
        registry.add("lms.storage.backend", () -> "filesystem");
        registry.add("lms.storage.filesystem.directory", TestStorage::directory);
        registry.add("lms.backups.directory", TestStorage::backupDirectory);
        if (!TestFirebase.EMULATOR) {
            registry.add("lms.firebase.credentials-path", LocalKeys::serviceAccountFile);
            registry.add("lms.firebase.check-revoked", () -> "false");
            registry.add("lms.test.firebase-local-keys", () -> "true");
        }
    }

    protected Api api() {
        return new Api(port);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a school through its command and waits until the read side shows it. */
    protected long school(String domain) {
        long[] id = new long[1];
        RequestContext.runAs("system:test", () -> id[0] = provisioner.ensureSchool("School " + domain, domain));
        awaitProjections();
        return id[0];
    }

    /** Provisions a user with a fresh Firebase uid and returns its uid. */
    protected String user(Role role, long schoolId) {
        String uid = unique(role.name().toLowerCase());
        RequestContext.runAs("system:test", () -> provisioner.ensureUser(uid, uid, uid + "@example.edu", "Test",
                role.name(), role, schoolId));
        awaitProjections();
        return uid;
    }

    protected String tokenFor(String uid) {
        return TestFirebase.idToken(uid);
    }

    /** Waits (at most 15 s) until this node's read-model listener is, or is no longer, listening. */
    protected void awaitListening(boolean listening) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (readModelListener.listening() != listening) {
            assertThat(System.nanoTime()).as("listening " + listening).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    /** Waits until every projection has processed every event stored so far. */
    protected void awaitProjections() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        // only the groups that have handlers run as processors
        List<String> running = ProjectionNames.ALL.stream()
                .filter(name -> processing.eventProcessor(name).isPresent()).toList();
        if (!projections.awaitPassed(running, head,
                Duration.ofSeconds(10))) {
            throw new AssertionError("projections did not reach position " + head);
        }
    }

    /**
     * Rebuilds a processing group's tables from the first event: stops its processor, resets its
     * tokens (running its reset handlers), runs {@code whileEmpty} against the emptied tables,
     * starts it again and waits until every projection has caught up.
     */
    protected void replay(String processingGroup, Runnable whileEmpty) {
        TrackingEventProcessor processor = processing.eventProcessor(processingGroup, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens(processor.getMessageSource().createTailToken());
        whileEmpty.run();
        processor.start();
        // a replay is judged by position: its token reports "replaying" until a newer event arrives
        awaitProjections();
    }

    /** In local-keys mode the SDK fetches Google's certificates through this transport. */
    @TestConfiguration
    static class LocalKeysTransport {
        @Bean
        @ConditionalOnProperty(name = "lms.test.firebase-local-keys", havingValue = "true")
        HttpTransport firebaseCertificates() {
            return LocalKeys.certificateTransport();
        }
    }
}
