package org.fractionball.lms.infrastructure.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.2 ({@code /api/me/}) and §3.4 for every role, AUDITOR included. Fixed defects: D30
 * ({@code is_active} is not writable here), D17 (e-mail uniqueness also on {@code /api/me/}).
 */
class MeApiIT extends AccountsApiSupport {
    private static final Map<Role, String> PERMISSIONS = Map.of(
            Role.ADMIN, "{\"is_admin\":true,\"is_school_admin\":false,\"is_teacher\":false,"
                    + "\"can_manage_users\":true,\"can_manage_content\":true,\"can_approve_content\":true}",
            Role.SCHOOL_ADMIN, "{\"is_admin\":false,\"is_school_admin\":true,\"is_teacher\":false,"
                    + "\"can_manage_users\":true,\"can_manage_content\":true,\"can_approve_content\":true}",
            Role.TEACHER, "{\"is_admin\":false,\"is_school_admin\":false,\"is_teacher\":true,"
                    + "\"can_manage_users\":false,\"can_manage_content\":true,\"can_approve_content\":false}",
            Role.AUDITOR, "{\"is_admin\":false,\"is_school_admin\":false,\"is_teacher\":false,"
                    + "\"can_manage_users\":false,\"can_manage_content\":false,\"can_approve_content\":false}");
    private static final Map<Role, String> DISPLAY = Map.of(Role.ADMIN, "System Admin",
            Role.SCHOOL_ADMIN, "School Admin", Role.TEACHER, "Teacher", Role.AUDITOR, "Auditor");

    private long home;
    private long other;
    private String homeDomain;
    private List<Account> everyone;

    @BeforeEach
    void accounts() {
        homeDomain = unique("me-home") + ".edu";
        home = school(homeDomain);
        other = school(unique("me-other") + ".edu");
        everyone = List.of(account(Role.ADMIN, home), account(Role.SCHOOL_ADMIN, home), account(Role.TEACHER, home),
                account(Role.AUDITOR, home));
        awaitProjections();
    }

    @Test
    void every_role_reads_itself_with_its_permissions() {
        for (Account account : everyone) {
            Api.Response me = api().get("/api/me/").token(account.token()).send();
            assertStatus(me, 200);
            JsonNode body = me.json();
            assertThat(fieldNames(body)).as(account.role().name()).containsExactlyElementsOf(ME_FIELDS);
            assertThat(body.get("id").asLong()).isEqualTo(account.id());
            assertThat(body.get("username").asText()).isEqualTo(account.uid());
            assertThat(body.get("email").asText()).isEqualTo(account.uid() + "@example.edu");
            assertThat(body.get("first_name").asText()).isEqualTo("Test");
            assertThat(body.get("last_name").asText()).isEqualTo(account.role().name());
            assertThat(body.get("full_name").asText()).isEqualTo("Test " + account.role().name());
            assertThat(body.get("role").asText()).isEqualTo(account.role().name());
            assertThat(body.get("role_display").asText()).isEqualTo(DISPLAY.get(account.role()));
            assertThat(body.get("school").asLong()).isEqualTo(home);
            assertThat(body.get("school_name").asText()).isEqualTo("School " + homeDomain);
            assertThat(body.get("phone").asText()).isEmpty();
            assertThat(body.get("permissions").toString()).as(account.role().name())
                    .isEqualTo(PERMISSIONS.get(account.role()));
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(body.get("created_at").asText()).matches(DATETIME);
            assertThat(body.get("last_login").asText()).matches(DATETIME);
        }
    }

    @Test
    void put_with_an_empty_body_is_valid_and_changes_nothing() {
        for (Account account : everyone) {
            JsonNode before = api().get("/api/me/").token(account.token()).send().json();
            long events = eventCount();
            for (Api.Response response : List.of(api().put("/api/me/", "{}").token(account.token()).send(),
                    api().patch("/api/me/", "{}").token(account.token()).send(),
                    api().put("/api/me/", null).token(account.token()).send())) {
                assertStatus(response, 200);
                assertThat(response.json()).as(account.role().name()).isEqualTo(before);
            }
            assertThat(eventCount()).as("an edit that changes nothing writes nothing").isEqualTo(events);
        }
    }

