package org.fractionball.lms.infrastructure.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The audit trail of accounts in the raw event store ("AuditLog row" = audited event): who
 * provisioned, promoted, deactivated and removed whom, from where, in which request; successful
 * sign-ins ({@code UserSignedIn}, {@code last_login}, fixing D6 (d)) and failed authentications
 * ({@code LoginFailed}).
 *
 * <p>Failed logins are stored at most 20 per minute per client address, and every test of the run
 * comes from 127.0.0.1, so a failure this class provokes may find the budget spent by another
 * class (see {@link LoginFailureFloodIT}). {@link #failUntilStored} therefore retries, with its own
 * User-Agent marker, until the failure is stored; the budget refills one event every three seconds.
 */
class SignInAuditIT extends AccountsApiSupport {
    @Autowired
    private MeterRegistry meters;

    private long home;
    private Account admin;
    private Account schoolAdmin;

    @BeforeEach
    void accounts() {
        home = school(unique("audit-home") + ".edu");
        admin = account(Role.ADMIN, home);
        schoolAdmin = account(Role.SCHOOL_ADMIN, home);
        awaitProjections();
    }

    @Test
    void provisioning_is_stored_with_who_did_it_from_where_in_which_request() {
        String username = unique("audited");
        String requestId = "audit-" + UUID.randomUUID();
        Api.Response created = api().post("/api/users/", "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.edu\",\"first_name\":\"Al\",\"last_name\":\"Dit\",\"school\":" + home
                + ",\"phone\":\"555\",\"firebase_uid\":\"" + username + "-uid\"}").token(admin.token())
                .header("User-Agent", "accounts-audit/1.0").header("X-Request-Id", requestId).send();
        assertStatus(created, 201);
        assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
        long id = created.json().get("id").asLong();

        List<StoredEvent> provisioned = userEvents(id, PROVISIONED);
        assertThat(provisioned).hasSize(1);
        StoredEvent event = provisioned.get(0);
        assertThat(event.position()).isEqualTo(Long.parseLong(created.header("X-Event-Position")));
        assertThat(event.payload().get("userId").asLong()).isEqualTo(id);
        assertThat(event.payload().get("firebaseUid").asText()).isEqualTo(username + "-uid");
        assertThat(event.payload().get("username").asText()).isEqualTo(username);
        assertThat(event.payload().get("email").asText()).isEqualTo(username + "@example.edu");
        assertThat(event.payload().get("role").asText()).isEqualTo("TEACHER");
        assertThat(event.payload().get("schoolId").asLong()).isEqualTo(home);
        assertThat(event.payload().get("active").asBoolean()).isTrue();
        assertActor(event, admin, requestId, "accounts-audit/1.0");

        Api.Response bySchoolAdmin = api().post("/api/users/", "{\"username\":\"" + username + "-sa\",\"school\":"
                + home + ",\"firebase_uid\":\"" + username + "-sa-uid\"}").token(schoolAdmin.token()).send();
        assertStatus(bySchoolAdmin, 201);
        StoredEvent second = userEvents(bySchoolAdmin.json().get("id").asLong(), PROVISIONED).get(0);
        assertActor(second, schoolAdmin, bySchoolAdmin.header("X-Request-Id"), null);
    }

    @Test
    void role_changes_deactivations_reactivations_and_removals_are_stored_with_their_actor() {
        JsonNode target = createUser(admin, home, unique("trail"), "");
        long id = target.get("id").asLong();
        String base = "/api/admin/users/" + id + "/";

        Api.Response promoted = api().post(base + "change_role/", "{\"role\":\"SCHOOL_ADMIN\"}").token(admin.token())
                .send();
        assertStatus(promoted, 200);
        Api.Response demoted = api().patch("/api/users/" + id + "/", "{\"role\":\"TEACHER\"}")
                .token(schoolAdmin.token()).send();
        assertStatus(demoted, 200);
        List<StoredEvent> roleChanges = userEvents(id, ROLE_CHANGED);
        assertThat(roleChanges).hasSize(2);
        assertThat(roleChanges.get(0).payload().toString()).isEqualTo("{\"userId\":" + id
                + ",\"oldRole\":\"TEACHER\",\"newRole\":\"SCHOOL_ADMIN\"}");
        assertActor(roleChanges.get(0), admin, promoted.header("X-Request-Id"), null);
        assertThat(roleChanges.get(1).payload().toString()).isEqualTo("{\"userId\":" + id
                + ",\"oldRole\":\"SCHOOL_ADMIN\",\"newRole\":\"TEACHER\"}");
        assertActor(roleChanges.get(1), schoolAdmin, demoted.header("X-Request-Id"), null);

        Api.Response deactivated = api().post(base + "deactivate/", "{\"reason\":\"Left the school\"}")
                .token(admin.token()).header("User-Agent", "deactivation-test").send();
        assertStatus(deactivated, 200);
        Api.Response reactivated = api().post(base + "activate/", null).token(admin.token()).send();
        assertStatus(reactivated, 200);
        Api.Response deactivatedAgain = api().post(base + "deactivate/", null).token(admin.token()).send();
        assertStatus(deactivatedAgain, 200);
        Api.Response reactivatedBySchoolAdmin = api().patch("/api/users/" + id + "/", "{\"is_active\":true}")
                .token(schoolAdmin.token()).send();
        assertStatus(reactivatedBySchoolAdmin, 200);
        Api.Response deactivatedBySchoolAdmin = api().patch("/api/users/" + id + "/", "{\"is_active\":false}")
                .token(schoolAdmin.token()).send();
        assertStatus(deactivatedBySchoolAdmin, 200);

        List<StoredEvent> deactivations = userEvents(id, DEACTIVATED);
        assertThat(deactivations).hasSize(3);
        assertThat(deactivations.get(0).payload().toString()).isEqualTo("{\"userId\":" + id
                + ",\"reason\":\"Left the school\"}");
        assertActor(deactivations.get(0), admin, deactivated.header("X-Request-Id"), "deactivation-test");
        assertThat(deactivations.get(1).payload().get("reason").asText()).isEqualTo("No reason provided");
        assertActor(deactivations.get(1), admin, deactivatedAgain.header("X-Request-Id"), null);
        assertThat(deactivations.get(2).payload().get("reason").asText()).isEqualTo("No reason provided");
        assertActor(deactivations.get(2), schoolAdmin, deactivatedBySchoolAdmin.header("X-Request-Id"), null);

        List<StoredEvent> reactivations = userEvents(id, REACTIVATED);
        assertThat(reactivations).hasSize(2);
        assertActor(reactivations.get(0), admin, reactivated.header("X-Request-Id"), null);
        assertActor(reactivations.get(1), schoolAdmin, reactivatedBySchoolAdmin.header("X-Request-Id"), null);

        // "already" answers store nothing
        long before = eventCount();
        assertStatus(api().post(base + "deactivate/", null).token(admin.token()).send(), 200);
        assertThat(eventCount()).isEqualTo(before);

        Api.Response removed = api().delete("/api/users/" + id + "/").token(schoolAdmin.token()).send();
        assertStatus(removed, 204);
        List<StoredEvent> removals = userEvents(id, REMOVED);
        assertThat(removals).hasSize(1);
        assertActor(removals.get(0), schoolAdmin, removed.header("X-Request-Id"), null);
    }

    @Test
    void a_sign_in_is_recorded_once_and_becomes_last_login() {
        String uid = user(Role.TEACHER, home);
        Api.Response listed = api().get("/api/admin/users/search/?q=" + uid).token(admin.token()).send();
        JsonNode seen = listed.json().get("results").get(0);
        long id = seen.get("id").asLong();
        assertThat(seen.get("last_login").isNull()).isTrue();
        assertThat(userEvents(id, SIGNED_IN)).isEmpty();

        String token = tokenFor(uid);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.Response first = api().get("/api/me/").token(token).header("User-Agent", "sign-in-test").send();
        assertStatus(first, 200);
        List<StoredEvent> signIns = userEvents(id, SIGNED_IN);
        assertThat(signIns).hasSize(1);
        StoredEvent signIn = signIns.get(0);
        assertThat(signIn.payload().toString()).isEqualTo("{\"userId\":" + id + "}");
        assertThat(signIn.metadata().get("actorUid").asText()).isEqualTo(uid);
        assertThat(signIn.metadata().get("actorRole").asText()).isEqualTo("TEACHER");
        assertThat(signIn.metadata().get("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(signIn.metadata().get("userAgent").asText()).isEqualTo("sign-in-test");
        assertThat(signIn.metadata().get("requestId").asText()).isEqualTo(first.header("X-Request-Id"));

        // the next requests, with the same or a new token, are within the session window
        assertStatus(api().get("/api/me/").token(token).send(), 200);
        assertStatus(api().get("/api/me/").token(tokenFor(uid)).send(), 200);
        assertStatus(api().patch("/api/me/", "{\"phone\":\"555\"}").token(token).send(), 200);
        assertThat(userEvents(id, SIGNED_IN)).hasSize(1);

        awaitProjections();
        Api.Response me = api().get("/api/me/").token(token).send();
        String lastLogin = me.json().get("last_login").asText();
        assertThat(lastLogin).matches(DATETIME);
        Instant at = Instant.parse(lastLogin);
        assertThat(at).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(at.truncatedTo(ChronoUnit.MILLIS)).isEqualTo(Instant.parse(signIn.timestamp())
                .truncatedTo(ChronoUnit.MILLIS));
        assertThat(userEvents(id, SIGNED_IN)).hasSize(1);

        JsonNode afterwards = api().get("/api/users/" + id + "/").token(admin.token()).send().json();
        assertThat(afterwards.get("last_login").asText()).isEqualTo(lastLogin);
    }

    @Test
    void a_sign_in_is_not_an_edit() {
        String uid = user(Role.TEACHER, home);
        JsonNode before = api().get("/api/admin/users/search/?q=" + uid).token(admin.token()).send().json()
                .get("results").get(0);
        assertStatus(api().get("/api/me/").token(tokenFor(uid)).send(), 200);
        awaitProjections();
        JsonNode after = api().get("/api/users/" + before.get("id").asLong() + "/").token(admin.token()).send().json();
        assertThat(after.get("last_login").isNull()).isFalse();
        assertThat(after.get("updated_at").asText()).isEqualTo(before.get("updated_at").asText());
    }

    @Test
    void failed_authentications_are_stored_with_their_reason_and_client() {
        StoredEvent garbage = failUntilStored(() -> api().get("/api/me/").token("not-a-token"),
                "Invalid Firebase token");
        assertThat(garbage.payload().get("firebaseUid").isNull()).isTrue();

        String stranger = unique("stranger");
        StoredEvent expired = failUntilStored(() -> api().get("/api/me/").token(TestFirebase.expiredToken(stranger)),
                "Expired Firebase token");
        assertThat(expired.payload().get("firebaseUid").isNull()).isTrue();

        StoredEvent unknown = failUntilStored(() -> api().get("/api/users/").token(TestFirebase.idToken(stranger)),
                "User not found. Please contact your administrator to create your account.");
        assertThat(unknown.payload().get("firebaseUid").asText()).isEqualTo(stranger);

        Account leaver = account(Role.TEACHER, home);
        assertStatus(api().post("/api/admin/users/" + leaver.id() + "/deactivate/", null).token(admin.token()).send(),
                200);
        awaitProjections();
        StoredEvent disabled = failUntilStored(() -> api().get("/api/healthz/").token(leaver.token()),
                "User account is disabled.");
        assertThat(disabled.payload().get("firebaseUid").asText()).isEqualTo(leaver.uid());
        assertThat(userEvents(leaver.id(), SIGNED_IN)).as("only the sign-in before the deactivation").hasSize(1);

        // no credentials at all is not a failed login
        String anonymous = unique("anonymous-agent");
        assertStatus(api().get("/api/me/").header("User-Agent", anonymous).send(), 401);
        assertStatus(api().get("/api/me/").header("User-Agent", anonymous).header("Authorization", "Token x").send(),
                401);
        assertThat(loginFailures(anonymous)).isEmpty();
    }

    /**
     * Sends the request with a User-Agent marker of its own until a LoginFailed carrying the
     * marker is stored (the per-client budget may be spent by other tests), and checks that event.
     */
    private StoredEvent failUntilStored(Supplier<Api.Request> request, String reason) {
        String marker = unique("failed-login-test");
        for (int attempt = 0; attempt < 30; attempt++) {
            double storedBefore = failures(true);
            Api.Response response = request.get().header("User-Agent", marker).send();
            assertError(response, 401, "{\"detail\":\"" + reason + "\"}");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            List<StoredEvent> stored = loginFailures(marker);
            if (!stored.isEmpty() || failures(true) > storedBefore) {
                assertThat(stored).as("exactly one failure stored with marker " + marker).hasSize(1);
                StoredEvent event = stored.get(0);
                assertThat(event.payload().get("reason").asText()).isEqualTo(reason);
                assertThat(fieldNames(event.payload())).containsExactly("reason", "firebaseUid");
                assertThat(event.metadata().get("clientIp").asText()).isEqualTo("127.0.0.1");
                assertThat(event.metadata().get("userAgent").asText()).isEqualTo(marker);
                assertThat(event.metadata().get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
                assertThat(event.metadata().has("actorUid")).as("nobody was authenticated").isFalse();
                return event;
            }
            sleep(3100);
        }
        return fail("no LoginFailed stored for " + reason + " within 90 s");
    }

    private double failures(boolean stored) {
        return meters.find("lms.auth.failures").tag("stored", Boolean.toString(stored)).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private void assertActor(StoredEvent event, Account actor, String requestId, String userAgent) {
        JsonNode metadata = event.metadata();
        assertThat(metadata.get("actorUid").asText()).isEqualTo(actor.uid());
        assertThat(metadata.get("actorUserId").asText()).isEqualTo(Long.toString(actor.id()));
        assertThat(metadata.get("actorRole").asText()).isEqualTo(actor.role().name());
        assertThat(metadata.get("actorSchool").asText()).isEqualTo(Long.toString(actor.school()));
        assertThat(metadata.get("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(metadata.get("requestId").asText()).isEqualTo(requestId);
        assertThat(metadata.get("correlationId").asText()).isEqualTo(requestId);
        if (userAgent != null) {
            assertThat(metadata.get("userAgent").asText()).isEqualTo(userAgent);
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
}
