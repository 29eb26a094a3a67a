package org.fractionball.lms.infrastructure.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.security.hardening.ContentSecurityPolicies;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The courses and dashboard pages in a real browser ({@link BrowserTest}): a teacher enrols,
 * records progress, completes and withdraws; each role opens its dashboard and sees the figures
 * seeded through the API, and the charts are drawn.
 */
class LearningPagesIT extends BrowserTest {
    private static final String PASSWORD = "halves-and-quarters-42";


    @Test
    void thePagesAndTheChartBundleAreServedUnderThePagesPolicy() {
        String policy = ContentSecurityPolicies.pages(TestFirebase.EMULATOR
                ? List.of("http://" + TestFirebase.EMULATOR_HOST) : List.of());
        for (String[] page : new String[][]{{"/courses/", "<title>Courses · Fraction Ball LMS</title>"},
                {"/dashboard/", "<title>Dashboard · Fraction Ball LMS</title>"}}) {
            Api.Response response = api().get(page[0]).send();
            assertThat(response.status()).as(page[0]).isEqualTo(200);
            assertThat(response.text()).as(page[0]).contains(page[1]).doesNotContain("<script>").doesNotContain("style=");
            assertThat(response.header("Content-Security-Policy")).as(page[0]).isEqualTo(policy);
        }
        Api.Response bundle = api().get("/ui/vendor/charts.js").send();
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).isEqualTo("text/javascript");
        assertThat(bundle.text()).contains(" as Chart};");
    }

    @Test
    void aTeacherEnrolsCompletesACourseAndWithdrawsFromAnother() {
        long school = school(unique("courses-ui") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        String relay = activity(admin, "Fraction relay");
        String pizza = activity(admin, "Pizza fractions");
        // a word only this test's courses hold, so courses of other tests (global ones) stay out of the list
        String word = unique("unit").replace("-", "");
        String halves = publishedCourse(schoolAdmin, "Halves in one lesson", word, List.of(relay));
        String thirds = publishedCourse(schoolAdmin, "Thirds step by step", word, List.of(relay, pizza));

        signIn(teacher, "/courses/");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#enrolments p"), "You are not enrolled in any course yet."));
        browser.findElement(By.id("course-search")).sendKeys(word + Keys.ENTER);
        wait.until(d -> courseTitles().equals(List.of("Halves in one lesson", "Thirds step by step")));

        openCourse(halves);
        assertThat(texts("#course-items .title")).containsExactly("Fraction relay");
        clickOn(By.id("enrol"));
        expectStatus("You are enrolled in “Halves in one lesson”.");
        assertThat(text(By.id("course-progress-text"))).isEqualTo("0.0 % complete (0 of 1 item)");
        clickOn(By.cssSelector("#course-items li[data-id='" + relay + "'] .mark-started"));
        expectStatus("“Fraction relay” marked started: 0.0 % complete.");
        assertThat(text(By.cssSelector("#course-items li[data-id='" + relay + "'] .badge"))).isEqualTo("Started");
        clickOn(By.cssSelector("#course-items li[data-id='" + relay + "'] .mark-completed"));
        expectStatus("Course completed: “Halves in one lesson”.");
        assertThat(text(By.id("course-progress-text"))).isEqualTo("100.0 % complete (1 of 1 item)");
        assertThat(text(By.cssSelector("#enrolment-state .badge"))).isEqualTo("Completed");
        assertThat(browser.findElement(By.id("course-progress")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.findElements(By.id("withdraw"))).isEmpty();

        openCourse(thirds);
        clickOn(By.id("enrol"));
        expectStatus("You are enrolled in “Thirds step by step”.");
        clickOn(By.cssSelector("#course-items li[data-id='" + pizza + "'] .mark-completed"));
        expectStatus("“Pizza fractions” marked completed: 50.0 % complete.");
        assertThat(text(By.id("course-progress-text"))).isEqualTo("50.0 % complete (1 of 2 items)");
        assertThat(texts("#course-items .badge")).containsExactly("Not started", "Completed");
        assertThat(texts("#enrolment-list h3 button")).containsExactly("Thirds step by step", "Halves in one lesson");
        assertThat(texts("#enrolment-list .badge")).containsExactly("In progress", "Completed");
        Browser.screenshots(browser, "courses");

        clickOn(By.id("withdraw"));
        expectStatus("You withdrew from “Thirds step by step”. Enrol again to continue where you left off.");
        assertThat(text(By.cssSelector("#enrolment-state .badge"))).isEqualTo("Withdrawn");
        assertThat(browser.findElements(By.cssSelector("#course-items .mark-completed"))).isEmpty();
        assertThat(text(By.id("enrol"))).isEqualTo("Enrol again");
        JsonNode mine = ok("/api/enrolments/?user=" + teacher.userId + "&course=" + thirds, teacher).get("results").get(0);
        assertThat(mine.get("status").asText()).isEqualTo("withdrawn");
        assertThat(mine.get("percent_complete").decimalValue()).isEqualByComparingTo("50.0");

        // the school admin sees who of the school is enrolled in the course
        signIn(schoolAdmin, "/courses/?course=" + thirds);
        wait.until(ExpectedConditions.textToBe(By.id("school-enrolments-heading"), "Enrolments of your school (1)"));
        assertThat(texts("#school-enrolments tbody td")).containsExactly("Test TEACHER", "Withdrawn", "50.0 % (1/2)",
                LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("M/d/yyyy")));
        assertThat(Browser.console(browser)).doesNotContain("Content Security Policy");
    }

    @Test
    void eachRoleSeesItsDashboardWithChartsOfTheSeededFigures() {
        long school = school(unique("dashboard-ui") + ".edu");
        Account admin = account(Role.ADMIN, school);
        Account schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        String number = publishedVideo(teacher, schoolAdmin, "Number line jumps", "3", "number_line");
        String basics = publishedVideo(teacher, schoolAdmin, "Fractions on the court", "4", "fractions_basics");
        publishedVideo(schoolAdmin, admin, "Halves warm-up", "3", "fractions_basics");
        for (int session = 1; session <= 3; session++) {
            view(teacher, number, "t-" + session);
        }
        view(schoolAdmin, number, "sa-1");
        view(schoolAdmin, basics, "sa-2");
        String relay = activity(admin, "Fraction relay");
        String pizza = activity(admin, "Pizza fractions");
        String course = publishedCourse(schoolAdmin, "Quarters", "quarters", List.of(relay, pizza));
        String enrolment = post("/api/courses/" + course + "/enrol/", null, teacher).json().get("id").asText();
        assertThat(post("/api/enrolments/" + enrolment + "/progress/",
                "{\"item_id\": \"" + relay + "\", \"status\": \"completed\"}", teacher).status()).isEqualTo(200);
        awaitProjections();

        // the two fields the page needed (docs/api.md): the month's days, and the enrolments by course for SA+
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode days = ok("/api/dashboard/", teacher).get("daily_activity");
        assertThat(days).hasSize(30);
        assertThat(days.get(0).toString()).isEqualTo("{\"day\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(29)
                + "\",\"views\":0,\"downloads\":0}");
        assertThat(days.get(29).toString()).isEqualTo("{\"day\":\"" + today + "\",\"views\":5,\"downloads\":0}");
        assertThat(ok("/api/dashboard/", teacher).get("enrolments").has("by_course")).isFalse();
        // global courses of other tests are open to the school too
        List<String> byCourse = new ArrayList<>();
        ok("/api/dashboard/", schoolAdmin).at("/enrolments/by_course").forEach(row -> byCourse.add(row.toString()));
        assertThat(byCourse).contains("{\"course_id\":\"" + course + "\",\"title\":\"Quarters\",\"status\":"
                + "\"published\",\"enrolments\":1,\"active\":1,\"completed\":0,\"withdrawn\":0}");

        signIn(teacher, "/dashboard/");
        awaitDashboard();
        assertThat(figures("my-figures")).containsExactly(Map.entry("my_videos", "2"), Map.entry("my_resources", "0"),
                Map.entry("my_playlists", "0"), Map.entry("videos_uploaded_this_week", "2"));
        assertThat(figures("school-figures")).containsExactly(Map.entry("total_videos", "3"),
                Map.entry("total_resources", "0"), Map.entry("total_playlists", "0"),
                Map.entry("videos_this_month", "3"), Map.entry("total_video_views", "5"),
                Map.entry("total_resource_downloads", "0"), Map.entry("engagement_rate", "1.67"),
                Map.entry("most_active_day", LocalDate.now(ZoneOffset.UTC) + " (5 views)"));
        assertThat(texts("#in-progress .percent")).containsExactly("50.0 % complete (1 of 2 items)");
        assertThat(texts("#popular li")).containsExactly("Number line jumps 4 views · 2 viewers",
                "Fractions on the court 1 view · 1 viewer");
        assertThat(browser.findElements(By.id("enrolment-stats"))).isEmpty();
        assertThat(browser.findElement(By.id("platform-section")).isDisplayed()).isFalse();
        assertChartsDrawn();
        assertThat(browser.findElement(By.id("views-chart-canvas")).getAttribute("aria-label"))
                .isEqualTo("Views and downloads, last 30 days: 5 views and 0 downloads in the last 30 days; most views on "
                        + today + " (5).");
        assertThat(rows("views-table")).hasSize(30).last().isEqualTo(List.of(today, "5", "0"));
        assertThat(rows("grade-table")).containsExactly(List.of("Grade 3", "2"), List.of("Grade 4", "1"));
        assertThat(rows("topic-table")).containsExactly(List.of("Fractions Basics", "2"), List.of("Number Line", "1"));
        assertThat(browser.findElement(By.id("grade-chart-canvas")).getAttribute("aria-label"))
                .isEqualTo("Published videos by grade: 3 published videos: Grade 3 2, Grade 4 1.");

        signIn(schoolAdmin, "/dashboard/");
        awaitDashboard();
        assertThat(figures("my-figures")).containsExactly(Map.entry("my_videos", "1"), Map.entry("my_resources", "0"),
                Map.entry("my_playlists", "0"), Map.entry("videos_uploaded_this_week", "1"));
        assertThat(figures("school-figures").get("total_video_views")).isEqualTo("5");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("enrolments-table")));
        assertThat(rows("enrolments-table")).contains(List.of("Quarters", "Published", "1", "1", "0", "0"));
        assertChartsDrawn();
        Browser.screenshots(browser, "dashboard");

        signIn(admin, "/dashboard/");
        awaitDashboard();
        assertThat(figures("school-figures").get("total_videos")).isEqualTo("3");
        assertThat(rows("enrolments-table")).contains(List.of("Quarters", "Published", "1", "1", "0", "0"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("platform-figures")));
        JsonNode platform = ok("/api/admin/dashboard/", admin);
        Map<String, String> shown = figures("platform-figures");
        assertThat(shown.get("total_schools")).isEqualTo(thousands(platform.at("/platform_stats/total_schools")));
        assertThat(shown.get("teachers")).isEqualTo(thousands(platform.at("/user_stats/teachers")));
        assertThat(shown.get("published_videos")).isEqualTo(thousands(platform.at("/content_stats/published_videos")));
        assertChartsDrawn();
        assertThat(Browser.console(browser)).doesNotContain("Content Security Policy");

        // a role without a dashboard (the API answers 403) is told so in words, and no chart is drawn
        signIn(account(Role.AUDITOR, school), "/dashboard/");
        expectStatus("You do not have permission to do this.");
        assertThat(browser.findElements(By.tagName("canvas"))).isEmpty();
    }

    // --- seeding through the API ---

    private record Account(String email, long userId) {
        String token() {
            return TestFirebase.signIn(email, PASSWORD);
        }
    }

    /** An e-mail/password account in the emulator, provisioned in the LMS under the same uid. */
    private Account account(Role role, long school) {
        String email = unique(role.name().toLowerCase()) + "@example.edu";
        String uid = TestFirebase.signUp(email, PASSWORD).uid();
        RequestContext.runAs("system:test", () -> provisioner.ensureUser(uid, email.substring(0, email.indexOf('@')),
                email, "Test", role.name(), role, school));
        awaitProjections();
        return new Account(email, jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid));
    }

    private Api.Response post(String path, String body, Account caller) {
        return api().post(path, body).token(caller.token()).send();
    }

    private JsonNode ok(String path, Account caller) {
        Api.Response response = api().get(path).token(caller.token()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String activity(Account admin, String title) {
        Api.Response created = post("/api/activities/", """
                {"title": "%s", "description": "About %s.", "activity_number": 1, "grade": "4"}"""
                .formatted(title, title), admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String publishedCourse(Account manager, String title, String topic, List<String> activities) {
        String items = String.join(", ", activities.stream()
                .map(id -> "{\"type\": \"activity\", \"id\": \"" + id + "\"}").toList());
        Api.Response created = post("/api/courses/", """
                {"title": "%s", "description": "A course about %s.", "grade_band": "3-5", "items": [%s]}"""
                .formatted(title, topic, items), manager);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(post("/api/courses/" + id + "/publish/", null, manager).status()).isEqualTo(200);
        awaitProjections();
        return id;
    }

    private String publishedVideo(Account owner, Account reviewer, String title, String grade, String topic) {
        Api.Response created = post("/api/videos/", """
                {"title": "%s", "description": "A short clip for the lesson.", "grade": "%s", "topic": "%s",
                 "duration": 60, "storage_uri": "https://videos.example.org/%s.mp4"}""".formatted(title, grade, topic, UUID.randomUUID()),
                owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Response submitted = post("/api/approval/videos/" + id + "/submit_for_review/", null, owner);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        Api.Response approved = post("/api/approval/videos/" + id + "/approve/", "{}", reviewer);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        awaitProjections();
        return id;
    }

    private void view(Account viewer, String video, String session) {
        Api.Response tracked = post("/api/analytics/view/", """
                {"video_id": "%s", "session_id": "%s", "duration_watched": 30, "completion_percentage": 0.5}"""
                .formatted(video, session), viewer);
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        awaitProjections();
    }

    // --- the browser ---

    /** Signs in on the sign-in page in a fresh tab (empty session storage) and opens {@code path}. */
    private void signIn(Account account, String path) {
        freshTab();
        browser.get(url("/sign-in/?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
        submitSignIn(account.email, PASSWORD, path);
    }

    private void openCourse(String id) {
        clickOn(By.cssSelector("#course-list li[data-id='" + id + "'] .open-course"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("course-items")));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/courses/?course=" + id));
    }

    private void awaitDashboard() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#views-chart-canvas")));
    }

    /** Every chart is a canvas Chart.js has drawn on, with a non-zero size on the page. */
    private void assertChartsDrawn() {
        for (String id : List.of("views-chart-canvas", "grade-chart-canvas", "topic-chart-canvas")) {
            WebElement canvas = browser.findElement(By.id(id));
            assertThat(canvas.getSize().getWidth()).as(id).isGreaterThan(100);
            assertThat(canvas.getSize().getHeight()).as(id).isGreaterThan(100);
            assertThat((Boolean) browser.executeScript("""
                    const c = arguments[0];
                    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    return pixels.some((value, i) => i % 4 === 3 && value > 0);""", canvas)).as(id + " has ink").isTrue();
        }
    }

    /** The figures of a list, by key, in page order. */
    private Map<String, String> figures(String id) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (WebElement figure : browser.findElements(By.cssSelector("#" + id + " [data-figure]"))) {
            figures.put(figure.getAttribute("data-figure"), figure.findElement(By.tagName("dd")).getText());
        }
        return figures;
    }

    /** The cells of a table's body, row by row (hidden tables too: textContent, not the rendered text). */
    private List<List<String>> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream()
                        .map(cell -> cell.getAttribute("textContent").strip()).toList())
                .toList();
    }

    /** A count as the page shows it (en-US grouping). */
    private static String thousands(JsonNode count) {
        return String.format(Locale.US, "%,d", count.asLong());
    }

    private List<String> courseTitles() {
        return texts("#course-list .open-course");
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

}
