package org.fractionball.lms.infrastructure.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.security.hardening.ContentSecurityPolicies;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin pages in a real browser ({@link BrowserTest}): navigation by role,
 * the refusal for teachers and auditors, and an admin managing schools, users, settings and
 * flags, each change checked afterwards through the API.
 */
class AdminPagesIT extends BrowserTest {
    private static final String PASSWORD = "court-and-fractions-42";
    private static final List<String> EVERYONE = List.of("Library", "Upload", "My content & review", "Playlists",
            "Courses", "Dashboard");

    private long school;

    @BeforeAll
    void createSchool() {
        school = school(unique("admin-ui") + ".edu");
    }

    @Test
    void theAdminPageIsServedWithThePagesPolicy() {
        Api.Response page = api().get("/admin/").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.text()).contains("<title>Admin · Fraction Ball LMS</title>")
                .contains("<script type=\"module\" src=\"/ui/js/admin.js\"></script>")
                .doesNotContain("<script>").doesNotContain("style=");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(ContentSecurityPolicies.pages(
                List.of("http://" + TestFirebase.EMULATOR_HOST)));
        Api.Response script = api().get("/ui/js/admin.js").send();
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).isEqualTo("text/javascript");
    }

    @Test
    void eachRoleSeesItsOwnNavigationAndOnlyAdminsGetIn() {
        Map<Role, List<String>> extra = Map.of(Role.ADMIN, List.of("Admin", "Audit", "Operations"),
                Role.SCHOOL_ADMIN, List.of("Admin", "Audit"), Role.TEACHER, List.of(), Role.AUDITOR, List.of("Audit"));
        for (Role role : List.of(Role.ADMIN, Role.SCHOOL_ADMIN, Role.TEACHER, Role.AUDITOR)) {
            Account account = account(role);
            signIn(account);
            List<String> expected = new ArrayList<>(EVERYONE);
            expected.addAll(extra.get(role));
            assertThat(navigation()).as(role.name()).isEqualTo(expected);
            if (role == Role.TEACHER || role == Role.AUDITOR) {
                String display = role == Role.TEACHER ? "Teacher" : "Auditor";
                assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("denied"))).getText())
                        .isEqualTo("You are not allowed to use the admin pages: they are for system admins and "
                                + "school admins. You are signed in as " + display + ".");
                assertThat(browser.findElement(By.id("sections")).isDisplayed()).isFalse();
                assertThat(browser.findElements(By.cssSelector("main section")).stream()
                        .noneMatch(WebElement::isDisplayed)).isTrue();
            } else {
                assertThat(browser.findElement(By.id("denied")).isDisplayed()).isFalse();
                List<String> tabs = browser.findElements(By.cssSelector("#sections a")).stream()
                        .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
                assertThat(tabs).as(role.name()).isEqualTo(role == Role.ADMIN
                        ? List.of("Schools", "Users", "Configuration", "Feature flags") : List.of("Users"));
                assertThat(browser.findElement(By.id(role == Role.ADMIN ? "schools-panel" : "users-panel")).isDisplayed())
                        .isTrue();
            }
        }
    }

    @Test
    void aSchoolAdminManagesOnlyTheirOwnSchoolsUsers() {
        long otherSchool = school(unique("elsewhere") + ".edu");
        String outsider = user(Role.TEACHER, otherSchool);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN);
        Account teacher = account(Role.TEACHER);
        signIn(schoolAdmin);
        List<String> users = userNames();
        assertThat(users).contains(teacher.username(), schoolAdmin.username()).doesNotContain(outsider);
        assertThat(browser.findElement(By.id("user-school-field")).isDisplayed()).isFalse();
        assertThat(new Select(browser.findElement(By.id("user-role"))).getOptions().stream().map(WebElement::getText)
                .toList()).containsExactly("School Admin", "Teacher");

        new Select(rowOf(teacher.userId()).findElement(By.className("role-choice"))).selectByValue("SCHOOL_ADMIN");
        rowOf(teacher.userId()).findElement(By.className("change-role")).click();
        expectStatus("Role of " + teacher.username() + " changed to School Admin.");
        JsonNode changed = userJson(schoolAdmin, teacher.userId());
        assertThat(changed.get("role").asText()).isEqualTo("SCHOOL_ADMIN");
        assertThat(changed.get("school").asLong()).isEqualTo(school);

        rowOf(teacher.userId()).findElement(By.className("toggle-active")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        expectStatus("User deactivated successfully.");
        assertThat(userJson(schoolAdmin, teacher.userId()).get("is_active").asBoolean()).isFalse();
        // their own row offers no actions (the API refuses self-deactivation and own role changes)
        assertThat(rowOf(schoolAdmin.userId()).findElement(By.className("toggle-active")).isEnabled()).isFalse();
        assertThat(rowOf(schoolAdmin.userId()).findElement(By.className("change-role")).isEnabled()).isFalse();
    }

    @Test
    void anAdminManagesSchoolsUsersSettingsAndFlags() {
        Account admin = account(Role.ADMIN);
        String settingKey = "uitest.players_" + hex();
        JsonNode setting = api().post("/api/config/system/", """
                {"key": "%s", "value": "10", "config_type": "INTEGER", "name": "Players per team",
                 "description": "How many players a team fields.", "category": "gameplay",
                 "min_value": 2, "max_value": 20}""".formatted(settingKey)).token(admin.token()).send().json();
        String flagName = "court_timer_" + hex();
        JsonNode flag = api().post("/api/config/features/", """
                {"name": "%s", "display_name": "Court timer %s", "description": "A countdown on the court view.",
                 "is_enabled": false}""".formatted(flagName, flagName.substring(12))).token(admin.token()).send().json();
        String flagDisplay = flag.get("display_name").asText();
        awaitProjections();
        signIn(admin);

        // schools: refused before sending, refused by the API next to its field, created, edited
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("school-table")));
        String domain = unique("riverside") + ".edu";
        type("school-name", "Riverside Elementary");
        click("school-save");
        assertThat(text("school-domain-error")).isEqualTo("Enter the school’s e-mail domain.");
        assertThat(browser.findElement(By.id("school-domain")).getAttribute("aria-invalid")).isEqualTo("true");
        String taken = api().get("/api/schools/" + school + "/").token(admin.token()).send().json().get("domain").asText();
        type("school-domain", taken);
        click("school-save");
        wait.until(ExpectedConditions.textToBe(By.id("school-domain-error"), "School with this domain already exists."));
        type("school-domain", domain);
        type("school-address", "12 River Road");
        type("school-phone", "555-0100");
        click("school-save");
        expectStatus("Created “Riverside Elementary”.");
        type("school-search", domain);
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#school-table tbody tr")));
        long newSchool = Long.parseLong(row.getAttribute("data-id"));
        assertThat(browser.findElements(By.cssSelector("#school-table tbody tr"))).hasSize(1);
        row.findElement(By.className("edit-school")).click();
        type("school-name", "Riverside Elementary School");
        click("school-save");
        expectStatus("Saved “Riverside Elementary School”.");
        JsonNode created = api().get("/api/schools/" + newSchool + "/").token(admin.token()).send().json();
        assertThat(created.get("name").asText()).isEqualTo("Riverside Elementary School");
        assertThat(created.get("domain").asText()).isEqualTo(domain);
        assertThat(created.get("address").asText()).isEqualTo("12 River Road");
        assertThat(created.get("phone").asText()).isEqualTo("555-0100");
        assertThat(created.get("is_active").asBoolean()).isTrue();
        assertThat(created.get("user_count").asLong()).isZero();
        Browser.screenshots(browser, "admin-schools");

        // a deletion happens only once confirmed
        String closingDomain = unique("closing") + ".edu";
        long closing = api().post("/api/schools/", "{\"name\": \"Closing School\", \"domain\": \"" + closingDomain + "\"}")
                .token(admin.token()).send().json().get("id").asLong();
        click("school-apply");
        type("school-search", closingDomain);
        WebElement closingRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#school-table tr[data-id='" + closing + "']")));
        closingRow.findElement(By.className("delete-school")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Delete the school “Closing School”? This cannot be undone.");
        browser.switchTo().alert().dismiss();
        assertThat(api().get("/api/schools/" + closing + "/").token(admin.token()).send().status()).isEqualTo(200);
        closingRow.findElement(By.className("delete-school")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        expectStatus("Deleted “Closing School”.");
        awaitProjections();
        assertThat(api().get("/api/schools/" + closing + "/").token(admin.token()).send().status()).isEqualTo(404);

        // users (the section opened with the keyboard): created in the new school, role changed,
        // deactivated (confirmed) and reactivated
        browser.findElement(By.id("tab-users")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlToBe(url("/admin/#users")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user-table")));
        String username = unique("maya").replace('-', '_');
        String uid = unique("uid-maya");
        type("user-username", "maya lopez");
        click("user-save");
        assertThat(text("user-username-error")).isEqualTo("Use only letters, numbers and @ . + - _ in a username.");
        assertThat(text("user-firebase-uid-error")).isEqualTo("Enter the uid of the user’s Firebase account.");
        type("user-username", username);
        type("user-email", username + "@riverside.edu");
        type("user-first-name", "Maya");
        type("user-last-name", "Lopez");
        type("user-firebase-uid", uid);
        new Select(browser.findElement(By.id("user-role"))).selectByValue("TEACHER");
        new Select(browser.findElement(By.id("user-school"))).selectByValue(String.valueOf(newSchool));
        click("user-save");
        expectStatus("Created the user " + username + ".");
        type("user-search", "maya");
        new Select(browser.findElement(By.id("user-school-filter"))).selectByValue(String.valueOf(newSchool));
        click("user-apply");
        wait.until(d -> userNames().equals(List.of(username)));
        long userId = Long.parseLong(browser.findElement(By.cssSelector("#user-table tbody tr")).getAttribute("data-id"));
        JsonNode user = userJson(admin, userId);
        assertThat(user.get("username").asText()).isEqualTo(username);
        assertThat(user.get("email").asText()).isEqualTo(username + "@riverside.edu");
        assertThat(user.get("full_name").asText()).isEqualTo("Maya Lopez");
        assertThat(user.get("role").asText()).isEqualTo("TEACHER");
        assertThat(user.get("school").asLong()).isEqualTo(newSchool);
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT firebase_uid FROM user_view WHERE id = ?", String.class, userId))
                .isEqualTo(uid);

        new Select(rowOf(userId).findElement(By.className("role-choice"))).selectByValue("SCHOOL_ADMIN");
        rowOf(userId).findElement(By.className("change-role")).click();
        expectStatus("Role changed from TEACHER to SCHOOL_ADMIN.");
        assertThat(rowOf(userId).findElement(By.className("user-role")).getText()).isEqualTo("School Admin");
        assertThat(userJson(admin, userId).get("role").asText()).isEqualTo("SCHOOL_ADMIN");

        rowOf(userId).findElement(By.className("toggle-active")).click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(userJson(admin, userId).get("is_active").asBoolean()).isTrue();
        rowOf(userId).findElement(By.className("toggle-active")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Deactivate " + username + "? They can no longer sign in.");
        browser.switchTo().alert().accept();
        expectStatus("User deactivated successfully.");
        assertThat(rowOf(userId).findElement(By.className("user-status")).getText()).isEqualTo("Inactive");
        assertThat(userJson(admin, userId).get("is_active").asBoolean()).isFalse();
        rowOf(userId).findElement(By.className("toggle-active")).click();
        expectStatus("User activated successfully.");
        assertThat(userJson(admin, userId).get("is_active").asBoolean()).isTrue();
        Browser.screenshots(browser, "admin-users");

        // settings: a malformed value is refused in the page, one out of bounds by the API, a good one saved
        click("tab-config");
        WebElement settingRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-key='" + settingKey + "']")));
        assertThat(settingRow.findElement(By.className("config-value")).getText()).isEqualTo("10");
        settingRow.findElement(By.className("edit-config")).click();
        assertThat(text("config-value-hint")).isEqualTo("Must be at least 2, at most 20.");
        type("config-value", "twelve");
        click("config-save");
        assertThat(text("config-value-error")).isEqualTo("Enter a whole number.");
        type("config-value", "50");
        click("config-save");
        wait.until(ExpectedConditions.textToBe(By.id("config-value-error"), "Value must be at most 20.0"));
        assertThat(browser.findElement(By.id("config-value")).getAttribute("aria-invalid")).isEqualTo("true");
        String settingId = setting.get("id").asText();
        assertThat(settingJson(admin, settingId).get("value").asText()).isEqualTo("10");
        type("config-value", "12");
        type("config-reason", "Bigger court");
        click("config-save");
        expectStatus("Saved " + settingKey + " = 12.");
        JsonNode saved = settingJson(admin, settingId);
        assertThat(saved.get("value").asText()).isEqualTo("12");
        assertThat(saved.get("typed_value").asInt()).isEqualTo(12);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history-list li .change")))
                .getText()).isEqualTo("10 → 12");
        JsonNode history = api().get("/api/config/system/" + settingId + "/change_history/").token(admin.token())
                .send().json().get("changes");
        assertThat(history.get(0).get("old_value").asText()).isEqualTo("10");
        assertThat(history.get(0).get("new_value").asText()).isEqualTo("12");
        assertThat(history.get(0).get("change_reason").asText()).isEqualTo("Bigger court");
        Browser.screenshots(browser, "admin-config");

        // flags: switched on, then narrowed to teachers of the new school
        click("tab-flags");
        String flagRow = "tr[data-name='" + flagName + "']";
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(flagRow + " .toggle-flag"))).click();
        expectStatus("Feature flag enabled: " + flagDisplay + ".");
        assertThat(browser.findElement(By.cssSelector(flagRow + " .toggle-flag")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        String flagId = flag.get("id").asText();
        assertThat(flagJson(admin, flagId).get("is_enabled").asBoolean()).isTrue();
        browser.findElement(By.cssSelector(flagRow + " .edit-flag")).click();
        browser.findElement(By.cssSelector("#flag-roles input[value='TEACHER']")).click();
        new Select(browser.findElement(By.id("flag-schools"))).selectByValue(String.valueOf(newSchool));
        click("flag-save");
        expectStatus("Saved the flag " + flagDisplay + ".");
        assertThat(browser.findElement(By.cssSelector(flagRow + " .flag-scope")).getText())
                .isEqualTo("Teacher · Riverside Elementary School");
        JsonNode narrowed = flagJson(admin, flagId);
        assertThat(narrowed.get("is_enabled").asBoolean()).isTrue();
        assertThat(narrowed.get("applies_to_roles").toString()).isEqualTo("[\"TEACHER\"]");
        assertThat(narrowed.get("applies_to_schools").toString()).isEqualTo("[" + newSchool + "]");
        Browser.screenshots(browser, "admin-flags");
    }

    // --- helpers ---

    private record Account(String email, String uid, long userId) {
        String token() {
            return TestFirebase.signIn(email, PASSWORD);
        }

        String username() {
            return email.substring(0, email.indexOf('@'));
        }
    }

    /** An e-mail/password account in the emulator, provisioned in the LMS under the same uid. */
    private Account account(Role role) {
        String email = unique(role.name().toLowerCase()) + "@example.edu";
        String uid = TestFirebase.signUp(email, PASSWORD).uid();
        RequestContext.runAs("system:test", () -> provisioner.ensureUser(uid, email.substring(0, email.indexOf('@')),
                email, "Test", role.name(), role, school));
        awaitProjections();
        long id = jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
        return new Account(email, uid, id);
    }

    /** Signs in on the sign-in page, asked for by the admin page, and waits until the admin page has started. */
    private void signIn(Account account) {
        freshTab();
        browser.get(url("/admin/"));
        wait.until(ExpectedConditions.urlToBe(url("/sign-in/?next=%2Fadmin%2F")));
        submitSignIn(account.email, PASSWORD, "/admin/");
        wait.until(d -> d.findElement(By.id("denied")).isDisplayed() || d.findElement(By.id("sections")).isDisplayed());
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector(".site-header nav a")).stream().map(WebElement::getText).toList();
    }

    private List<String> userNames() {
        wait.until(d -> !d.findElements(By.cssSelector("#users table, #users p:not(.loading)")).isEmpty());
        return browser.findElements(By.cssSelector("#user-table tbody .username")).stream().map(WebElement::getText).toList();
    }

    private WebElement rowOf(long userId) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#user-table tr[data-id='" + userId + "']")));
    }

    private JsonNode userJson(Account admin, long userId) {
        awaitProjections();
        Api.Response answer = api().get("/api/users/" + userId + "/").token(admin.token()).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode settingJson(Account admin, String id) {
        awaitProjections();
        return api().get("/api/config/system/" + id + "/").token(admin.token()).send().json();
    }

    private JsonNode flagJson(Account admin, String id) {
        awaitProjections();
        return api().get("/api/config/features/" + id + "/").token(admin.token()).send().json();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

}
