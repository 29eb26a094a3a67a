package org.fractionball.lms.infrastructure.throttling;

import com.google.api.client.http.HttpTransport;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throttling end to end on two extra application nodes (A and B) that share this run's
 * PostgreSQL and Redis with low limits, plus a third with throttling switched off. The limits hold
 * in total across the nodes because the buckets live in Redis. The shared test context keeps the
 * runbook's limits; the extra nodes' buckets cannot collide with its buckets because a bucket key
 * names its rate.
 */
class ThrottlingIT extends IntegrationTest {
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static ConfigurableApplicationContext unthrottled;

    @Autowired
    private Environment environment;

    @Autowired
    private EventProcessingConfiguration processing;

    /** In local-keys mode, how the Firebase SDK reaches the locally generated certificates. */
    @Autowired
    private ObjectProvider<HttpTransport> firebaseCertificates;

    private long school;

    @BeforeEach
    void nodes() {
        if (nodeA == null) {
            Map<String, String> low = Map.of("THROTTLE_ANON", "5/hour", "THROTTLE_USER", "8/hour",
                    "THROTTLE_ADMIN", "3/hour", "lms.trusted-proxies", "10.0.0.0/8");
            nodeA = start(low);
            nodeB = start(low);
            unthrottled = start(Map.of("THROTTLE_ANON", "5/hour", "THROTTLE_USER", "8/hour",
                    "lms.throttling.enabled", "false"));
        }
        school = school(unique("throttle") + ".edu");
    }