    @Test
    void every_role_edits_its_email_names_and_phone() {
        for (Account account : everyone) {
            String email = "New." + account.uid() + "@Example.edu";
            Api.Response put = api().put("/api/me/", "{\"email\":\"" + email + "\",\"first_name\":\"Ada\","
                    + "\"last_name\":\"Lovelace\",\"phone\":\"555-0101\"}").token(account.token()).send();
            assertStatus(put, 200);
            JsonNode body = put.json();
            assertThat(fieldNames(body)).containsExactlyElementsOf(ME_FIELDS);
            assertThat(body.get("email").asText()).isEqualTo(email);
            assertThat(body.get("full_name").asText()).isEqualTo("Ada Lovelace");
            assertThat(body.get("phone").asText()).isEqualTo("555-0101");
            assertThat(body.get("role").asText()).isEqualTo(account.role().name());
            assertThat(body.get("permissions").toString()).isEqualTo(PERMISSIONS.get(account.role()));
            assertThat(api().get("/api/me/").token(account.token()).send().json()).isEqualTo(body);

            // PUT needs no field: what is left out stays
            Api.Response partialPut = api().put("/api/me/", "{\"first_name\":\"Grace\"}").token(account.token()).send();
            assertThat(partialPut.json().get("full_name").asText()).isEqualTo("Grace Lovelace");
            assertThat(partialPut.json().get("email").asText()).isEqualTo(email);
            assertThat(partialPut.json().get("phone").asText()).isEqualTo("555-0101");

            Api.Response patch = api().patch("/api/me/", "{\"last_name\":\"\",\"email\":\"" + email.toLowerCase()
                    + "\"}").token(account.token()).send();
            assertStatus(patch, 200);
            assertThat(patch.json().get("last_name").asText()).isEmpty();
            assertThat(patch.json().get("full_name").asText()).isEqualTo(account.uid());
            assertThat(patch.json().get("email").asText()).isEqualTo(email.toLowerCase());
        }
        awaitProjections();
        Account admin = everyone.get(0);
        Account teacher = everyone.get(2);
        JsonNode seenByAdmin = api().get("/api/users/" + teacher.id() + "/").token(admin.token()).send().json();
        assertThat(seenByAdmin.get("first_name").asText()).isEqualTo("Grace");
        assertThat(seenByAdmin.get("phone").asText()).isEqualTo("555-0101");
    }

    @Test
    void read_only_fields_are_ignored_and_no_one_deactivates_itself_here() {
        for (Account account : everyone) {
            JsonNode before = api().get("/api/me/").token(account.token()).send().json();
            long events = eventCount();
            Api.Response response = api().put("/api/me/", "{\"is_active\":false,\"role\":\"ADMIN\",\"school\":" + other
                    + ",\"username\":\"renamed\",\"id\":1,\"full_name\":\"X Y\",\"last_login\":null,"
                    + "\"permissions\":{\"is_admin\":true},\"firebase_uid\":\"someone-else\"}")
                    .token(account.token()).send();
            assertStatus(response, 200);
            assertThat(response.json()).as(account.role().name()).isEqualTo(before);
            Api.Response patched = api().patch("/api/me/", "{\"is_active\":\"false\"}").token(account.token()).send();
            assertStatus(patched, 200);
            assertThat(patched.json().get("is_active").asBoolean()).isTrue();
            assertThat(eventCount()).isEqualTo(events);
        }
        awaitProjections();
        for (Account account : everyone) {
            Api.Response me = api().get("/api/me/").token(account.token()).send();
            assertStatus(me, 200);
            assertThat(me.json().get("is_active").asBoolean()).isTrue();
            assertThat(me.json().get("role").asText()).isEqualTo(account.role().name());
            assertThat(me.json().get("school").asLong()).isEqualTo(home);
        }
    }

