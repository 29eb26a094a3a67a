package org.fractionball.lms.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure end to end (issue 7): a user with personal data acts through the API; its values are
 * readable through the API but never stored in plain text; after erasure every reader shows them
 * erased, other users' data stays, a projection rebuild reproduces the erased read tables and the
 * event store still verifies. The shared application trusts no proxy (a context of its own would
 * hold the processors' claims and block the resets of the others), so the client address recorded
 * is the test's own.
 */
class PersonalDataErasureIT extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERASED = "[erased]";

    /** A user created through the API with every personal field set, and the user agent it acts with. */
    record Person(long id, String uid, String username, String email, String firstName, String lastName,
                  String phone, String userAgent) {

        List<String> personalValues() {
            return List.of(username, email, firstName, lastName, phone, userAgent);
        }
    }

    @Test
    void erasure_shreds_the_persons_data_everywhere_and_keeps_the_store_verifiable() {
        long school = school(unique("gdpr") + ".edu");
        String admin = tokenFor(user(Role.ADMIN, school));
        Person ada = person(admin, school, "Ada", "Lovelace", "+44 20 7946 0101");
        Person bob = person(admin, school, "Bob", "Babbage", "+44 20 7946 0202");
        act(ada);
        act(bob);
        awaitProjections();
        String ip = requestOf(history(admin, ada), "UserSignedIn").get(0);
        assertThat(ip).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

        // before: every reader shows the values, the stored rows hold none of them
        assertThat(userView(admin, ada).get("email").asText()).isEqualTo(ada.email());
        JsonNode adaHistory = history(admin, ada);
        assertThat(payloadOf(adaHistory, "UserProvisioned").get("lastName").asText()).isEqualTo("Lovelace");
        assertThat(payloadOf(adaHistory, "UserDetailsChanged").get("phone").asText()).isEqualTo(ada.phone());
        assertThat(requestOf(adaHistory, "UserDetailsChanged")).containsExactly(ip, ada.userAgent());
        assertThat(export(admin, ada)).contains(ada.email(), ip, ada.userAgent(), "Lovelace");
        for (String value : ada.personalValues()) {
            assertThat(storedRowsContaining(value)).as(value).isZero();
        }
        assertThat(storedRowsContaining(bob.email())).isZero();
        assertThat(storedRowsOfActorContaining(ada, ip)).isZero();

        // erasure: admins only, never of oneself, 404 for nobody, idempotent
        assertThat(erase(tokenFor(ada.uid()), bob.id()).status()).isEqualTo(403);
        long adminId = api().get("/api/me/").token(admin).send().json().get("id").asLong();
        Api.Response own = erase(admin, adminId);
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.text()).isEqualTo("{\"error\":\"Cannot erase your own personal data\"}");
        Api.Response erased = erase(admin, ada.id());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.text()).isEqualTo("{\"message\":\"Personal data erased\"}");
        Api.Response again = erase(admin, ada.id());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text()).isEqualTo("{\"message\":\"Personal data was already erased\"}");
        assertThat(erase(admin, 987_654_321L).text()).isEqualTo("{\"detail\":\"No User matches the given query.\"}");
        awaitProjections();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                + "AND aggregate_identifier = ?", Long.class, "org.fractionball.lms.events.accounts.PersonalDataErased",
                "user-" + ada.id())).isEqualTo(1);

        // after: erased for every reader, bob untouched, ada can no longer sign in
        assertErasedEverywhere(admin, ada);
        assertIntact(admin, bob, ip);
        Api.Response signIn = api().get("/api/me/").token(tokenFor(ada.uid())).send();
        assertThat(signIn.status()).isEqualTo(401);
        assertThat(signIn.text()).isEqualTo("{\"detail\":\"User account is disabled.\"}");
        Api.Response reactivate = api().post("/api/admin/users/" + ada.id() + "/activate/", null).token(admin).send();
        assertThat(reactivate.status()).isEqualTo(400);
        assertThat(reactivate.text()).isEqualTo("{\"error\":\"The personal data of this user was erased; the account "
                + "cannot be changed or reactivated\"}");

        // rebuilt read tables show the same (one at a time: the admin signs in through the accounts tables)
        for (String group : List.of("accounts", "audit", "content")) {
            Api.Response reset = api().post("/api/ops/projections/" + group + "/reset/", null).token(admin).send();
            assertThat(reset.status()).as(reset.toString()).isEqualTo(202);
            awaitProjections();
        }
        assertErasedEverywhere(admin, ada);
        assertIntact(admin, bob, ip);

        Api.Response verify = api().get("/api/audit/verify/").token(admin).send();
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().get("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.json().get("first_failure").isNull()).isTrue();
        assertThat(verify.json().get("events_verified").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
    }

    @Test
    void a_removed_user_can_be_erased_too() {
        long school = school(unique("gdpr-removed") + ".edu");
        String admin = tokenFor(user(Role.ADMIN, school));
        Person cy = person(admin, school, "Cy", "Removed", "+44 20 7946 0303");
        act(cy);
        assertThat(api().delete("/api/admin/users/" + cy.id() + "/").token(admin).send().status()).isEqualTo(204);

        Api.Response erased = erase(admin, cy.id());

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.text()).isEqualTo("{\"message\":\"Personal data erased\"}");
        assertThat(erase(admin, cy.id()).text()).isEqualTo("{\"message\":\"Personal data was already erased\"}");
        awaitProjections();
        JsonNode history = history(admin, cy);
        assertThat(payloadOf(history, "UserProvisioned").get("email").asText()).isEqualTo(ERASED);
        assertThat(requestOf(history, "UserDetailsChanged")).containsExactly(ERASED, ERASED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log_view WHERE action = 'PERSONAL_DATA_ERASED' "
                + "AND metadata ->> 'target_user_id' = ?", Long.class, Long.toString(cy.id()))).isEqualTo(1);
    }

    private void assertErasedEverywhere(String admin, Person person) {
        JsonNode view = userView(admin, person);
        assertThat(List.of(view.get("username").asText(), view.get("email").asText(), view.get("first_name").asText(),
                view.get("last_name").asText(), view.get("phone").asText(), view.get("is_active").asText()))
                .containsExactly(ERASED, ERASED, ERASED, ERASED, ERASED, "false");
        JsonNode history = history(admin, person);
        JsonNode provisioned = payloadOf(history, "UserProvisioned");
        assertThat(List.of(provisioned.get("username").asText(), provisioned.get("email").asText(),
                provisioned.get("firstName").asText(), provisioned.get("lastName").asText(),
                provisioned.get("phone").asText(), provisioned.get("firebaseUid").asText()))
                .containsExactly(ERASED, ERASED, ERASED, ERASED, ERASED, person.uid());
        assertThat(payloadOf(history, "UserDetailsChanged").get("phone").asText()).isEqualTo(ERASED);
        assertThat(requestOf(history, "UserDetailsChanged")).containsExactly(ERASED, ERASED);
        assertThat(requestOf(history, "UserSignedIn")).containsExactly(ERASED, ERASED);
        String export = export(admin, person);
        for (String value : person.personalValues()) {
            assertThat(export).doesNotContain(value);
        }
        assertThat(export).contains(ERASED);
        assertThat(jdbc.queryForList("SELECT DISTINCT ip_address || ' ' || user_agent FROM audit_log_view "
                + "WHERE actor_id = ?", String.class, person.id())).containsExactly(ERASED + " " + ERASED);
        assertThat(jdbc.queryForObject("SELECT metadata ->> 'target_username' FROM audit_log_view "
                + "WHERE action = 'USER_CREATED' AND metadata ->> 'target_user_id' = ?", String.class,
                Long.toString(person.id()))).isEqualTo(ERASED);
        assertThat(jdbc.queryForObject("SELECT full_name FROM library_member WHERE id = ?", String.class, person.id()))
                .isEqualTo(ERASED + " " + ERASED);
        assertThat(jdbc.queryForObject("SELECT username || email_key || full_name FROM user_registry WHERE user_id = ?",
                String.class, person.id())).isEqualTo("erased-" + person.id());
    }

    private void assertIntact(String admin, Person person, String ip) {
        JsonNode view = userView(admin, person);
        assertThat(List.of(view.get("username").asText(), view.get("email").asText(), view.get("first_name").asText(),
                view.get("last_name").asText(), view.get("phone").asText(), view.get("is_active").asText()))
                .containsExactly(person.username(), person.email(), person.firstName(), person.lastName(),
                        person.phone(), "true");
        JsonNode history = history(admin, person);
        assertThat(payloadOf(history, "UserProvisioned").get("email").asText()).isEqualTo(person.email());
        assertThat(requestOf(history, "UserDetailsChanged")).containsExactly(ip, person.userAgent());
        assertThat(export(admin, person)).contains(person.email(), ip, person.userAgent());
        assertThat(jdbc.queryForList("SELECT DISTINCT ip_address FROM audit_log_view WHERE actor_id = ?",
                String.class, person.id())).containsExactly(ip);
    }

    /** Created by the admin through the API with a name, an e-mail and a phone (the phone is then changed by itself). */
    private Person person(String admin, long school, String firstName, String lastName, String phone) {
        String username = unique(firstName.toLowerCase());
        String email = username + "@private.example.org";
        String uid = unique("gdpr-uid");
        Api.Response created = api().post("/api/admin/users/", "{\"username\":\"" + username + "\",\"firebase_uid\":\""
                + uid + "\",\"school\":" + school + ",\"email\":\"" + email + "\",\"first_name\":\""
                + firstName + "\",\"last_name\":\"" + lastName + "\",\"phone\":\"+1 555 0100\"}").token(admin).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Person(created.json().get("id").asLong(), uid, username, email, firstName, lastName,
                phone, firstName + "-Browser/" + username);
    }

    /** The person signs in and changes its own phone. */
    private void act(Person person) {
        Api.Response changed = api().patch("/api/me/", "{\"phone\":\"" + person.phone() + "\"}")
                .token(tokenFor(person.uid())).header("User-Agent", person.userAgent()).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    private Api.Response erase(String token, long userId) {
        return api().post("/api/admin/users/" + userId + "/erase/", null).token(token).send();
    }

    private JsonNode userView(String admin, Person person) {
        Api.Response user = api().get("/api/users/" + person.id() + "/").token(admin).send();
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        return user.json();
    }

    private JsonNode history(String admin, Person person) {
        Api.Response history = api().get("/api/audit/aggregates/UserAccount/user-" + person.id() + "/history/")
                .token(admin).send();
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json();
    }

    private String export(String admin, Person person) {
        Api.Response export = api().get("/api/audit/events/export/?format=ndjson&aggregate_id=user-" + person.id())
                .token(admin).send();
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        export.text().lines().forEach(line -> lines.add(parse(line)));
        assertThat(lines).isNotEmpty();
        return export.text();
    }

    private static JsonNode payloadOf(JsonNode history, String eventType) {
        return eventOf(history, eventType).get("payload");
    }

    /** The client address and user agent an event of the history was recorded with. */
    private static List<String> requestOf(JsonNode history, String eventType) {
        JsonNode event = eventOf(history, eventType);
        return List.of(event.get("ip_address").asText(), event.get("user_agent").asText());
    }

    private static JsonNode eventOf(JsonNode history, String eventType) {
        for (JsonNode event : history) {
            if (event.get("event_type").asText().equals(eventType)) {
                return event;
            }
        }
        throw new AssertionError("no " + eventType + " in " + history);
    }

    /**
     * Rows of the event store whose stored payload or metadata holds the text as it is. A short text
     * is looked for as a whole JSON string: thousands of base64 ciphertexts in a shared store hold
     * "Ada" by chance (one position in 64³), never a quoted one.
     */
    private long storedRowsContaining(String text) {
        String stored = text.length() < 6 ? "\"" + text + "\"" : text;
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE strpos(convert_from(payload, 'UTF8') "
                + "|| convert_from(meta_data, 'UTF8'), ?) > 0", Long.class, stored);
    }

    /** Rows caused by the person whose stored metadata holds the text as it is. */
    private long storedRowsOfActorContaining(Person person, String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb "
                + "->> 'actorUserId' = ? AND strpos(convert_from(meta_data, 'UTF8'), ?) > 0", Long.class,
                Long.toString(person.id()), text);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
