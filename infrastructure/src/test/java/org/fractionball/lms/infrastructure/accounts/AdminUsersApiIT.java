package org.fractionball.lms.infrastructure.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.6 ({@code /api/admin/users/…}) and §5.7 ({@code /api/admin/schools/{id}/users/}):
 * ADMIN only. Fixed defects: D1 (User shape), D6 (c) (deactivation blocks access), D9 (newest
 * first), D19 (firebase_uid on create, page_size and active validated).
 */
class AdminUsersApiIT extends AccountsApiSupport {
    private static final String SEARCH_FIELDS = "[results, count, num_pages, current_page, has_next, has_previous]";

    private long home;
    private String homeDomain;
    private Account admin;
    private Account schoolAdmin;
    private Account teacher;
    private Account auditor;

    @BeforeEach
    void accounts() {
        homeDomain = unique("admin-home") + ".edu";
        home = school(homeDomain);
        admin = account(Role.ADMIN, home);
        schoolAdmin = account(Role.SCHOOL_ADMIN, home);
        teacher = account(Role.TEACHER, home);
        auditor = account(Role.AUDITOR, home);
        awaitProjections();
    }

    @Test
    void only_admins_may_use_the_admin_users_api() {
        String one = "/api/admin/users/" + teacher.id() + "/";
        long before = eventCount();
        for (Account caller : List.of(schoolAdmin, teacher, auditor)) {
            for (Api.Request request : requestsOfTheAdminUsersApi(one)) {
                assertError(request.token(caller.token()).send(), 403, FORBIDDEN);
            }
        }
        for (Api.Request request : requestsOfTheAdminUsersApi(one)) {
            Api.Response response = request.send();
            assertError(response, 401, NO_CREDENTIALS);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertThat(eventCount()).isEqualTo(before);
        Api.Response stillTeacher = api().get(one).token(admin.token()).send();
        assertThat(stillTeacher.json().get("role").asText()).isEqualTo("TEACHER");
        assertThat(stillTeacher.json().get("is_active").asBoolean()).isTrue();
    }

    private List<Api.Request> requestsOfTheAdminUsersApi(String one) {
        return List.of(api().get("/api/admin/users/"),
                api().post("/api/admin/users/", "{\"username\":\"x\",\"school\":" + home + ",\"firebase_uid\":\"x\"}"),
                api().get(one), api().put(one, "{\"username\":\"x\",\"school\":" + home + "}"),
                api().patch(one, "{\"role\":\"ADMIN\"}"), api().delete(one),
                api().post(one + "change_role/", "{\"role\":\"ADMIN\"}"), api().post(one + "activate/", null),
                api().post(one + "deactivate/", "{}"), api().get("/api/admin/users/search/?q=x"),
                api().get("/api/admin/schools/" + home + "/users/"));
    }

    @Test
    void the_list_is_newest_first_and_filters_like_the_users_list() {
        long school = school(unique("admin-list") + ".edu");
        String tag = unique("new");
        createUser(admin, school, tag + "-1", "\"last_name\":\"Aa\"");
        createUser(admin, school, tag + "-2", "\"last_name\":\"Cc\",\"role\":\"SCHOOL_ADMIN\"");
        createUser(admin, school, tag + "-3", "\"last_name\":\"Bb\",\"is_active\":false");

        Api.Response list = api().get("/api/admin/users/?search=" + tag).token(admin.token()).send();
        assertStatus(list, 200);
        assertThat(fieldNames(list.json())).containsExactlyElementsOf(PAGE_FIELDS);
        assertThat(values(list.json().get("results"), "username")).containsExactly(tag + "-3", tag + "-2", tag + "-1");
        assertThat(fieldNames(list.json().get("results").get(0))).containsExactlyElementsOf(USER_FIELDS);
        assertThat(usernames("/api/admin/users/?search=" + tag + "&ordering=last_name"))
                .containsExactly(tag + "-1", tag + "-3", tag + "-2");
        assertThat(usernames("/api/admin/users/?school=" + school))
                .containsExactly(tag + "-3", tag + "-2", tag + "-1");
        assertThat(usernames("/api/admin/users/?school=" + school + "&role=SCHOOL_ADMIN")).containsExactly(tag + "-2");
        assertThat(usernames("/api/admin/users/?school=" + school + "&is_active=false")).containsExactly(tag + "-3");
        assertError(api().get("/api/admin/users/?role=KING").token(admin.token()).send(), 400,
                "{\"role\":[\"Select a valid choice. KING is not one of the available choices.\"]}");
        assertError(api().get("/api/admin/users/?school=999999999").token(admin.token()).send(), 400,
                "{\"school\":[\"" + INVALID_SCHOOL_FILTER + "\"]}");
        assertError(api().get("/api/admin/users/?ordering=password").token(admin.token()).send(), 400,
                "{\"ordering\":[\"Select a valid choice. password is not one of the available choices.\"]}");
    }

    @Test
    void an_admin_provisions_a_user_with_its_firebase_uid_and_gets_the_full_user() {
        String username = unique("prov");
        Api.Response created = api().post("/api/admin/users/", "{\"username\":\"" + username + "\",\"email\":\""
                + username + "@example.edu\",\"first_name\":\"Pat\",\"last_name\":\"Lee\",\"role\":\"AUDITOR\","
                + "\"school\":" + home + ",\"phone\":\"555\",\"firebase_uid\":\"" + username + "-uid\"}")
                .token(admin.token()).send();
        assertStatus(created, 201);
        JsonNode user = created.json();
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        long id = user.get("id").asLong();
        assertThat(user.get("username").asText()).isEqualTo(username);
        assertThat(user.get("full_name").asText()).isEqualTo("Pat Lee");
        assertThat(user.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(user.get("role_display").asText()).isEqualTo("Auditor");
        assertThat(user.get("school").asLong()).isEqualTo(home);
        assertThat(user.get("school_name").asText()).isEqualTo("School " + homeDomain);
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("last_login").isNull()).isTrue();
        assertThat(user.get("created_at").asText()).matches(DATETIME);
        assertThat(user.get("updated_at").asText()).isEqualTo(user.get("created_at").asText());
        assertThat(api().get("/api/admin/users/" + id + "/").token(admin.token()).send().json()).isEqualTo(user);

        awaitProjections();
        Api.Response me = api().get("/api/me/").token(tokenFor(username + "-uid")).send();
        assertStatus(me, 200);
        assertThat(me.json().get("id").asLong()).isEqualTo(id);

        // a second user with another uid is no collision (D19); a taken uid and a missing one are 400s
        assertStatus(api().post("/api/admin/users/", "{\"username\":\"" + username + "-2\",\"school\":" + home
                + ",\"firebase_uid\":\"" + username + "-uid2\"}").token(admin.token()).send(), 201);
        long before = eventCount();
        assertError(api().post("/api/admin/users/", "{\"username\":\"" + username + "-3\",\"school\":" + home
                        + ",\"firebase_uid\":\"" + username + "-uid\"}").token(admin.token()).send(), 400,
                "{\"firebase_uid\":[\"A user with this Firebase UID already exists.\"]}");
        assertError(api().post("/api/admin/users/", "{\"username\":\"" + username + "-3\",\"school\":" + home + "}")
                .token(admin.token()).send(), 400, "{\"firebase_uid\":[\"" + REQUIRED + "\"]}");
        assertError(api().post("/api/admin/users/", "{}").token(admin.token()).send(), 400,
                "{\"username\":[\"" + REQUIRED + "\"],\"school\":[\"" + REQUIRED + "\"],\"firebase_uid\":[\""
                        + REQUIRED + "\"]}");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void admin_user_detail_updates_and_deletes_like_the_users_api() {
        JsonNode target = createUser(admin, home, unique("crud"), "");
        String path = "/api/admin/users/" + target.get("id").asLong() + "/";
        assertThat(api().get(path).token(admin.token()).send().json()).isEqualTo(target);
        Api.Response patched = api().patch(path, "{\"phone\":\"555-0111\"}").token(admin.token()).send();
        assertStatus(patched, 200);
        assertThat(patched.json().get("phone").asText()).isEqualTo("555-0111");
        Api.Response put = api().put(path, "{\"username\":\"" + target.get("username").asText() + "-r\",\"school\":"
                + home + "}").token(admin.token()).send();
        assertStatus(put, 200);
        assertThat(put.json().get("username").asText()).isEqualTo(target.get("username").asText() + "-r");
        assertThat(put.json().get("phone").asText()).isEqualTo("555-0111");
        assertStatus(api().delete(path).token(admin.token()).send(), 204);
        assertError(api().get(path).token(admin.token()).send(), 404, NO_USER);
        assertError(api().get("/api/admin/users/abc/").token(admin.token()).send(), 404, NOT_FOUND);
    }

    @Test
    void deleting_a_school_removes_its_users_and_frees_their_uids_usernames_and_emails() {
        long doomedSchool = school(unique("doomed") + ".edu");
        Account member = account(Role.TEACHER, doomedSchool);
        Account memberAdmin = account(Role.SCHOOL_ADMIN, doomedSchool);
        String email = member.uid() + "@example.edu";

        assertStatus(api().delete("/api/schools/" + doomedSchool + "/").token(admin.token()).send(), 204);
        awaitProjections();
        for (Account gone : List.of(member, memberAdmin)) {
            assertError(api().get("/api/me/").token(gone.token()).send(), 401, UNKNOWN_USER);
            assertError(api().get("/api/admin/users/" + gone.id() + "/").token(admin.token()).send(), 404, NO_USER);
            assertError(api().patch("/api/admin/users/" + gone.id() + "/", "{\"first_name\":\"X\"}")
                    .token(admin.token()).send(), 404, NO_USER);
            assertError(api().post("/api/admin/users/" + gone.id() + "/deactivate/", null).token(admin.token()).send(),
                    404, NO_USER);
        }
        assertThat(searchNames("/api/admin/users/search/?school=" + doomedSchool)).isEmpty();

        Api.Response again = api().post("/api/admin/users/", "{\"username\":\"" + member.uid() + "\",\"email\":\""
                + email + "\",\"school\":" + home + ",\"firebase_uid\":\"" + member.uid() + "\"}")
                .token(admin.token()).send();
        assertStatus(again, 201);
        assertThat(again.json().get("id").asLong()).isNotEqualTo(member.id());
        awaitProjections();
        Api.Response me = api().get("/api/me/").token(tokenFor(member.uid())).send();
        assertStatus(me, 200);
        assertThat(me.json().get("id").asLong()).isEqualTo(again.json().get("id").asLong());
        assertThat(me.json().get("school").asLong()).isEqualTo(home);
    }

    @Test
    void change_role_validates_the_role_refuses_the_callers_own_and_answers_the_user() {
        Account target = account(Role.TEACHER, home);
        String path = "/api/admin/users/" + target.id() + "/change_role/";
        long before = eventCount();
        for (String body : new String[] {null, "{}", "{\"role\":\"KING\"}", "{\"role\":\"teacher\"}",
                "{\"role\":5}", "{\"role\":null}", "{\"role\":\"\"}"}) {
            assertError(api().post(path, body).token(admin.token()).send(), 400,
                    "{\"error\":\"Valid role is required\"}");
        }
        assertError(api().post("/api/admin/users/" + admin.id() + "/change_role/", "{\"role\":\"TEACHER\"}")
                .token(admin.token()).send(), 400, "{\"error\":\"Cannot change your own role\"}");
        assertError(api().post("/api/admin/users/999999999/change_role/", "{\"role\":\"TEACHER\"}")
                .token(admin.token()).send(), 404, NO_USER);
        assertThat(eventCount()).isEqualTo(before);

        Api.Response changed = api().post(path, "{\"role\":\"SCHOOL_ADMIN\"}").token(admin.token()).send();
        assertStatus(changed, 200);
        assertThat(fieldNames(changed.json())).containsExactly("message", "user");
        assertThat(changed.json().get("message").asText()).isEqualTo("Role changed from TEACHER to SCHOOL_ADMIN");
        JsonNode user = changed.json().get("user");
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(user.get("id").asLong()).isEqualTo(target.id());
        assertThat(user.get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(user.get("role_display").asText()).isEqualTo("School Admin");
        assertThat(api().get("/api/admin/users/" + target.id() + "/").token(admin.token()).send().json()
                .get("role").asText()).isEqualTo("SCHOOL_ADMIN");

        awaitProjections();
        Api.Response me = api().get("/api/me/").token(target.token()).send();
        assertThat(me.json().get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(me.json().get("permissions").get("is_school_admin").asBoolean()).isTrue();
        assertStatus(api().get("/api/users/").token(target.token()).send(), 200);

        Api.Response toAuditor = api().post(path, "{\"role\":\"AUDITOR\"}").token(admin.token()).send();
        assertThat(toAuditor.json().get("message").asText()).isEqualTo("Role changed from SCHOOL_ADMIN to AUDITOR");
        awaitProjections();
        assertError(api().get("/api/users/").token(target.token()).send(), 403, FORBIDDEN);
    }

    @Test
    void deactivation_blocks_access_until_reactivation() {
        Account target = account(Role.TEACHER, home);
        String base = "/api/admin/users/" + target.id() + "/";

        assertError(api().post(base + "activate/", null).token(admin.token()).send(), 200,
                "{\"message\":\"User is already active\"}");

        Api.Response deactivated = api().post(base + "deactivate/", "{\"reason\":\"Left the school\"}")
                .token(admin.token()).send();
        assertStatus(deactivated, 200);
        assertThat(fieldNames(deactivated.json())).containsExactly("message", "user");
        assertThat(deactivated.json().get("message").asText()).isEqualTo("User deactivated successfully");
        assertThat(fieldNames(deactivated.json().get("user"))).containsExactlyElementsOf(USER_FIELDS);
        assertThat(deactivated.json().get("user").get("is_active").asBoolean()).isFalse();
        assertError(api().post(base + "deactivate/", null).token(admin.token()).send(), 200,
                "{\"message\":\"User is already inactive\"}");

        awaitProjections();
        Api.Response refused = api().get("/api/me/").token(target.token()).send();
        assertError(refused, 401, DISABLED);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertError(api().get("/api/healthz/").token(target.token()).send(), 401, DISABLED);
        assertError(api().get("/api/me/").token(tokenFor(target.uid())).send(), 401, DISABLED);
        assertThat(usernames("/api/admin/users/?is_active=false&search=" + target.uid())).containsExactly(target.uid());

        Api.Response activated = api().post(base + "activate/", null).token(admin.token()).send();
        assertStatus(activated, 200);
        assertThat(fieldNames(activated.json())).containsExactly("message", "user");
        assertThat(activated.json().get("message").asText()).isEqualTo("User activated successfully");
        assertThat(activated.json().get("user").get("is_active").asBoolean()).isTrue();
        awaitProjections();
        assertStatus(api().get("/api/me/").token(target.token()).send(), 200);

        long before = eventCount();
        assertError(api().post("/api/admin/users/" + admin.id() + "/deactivate/", null).token(admin.token()).send(),
                400, "{\"error\":\"Cannot deactivate your own account\"}");
        assertError(api().post("/api/admin/users/999999999/deactivate/", null).token(admin.token()).send(), 404,
                NO_USER);
        assertError(api().post("/api/admin/users/999999999/activate/", null).token(admin.token()).send(), 404,
                NO_USER);
        assertError(api().post("/api/admin/users/" + admin.id() + "/activate/", null).token(admin.token()).send(),
                200, "{\"message\":\"User is already active\"}");
        assertThat(eventCount()).isEqualTo(before);
        assertStatus(api().get("/api/me/").token(admin.token()).send(), 200);
    }

    @Test
    void search_filters_and_pages_with_the_hand_rolled_envelope() {
        long school = school(unique("search") + ".edu");
        String tag = unique("srch");
        String u1 = createUser(admin, school, tag + "-1", "\"first_name\":\"Alice\",\"last_name\":\"Zephyr\"")
                .get("username").asText();
        String u2 = createUser(admin, school, tag + "-2", "\"first_name\":\"Bob\",\"last_name\":\"Young\","
                + "\"role\":\"SCHOOL_ADMIN\"").get("username").asText();
        String u3 = createUser(admin, school, tag + "-3", "\"first_name\":\"Carol\",\"last_name\":\"Xavier\","
                + "\"is_active\":false").get("username").asText();
        String u4 = createUser(admin, school, tag + "-4", "\"first_name\":\"Dave\",\"last_name\":\"Walker\","
                + "\"role\":\"AUDITOR\"").get("username").asText();
        String u5 = createUser(admin, school, tag + "-5", "\"first_name\":\"Eve\",\"last_name\":\"Victor\","
                + "\"email\":\"eve." + tag + "@Example.EDU\"").get("username").asText();
        String base = "/api/admin/users/search/?school=" + school;

        Api.Response all = search(base);
        assertThat(fieldNames(all.json()).toString()).isEqualTo(SEARCH_FIELDS);
        assertThat(values(all.json().get("results"), "username")).containsExactlyInAnyOrder(u1, u2, u3, u4, u5);
        assertThat(fieldNames(all.json().get("results").get(0))).containsExactlyElementsOf(USER_FIELDS);
        assertPage(all, 5, 1, 1, false, false);

        assertThat(searchNames("/api/admin/users/search/?q=%20%20" + tag.toUpperCase() + "-1%20%20"))
                .containsExactly(u1);
        assertThat(searchNames(base + "&q=aLiCe")).containsExactly(u1);
        assertThat(searchNames("/api/admin/users/search/?q=zeph")).contains(u1);
        assertThat(searchNames("/api/admin/users/search/?q=EVE." + tag + "@example")).containsExactly(u5);
        assertThat(searchNames("/api/admin/users/search/?q=" + tag)).containsExactlyInAnyOrder(u1, u2, u3, u4, u5);
        assertThat(searchNames("/api/admin/users/search/?q=" + tag + "&school=abc"))
                .containsExactlyInAnyOrder(u1, u2, u3, u4, u5);
        assertThat(searchNames(base + "&q=%25")).as("% is a character, not a wildcard").isEmpty();
        assertThat(searchNames(base + "&q=_")).as("_ is a character, not a wildcard").isEmpty();
        assertThat(searchNames(base + "&role=TEACHER")).containsExactlyInAnyOrder(u1, u3, u5);
        assertThat(searchNames(base + "&role=AUDITOR")).containsExactly(u4);
        assertThat(searchNames(base + "&active=false")).containsExactly(u3);
        assertThat(searchNames(base + "&active=NO")).containsExactly(u3);
        assertThat(searchNames(base + "&active=0")).containsExactly(u3);
        assertThat(searchNames(base + "&active=Yes")).containsExactlyInAnyOrder(u1, u2, u4, u5);
        assertThat(searchNames(base + "&active=1&role=TEACHER")).containsExactlyInAnyOrder(u1, u5);

        assertThat(search(base + "&role=KING").text()).isEqualTo("{\"results\":[],\"count\":0,\"num_pages\":1,"
                + "\"current_page\":1,\"has_next\":false,\"has_previous\":false}");
        assertThat(search("/api/admin/users/search/?q=no-such-" + tag).text()).isEqualTo("{\"results\":[],"
                + "\"count\":0,\"num_pages\":1,\"current_page\":1,\"has_next\":false,\"has_previous\":false}");

        // pages of two: 1, 2, 3; out-of-range and invalid pages clamp
        Set<String> seen = new HashSet<>();
        Api.Response page1 = search(base + "&page_size=2");
        assertPage(page1, 5, 3, 1, true, false);
        Api.Response page2 = search(base + "&page_size=2&page=2");
        assertPage(page2, 5, 3, 2, true, true);
        Api.Response page3 = search(base + "&page_size=2&page=3");
        assertPage(page3, 5, 3, 3, false, true);
        for (Api.Response page : List.of(page1, page2, page3)) {
            seen.addAll(values(page.json().get("results"), "username"));
        }
        assertThat(page1.json().get("results")).hasSize(2);
        assertThat(page3.json().get("results")).hasSize(1);
        assertThat(seen).containsExactlyInAnyOrder(u1, u2, u3, u4, u5);
        assertThat(search(base + "&page_size=2&page=99").json()).isEqualTo(page3.json());
        assertThat(search(base + "&page_size=2&page=0").json()).isEqualTo(page1.json());
        assertThat(search(base + "&page_size=2&page=-4").json()).isEqualTo(page1.json());
        assertThat(search(base + "&page_size=2&page=abc").json()).isEqualTo(page1.json());
        assertPage(search(base + "&page_size=500"), 5, 1, 1, false, false);

        assertError(api().get(base + "&page_size=0").token(admin.token()).send(), 400,
                "{\"page_size\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertError(api().get(base + "&page_size=-3").token(admin.token()).send(), 400,
                "{\"page_size\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertError(api().get(base + "&page_size=x").token(admin.token()).send(), 400,
                "{\"page_size\":[\"A valid integer is required.\"]}");
        assertError(api().get(base + "&active=maybe").token(admin.token()).send(), 400,
                "{\"active\":[\"Must be a valid boolean.\"]}");
        // an unknown role empties the result but does not make an invalid page size valid
        assertError(api().get(base + "&role=KING&page_size=x").token(admin.token()).send(), 400,
                "{\"page_size\":[\"A valid integer is required.\"]}");
    }

    @Test
    void search_page_size_is_capped_at_one_hundred() {
        long school = school(unique("big") + ".edu");
        String tag = unique("big");
        RequestContext.runAs("system:test", () -> {
            for (int i = 0; i < 101; i++) {
                String uid = tag + "-" + i;
                provisioner.ensureUser(uid, uid, "", "Big", "User" + i, Role.TEACHER, school);
            }
        });
        awaitProjections();
        String base = "/api/admin/users/search/?school=" + school;

        Api.Response capped = search(base + "&page_size=500");
        assertPage(capped, 101, 2, 1, true, false);
        assertThat(capped.json().get("results")).hasSize(100);
        Api.Response last = search(base + "&page_size=500&page=2");
        assertPage(last, 101, 2, 2, false, true);
        assertThat(last.json().get("results")).hasSize(1);
        assertThat(search(base + "&page_size=101").json()).isEqualTo(capped.json());
        Api.Response byDefault = search(base);
        assertPage(byDefault, 101, 6, 1, true, false);
        assertThat(byDefault.json().get("results")).hasSize(20);

        // the default pagination of /api/schools/{id}/users/: 20 a page, page_size ignored, next/previous URLs
        String listing = "/api/schools/" + school + "/users/";
        Api.Response second = api().get(listing + "?page=2&page_size=50").token(admin.token()).send();
        assertStatus(second, 200);
        assertThat(second.json().get("count").asInt()).isEqualTo(101);
        assertThat(second.json().get("results")).hasSize(20);
        assertThat(sortedQuery(second.json().get("next").asText())).isEqualTo("http://127.0.0.1:" + port + listing
                + "?page=3&page_size=50");
        assertThat(second.json().get("previous").asText()).isEqualTo("http://127.0.0.1:" + port + listing
                + "?page_size=50");
        Api.Response lastPage = api().get(listing + "?page=last").token(admin.token()).send();
        assertThat(lastPage.json().get("results")).hasSize(1);
        assertThat(lastPage.json().get("next").isNull()).isTrue();
        assertError(api().get(listing + "?page=7").token(admin.token()).send(), 404, "{\"detail\":\"Invalid page.\"}");
        assertError(api().get(listing + "?page=x").token(admin.token()).send(), 404, "{\"detail\":\"Invalid page.\"}");

        Api.Response schoolPage = api().get("/api/admin/schools/" + school + "/users/?page_size=1000")
                .token(admin.token()).send();
        assertStatus(schoolPage, 200);
        assertThat(schoolPage.json().get("users")).hasSize(100);
        assertThat(schoolPage.json().get("num_pages").asInt()).isEqualTo(2);
        assertThat(schoolPage.json().get("count").asInt()).isEqualTo(101);
    }

    @Test
    void a_schools_users_come_in_the_admin_envelope() {
        String domain = unique("envelope") + ".edu";
        long school = school(domain);
        String tag = unique("env");
        List<String> names = new ArrayList<>();
        names.add(createUser(admin, school, tag + "-1", "").get("username").asText());
        names.add(createUser(admin, school, tag + "-2", "\"role\":\"SCHOOL_ADMIN\"").get("username").asText());
        names.add(createUser(admin, school, tag + "-3", "\"is_active\":false").get("username").asText());
        String path = "/api/admin/schools/" + school + "/users/";

        Api.Response response = api().get(path).token(admin.token()).send();
        assertStatus(response, 200);
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("school", "users", "count", "num_pages", "current_page");
        assertThat(fieldNames(body.get("school"))).containsExactlyElementsOf(SCHOOL_FIELDS);
        assertThat(body.get("school").get("id").asLong()).isEqualTo(school);
        assertThat(body.get("school").get("domain").asText()).isEqualTo(domain);
        assertThat(body.get("school").get("user_count").asInt()).isEqualTo(2);
        assertThat(values(body.get("users"), "username")).containsExactlyInAnyOrderElementsOf(names);
        assertThat(fieldNames(body.get("users").get(0))).containsExactlyElementsOf(USER_FIELDS);
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("num_pages").asInt()).isEqualTo(1);
        assertThat(body.get("current_page").asInt()).isEqualTo(1);

        assertThat(values(api().get(path + "?role=SCHOOL_ADMIN").token(admin.token()).send().json().get("users"),
                "username")).containsExactly(tag + "-2");
        assertThat(values(api().get(path + "?active=false").token(admin.token()).send().json().get("users"),
                "username")).containsExactly(tag + "-3");
        assertThat(values(api().get(path + "?active=true").token(admin.token()).send().json().get("users"),
                "username")).containsExactlyInAnyOrder(tag + "-1", tag + "-2");
        JsonNode king = api().get(path + "?role=KING").token(admin.token()).send().json();
        assertThat(king.get("users")).isEmpty();
        assertThat(king.get("count").asInt()).isZero();
        assertThat(king.get("num_pages").asInt()).isEqualTo(1);

        JsonNode second = api().get(path + "?page_size=2&page=2").token(admin.token()).send().json();
        assertThat(second.get("users")).hasSize(1);
        assertThat(second.get("num_pages").asInt()).isEqualTo(2);
        assertThat(second.get("current_page").asInt()).isEqualTo(2);
        assertThat(api().get(path + "?page_size=2&page=50").token(admin.token()).send().json()).isEqualTo(second);
        assertThat(api().get(path + "?page_size=2&page=x").token(admin.token()).send().json().get("current_page")
                .asInt()).isEqualTo(1);

        assertError(api().get(path + "?page_size=0").token(admin.token()).send(), 400,
                "{\"page_size\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertError(api().get(path + "?page_size=x").token(admin.token()).send(), 400,
                "{\"page_size\":[\"A valid integer is required.\"]}");
        assertError(api().get(path + "?active=maybe").token(admin.token()).send(), 400,
                "{\"active\":[\"Must be a valid boolean.\"]}");
        assertError(api().get("/api/admin/schools/999999999/users/").token(admin.token()).send(), 404,
                "{\"detail\":\"No School matches the given query.\"}");
        assertError(api().get("/api/admin/schools/abc/users/").token(admin.token()).send(), 404, NOT_FOUND);
    }

    /** The URL with its query parameters in sorted order (their order is not part of the contract). */
    private static String sortedQuery(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return url;
        }
        List<String> parameters = new ArrayList<>(List.of(url.substring(question + 1).split("&")));
        parameters.sort(null);
        return url.substring(0, question + 1) + String.join("&", parameters);
    }

    private Api.Response search(String path) {
        Api.Response response = api().get(path).token(admin.token()).send();
        assertStatus(response, 200);
        return response;
    }

    private List<String> searchNames(String path) {
        return values(search(path).json().get("results"), "username");
    }

    private List<String> usernames(String path) {
        Api.Response response = api().get(path).token(admin.token()).send();
        assertStatus(response, 200);
        return values(response.json().get("results"), "username");
    }

    private static void assertPage(Api.Response response, int count, int pages, int current, boolean hasNext,
                                   boolean hasPrevious) {
        JsonNode body = response.json();
        assertThat(fieldNames(body).toString()).isEqualTo(SEARCH_FIELDS);
        assertThat(body.get("count").asInt()).as(response.toString()).isEqualTo(count);
        assertThat(body.get("num_pages").asInt()).as(response.toString()).isEqualTo(pages);
        assertThat(body.get("current_page").asInt()).as(response.toString()).isEqualTo(current);
        assertThat(body.get("has_next").asBoolean()).as(response.toString()).isEqualTo(hasNext);
        assertThat(body.get("has_previous").asBoolean()).as(response.toString()).isEqualTo(hasPrevious);
    }
}