    @Test
    void invalid_values_are_400_with_field_errors_and_write_nothing() {
        Account someoneElse = everyone.get(0);
        for (Account account : everyone) {
            JsonNode before = api().get("/api/me/").token(account.token()).send().json();
            long events = eventCount();
            assertError(api().put("/api/me/", "{\"email\":\"not-an-email\"}").token(account.token()).send(), 400,
                    "{\"email\":[\"Enter a valid email address.\"]}");
            assertError(api().patch("/api/me/", "{\"email\":\"a@b\"}").token(account.token()).send(), 400,
                    "{\"email\":[\"Enter a valid email address.\"]}");
            if (account != someoneElse) {
                assertError(api().patch("/api/me/", "{\"email\":\"" + someoneElse.uid().toUpperCase()
                        + "@EXAMPLE.EDU\"}").token(account.token()).send(), 400,
                        "{\"email\":[\"A user with this email already exists.\"]}");
            }
            assertError(api().patch("/api/me/", "{\"phone\":\"" + "1".repeat(21) + "\"}").token(account.token())
                    .send(), 400, "{\"phone\":[\"Ensure this field has no more than 20 characters.\"]}");
            assertError(api().put("/api/me/", "{\"first_name\":\"" + "f".repeat(151) + "\",\"last_name\":\""
                            + "l".repeat(151) + "\",\"email\":null}").token(account.token()).send(), 400,
                    "{\"email\":[\"This field may not be null.\"],"
                            + "\"first_name\":[\"Ensure this field has no more than 150 characters.\"],"
                            + "\"last_name\":[\"Ensure this field has no more than 150 characters.\"]}");
            assertError(api().put("/api/me/", "[1]").token(account.token()).send(), 400,
                    "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
            Api.Response wrongType = api().put("/api/me/", "email=x").header("Content-Type", "text/plain")
                    .token(account.token()).send();
            assertStatus(wrongType, 415);
            assertThat(eventCount()).isEqualTo(events);
            assertThat(api().get("/api/me/").token(account.token()).send().json()).isEqualTo(before);
        }
    }

    @Test
    void blank_emails_never_collide() {
        for (Account account : everyone) {
            Api.Response blank = api().patch("/api/me/", "{\"email\":\"\"}").token(account.token()).send();
            assertStatus(blank, 200);
            assertThat(blank.json().get("email").asText()).isEmpty();
        }
    }

    @Test
    void anonymous_and_bad_tokens_are_refused_and_other_methods_are_not_allowed() {
        for (Api.Request request : List.of(api().get("/api/me/"), api().put("/api/me/", "{}"),
                api().patch("/api/me/", "{}"))) {
            Api.Response response = request.send();
            assertError(response, 401, NO_CREDENTIALS);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertError(api().get("/api/me/").token("not-a-token").send(), 401, "{\"detail\":\"Invalid Firebase token\"}");
        Account teacher = everyone.get(2);
        assertError(api().delete("/api/me/").token(teacher.token()).send(), 405,
                "{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}");
        assertError(api().post("/api/me/", "{}").token(teacher.token()).send(), 405,
                "{\"detail\":\"Method \\\"POST\\\" not allowed.\"}");
    }

    @Test
    void an_auditor_has_no_access_to_user_and_school_management() {
        Account auditor = everyone.get(3);
        Account teacher = everyone.get(2);
        long events = eventCount();
        for (Api.Request request : List.of(api().get("/api/users/"),
                api().post("/api/users/", "{\"username\":\"x\",\"school\":" + home + ",\"firebase_uid\":\"x\"}"),
                api().get("/api/users/" + teacher.id() + "/"),
                api().patch("/api/users/" + auditor.id() + "/", "{\"role\":\"ADMIN\"}"),
                api().get("/api/schools/"), api().get("/api/schools/" + home + "/"),
                api().post("/api/schools/", "{\"name\":\"X\",\"domain\":\"x.edu\"}"),
                api().get("/api/schools/" + home + "/users/"), api().get("/api/admin/users/"),
                api().get("/api/admin/users/search/"), api().get("/api/admin/schools/" + home + "/users/"))) {
            assertError(request.token(auditor.token()).send(), 403, FORBIDDEN);
        }
        assertThat(eventCount()).isEqualTo(events);
        assertStatus(api().get("/api/me/").token(auditor.token()).send(), 200);
    }
}
