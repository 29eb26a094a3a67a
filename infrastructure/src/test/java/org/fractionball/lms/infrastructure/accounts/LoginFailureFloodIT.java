package org.fractionball.lms.infrastructure.accounts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A flood of failed authentications from one client cannot fill the event store: at most 20
 * {@code LoginFailed} events per client address and minute are stored (a token bucket of 20,
 * refilled by one every three seconds); the rest are only counted in {@code lms.auth.failures}.
 *
 * <p>Every test of the run comes from 127.0.0.1 and shares that budget, so this class counts only
 * the events carrying its own User-Agent marker, and first waits until the budget has room.
 */
class LoginFailureFloodIT extends AccountsApiSupport {
    private static final int FLOOD = 40;
    private static final int PER_MINUTE = 20;
    private static final long REFILL_MILLIS = 60_000 / PER_MINUTE;

    @Autowired
    private MeterRegistry meters;

    @Test
    void more_than_twenty_failures_a_minute_store_at_most_twenty_events() throws Exception {
        waitForRoomInTheBudget();

        String marker = unique("login-flood");
        double storedBefore = failures(true);
        double droppedBefore = failures(false);
        long started = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            Api.Response response = api().get("/api/me/").token("flood-" + i).header("User-Agent", marker).send();
            assertError(response, 401, "{\"detail\":\"Invalid Firebase token\"}");
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        List<StoredEvent> stored = loginFailures(marker);
        // a bucket of 20 refilled one per 3 s: at most 20 + the tokens refilled while the flood lasted
        int bound = PER_MINUTE + (int) (elapsedMillis / REFILL_MILLIS);
        assertThat(stored.size()).as("events stored from %d failures in %d ms", FLOOD, elapsedMillis)
                .isBetween(1, bound);
        if (elapsedMillis < REFILL_MILLIS) {
            assertThat(stored.size()).isLessThanOrEqualTo(PER_MINUTE);
        }
        for (StoredEvent event : stored) {
            assertThat(event.payload().get("reason").asText()).isEqualTo("Invalid Firebase token");
            assertThat(event.metadata().get("clientIp").asText()).isEqualTo("127.0.0.1");
        }

        // every failure is counted; the metric's stored count is exactly what reached the store
        double storedDelta = failures(true) - storedBefore;
        double droppedDelta = failures(false) - droppedBefore;
        assertThat(storedDelta).isEqualTo(stored.size());
        assertThat(droppedDelta).isEqualTo(FLOOD - stored.size());
        assertThat(droppedDelta).isGreaterThanOrEqualTo(FLOOD - bound);

        // over the whole run no minute holds more than the bucket allows from this client
        Integer worstMinute = jdbc.queryForObject("""
                WITH failed AS (
                    SELECT time_stamp::timestamptz AS at FROM domain_event_entry
                    WHERE payload_type = ? AND convert_from(meta_data, 'UTF8')::jsonb ->> 'clientIp' = '127.0.0.1')
                SELECT coalesce(max((SELECT count(*) FROM failed g WHERE g.at > f.at - interval '60 seconds'
                                     AND g.at <= f.at)), 0)
                FROM failed f""", Integer.class, LOGIN_FAILED);
        // capacity 20 plus 20 refilled during the minute
        assertThat(worstMinute).isLessThanOrEqualTo(2 * PER_MINUTE);

        // the flood is refused like any bad token, and a good token still works
        Account teacher = account(Role.TEACHER, school(unique("flood") + ".edu"));
        assertStatus(api().get("/api/me/").token(teacher.token()).send(), 200);
    }

    /** Sends failures with a probe marker until one is stored, then waits for the next token. */
    private void waitForRoomInTheBudget() throws InterruptedException {
        String probe = unique("login-flood-probe");
        for (int attempt = 0; attempt < 30; attempt++) {
            assertStatus(api().get("/api/me/").token("probe").header("User-Agent", probe).send(), 401);
            if (!loginFailures(probe).isEmpty()) {
                Thread.sleep(REFILL_MILLIS + 500);
                return;
            }
            Thread.sleep(REFILL_MILLIS + 100);
        }
        fail("the failed-login budget of 127.0.0.1 never had room");
    }

    private double failures(boolean stored) {
        return meters.find("lms.auth.failures").tag("stored", Boolean.toString(stored)).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
