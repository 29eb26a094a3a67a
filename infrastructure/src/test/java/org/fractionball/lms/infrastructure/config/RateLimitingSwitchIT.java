package org.fractionball.lms.infrastructure.config;

import com.google.api.client.http.HttpTransport;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag {@code api_rate_limiting_enabled} (D25f) switched through the API of the test node and
 * obeyed by a second node with low limits (3 an hour) that shares this run's database and Redis:
 * the change reaches it through the lookup version within its check interval (100 ms here), and a
 * flag scoped to a role throttles only that role while anonymous clients stay throttled.
 */
class RateLimitingSwitchIT extends ConfigApiSupport {
    private static final String FLAG = "api_rate_limiting_enabled";
    private static ConfigurableApplicationContext node;

    @Autowired
    private Environment environment;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ObjectProvider<HttpTransport> firebaseCertificates;

    private Account admin;
    private Account teacher;
    private Account otherAdmin;

    @BeforeEach
    void setUp() {
        if (node == null) {
            node = start();
        }
        long school = school(unique("ratelimit") + ".edu");
        admin = account(Role.ADMIN, school);
        teacher = account(Role.TEACHER, school);
        otherAdmin = account(Role.ADMIN, school);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    private static List<Integer> statuses(int times, String path, Account caller) {
        Api api = new Api(((WebServerApplicationContext) node).getWebServer().getPort());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Api.Request request = api.get(path);
            statuses.add((caller == null ? request : request.token(caller.token())).send().status());
        }
        return statuses;
    }

    /** Longer than the other node's check interval, so it has compared the version since the change. */
    private static void letTheOtherNodeNotice() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void switchingTheFlagOffLiftsTheLimitsAndAScopedFlagThrottlesOnlyItsRole() throws InterruptedException {
        assertThat(statuses(4, "/api/me/", teacher)).containsExactly(200, 200, 200, 429);
        try {
            switchFlag(admin, FLAG, false);
            letTheOtherNodeNotice();
            assertThat(statuses(4, "/api/me/", teacher)).containsExactly(200, 200, 200, 200);
            assertThat(statuses(4, "/api/public-config/", null)).containsExactly(200, 200, 200, 200);

            Api.Response scoped = patchFlag(admin, FLAG, "{\"is_enabled\": true, \"applies_to_roles\": [\"ADMIN\"]}");
            assertThat(scoped.status()).as(scoped.toString()).isEqualTo(200);
            letTheOtherNodeNotice();
            assertThat(statuses(4, "/api/me/", teacher)).containsExactly(200, 200, 200, 200);
            assertThat(statuses(4, "/api/me/", otherAdmin)).containsExactly(200, 200, 200, 429);
            assertThat(statuses(4, "/api/public-config/", null)).containsExactly(200, 200, 200, 429);
        } finally {
            Api.Response restored = patchFlag(admin, FLAG, "{\"is_enabled\": true, \"applies_to_roles\": []}");
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        }
        letTheOtherNodeNotice();
        assertThat(statuses(1, "/api/me/", teacher)).containsExactly(429);
    }

    /**
     * Another node on a random port with this run's database, Redis and key prefix, as in
     * ThrottlingIT: its event processors read from a source that never delivers (the test context
     * projects every event).
     */
    private ConfigurableApplicationContext start() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> args = new ArrayList<>();
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.data.redis.url", "lms.redis.key-prefix", "lms.firebase.project-id",
                "lms.firebase.credentials-path", "lms.firebase.check-revoked", "lms.test.firebase-local-keys")) {
            String value = environment.getProperty(key);
            if (value != null) {
                args.add("--" + key + "=" + value);
            }
        }
        args.addAll(List.of("--server.port=0", "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.minimum-idle=1", "--THROTTLE_ANON=3/hour", "--THROTTLE_USER=3/hour",
                "--lms.config.check-interval=100ms"));
        for (String processor : processing.eventProcessors().keySet()) {
            args.add("--axon.eventhandling.processors." + processor + ".mode=subscribing");
            args.add("--axon.eventhandling.processors." + processor + ".source=noEvents");
            args.add("--axon.eventhandling.processors." + processor + ".dlq.enabled=false");
        }
        HttpTransport certificates = firebaseCertificates.getIfAvailable();
        return new SpringApplicationBuilder(LmsApplication.class)
                .profiles("test")
                .initializers(context -> {
                    GenericApplicationContext started = (GenericApplicationContext) context;
                    started.registerBean("noEvents", SubscribableMessageSource.class, NoEvents::new);
                    if (certificates != null) {
                        started.registerBean("firebaseCertificates", HttpTransport.class, () -> certificates);
                    }
                })
                .run(args.toArray(String[]::new));
    }

    /** An event source with no events. */
    private static final class NoEvents implements SubscribableMessageSource<EventMessage<?>> {
        @Override
        public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
            return () -> true;
        }
    }
}
