package org.fractionball.lms.infrastructure.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.4 ({@code /api/users/}) and §5.5 ({@code /api/schools/{id}/users/}) end to end, per
 * role: ADMIN, SCHOOL_ADMIN of the same and of another school, TEACHER, AUDITOR and anonymous.
 * Fixed defects: D9 (search, ordering), D17 (SA cannot grant ADMIN, create answers the id, e-mail
 * uniqueness), D18 (SA sees only its own school's listing).
 */
class UsersApiIT extends AccountsApiSupport {
    private long schoolA;
    private long schoolB;
    private String domainA;
    private Account admin;
    private Account saA;
    private Account saB;
    private Account teacherA;
    private Account auditorA;

    @BeforeEach
    void accounts() {
        domainA = unique("users-a") + ".edu";
        schoolA = school(domainA);
        schoolB = school(unique("users-b") + ".edu");
        long home = school(unique("users-home") + ".edu");
        admin = account(Role.ADMIN, home);
        saA = account(Role.SCHOOL_ADMIN, schoolA);
        saB = account(Role.SCHOOL_ADMIN, schoolB);
        teacherA = account(Role.TEACHER, schoolA);
        auditorA = account(Role.AUDITOR, schoolA);
        awaitProjections();
    }

    // ---------------------------------------------------------------- GET /api/users/

    @Test
    void the_list_is_ordered_by_last_then_first_name_and_a_school_admin_sees_only_its_own_school() {
        String tag = unique("ord");
        createUser(admin, schoolA, tag + "-c", "\"first_name\":\"Zed\",\"last_name\":\"Adams\"");
        createUser(admin, schoolA, tag + "-a", "\"first_name\":\"Amy\",\"last_name\":\"Baker\"");
        createUser(admin, schoolA, tag + "-b", "\"first_name\":\"Bob\",\"last_name\":\"Adams\"");
        createUser(admin, schoolB, tag + "-z", "\"first_name\":\"Al\",\"last_name\":\"Aaron\"");
        awaitProjections();

        Api.Response own = api().get("/api/users/?search=" + tag).token(saA.token()).send();
        assertStatus(own, 200);
        assertThat(fieldNames(own.json())).containsExactlyElementsOf(PAGE_FIELDS);
        assertThat(own.json().get("count").asInt()).isEqualTo(3);
        assertThat(own.json().get("next").isNull()).isTrue();
        assertThat(own.json().get("previous").isNull()).isTrue();
        assertThat(values(own.json().get("results"), "username")).containsExactly(tag + "-b", tag + "-c", tag + "-a");
        JsonNode first = own.json().get("results").get(0);
        assertThat(fieldNames(first)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(first.get("school").asLong()).isEqualTo(schoolA);
        assertThat(first.get("school_name").asText()).isEqualTo("School " + domainA);
        assertThat(first.get("full_name").asText()).isEqualTo("Bob Adams");
        assertThat(first.get("role").asText()).isEqualTo("TEACHER");
        assertThat(first.get("role_display").asText()).isEqualTo("Teacher");
        assertThat(first.get("is_active").asBoolean()).isTrue();
        assertThat(first.get("last_login").isNull()).isTrue();
        assertThat(first.get("created_at").asText()).matches(DATETIME);
        assertThat(first.has("firebase_uid")).as("the uid stays hidden").isFalse();

        assertThat(usernames("/api/users/?search=" + tag + "&school=" + schoolB, admin)).containsExactly(tag + "-z");

        Api.Response other = api().get("/api/users/?search=" + tag).token(saB.token()).send();
        assertThat(values(other.json().get("results"), "username")).containsExactly(tag + "-z");

        // without filters a school admin gets exactly its school: itself, the teacher, the auditor and the three
        Api.Response all = api().get("/api/users/").token(saA.token()).send();
        assertThat(all.json().get("count").asInt()).isEqualTo(6);
        assertThat(values(all.json().get("results"), "school")).containsOnly(Long.toString(schoolA));
        assertThat(values(all.json().get("results"), "username"))
                .contains(saA.uid(), teacherA.uid(), auditorA.uid()).doesNotContain(saB.uid(), admin.uid());

        // asking for another school does not widen a school admin's view
        Api.Response widened = api().get("/api/users/?school=" + schoolB).token(saA.token()).send();
        assertStatus(widened, 200);
        assertThat(widened.json().get("count").asInt()).isEqualTo(6);
        assertThat(values(widened.json().get("results"), "school")).containsOnly(Long.toString(schoolA));
    }

    @Test
    void an_admin_lists_the_users_of_every_school() {
        String tag = unique("all");
        createUser(admin, schoolA, tag + "-c", "\"first_name\":\"Zed\",\"last_name\":\"Adams\"");
        createUser(admin, schoolA, tag + "-a", "\"first_name\":\"Amy\",\"last_name\":\"Baker\"");
        createUser(admin, schoolB, tag + "-z", "\"first_name\":\"Al\",\"last_name\":\"Aaron\","
                + "\"role\":\"SCHOOL_ADMIN\"");

        // no school filter: every school (contract §5.4 "ADMIN sees all users")
        Api.Response all = api().get("/api/users/").token(admin.token()).send();
        assertStatus(all, 200);
        assertThat(all.json().get("count").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(usernames("/api/users/?search=" + tag, admin)).containsExactly(tag + "-z", tag + "-c", tag + "-a");
        assertThat(usernames("/api/users/?search=" + tag + "&role=SCHOOL_ADMIN", admin)).containsExactly(tag + "-z");
        assertThat(usernames("/api/users/?search=" + tag + "&is_active=true&ordering=-username", admin))
                .containsExactly(tag + "-z", tag + "-c", tag + "-a");
        assertError(api().get("/api/users/?role=teacher").token(admin.token()).send(), 400,
                "{\"role\":[\"Select a valid choice. teacher is not one of the available choices.\"]}");
    }

    @Test
    void list_filters_role_school_is_active_and_search() {
        String tag = unique("flt");
        createUser(admin, schoolA, tag + "-t", "\"email\":\"Tess." + tag + "@Example.EDU\",\"first_name\":\"Tess\","
                + "\"last_name\":\"Quill\"");
        createUser(admin, schoolA, tag + "-s", "\"role\":\"SCHOOL_ADMIN\",\"first_name\":\"Sam\",\"last_name\":\"Rook\"");
        JsonNode inactive = createUser(admin, schoolA, tag + "-i", "\"first_name\":\"Ivy\",\"last_name\":\"Stone\"");
        assertStatus(api().patch("/api/users/" + inactive.get("id").asLong() + "/", "{\"is_active\": false}")
                .token(admin.token()).send(), 200);
        awaitProjections();

        assertThat(usernames("/api/users/?role=TEACHER", saA)).contains(teacherA.uid(), tag + "-t", tag + "-i")
                .doesNotContain(saA.uid(), auditorA.uid(), tag + "-s");
        assertThat(usernames("/api/users/?role=SCHOOL_ADMIN", saA)).containsExactlyInAnyOrder(saA.uid(), tag + "-s");
        assertThat(usernames("/api/users/?role=AUDITOR", saA)).containsExactly(auditorA.uid());
        assertThat(usernames("/api/users/?school=" + schoolA, admin)).containsExactlyInAnyOrder(saA.uid(),
                teacherA.uid(), auditorA.uid(), tag + "-t", tag + "-s", tag + "-i");
        assertThat(usernames("/api/users/?school=" + schoolA + "&role=SCHOOL_ADMIN", admin))
                .containsExactlyInAnyOrder(saA.uid(), tag + "-s");
        assertThat(usernames("/api/users/?is_active=false", saA)).containsExactly(tag + "-i");
        assertThat(usernames("/api/users/?is_active=False&search=" + tag, saA)).containsExactly(tag + "-i");
        assertThat(usernames("/api/users/?is_active=true&search=" + tag, saA))
                .containsExactlyInAnyOrder(tag + "-t", tag + "-s");

        // search: case-insensitive substring of username, e-mail, first or last name
        assertThat(usernames("/api/users/?search=" + tag.toUpperCase(), saA)).hasSize(3);
        assertThat(usernames("/api/users/?search=tess." + tag + "@example.edu", saA)).containsExactly(tag + "-t");
        assertThat(usernames("/api/users/?search=ROOK", saA)).containsExactly(tag + "-s");
        assertThat(usernames("/api/users/?search=ivy", saA)).containsExactly(tag + "-i");
        assertThat(usernames("/api/users/?search=" + tag, saB)).isEmpty();

        assertError(api().get("/api/users/?role=BOGUS").token(saA.token()).send(), 400,
                "{\"role\":[\"Select a valid choice. BOGUS is not one of the available choices.\"]}");
        assertError(api().get("/api/users/?role=teacher").token(saA.token()).send(), 400,
                "{\"role\":[\"Select a valid choice. teacher is not one of the available choices.\"]}");
        assertError(api().get("/api/users/?school=999999999").token(admin.token()).send(), 400,
                "{\"school\":[\"" + INVALID_SCHOOL_FILTER + "\"]}");
        assertError(api().get("/api/users/?school=abc").token(admin.token()).send(), 400,
                "{\"school\":[\"" + INVALID_SCHOOL_FILTER + "\"]}");
        assertError(api().get("/api/users/?school=999999999").token(saA.token()).send(), 400,
                "{\"school\":[\"" + INVALID_SCHOOL_FILTER + "\"]}");
    }

    @Test
    void ordering_works_on_the_whitelisted_fields_and_refuses_others() {
        String tag = unique("srt");
        createUser(admin, schoolA, tag + "-b", "\"first_name\":\"Cy\",\"last_name\":\"Able\"");
        createUser(admin, schoolA, tag + "-c", "\"first_name\":\"Ann\",\"last_name\":\"Cole\"");
        createUser(admin, schoolA, tag + "-a", "\"first_name\":\"Ben\",\"last_name\":\"Bell\"");
        awaitProjections();

        assertThat(usernames("/api/users/?search=" + tag, saA)).containsExactly(tag + "-b", tag + "-a", tag + "-c");
        assertThat(usernames("/api/users/?search=" + tag + "&ordering=username", saA))
                .containsExactly(tag + "-a", tag + "-b", tag + "-c");
        assertThat(usernames("/api/users/?search=" + tag + "&ordering=-username", saA))
                .containsExactly(tag + "-c", tag + "-b", tag + "-a");
        assertThat(usernames("/api/users/?search=" + tag + "&ordering=first_name", saA))
                .containsExactly(tag + "-c", tag + "-a", tag + "-b");
        assertThat(usernames("/api/users/?search=" + tag + "&ordering=-created_at", saA))
                .containsExactly(tag + "-a", tag + "-c", tag + "-b");

        assertError(api().get("/api/users/?ordering=bogus").token(saA.token()).send(), 400,
                "{\"ordering\":[\"Select a valid choice. bogus is not one of the available choices.\"]}");
        assertError(api().get("/api/users/?ordering=-firebase_uid").token(saA.token()).send(), 400,
                "{\"ordering\":[\"Select a valid choice. -firebase_uid is not one of the available choices.\"]}");
        assertError(api().get("/api/users/?page=0").token(saA.token()).send(), 404, "{\"detail\":\"Invalid page.\"}");
        assertError(api().get("/api/users/?page=99").token(saA.token()).send(), 404, "{\"detail\":\"Invalid page.\"}");
    }

    // ---------------------------------------------------------------- POST /api/users/

    @Test
    void a_school_admin_creates_users_in_its_own_school_whatever_school_it_names() {
        String username = unique("new");
        Api.Response created = api().post("/api/users/", "{\"username\":\"" + username + "\",\"email\":\"" + username
                + "@example.edu\",\"first_name\":\"Nia\",\"last_name\":\"Long\",\"school\":" + schoolB
                + ",\"phone\":\"555-0100\",\"firebase_uid\":\"" + username + "-uid\",\"password\":\"secret\"}")
                .token(saA.token()).send();
        assertStatus(created, 201);
        assertThat(fieldNames(created.json())).containsExactlyElementsOf(USER_CREATE_FIELDS);
        long id = created.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.json().toString()).isEqualTo("{\"id\":" + id + ",\"username\":\"" + username
                + "\",\"email\":\"" + username + "@example.edu\",\"first_name\":\"Nia\",\"last_name\":\"Long\","
                + "\"role\":\"TEACHER\",\"school\":" + schoolA + ",\"phone\":\"555-0100\",\"firebase_uid\":\""
                + username + "-uid\"}");

        Api.Response read = api().get("/api/users/" + id + "/").token(saA.token()).send();
        assertStatus(read, 200);
        assertThat(read.json().get("school").asLong()).isEqualTo(schoolA);
        assertThat(read.json().get("username").asText()).isEqualTo(username);
        awaitProjections();
        assertError(api().get("/api/users/" + id + "/").token(saB.token()).send(), 404, NO_USER);

        // the provisioned uid can sign in at once
        Api.Response me = api().get("/api/me/").token(tokenFor(username + "-uid")).send();
        assertStatus(me, 200);
        assertThat(me.json().get("id").asLong()).isEqualTo(id);

        Api.Response schoolAdmin = api().post("/api/users/", "{\"username\":\"" + username + "-sa\",\"school\":"
                + schoolA + ",\"role\":\"SCHOOL_ADMIN\",\"firebase_uid\":\"" + username + "-sa-uid\"}")
                .token(saA.token()).send();
        assertStatus(schoolAdmin, 201);
        assertThat(schoolAdmin.json().get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(schoolAdmin.json().get("email").asText()).isEmpty();
        assertThat(schoolAdmin.json().get("phone").asText()).isEmpty();
    }

    @Test
    void a_school_admin_cannot_create_admins_or_auditors_and_nothing_is_written() {
        String username = unique("priv");
        long before = eventCount();
        for (String role : List.of("ADMIN", "AUDITOR")) {
            assertError(api().post("/api/users/", "{\"username\":\"" + username + "\",\"school\":" + schoolA
                    + ",\"role\":\"" + role + "\",\"firebase_uid\":\"" + username + "-uid\"}").token(saA.token())
                    .send(), 403, "{\"error\":\"Cannot assign system admin role\"}");
        }
        assertThat(eventCount()).isEqualTo(before);

        // nothing was reserved either: the same username and uid are still free
        Api.Response teacher = api().post("/api/users/", "{\"username\":\"" + username + "\",\"school\":" + schoolA
                + ",\"firebase_uid\":\"" + username + "-uid\"}").token(saA.token()).send();
        assertStatus(teacher, 201);

        // an admin may grant any role in any school
        for (String role : List.of("ADMIN", "AUDITOR")) {
            Api.Response privileged = api().post("/api/users/", "{\"username\":\"" + username + "-" + role
                    + "\",\"school\":" + schoolB + ",\"role\":\"" + role + "\",\"firebase_uid\":\"" + username + "-"
                    + role + "-uid\"}").token(admin.token()).send();
            assertStatus(privileged, 201);
            assertThat(privileged.json().get("role").asText()).isEqualTo(role);
            assertThat(privileged.json().get("school").asLong()).isEqualTo(schoolB);
        }
    }

    @Test
    void taken_uids_usernames_and_emails_are_refused_case_insensitively_but_blank_emails_never_collide() {
        String username = unique("dup");
        String email = "Mixed." + username + "@Example.edu";
        assertStatus(api().post("/api/users/", "{\"username\":\"" + username + "\",\"email\":\"" + email
                + "\",\"school\":" + schoolA + ",\"firebase_uid\":\"" + username + "-uid\"}").token(admin.token())
                .send(), 201);

        long before = eventCount();
        assertError(api().post("/api/users/", "{\"username\":\"" + username + "-2\",\"school\":" + schoolA
                        + ",\"firebase_uid\":\"" + username + "-uid\"}").token(admin.token()).send(), 400,
                "{\"firebase_uid\":[\"A user with this Firebase UID already exists.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"" + username + "\",\"school\":" + schoolA
                        + ",\"firebase_uid\":\"" + username + "-uid2\"}").token(admin.token()).send(), 400,
                "{\"username\":[\"A user with that username already exists.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"" + username + "\",\"school\":" + schoolB
                        + ",\"firebase_uid\":\"" + username + "-uid3\"}").token(saB.token()).send(), 400,
                "{\"username\":[\"A user with that username already exists.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"" + username + "-3\",\"email\":\""
                        + email.toUpperCase() + "\",\"school\":" + schoolA + ",\"firebase_uid\":\"" + username
                        + "-uid4\"}").token(saA.token()).send(), 400,
                "{\"email\":[\"A user with this email already exists.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"" + username + "-4\",\"email\":\" "
                        + email.toLowerCase() + " \",\"school\":" + schoolA + ",\"firebase_uid\":\"" + username
                        + "-uid5\"}").token(admin.token()).send(), 400,
                "{\"email\":[\"A user with this email already exists.\"]}");
        assertThat(eventCount()).isEqualTo(before);

        // blank e-mails (sent empty or left out) never collide, on create nor on update (D17)
        JsonNode blank1 = createUser(admin, schoolA, username + "-b1", "\"email\":\"\"");
        JsonNode blank2 = createUser(admin, schoolA, username + "-b2", "");
        assertThat(blank1.get("email").asText()).isEmpty();
        assertThat(blank2.get("email").asText()).isEmpty();
        JsonNode withEmail = createUser(admin, schoolA, username + "-b3", "\"email\":\"b3." + username + "@example.edu\"");
        Api.Response blanked = api().patch("/api/users/" + withEmail.get("id").asLong() + "/", "{\"email\":\"\"}")
                .token(saA.token()).send();
        assertStatus(blanked, 200);
        assertThat(blanked.json().get("email").asText()).isEmpty();

        // on update the same check applies, except to the user's own address in another case
        assertError(api().patch("/api/users/" + blank1.get("id").asLong() + "/", "{\"email\":\""
                        + email.toLowerCase() + "\"}").token(saA.token()).send(), 400,
                "{\"email\":[\"A user with this email already exists.\"]}");
        assertError(api().patch("/api/users/" + blank1.get("id").asLong() + "/", "{\"username\":\"" + username
                        + "\"}").token(saA.token()).send(), 400,
                "{\"username\":[\"A user with that username already exists.\"]}");
    }

    @Test
    void invalid_bodies_are_400_with_field_errors_and_write_nothing() {
        long before = eventCount();
        for (Account caller : List.of(admin, saA)) {
            assertError(api().post("/api/users/", "{}").token(caller.token()).send(), 400,
                    "{\"username\":[\"" + REQUIRED + "\"],\"school\":[\"" + REQUIRED + "\"],\"firebase_uid\":[\""
                            + REQUIRED + "\"]}");
        }
        assertError(api().post("/api/users/", "{\"username\":\" \",\"school\":null,\"firebase_uid\":\"\"}")
                        .token(admin.token()).send(), 400,
                "{\"username\":[\"This field may not be blank.\"],\"school\":[\"This field may not be null.\"],"
                        + "\"firebase_uid\":[\"This field may not be blank.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"bad name!\",\"email\":\"not-an-email\","
                        + "\"first_name\":\"" + "f".repeat(151) + "\",\"last_name\":\"" + "l".repeat(151)
                        + "\",\"role\":\"KING\",\"school\":\"abc\",\"phone\":\"" + "1".repeat(21)
                        + "\",\"is_active\":\"maybe\",\"firebase_uid\":\"" + "u".repeat(129) + "\"}")
                        .token(admin.token()).send(), 400,
                "{\"username\":[\"" + INVALID_USERNAME + "\"],"
                        + "\"email\":[\"Enter a valid email address.\"],"
                        + "\"first_name\":[\"Ensure this field has no more than 150 characters.\"],"
                        + "\"last_name\":[\"Ensure this field has no more than 150 characters.\"],"
                        + "\"role\":[\"\\\"KING\\\" is not a valid choice.\"],"
                        + "\"school\":[\"Incorrect type. Expected pk value, received str.\"],"
                        + "\"phone\":[\"Ensure this field has no more than 20 characters.\"],"
                        + "\"is_active\":[\"Must be a valid boolean.\"],"
                        + "\"firebase_uid\":[\"Ensure this field has no more than 128 characters.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"" + "a".repeat(151) + "\",\"email\":\""
                        + "e".repeat(250) + "@x.edu\",\"school\":" + schoolA + ",\"firebase_uid\":\"x\"}")
                        .token(saA.token()).send(), 400,
                "{\"username\":[\"Ensure this field has no more than 150 characters.\"],"
                        + "\"email\":[\"Ensure this field has no more than 254 characters.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"ok\",\"school\":999999999,\"firebase_uid\":\"x\"}")
                .token(admin.token()).send(), 400, "{\"school\":[\"Invalid pk \\\"999999999\\\" - object does not exist.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"ok\",\"school\":999999999,\"firebase_uid\":\"x\"}")
                .token(saA.token()).send(), 400, "{\"school\":[\"Invalid pk \\\"999999999\\\" - object does not exist.\"]}");
        assertError(api().post("/api/users/", "{\"username\":\"a b\",\"school\":" + schoolA
                + ",\"firebase_uid\":\"x\"}").token(admin.token()).send(), 400, "{\"username\":[\"" + INVALID_USERNAME
                + "\"]}");
        assertError(api().post("/api/users/", "[1]").token(admin.token()).send(), 400,
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        Api.Response malformed = api().post("/api/users/", "{\"username\": ").token(admin.token()).send();
        assertStatus(malformed, 400);
        assertThat(malformed.json().get("detail").asText()).startsWith("JSON parse error - ");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void usernames_may_hold_letters_digits_and_the_allowed_symbols() {
        String username = "Ok.user+1@x_" + unique("y");
        Api.Response created = api().post("/api/users/", "{\"username\":\"" + username + "\",\"school\":" + schoolA
                + ",\"firebase_uid\":\"" + username + "\"}").token(saA.token()).send();
        assertStatus(created, 201);
        assertThat(created.json().get("username").asText()).isEqualTo(username);

        // "letters" are Unicode letters, as Django's username validator has them
        String accented = "José.Ñúñez_" + unique("u");
        Api.Response unicode = api().post("/api/users/", "{\"username\":\"" + accented + "\",\"school\":" + schoolA
                + ",\"firebase_uid\":\"" + unique("uid") + "\"}").token(saA.token()).send();
        assertStatus(unicode, 201);
        assertThat(unicode.json().get("username").asText()).isEqualTo(accented);
    }

    // ---------------------------------------------------------------- /api/users/{id}/

    @Test
    void a_user_is_read_per_role_and_school() {
        String path = "/api/users/" + teacherA.id() + "/";
        Api.Response byAdmin = api().get(path).token(admin.token()).send();
        assertStatus(byAdmin, 200);
        assertThat(fieldNames(byAdmin.json())).containsExactlyElementsOf(USER_FIELDS);
        assertThat(byAdmin.json().get("id").asLong()).isEqualTo(teacherA.id());
        assertThat(byAdmin.json().get("username").asText()).isEqualTo(teacherA.uid());
        assertThat(byAdmin.json().get("email").asText()).isEqualTo(teacherA.uid() + "@example.edu");
        assertThat(byAdmin.json().get("full_name").asText()).isEqualTo("Test TEACHER");
        assertThat(byAdmin.json().get("school").asLong()).isEqualTo(schoolA);
        assertThat(byAdmin.json().get("school_name").asText()).isEqualTo("School " + domainA);

        Api.Response bySchoolAdmin = api().get(path).token(saA.token()).send();
        assertStatus(bySchoolAdmin, 200);
        assertThat(bySchoolAdmin.json().get("id").asLong()).isEqualTo(teacherA.id());

        assertError(api().get(path).token(saB.token()).send(), 404, NO_USER);
        assertError(api().get(path).token(teacherA.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).token(auditorA.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).send(), 401, NO_CREDENTIALS);
        assertError(api().get("/api/users/999999999/").token(admin.token()).send(), 404, NO_USER);
        assertError(api().get("/api/users/abc/").token(admin.token()).send(), 404, NOT_FOUND);
        assertError(api().patch("/api/users/abc/", "{}").token(admin.token()).send(), 404, NOT_FOUND);
    }

    @Test
    void a_school_admin_cannot_touch_another_schools_users() {
        JsonNode target = createUser(admin, schoolA, unique("iso"), "\"first_name\":\"Iso\"");
        long id = target.get("id").asLong();
        String path = "/api/users/" + id + "/";
        awaitProjections();
        long before = eventCount();

        assertError(api().get(path).token(saB.token()).send(), 404, NO_USER);
        assertError(api().patch(path, "{\"first_name\":\"Hacked\"}").token(saB.token()).send(), 404, NO_USER);
        assertError(api().put(path, "{\"username\":\"hacked\",\"school\":" + schoolB + "}").token(saB.token()).send(),
                404, NO_USER);
        assertError(api().delete(path).token(saB.token()).send(), 404, NO_USER);
        assertError(api().get("/api/schools/" + schoolA + "/users/").token(saB.token()).send(), 403, FORBIDDEN);
        assertThat(usernames("/api/users/?search=" + target.get("username").asText(), saB)).isEmpty();
        assertThat(eventCount()).isEqualTo(before);

        Api.Response unchanged = api().get(path).token(admin.token()).send();
        assertThat(unchanged.json().get("first_name").asText()).isEqualTo("Iso");
        assertThat(unchanged.json().get("school").asLong()).isEqualTo(schoolA);
    }

    @Test
    void a_school_admin_edits_its_schools_users_and_a_school_it_names_is_validated_then_ignored() {
        JsonNode target = createUser(admin, schoolA, unique("edit"), "\"first_name\":\"Old\",\"last_name\":\"Name\"");
        long id = target.get("id").asLong();
        String username = target.get("username").asText();
        String path = "/api/users/" + id + "/";

        Api.Response patched = api().patch(path, "{\"first_name\":\"New\",\"phone\":\"555-0199\"}")
                .token(saA.token()).send();
        assertStatus(patched, 200);
        assertThat(fieldNames(patched.json())).containsExactlyElementsOf(USER_FIELDS);
        assertThat(patched.json().get("first_name").asText()).isEqualTo("New");
        assertThat(patched.json().get("last_name").asText()).isEqualTo("Name");
        assertThat(patched.json().get("full_name").asText()).isEqualTo("New Name");
        assertThat(patched.json().get("phone").asText()).isEqualTo("555-0199");
        assertThat(api().get(path).token(saA.token()).send().json()).isEqualTo(patched.json());

        long before = eventCount();
        assertError(api().put(path, "{\"first_name\":\"X\"}").token(saA.token()).send(), 400,
                "{\"username\":[\"" + REQUIRED + "\"],\"school\":[\"" + REQUIRED + "\"]}");
        assertError(api().put(path, "{\"username\":\"" + username + "\",\"school\":999999999}").token(saA.token())
                .send(), 400, "{\"school\":[\"Invalid pk \\\"999999999\\\" - object does not exist.\"]}");
        assertError(api().patch(path, "{\"phone\":\"" + "9".repeat(21) + "\"}").token(saA.token()).send(), 400,
                "{\"phone\":[\"Ensure this field has no more than 20 characters.\"]}");
        assertThat(eventCount()).isEqualTo(before);

        Api.Response put = api().put(path, "{\"username\":\"" + username + "\",\"school\":" + schoolB
                + ",\"last_name\":\"Put\"}").token(saA.token()).send();
        assertStatus(put, 200);
        assertThat(put.json().get("school").asLong()).isEqualTo(schoolA);
        assertThat(put.json().get("last_name").asText()).isEqualTo("Put");
        assertThat(put.json().get("first_name").asText()).isEqualTo("New");

        Api.Response promoted = api().patch(path, "{\"role\":\"SCHOOL_ADMIN\"}").token(saA.token()).send();
        assertStatus(promoted, 200);
        assertThat(promoted.json().get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(promoted.json().get("role_display").asText()).isEqualTo("School Admin");

        Api.Response deactivated = api().patch(path, "{\"is_active\":false}").token(saA.token()).send();
        assertStatus(deactivated, 200);
        assertThat(deactivated.json().get("is_active").asBoolean()).isFalse();
    }

    @Test
    void a_school_admin_never_grants_admin_or_auditor_nor_changes_its_own_role_or_activity() {
        String path = "/api/users/" + teacherA.id() + "/";
        String self = "/api/users/" + saA.id() + "/";
        long before = eventCount();

        for (String role : List.of("ADMIN", "AUDITOR")) {
            assertError(api().patch(path, "{\"role\":\"" + role + "\"}").token(saA.token()).send(), 403,
                    "{\"error\":\"Cannot assign system admin role\"}");
            assertError(api().put(path, "{\"username\":\"" + teacherA.uid() + "\",\"school\":" + schoolA
                    + ",\"role\":\"" + role + "\"}").token(saA.token()).send(), 403,
                    "{\"error\":\"Cannot assign system admin role\"}");
        }
        for (String role : List.of("ADMIN", "AUDITOR", "TEACHER")) {
            assertError(api().patch(self, "{\"role\":\"" + role + "\"}").token(saA.token()).send(), 400,
                    "{\"error\":\"Cannot change your own role\"}");
        }
        assertError(api().patch(self, "{\"is_active\":false}").token(saA.token()).send(), 400,
                "{\"error\":\"Cannot deactivate your own account\"}");
        assertError(api().delete(self).token(saA.token()).send(), 400,
                "{\"error\":\"Cannot delete your own account\"}");
        // an edit that names its own unchanged role and activity is fine
        assertThat(eventCount()).isEqualTo(before);

        Api.Response unchanged = api().patch(self, "{\"role\":\"SCHOOL_ADMIN\",\"is_active\":true}")
                .token(saA.token()).send();
        assertStatus(unchanged, 200);
        assertThat(unchanged.json().get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(eventCount()).isEqualTo(before);

        awaitProjections();
        Api.Response teacher = api().get(path).token(admin.token()).send();
        assertThat(teacher.json().get("role").asText()).isEqualTo("TEACHER");
        Api.Response me = api().get("/api/me/").token(saA.token()).send();
        assertThat(me.json().get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(me.json().get("is_active").asBoolean()).isTrue();
    }

    @Test
    void a_school_admin_cannot_manage_the_admins_and_auditors_of_its_school() {
        JsonNode schoolsAdmin = createUser(admin, schoolA, unique("adm"), "\"role\":\"ADMIN\"");
        awaitProjections();
        long before = eventCount();
        for (long id : List.of(schoolsAdmin.get("id").asLong(), auditorA.id())) {
            String path = "/api/users/" + id + "/";
            assertStatus(api().get(path).token(saA.token()).send(), 200);
            assertError(api().patch(path, "{\"first_name\":\"X\"}").token(saA.token()).send(), 403,
                    "{\"error\":\"Cannot manage system admins\"}");
            assertError(api().patch(path, "{\"role\":\"TEACHER\"}").token(saA.token()).send(), 403,
                    "{\"error\":\"Cannot manage system admins\"}");
            assertError(api().delete(path).token(saA.token()).send(), 403,
                    "{\"error\":\"Cannot manage system admins\"}");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_admin_edits_anyone_moves_users_between_schools_but_not_its_own_role_or_activity() {
        JsonNode target = createUser(admin, schoolA, unique("move"), "");
        long id = target.get("id").asLong();
        String path = "/api/users/" + id + "/";
        awaitProjections();
        assertStatus(api().get(path).token(saA.token()).send(), 200);

        Api.Response moved = api().patch(path, "{\"school\":" + schoolB + ",\"role\":\"ADMIN\"}").token(admin.token())
                .send();
        assertStatus(moved, 200);
        assertThat(moved.json().get("school").asLong()).isEqualTo(schoolB);
        assertThat(moved.json().get("role").asText()).isEqualTo("ADMIN");
        awaitProjections();
        assertError(api().get(path).token(saA.token()).send(), 404, NO_USER);
        assertStatus(api().get(path).token(saB.token()).send(), 200);

        String self = "/api/users/" + admin.id() + "/";
        long before = eventCount();
        assertError(api().patch(self, "{\"role\":\"TEACHER\"}").token(admin.token()).send(), 400,
                "{\"error\":\"Cannot change your own role\"}");
        assertError(api().patch(self, "{\"is_active\":false}").token(admin.token()).send(), 400,
                "{\"error\":\"Cannot deactivate your own account\"}");
        assertError(api().delete(self).token(admin.token()).send(), 400,
                "{\"error\":\"Cannot delete your own account\"}");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_deleted_user_is_gone_and_its_token_no_longer_authenticates() {
        Account doomed = account(Role.TEACHER, schoolA);
        String path = "/api/users/" + doomed.id() + "/";

        Api.Response deleted = api().delete(path).token(saA.token()).send();
        assertStatus(deleted, 204);
        assertThat(deleted.text()).isEmpty();
        assertError(api().get(path).token(saA.token()).send(), 404, NO_USER);
        assertError(api().delete(path).token(saA.token()).send(), 404, NO_USER);
        assertError(api().patch(path, "{\"first_name\":\"Ghost\"}").token(admin.token()).send(), 404, NO_USER);
        awaitProjections();
        assertError(api().get(path).token(admin.token()).send(), 404, NO_USER);
        assertThat(usernames("/api/users/?search=" + doomed.uid(), saA)).isEmpty();
        assertThat(usernames("/api/users/?search=" + doomed.uid() + "&school=" + schoolA, admin)).isEmpty();

        Api.Response refused = api().get("/api/me/").token(doomed.token()).send();
        assertError(refused, 401, UNKNOWN_USER);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");

        assertError(api().delete("/api/users/" + teacherA.id() + "/").token(teacherA.token()).send(), 403, FORBIDDEN);
        assertError(api().delete("/api/users/" + teacherA.id() + "/").token(auditorA.token()).send(), 403, FORBIDDEN);
        assertError(api().delete("/api/users/" + teacherA.id() + "/").send(), 401, NO_CREDENTIALS);
    }

    @Test
    void teachers_auditors_and_anonymous_callers_cannot_use_the_users_api() {
        long before = eventCount();
        String body = "{\"username\":\"x\",\"school\":" + schoolA + ",\"firebase_uid\":\"x\"}";
        String one = "/api/users/" + teacherA.id() + "/";
        for (Account caller : List.of(teacherA, auditorA)) {
            assertError(api().get("/api/users/").token(caller.token()).send(), 403, FORBIDDEN);
            assertError(api().post("/api/users/", body).token(caller.token()).send(), 403, FORBIDDEN);
            assertError(api().put(one, body).token(caller.token()).send(), 403, FORBIDDEN);
            assertError(api().patch(one, "{\"first_name\":\"x\"}").token(caller.token()).send(), 403, FORBIDDEN);
            assertError(api().patch("/api/users/" + caller.id() + "/", "{\"role\":\"ADMIN\"}").token(caller.token())
                    .send(), 403, FORBIDDEN);
        }
        for (Api.Request request : List.of(api().get("/api/users/"), api().post("/api/users/", body),
                api().put(one, body), api().patch(one, "{}"), api().delete(one))) {
            Api.Response response = request.send();
            assertError(response, 401, NO_CREDENTIALS);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertError(api().delete("/api/users/").token(admin.token()).send(), 405,
                "{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}");
    }

    // ---------------------------------------------------------------- /api/schools/{id}/users/

    @Test
    void the_users_of_a_school_are_listed_for_admins_and_that_schools_admins_only() {
        String path = "/api/schools/" + schoolA + "/users/";
        Api.Response byAdmin = api().get(path).token(admin.token()).send();
        assertStatus(byAdmin, 200);
        assertThat(fieldNames(byAdmin.json())).containsExactlyElementsOf(PAGE_FIELDS);
        assertThat(values(byAdmin.json().get("results"), "username"))
                .containsExactlyInAnyOrder(saA.uid(), teacherA.uid(), auditorA.uid());
        assertThat(fieldNames(byAdmin.json().get("results").get(0))).containsExactlyElementsOf(USER_FIELDS);

        Api.Response byOwnAdmin = api().get(path).token(saA.token()).send();
        assertStatus(byOwnAdmin, 200);
        assertThat(byOwnAdmin.json()).isEqualTo(byAdmin.json());
        assertThat(values(api().get("/api/schools/" + schoolB + "/users/").token(admin.token()).send().json()
                .get("results"), "username")).containsExactly(saB.uid());

        assertError(api().get("/api/schools/" + schoolB + "/users/").token(saA.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).token(saB.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).token(teacherA.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).token(auditorA.token()).send(), 403, FORBIDDEN);
        assertError(api().get(path).send(), 401, NO_CREDENTIALS);

        assertThat(usernames(path + "?role=TEACHER", saA)).containsExactly(teacherA.uid());
        assertThat(usernames(path + "?role=AUDITOR", admin)).containsExactly(auditorA.uid());
        assertThat(usernames(path + "?is_active=false", saA)).isEmpty();
        assertError(api().get(path + "?role=KING").token(saA.token()).send(), 400,
                "{\"role\":[\"Select a valid choice. KING is not one of the available choices.\"]}");

        Api.Response unknown = api().get("/api/schools/999999999/users/").token(admin.token()).send();
        assertStatus(unknown, 200);
        assertThat(unknown.json().toString()).isEqualTo("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}");
        assertError(api().get("/api/schools/999999999/users/").token(saA.token()).send(), 403, FORBIDDEN);
        assertError(api().get("/api/schools/abc/users/").token(admin.token()).send(), 404, NOT_FOUND);
    }

    private List<String> usernames(String path, Account caller) {
        Api.Response response = api().get(path).token(caller.token()).send();
        assertStatus(response, 200);
        return values(response.json().get("results"), "username");
    }
}
