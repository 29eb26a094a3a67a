package org.fractionball.lms.infrastructure.schools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.database.ReadModelListener;
import org.fractionball.lms.infrastructure.privacy.PersonalDataProtection;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract §5.3 end to end, black box, with real Firebase tokens. */
class SchoolsApiIT extends IntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private PersonalDataProtection personalData;

    @Autowired
    private ReadModelListener listener;

    private String admin;
    private String teacher;
    private String schoolAdmin;

    @BeforeEach
    void users() {
        long home = school(unique("home") + ".edu");
        admin = tokenFor(user(Role.ADMIN, home));
        teacher = tokenFor(user(Role.TEACHER, home));
        schoolAdmin = tokenFor(user(Role.SCHOOL_ADMIN, home));
        // each user's first request records its sign-in (an event): done here so counts below see only the test's
        for (String token : List.of(admin, teacher, schoolAdmin)) {
            assertThat(api().get("/api/me/").token(token).send().status()).isEqualTo(200);
        }
    }

    @Test
    void an_admin_registers_a_school_and_reads_it_back_at_once() throws Exception {
        String domain = unique("lincoln") + ".edu";
        Api.Response created = api().post("/api/schools/",
                "{\"name\": \"Lincoln Elementary\", \"domain\": \"" + domain + "\", \"address\": \"1 Main St\", "
                        + "\"phone\": \"555-0100\"}").token(admin).send();

        assertThat(created.status()).isEqualTo(201);
        JsonNode school = created.json();
        assertThat(fieldNames(school)).containsExactly("id", "name", "domain", "address", "phone", "user_count",
                "is_active", "created_at", "updated_at");
        assertThat(school.get("name").asText()).isEqualTo("Lincoln Elementary");
        assertThat(school.get("domain").asText()).isEqualTo(domain);
        assertThat(school.get("address").asText()).isEqualTo("1 Main St");
        assertThat(school.get("phone").asText()).isEqualTo("555-0100");
        assertThat(school.get("user_count").asInt()).isZero();
        assertThat(school.get("is_active").asBoolean()).isTrue();
        assertThat(school.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z");
        assertThat(Long.parseLong(created.header("X-Event-Position"))).isPositive();

        Api.Response read = api().get("/api/schools/" + school.get("id").asLong() + "/").token(admin).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(school);

        assertThat(allListedDomains(admin, "/api/schools/")).contains(domain);
    }

    @Test
    void updates_merge_fields_and_delete_frees_the_domain() {
        String domain = unique("oak") + ".edu";
        long id = api().post("/api/schools/", "{\"name\": \"Oak\", \"domain\": \"" + domain + "\"}").token(admin)
                .send().json().get("id").asLong();

        Api.Response patched = api().patch("/api/schools/" + id + "/", "{\"name\": \"Oak Park\"}").token(admin).send();
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("Oak Park");
        assertThat(patched.json().get("domain").asText()).isEqualTo(domain);

        Api.Response put = api().put("/api/schools/" + id + "/", "{\"name\": \"Oak Park\"}").token(admin).send();
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().toString()).isEqualTo("{\"domain\":[\"This field is required.\"]}");

        Api.Response deactivated = api().put("/api/schools/" + id + "/",
                "{\"name\": \"Oak Park\", \"domain\": \"" + domain + "\", \"is_active\": false}").token(admin).send();
        assertThat(deactivated.json().get("is_active").asBoolean()).isFalse();
        assertThat(allListedDomains(admin, "/api/schools/?is_active=false")).contains(domain);
        assertThat(allListedDomains(admin, "/api/schools/?is_active=TRUE")).doesNotContain(domain);

        assertThat(api().delete("/api/schools/" + id + "/").token(admin).send().status()).isEqualTo(204);
        Api.Response gone = api().get("/api/schools/" + id + "/").token(admin).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().toString()).isEqualTo("{\"detail\":\"No School matches the given query.\"}");
        assertThat(api().delete("/api/schools/" + id + "/").token(admin).send().status()).isEqualTo(404);
        assertThat(api().patch("/api/schools/" + id + "/", "{\"name\": \"x\"}").token(admin).send().status())
                .isEqualTo(404);

        Api.Response reused = api().post("/api/schools/", "{\"name\": \"Oak Again\", \"domain\": \"" + domain + "\"}")
                .token(admin).send();
        assertThat(reused.status()).isEqualTo(201);
    }

    @Test
    void a_school_is_kept_on_the_node_until_a_change_of_the_accounts_tables_is_heard() {
        long id = school(unique("kept") + ".edu");
        awaitListening(true);
        JsonNode first = school(id);
        long users = first.get("user_count").asLong();

        // written behind the projection's back, announcing nothing: the kept school is served
        jdbc.update("UPDATE school_view SET name = 'Quietly Renamed' WHERE id = ?", id);
        assertThat(school(id).get("name").asText()).isEqualTo(first.get("name").asText());
        ReadModelChanges.send(jdbc, ProjectionNames.ACCOUNTS);
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(school(id).get("name").asText()).isEqualTo("Quietly Renamed");

        // the admin's own rename shows on its next read; a user joining elsewhere once this node heard it
        assertThat(api().patch("/api/schools/" + id + "/", "{\"name\": \"Loudly Renamed\"}").token(admin).send()
                .status()).isEqualTo(200);
        assertThat(school(id).get("name").asText()).isEqualTo("Loudly Renamed");
        assertThat(api().get("/api/admin/schools/" + id + "/stats/").token(admin).send().json().get("school")
                .get("name").asText()).isEqualTo("Loudly Renamed");
        user(Role.TEACHER, id);
        awaitProjections();
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(school(id).get("user_count").asLong()).isEqualTo(users + 1);
    }

    private JsonNode school(long id) {
        Api.Response read = api().get("/api/schools/" + id + "/").token(admin).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    @Test
    void bad_input_is_a_400_with_field_errors_and_writes_nothing() {
        long before = eventCount();
        assertError(api().post("/api/schools/", "{}").token(admin).send(), 400,
                "{\"name\":[\"This field is required.\"],\"domain\":[\"This field is required.\"]}");
        assertError(api().post("/api/schools/", "{\"name\": \"  \", \"domain\": null}").token(admin).send(), 400,
                "{\"name\":[\"This field may not be blank.\"],\"domain\":[\"This field may not be null.\"]}");
        assertError(api().post("/api/schools/", "{\"name\": \"" + "x".repeat(201) + "\", \"domain\": \"d.edu\", "
                        + "\"phone\": \"" + "1".repeat(21) + "\", \"is_active\": \"maybe\"}").token(admin).send(), 400,
                "{\"name\":[\"Ensure this field has no more than 200 characters.\"],"
                        + "\"phone\":[\"Ensure this field has no more than 20 characters.\"],"
                        + "\"is_active\":[\"Must be a valid boolean.\"]}");
        assertError(api().post("/api/schools/", "[1, 2]").token(admin).send(), 400,
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertError(api().post("/api/schools/", "{\"name\": {\"a\": 1}, \"domain\": [\"d\"]}").token(admin).send(),
                400, "{\"name\":[\"Not a valid string.\"],\"domain\":[\"Not a valid string.\"]}");
        Api.Response malformed = api().post("/api/schools/", "{\"name\": ").token(admin).send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("JSON parse error - ");
        Api.Response wrongType = api().post("/api/schools/", "name=x").token(admin)
                .header("Content-Type", "text/plain").send();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().get("detail").asText()).isEqualTo("Unsupported media type \"text/plain\" in request.");
        assertError(api().get("/api/schools/abc/").token(admin).send(), 404, "{\"detail\":\"Not found.\"}");
        assertError(api().get("/api/schools/?page=0").token(admin).send(), 404, "{\"detail\":\"Invalid page.\"}");
        assertError(api().get("/api/schools/?page=9999").token(admin).send(), 404, "{\"detail\":\"Invalid page.\"}");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_domain_taken_earlier_is_refused_case_insensitively() {
        String domain = unique("maple") + ".edu";
        assertThat(api().post("/api/schools/", "{\"name\": \"Maple\", \"domain\": \"" + domain + "\"}").token(admin)
                .send().status()).isEqualTo(201);
        long before = eventCount();
        assertError(api().post("/api/schools/", "{\"name\": \"Maple 2\", \"domain\": \"" + domain.toUpperCase() + "\"}")
                .token(admin).send(), 400, "{\"domain\":[\"School with this domain already exists.\"]}");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_registration_racing_an_uncommitted_one_for_the_same_domain_gets_409() throws Exception {
        String domain = unique("race") + ".edu";
        try (var connection = org.fractionball.lms.infrastructure.support.TestServices.get().connect()) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("INSERT INTO school_domain_lookup (domain_key, school_id) "
                    + "VALUES ('" + domain + "', nextval('school_id_seq'))");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Api.Response> racing = pool.submit(() -> api().post("/api/schools/",
                    "{\"name\": \"Racer\", \"domain\": \"" + domain + "\"}").token(admin).send());
            Thread.sleep(500);
            assertThat(racing.isDone()).as("the second registration waits for the first to commit").isFalse();
            connection.commit();
            Api.Response lost = racing.get();
            assertThat(lost.status()).isEqualTo(409);
            assertThat(lost.json().toString()).isEqualTo("{\"domain\":[\"School with this domain already exists.\"]}");
            pool.shutdown();
        }
    }

    @Test
    void concurrent_registrations_of_one_domain_register_exactly_one_school() throws Exception {
        String domain = unique("elm") + ".edu";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Api.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            attempts.add(() -> api().post("/api/schools/", "{\"name\": \"Elm " + n + "\", \"domain\": \"" + domain
                    + "\"}").token(admin).send());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> result : pool.invokeAll(attempts)) {
            statuses.add(result.get().status());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 400 || s == 409);
        Integer registered = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'org.fractionball.lms.events.schools.SchoolRegistered'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'domain' = ?""", Integer.class, domain);
        assertThat(registered).isEqualTo(1);
    }

    @Test
    void only_admins_may_use_the_schools_api() {
        assertError(api().get("/api/schools/").send(), 401,
                "{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(api().get("/api/schools/").send().header("WWW-Authenticate")).isEqualTo("Bearer");
        assertError(api().get("/api/schools/").header("Authorization", "Token abc").send(), 401,
                "{\"detail\":\"Authentication credentials were not provided.\"}");
        for (String token : List.of(teacher, schoolAdmin)) {
            assertError(api().get("/api/schools/").token(token).send(), 403,
                    "{\"detail\":\"You do not have permission to perform this action.\"}");
            assertError(api().post("/api/schools/", "{\"name\": \"X\", \"domain\": \"x.edu\"}").token(token).send(),
                    403, "{\"detail\":\"You do not have permission to perform this action.\"}");
            assertThat(api().delete("/api/schools/").token(token).send().status()).isEqualTo(403);
        }
        assertError(api().delete("/api/schools/").token(admin).send(), 405,
                "{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}");
    }

    @Test
    void tokens_that_do_not_authenticate_are_refused_with_their_reason() {
        String stranger = unique("stranger");
        assertError(api().get("/api/me/").token("not-a-token").send(), 401, "{\"detail\":\"Invalid Firebase token\"}");
        assertError(api().get("/api/me/").token(TestFirebase.expiredToken(stranger)).send(), 401,
                "{\"detail\":\"Expired Firebase token\"}");
        assertError(api().get("/api/me/").token(TestFirebase.idToken(stranger)).send(), 401,
                "{\"detail\":\"User not found. Please contact your administrator to create your account.\"}");
        assertError(api().get("/api/healthz/").token("not-a-token").send(), 401,
                "{\"detail\":\"Invalid Firebase token\"}");
    }

    @Test
    void me_describes_the_caller() {
        long home = school(unique("me") + ".edu");
        String uid = user(Role.TEACHER, home);
        Api.Response me = api().get("/api/me/").token(tokenFor(uid)).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(fieldNames(me.json())).containsExactly("id", "username", "email", "first_name", "last_name",
                "full_name", "role", "role_display", "school", "school_name", "phone", "permissions", "is_active",
                "created_at", "last_login");
        assertThat(me.json().get("username").asText()).isEqualTo(uid);
        assertThat(me.json().get("full_name").asText()).isEqualTo("Test TEACHER");
        assertThat(me.json().get("role_display").asText()).isEqualTo("Teacher");
        assertThat(me.json().get("school").asLong()).isEqualTo(home);
        assertThat(me.json().get("permissions").toString()).isEqualTo("{\"is_admin\":false,\"is_school_admin\":false,"
                + "\"is_teacher\":true,\"can_manage_users\":false,\"can_manage_content\":true,"
                + "\"can_approve_content\":false}");
    }

    @Test
    void health_is_anonymous_and_slash_less_paths_redirect() {
        Api.Response health = api().get("/api/healthz/").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("{\"status\":\"healthy\",\"message\":\"Fraction Ball LMS API is running\"}");
        Api.Response redirect = api().get("/api/schools?page=2").send();
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).isEqualTo("/api/schools/?page=2");
        assertThat(api().post("/api/schools", "{}").send().status()).isEqualTo(308);
    }

    @Test
    void events_carry_who_did_what_from_where() {
        String domain = unique("audit") + ".edu";
        Api.Response created = api().post("/api/schools/", "{\"name\": \"Audit\", \"domain\": \"" + domain + "\"}")
                .token(admin).header("User-Agent", "school-tests/1.0").send();
        JsonNode metadata = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE global_index = ?""",
                (rs, n) -> readTree(rs.getString(1)), Long.parseLong(created.header("X-Event-Position")));
        // the client address and user agent are stored encrypted with the actor's key
        assertThat(metadata.get("clientIp").has("@sealed")).isTrue();
        personalData.revealMetadata(metadata);
        assertThat(metadata.get("actorRole").asText()).isEqualTo("ADMIN");
        assertThat(metadata.get("actorUid").asText()).startsWith("admin-");
        assertThat(metadata.get("clientIp").asText()).isEqualTo("127.0.0.1");
        assertThat(metadata.get("userAgent").asText()).isEqualTo("school-tests/1.0");
        assertThat(metadata.get("requestId").asText()).isEqualTo(created.header("X-Request-Id"));
        assertThat(metadata.get("correlationId").asText()).isEqualTo(created.header("X-Request-Id"));
        assertThat(metadata.get("causationId").asText()).isNotBlank();
        assertThat(metadata.has("actorSchool")).isTrue();
    }

    /** Every domain the paginated list shows, following {@code next} links. */
    private List<String> allListedDomains(String token, String firstPage) {
        List<String> domains = new ArrayList<>();
        String path = firstPage;
        while (path != null) {
            JsonNode page = api().get(path).token(token).send().json();
            domains.addAll(page.get("results").findValuesAsText("domain"));
            path = page.get("next").isNull() ? null : page.get("next").asText().replaceFirst("^https?://[^/]+", "");
        }
        return domains;
    }

    private long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static void assertError(Api.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().toString()).isEqualTo(body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
