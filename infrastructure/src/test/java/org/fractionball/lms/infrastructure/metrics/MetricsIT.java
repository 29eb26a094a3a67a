package org.fractionball.lms.infrastructure.metrics;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.annotation.DirtiesContext;

import java.util.Arrays;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/prometheus} exposes for the runbook's metrics and alert rules (ops/prometheus).
 * Spring's tests replace metric export with an in-memory registry unless told otherwise, hence the
 * annotation, and with it a context of its own: closed after this class, so that its event
 * processors do not keep consuming events that other classes' tests expect their own to handle.
 */
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class MetricsIT extends IntegrationTest {

    @Test
    void request_latency_histograms_carry_route_and_status() {
        api().get("/api/healthz/").send();
        String scrape = scrape();
        assertThat(value(scrape, "http_server_requests_seconds_bucket", "uri=\"/api/healthz/\"", "status=\"200\"",
                "le=\"2.0\"")).isPresent();
        assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/api/healthz/\"", "status=\"200\"",
                "method=\"GET\"").orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "hikaricp_connections_max").orElseThrow()).isEqualTo(20);
        assertThat(value(scrape, "jvm_memory_used_bytes", "area=\"heap\"")).isPresent();
        assertThat(value(scrape, "process_cpu_usage")).isPresent();
        assertThat(value(scrape, "lms_http_throttled_total", "scope=\"library\"")).isPresent();
    }

    @Test
    void uploads_auth_failures_and_daily_active_users_are_counted() {
        String teacher = user(Role.TEACHER, school(unique("metrics") + ".edu"));
        String before = scrape();
        double rejected = value(before, "lms_uploads_total", "route=\"/api/uploads/complete/\"", "outcome=\"rejected\"")
                .orElse(0);
        double authFailures = sum(before, "lms_auth_failures_total");
        double active = value(before, "lms_users_active_daily").orElseThrow();

        Api.Response refused = api().post("/api/uploads/complete/", "{}").token(tokenFor(teacher)).send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api().get("/api/me/").token("not-a-token").send().status()).isEqualTo(401);

        String after = scrape();
        assertThat(value(after, "lms_uploads_total", "route=\"/api/uploads/complete/\"", "outcome=\"rejected\"")
                .orElseThrow()).isEqualTo(rejected + 1);
        assertThat(sum(after, "lms_auth_failures_total")).isEqualTo(authFailures + 1);
        assertThat(value(after, "lms_users_active_daily").orElseThrow()).isEqualTo(active + 1);
    }

    @Test
    void the_event_store_head_and_processor_lag_are_gauges() throws InterruptedException {
        school(unique("metrics-head") + ".edu");
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        // the gauges re-read the store at most every five seconds
        long deadline = System.nanoTime() + 8_000_000_000L;
        String scrape = scrape();
        while (value(scrape, "lms_eventstore_head").orElseThrow() < head && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scrape = scrape();
        }
        assertThat(value(scrape, "lms_eventstore_head").orElseThrow()).isGreaterThanOrEqualTo(head);
        assertThat(value(scrape, "lms_processor_lag", "processor=\"accounts\"").orElseThrow()).isZero();
        assertThat(value(scrape, "lms_processor_dead_letters", "processor=\"accounts\"")).isPresent();
        assertThat(value(scrape, "lms_db_connections").orElseThrow()).isPositive();
        assertThat(value(scrape, "lms_db_connections_max").orElseThrow()).isEqualTo(
                jdbc.queryForObject("SELECT current_setting('max_connections')::float8", Double.class));
        assertThat(value(scrape, "disk_total_bytes")).isPresent();
        // axon-micrometer's dimensional meters: one name, the processor as a tag
        assertThat(value(scrape, "eventProcessor_latency", "processorName=\"accounts\"")).isPresent();
        assertThat(sum(scrape, "eventProcessor_ingestedCounter_total", "processorName=\"accounts\"")).isPositive();
    }

    @Test
    void event_processors_measure_live_events_and_not_a_replay() {
        school(unique("metrics-live") + ".edu");
        awaitProjections();
        String processor = "processorName=\"accounts\"";
        double before = sum(scrape(), "eventProcessor_ingestedCounter_total", processor);
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        replay(ProjectionNames.ACCOUNTS, () -> { });
        assertThat(stored).isGreaterThan(1);
        assertThat(sum(scrape(), "eventProcessor_ingestedCounter_total", processor)).isEqualTo(before);

        school(unique("metrics-live-after") + ".edu");
        awaitProjections();
        long live = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class) - stored;
        assertThat(live).isPositive();
        assertThat(sum(scrape(), "eventProcessor_ingestedCounter_total", processor)).isEqualTo(before + live);
    }

    private String scrape() {
        Api.Response response = api().get("/actuator/prometheus").send();
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    /** The value of the first sample named {@code name} whose labels include all of {@code labels}. */
    static OptionalDouble value(String scrape, String name, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** The sum of the samples named {@code name} whose labels include all of {@code labels}. */
    static double sum(String scrape, String name, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