    @AfterAll
    static void stopNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{nodeA, nodeB, unthrottled}) {
            if (node != null) {
                node.close();
            }
        }
        nodeA = nodeB = unthrottled = null;
    }

    @Test
    void the_user_limit_holds_in_total_across_nodes_then_429_with_retry_after() {
        String token = tokenFor(user(Role.TEACHER, school));
        double throttledBefore = throttled("user");
        long started = System.nanoTime();

        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            responses.add(api(i % 2 == 0 ? nodeA : nodeB).get("/api/me/").token(token).send());
        }

        assertThat(responses).extracting(Api.Response::status)
                .containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 429, 429, 429, 429);
        // 8 per hour: the next token comes 450 s after the first was taken
        for (Api.Response refused : responses.subList(8, 12)) {
            assertThrottled(refused, 450, started);
        }
        assertThat(responses.get(8).header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(throttled("user") - throttledBefore).isEqualTo(4.0);
    }

    @Test
    void another_user_still_gets_through() {
        String first = tokenFor(user(Role.TEACHER, school));
        String second = tokenFor(user(Role.TEACHER, school));
        for (int i = 0; i < 8; i++) {
            assertThat(api(nodeA).get("/api/me/").token(first).send().status()).isEqualTo(200);
        }
        assertThat(api(nodeB).get("/api/me/").token(first).send().status()).isEqualTo(429);

        assertThat(api(nodeB).get("/api/me/").token(second).send().status()).isEqualTo(200);
        assertThat(api(nodeA).get("/api/me/").token(second).send().status()).isEqualTo(200);
    }

    @Test
    void refused_requests_401_and_403_are_not_counted() {
        String teacher = tokenFor(user(Role.TEACHER, school));
        for (int i = 0; i < 10; i++) {
            assertThat(api(i % 2 == 0 ? nodeA : nodeB).get("/api/admin/schools/").token(teacher).send().status())
                    .isEqualTo(403);
            assertThat(api(i % 2 == 0 ? nodeA : nodeB).get("/api/me/").send().status()).isEqualTo(401);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(api(i % 2 == 0 ? nodeB : nodeA).get("/api/me/").token(teacher).send().status())
                    .isEqualTo(200);
        }
        assertThat(api(nodeA).get("/api/me/").token(teacher).send().status()).isEqualTo(429);
    }

    @Test
    void the_admin_limit_applies_on_top_of_the_user_limit() {
        String admin = tokenFor(user(Role.ADMIN, school));
        double throttledBefore = throttled("admin");
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(api(i % 2 == 0 ? nodeA : nodeB).get("/api/admin/schools/").token(admin).send().status())
                    .isEqualTo(200);
        }
        Api.Response refused = api(nodeB).get("/api/admin/schools/").token(admin).send();
        assertThrottled(refused, 1200, started);
        assertThat(throttled("admin") - throttledBefore).isEqualTo(1.0);

        // 8 per hour for the user, 3 spent on administration (the refused one was given back)
        for (int i = 0; i < 5; i++) {
            assertThat(api(i % 2 == 0 ? nodeA : nodeB).get("/api/me/").token(admin).send().status()).isEqualTo(200);
        }
        assertThat(api(nodeA).get("/api/me/").token(admin).send().status()).isEqualTo(429);
    }

    @Test
    void anonymous_requests_are_limited_per_client_address_across_nodes() {
        double throttledBefore = throttled("anon");
        long started = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // the development sign-in is off in the test profile, so it answers 404 from its controller
            statuses.add(api(i % 2 == 0 ? nodeA : nodeB).post("/api/dev/sign-in/", "{\"uid\": \"x\"}").send().status());
        }
        assertThat(statuses).containsExactly(404, 404, 404, 404, 404, 429, 429);
        // 5 per hour: the next token comes 720 s after the first was taken
        assertThrottled(api(nodeA).post("/api/dev/sign-in/", "{\"uid\": \"x\"}").send(), 720, started);
        assertThat(throttled("anon") - throttledBefore).isEqualTo(3.0);
    }

    @Test
    void health_is_never_throttled() {
        for (int i = 0; i < 30; i++) {
            Api.Response health = api(i % 2 == 0 ? nodeA : nodeB).get("/api/healthz/").send();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("healthy");
        }
        assertThat(api(nodeA).get("/actuator/health").send().status()).isNotEqualTo(429);
    }

    @Test
    void nothing_is_throttled_when_switched_off() {
        assertThat(unthrottled.getBeanNamesForType(ThrottlingInterceptor.class)).isEmpty();
        String token = tokenFor(user(Role.ADMIN, school));
        for (int i = 0; i < 20; i++) {
            assertThat(api(unthrottled).get("/api/me/").token(token).send().status()).isEqualTo(200);
            assertThat(api(unthrottled).get("/api/admin/schools/").token(token).send().status()).isEqualTo(200);
        }
    }

    /**
     * A 429 whose {@code Retry-After} is the time until the next token: {@code secondsPerToken}
     * after the first token was taken (some time after {@code startedNanos}), rounded up; and the
     * contract's body with the same number.
     */
    private static void assertThrottled(Api.Response response, long secondsPerToken, long startedNanos) {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L + 1;
        assertThat(response.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(secondsPerToken - elapsed, secondsPerToken);
        assertThat(response.text()).isEqualTo("{\"detail\":\"Request was throttled. Expected available in "
                + retryAfter + " seconds.\"}");
    }

    @Test
    void client_addresses_use_the_trusted_proxies_of_the_application_they_serve() {
        Object registered = ((ServletWebServerApplicationContext) nodeA).getServletContext()
                .getAttribute(ClientAddresses.ATTRIBUTE);
        assertThat(registered).isSameAs(nodeA.getBean(ClientAddresses.class));
        assertThat(((ClientAddresses) registered).isTrusted("10.1.2.3")).isTrue();
        assertThat(((ClientAddresses) registered).isTrusted("127.0.0.1")).isFalse();
        assertThat(((ClientAddresses) ((ServletWebServerApplicationContext) unthrottled).getServletContext()
                .getAttribute(ClientAddresses.ATTRIBUTE)).trustsAnyProxy()).isFalse();
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    /** Requests answered 429 by {@code scope}'s limit, on both throttled nodes together. */
    private static double throttled(String scope) {
        double total = 0;
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            total += node.getBean(MeterRegistry.class).get(ThrottlingInterceptor.COUNTER).tag("scope", scope)
                    .counter().count();
        }
        return total;
    }

    /**
     * Another node of the application on a random port, with this run's database, Redis and key
     * prefix (so it shares buckets with the other nodes) and the given settings. Its event
     * processors read from a source that never delivers: the shared test context projects every
     * event, and Axon names token owners by JVM, so a second processor here would not be kept out.
     */
    private ConfigurableApplicationContext start(Map<String, String> settings) {
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
        args.add("--server.port=0");
        args.add("--spring.datasource.hikari.maximum-pool-size=4");
        args.add("--spring.datasource.hikari.minimum-idle=1");
        for (String processor : processing.eventProcessors().keySet()) {
            args.add("--axon.eventhandling.processors." + processor + ".mode=subscribing");
            args.add("--axon.eventhandling.processors." + processor + ".source=noEvents");
            args.add("--axon.eventhandling.processors." + processor + ".dlq.enabled=false");
        }
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        HttpTransport certificates = firebaseCertificates.getIfAvailable();
        return new SpringApplicationBuilder(LmsApplication.class)
                .profiles("test")
                .initializers(context -> {
                    GenericApplicationContext node = (GenericApplicationContext) context;
                    node.registerBean("noEvents", SubscribableMessageSource.class, NoEvents::new);
                    if (certificates != null) {
                        node.registerBean("firebaseCertificates", HttpTransport.class, () -> certificates);
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
