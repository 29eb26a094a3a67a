package org.fractionball.lms.infrastructure.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.security.DevelopmentSignIn;
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
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The teachers' pages in a real browser ({@link BrowserTest}): signing in and out by role, the
 * library with its player, uploads, review, playlists with sharing, and the API's refusals as messages.
 */
class WebUiIT extends BrowserTest {
    private static final String PASSWORD = "court-and-fractions-42";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private DevelopmentSignIn devSignIn;

    private long school;

    @BeforeAll
    void createSchool() {
        school = school(unique("ui") + ".edu");
    }

    @Test
    void eachRoleSignsInWithEmailAndPasswordAndSignsOut() {
        freshTab();
        browser.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link")));
        Browser.screenshots(browser, "home");

        for (Role role : List.of(Role.TEACHER, Role.SCHOOL_ADMIN, Role.ADMIN)) {
            Account account = account(role);
            signIn(account);
            String roleDisplay = api().get("/api/me/").token(TestFirebase.signIn(account.email, PASSWORD)).send()
                    .json().get("role_display").asText();
            assertThat(text("signed-in-as")).isEqualTo("Test " + role.name() + " · " + roleDisplay);
            assertThat(browser.getCurrentUrl()).isEqualTo(url("/library/"));
            // the token is only in this tab's session storage
            assertThat((Boolean) script("return Object.keys(sessionStorage).some(k => k.startsWith('firebase:authUser'))"))
                    .isTrue();
            click("sign-out");
            wait.until(ExpectedConditions.urlToBe(url("/sign-in/")));
            assertThat((Boolean) script("return Object.keys(sessionStorage).length === 0")).isTrue();
        }

        browser.get(url("/library/?grade=3"));
        wait.until(ExpectedConditions.urlToBe(url("/sign-in/?next=%2Flibrary%2F%3Fgrade%3D3")));
        expectStatus("Please sign in to continue.");
        Browser.screenshots(browser, "sign-in");

        type("email", "nobody-" + unique("x") + "@example.edu");
        type("password", "wrong-password");
        click("password-submit");
        expectStatus("The e-mail address or password is incorrect.");

        // a Firebase account the LMS does not know: the API's 401 is shown and nothing stays signed in
        String stranger = unique("stranger") + "@example.edu";
        TestFirebase.signUp(stranger, PASSWORD);
        browser.navigate().refresh();
        type("email", stranger);
        type("password", PASSWORD);
        click("password-submit");
        expectStatus("You are not signed in or your session has ended (User not found. "
                + "Please contact your administrator to create your account.). Please sign in again. Sign in");
        assertThat((Boolean) script("return Object.keys(sessionStorage).length === 0")).isTrue();

        // empty fields are refused next to the fields, before any request
        clear("email");
        clear("password");
        click("password-submit");
        assertThat(text("email-error")).isEqualTo("Enter your e-mail address.");
        assertThat(text("password-error")).isEqualTo("Enter your password.");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void refusalsOfTheApiBecomeMessagesForPeople() {
        freshTab();
        browser.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-link")));
        // api.js against answers of each kind (fetch replaced in the page, the real module reads them)
        @SuppressWarnings("unchecked")
        List<String> messages = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/ui/js/api.js').then(async ({ api }) => {
                  const answers = [
                    [401, {detail: 'Expired Firebase token'}, {}],
                    [403, {detail: 'You do not have permission to perform this action.'}, {}],
                    [403, {error: 'Permission denied'}, {}],
                    [429, {detail: 'Request was throttled. Expected available in 720 seconds.'}, {'Retry-After': '720'}],
                    [503, null, {}],
                    [400, {error: 'Invalid upload', message: 'Invalid filename'}, {}],
                    [400, {title: ['This field may not be blank.']}, {}],
                  ];
                  const messages = [];
                  for (const [status, body, headers] of answers) {
                    window.fetch = async () => new Response(body === null ? '' : JSON.stringify(body), {status, headers});
                    try { await api('/api/me/', { anonymous: true }); messages.push('no error'); }
                    catch (error) { messages.push(error.message); }
                  }
                  window.fetch = async () => { throw new TypeError('Failed to fetch'); };
                  try { await api('/api/me/', { anonymous: true }); } catch (error) { messages.push(error.message); }
                  done(messages);
                });
                """);
        assertThat(messages).containsExactly(
                "You are not signed in or your session has ended (Expired Firebase token). Please sign in again.",
                "You do not have permission to do this.",
                "You do not have permission to do this: Permission denied",
                "Too many requests. Please wait 720 seconds and try again.",
                "The service is temporarily unavailable. Please try again in a moment.",
                "Invalid upload: Invalid filename",
                "title: This field may not be blank.",
                "The server could not be reached. Check your connection and try again.");
    }

    @Test
    void theQuickstartSignsInWithTheDevelopmentSignIn() {
        assumeTrue(devSignIn.enabled(), "the development sign-in is off in this configuration");
        Account admin = account(Role.SCHOOL_ADMIN);
        freshTab();
        browser.get(url("/sign-in/?next=%2Fplaylists%2F"));
        type("uid", admin.uid);
        click("dev-submit");
        wait.until(ExpectedConditions.urlToBe(url("/playlists/")));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as"))).getText())
                .isEqualTo("Test SCHOOL_ADMIN · School Admin");
        click("sign-out");
        wait.until(ExpectedConditions.urlToBe(url("/sign-in/")));
        assertThat((Boolean) script("return Object.keys(sessionStorage).length === 0")).isTrue();
    }

    @Test
    void theLibraryIsSearchedAndFilteredAndItsVideosPlayAndSeek() throws Exception {
        Account teacher = account(Role.TEACHER);
        Account reviewer = account(Role.SCHOOL_ADMIN);
        String halves = publishedVideo(teacher, reviewer, "Halves on the court", "3", "number_line", "court");
        publishedVideo(teacher, reviewer, "Quarters relay", "4", "equivalent_fractions", "relay");
        publishedVideo(teacher, reviewer, "Court warm-up", "3", "fractions_basics", "warm-up");
        String playlist = api().post("/api/playlists/", "{\"name\": \"Week one\"}").token(teacher.token())
                .send().json().get("id").asText();
        awaitProjections();

        signIn(teacher);
        assertThat(resultTitles()).contains("Halves on the court", "Quarters relay", "Court warm-up");

        type("search", "court");
        new Select(browser.findElement(By.id("grade"))).selectByValue("3");
        new Select(browser.findElement(By.id("ordering"))).selectByValue("title");
        click("apply");
        wait.until(ExpectedConditions.urlContains("ordering=title"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/library/?search=court&grade=3&ordering=title"));
        wait.until(d -> resultTitles().equals(List.of("Court warm-up", "Halves on the court")));
        expectStatus("2 results.");

        // the filters live in the URL: a reload shows the same search
        browser.navigate().refresh();
        wait.until(d -> resultTitles().equals(List.of("Court warm-up", "Halves on the court")));
        assertThat(browser.findElement(By.id("search")).getAttribute("value")).isEqualTo("court");
        assertThat(new Select(browser.findElement(By.id("grade"))).getFirstSelectedOption().getText()).isEqualTo("Grade 3");

        type("tags", "relay");
        clear("search");
        new Select(browser.findElement(By.id("grade"))).selectByValue("");
        click("apply");
        wait.until(d -> resultTitles().equals(List.of("Quarters relay")));
        browser.navigate().back();
        wait.until(d -> resultTitles().equals(List.of("Court warm-up", "Halves on the court")));

        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#result-list button[data-id='" + halves + "']"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-title"), "Halves on the court"));
        WebElement player = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("player")));
        assertThat(player.getAttribute("src")).startsWith(url("/storage/"));
        Number seeked = (Number) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const video = document.getElementById('player');
                const seek = () => {
                  video.addEventListener('seeked', () => video.play().then(() => setTimeout(() => done(video.currentTime), 500),
                    () => done(video.currentTime)), { once: true });
                  video.currentTime = 2.5;
                };
                video.addEventListener('error', () => done(-1), { once: true });
                if (video.readyState >= 1) { seek(); } else { video.addEventListener('loadedmetadata', seek, { once: true }); }
                """);
        assertThat(seeked.doubleValue()).isGreaterThan(2.5);
        assertThat((Number) script("return document.getElementById('player').duration")).satisfies(
                d -> assertThat(d.doubleValue()).isEqualTo(6.0));
        Browser.screenshots(browser, "library");

        new Select(browser.findElement(By.id("playlist-choice"))).selectByValue(playlist);
        click("add-to-playlist");
        expectStatus("Added “Halves on the court” to “Week one”.");
        awaitProjections();
        JsonNode items = api().get("/api/playlists/" + playlist + "/").token(teacher.token()).send().json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("video_asset").asText()).isEqualTo(halves);

        // resources: the type filter switches the listing; Download asks the API for the signed URL
        String worksheet = uploadedWorksheet(teacher, "Fraction strips worksheet");
        click("reset");
        wait.until(ExpectedConditions.urlToBe(url("/library/")));
        new Select(browser.findElement(By.id("type"))).selectByValue("resources");
        wait.until(ExpectedConditions.urlToBe(url("/library/?type=resources")));
        assertThat(browser.findElement(By.id("file-type-field")).isDisplayed()).isTrue();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#result-list button[data-id='" + worksheet + "']"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("detail-title"), "Fraction strips worksheet"));
        click("download");
        wait.until(d -> downloads(worksheet) == 1);
    }

    @Test
    void aFileIsUploadedWithProgressAndRefusalsAreShownAtTheirFields() throws Exception {
        Account teacher = account(Role.TEACHER);
        signIn(teacher);
        browser.get(url("/upload/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")));

        // checked before anything is sent: no file, no title
        click("upload-submit");
        assertThat(text("file-error")).isEqualTo("Choose a file to upload.");
        assertThat(text("title-error")).isEqualTo("Enter a title.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("file");

        Path video = sampleVideo();
        browser.findElement(By.id("file")).sendKeys(video.toString());
        type("title", "Number line sprint");
        type("description", "Students sprint to the fraction called out.");
        new Select(browser.findElement(By.id("grade"))).selectByValue("5");
        new Select(browser.findElement(By.id("topic"))).selectByValue("number_line");
        type("tags", "court, sprint");
        click("upload-submit");
        expectStatus("Uploaded “Number line sprint”. It is a draft until you submit it for review.");
        assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(text("progress-text")).isEqualTo("100 %");
        assertThat(text("file-error")).isEmpty();
        Browser.screenshots(browser, "upload");

        awaitProjections();
        JsonNode mine = api().get("/api/videos/?owner=" + teacher.userId).token(teacher.token()).send().json();
        assertThat(mine.get("count").asInt()).isEqualTo(1);
        JsonNode uploaded = mine.get("results").get(0);
        assertThat(uploaded.get("title").asText()).isEqualTo("Number line sprint");
        assertThat(uploaded.get("status").asText()).isEqualTo("DRAFT");
        assertThat(uploaded.get("grade").asText()).isEqualTo("5");
        assertThat(uploaded.get("topic").asText()).isEqualTo("number_line");
        assertThat(uploaded.get("tags").toString()).isEqualTo("[\"court\",\"sprint\"]");
        assertThat(uploaded.get("duration").asInt()).isEqualTo(6);
        assertThat(uploaded.get("file_size").asLong()).isEqualTo(Files.size(video));

        // a file type the server would refuse is refused here, next to the file field
        Path program = Files.createTempFile("setup", ".exe");
        Files.write(program, new byte[]{'M', 'Z', 0, 0});
        browser.findElement(By.id("file")).sendKeys(program.toString());
        type("title", "Not a video");
        click("upload-submit");
        assertThat(text("file-error")).startsWith("This type of file cannot be uploaded");
        assertThat(api().get("/api/videos/?owner=" + teacher.userId).token(teacher.token()).send().json()
                .get("count").asInt()).isEqualTo(1);
    }

    @Test
    void contentIsSubmittedRejectedWithAReasonResubmittedAndApproved() throws Exception {
        Account teacher = account(Role.TEACHER);
        Account reviewer = account(Role.SCHOOL_ADMIN);
        String id = uploadedVideo(teacher, "Mixed numbers match", "6", "mixed_improper", "match");

        signIn(teacher);
        browser.get(url("/content/"));
        clickIn(id, "submit-review");
        expectStatus("Content submitted for review successfully");
        assertThat(statusOf(id)).isEqualTo("PENDING");
        assertThat(browser.findElement(By.id("queue-section")).isDisplayed()).isFalse();

        signIn(reviewer);
        browser.get(url("/content/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-list li[data-id='" + id + "']")));
        Browser.screenshots(browser, "review");
        browser.findElement(By.id("reason-" + id)).sendKeys("Too short");
        clickIn(id, "reject");
        assertThat(text("reason-" + id + "-error")).isEqualTo("Give a reason of at least 10 characters.");
        browser.findElement(By.id("reason-" + id)).sendKeys(" - please add the answer key at the end.");
        clickIn(id, "reject");
        expectStatus("Content rejected successfully");

        signIn(teacher);
        browser.get(url("/content/"));
        assertThat(statusOf(id)).isEqualTo("REJECTED");
        assertThat(browser.findElement(By.cssSelector("#mine-list li[data-id='" + id + "'] .rejection")).getText())
                .isEqualTo("Rejected by Test SCHOOL_ADMIN: Too short - please add the answer key at the end.");
        Browser.screenshots(browser, "my-content");
        clickIn(id, "return-draft");
        expectStatus("Content returned to draft status");
        assertThat(statusOf(id)).isEqualTo("DRAFT");
        clickIn(id, "submit-review");
        expectStatus("Content submitted for review successfully");

        signIn(reviewer);
        browser.get(url("/content/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-list li[data-id='" + id + "']")));
        browser.findElement(By.id("notes-" + id)).sendKeys("Answer key added, thanks.");
        clickIn(id, "approve");
        expectStatus("Content approved and published successfully");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#queue p"), "Nothing is waiting for review."));

        signIn(teacher);
        browser.get(url("/content/"));
        assertThat(statusOf(id)).isEqualTo("PUBLISHED");
        assertThat(api().get("/api/library/videos/" + id + "/").token(teacher.token()).send().json()
                .get("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void aPlaylistIsCreatedReorderedSharedOpenedSignedOutAndRevoked() throws Exception {
        Account teacher = account(Role.TEACHER);
        Account reviewer = account(Role.SCHOOL_ADMIN);
        List<String> videos = List.of(
                publishedVideo(teacher, reviewer, "One half", "3", "fractions_basics", "a"),
                publishedVideo(teacher, reviewer, "One third", "3", "fractions_basics", "b"),
                publishedVideo(teacher, reviewer, "One quarter", "3", "fractions_basics", "c"));

        signIn(teacher);
        browser.get(url("/playlists/"));
        // the form is in the page before its script has taken it over: click once the page has signed in
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
        click("create");
        wait.until(ExpectedConditions.textToBe(By.id("name-error"), "Enter a name."));
        type("name", "Unit fractions");
        type("playlist-description", "Three short clips.");
        click("create");
        wait.until(ExpectedConditions.textToBe(By.id("playlist-name"), "Unit fractions"));
        String playlist = api().get("/api/playlists/").token(teacher.token()).send().json()
                .get("results").get(0).get("id").asText();
        for (String video : videos) {
            assertThat(api().post("/api/playlists/" + playlist + "/add_item/", "{\"video_id\": \"" + video + "\"}")
                    .token(teacher.token()).send().status()).isEqualTo(201);
        }
        awaitProjections();
        browser.get(url("/playlists/?playlist=" + playlist));
        assertThat(itemTitles()).containsExactly("One half", "One third", "One quarter");

        // keyboard: Alt+Down on the first item moves it down; focus stays on it
        WebElement first = browser.findElement(By.cssSelector("#items li:first-child"));
        first.sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_DOWN));
        expectStatus("Moved “One half” to position 2 of 3.");
        assertThat(itemTitles()).containsExactly("One third", "One half", "One quarter");
        assertThat(browser.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("One half");
        // the Move buttons
        browser.findElement(By.cssSelector("#items li:nth-child(3) .move-up")).click();
        expectStatus("Moved “One quarter” to position 2 of 3.");
        assertThat(browser.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Move One quarter up");
        // drag and drop: the last item onto the first
        browser.executeScript("""
                const [source, target] = arguments;
                const data = new DataTransfer();
                source.dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true }));
                target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
                target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
                source.dispatchEvent(new DragEvent('dragend', { dataTransfer: data, bubbles: true }));
                """, browser.findElement(By.cssSelector("#items li:nth-child(3)")),
                browser.findElement(By.cssSelector("#items li:nth-child(1)")));
        expectStatus("Moved “One half” to position 1 of 3.");
        assertThat(itemTitles()).containsExactly("One half", "One third", "One quarter");
        awaitProjections();
        JsonNode items = api().get("/api/playlists/" + playlist + "/").token(teacher.token()).send().json().get("items");
        assertThat(items.findValuesAsText("video_title")).containsExactly("One half", "One third", "One quarter");
        assertThat(items.findValuesAsText("order")).containsExactly("1", "2", "3");

        new Select(browser.findElement(By.id("share-expiry"))).selectByValue("30");
        click("share");
        expectStatus("Share link created.");
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#shares .share-url")));
        String shareLink = link.getAttribute("value");
        assertThat(shareLink).matches(url("/shared/") + "[0-9a-f-]{36}/");
        assertThat(browser.findElement(By.cssSelector("#shares .share-state")).getText()).startsWith("Expires ");
        browser.findElement(By.cssSelector("#shares .copy")).click();
        String copied = wait.until(d -> {
            String text = d.findElement(By.id("status")).getText();
            return text.startsWith("Link copied.") || text.startsWith("Press Ctrl+C") ? text : null;
        });
        assertThat(copied).isIn("Link copied.", "Press Ctrl+C (⌘C on a Mac) to copy the selected link.");
        Browser.screenshots(browser, "playlists");

        click("sign-out");
        wait.until(ExpectedConditions.urlToBe(url("/sign-in/")));
        browser.get(shareLink);
        wait.until(ExpectedConditions.textToBe(By.id("title"), "Unit fractions"));
        assertThat(browser.findElements(By.cssSelector("#shared-items .title")).stream().map(WebElement::getText))
                .containsExactly("One half", "One third", "One quarter");
        assertThat(browser.findElements(By.id("sign-in-link"))).hasSize(1);
        Browser.screenshots(browser, "shared");

        signIn(teacher);
        browser.get(url("/playlists/?playlist=" + playlist));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#shares .revoke"))).click();
        expectStatus("Share link revoked: it no longer opens the playlist.");
        assertThat(browser.findElement(By.cssSelector("#shares .share-state")).getText()).isEqualTo("Revoked · 1 view");
        click("sign-out");
        wait.until(ExpectedConditions.urlToBe(url("/sign-in/")));
        browser.get(shareLink);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-error"))).getText())
                .isEqualTo("This share link has expired or was revoked. Ask the person who shared it for a new one.");
    }

    // --- helpers ---

    private record Account(String email, String uid, long userId) {
        String token() {
            return TestFirebase.signIn(email, PASSWORD);
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

    private void signIn(Account account) {
        freshTab();
        browser.get(url("/sign-in/"));
        submitSignIn(account.email, PASSWORD, "/library/");
        wait.until(d -> !d.findElements(By.cssSelector("#results ul, #results p:not(.loading)")).isEmpty());
    }

    /** Uploads the sample video through the API as {@code owner} and completes it with metadata. */
    private String uploadedVideo(Account owner, String title, String grade, String topic, String tag) throws Exception {
        byte[] bytes = Files.readAllBytes(sampleVideo());
        String token = owner.token();
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "clip.webm", "file_size": %d, "content_type": "video/webm", "category": "video"}"""
                .formatted(bytes.length)).token(token).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(signed.json().get("upload_url").asText()))
                .header("Content-Type", "video/webm").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        Api.Response completed = api().post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "%s", "description": "A short clip for the lesson.",
                 "grade": "%s", "topic": "%s", "tags": ["%s"], "duration": 6}"""
                .formatted(signed.json().get("storage_path").asText(), title, grade, topic, tag)).token(token).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        awaitProjections();
        return completed.json().get("id").asText();
    }

    /** A PDF resource uploaded through the API (a draft its owner sees in the library). */
    private String uploadedWorksheet(Account owner, String title) throws Exception {
        byte[] pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String token = owner.token();
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "strips.pdf", "file_size": %d, "content_type": "application/pdf", "category": "resource"}"""
                .formatted(pdf.length)).token(token).send();
        HTTP.send(HttpRequest.newBuilder(URI.create(signed.json().get("upload_url").asText()))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                HttpResponse.BodyHandlers.ofString());
        Api.Response completed = api().post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "%s", "grade": "3"}"""
                .formatted(signed.json().get("storage_path").asText(), title)).token(token).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        awaitProjections();
        return completed.json().get("id").asText();
    }

    private long downloads(String resourceId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ResourceDownloaded'
                AND convert_from(payload, 'UTF8') LIKE ?""", Long.class, "%" + resourceId + "%");
    }

    private String publishedVideo(Account owner, Account reviewer, String title, String grade, String topic, String tag)
            throws Exception {
        String id = uploadedVideo(owner, title, grade, topic, tag);
        assertThat(api().post("/api/approval/videos/" + id + "/submit_for_review/", null).token(owner.token())
                .send().status()).isEqualTo(200);
        assertThat(api().post("/api/approval/videos/" + id + "/approve/", "{}").token(reviewer.token())
                .send().status()).isEqualTo(200);
        awaitProjections();
        return id;
    }

    private static Path sampleVideo() throws IOException {
        Path file = Files.createTempFile("sample", ".webm");
        try (InputStream in = WebUiIT.class.getResourceAsStream("/ui/sample.webm")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private void clickIn(String itemId, String buttonClass) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("li[data-id='" + itemId + "'] ." + buttonClass))).click();
    }

    private String statusOf(String itemId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#mine-list li[data-id='" + itemId + "'] .badge"))).getAttribute("data-status");
    }

    private List<String> resultTitles() {
        wait.until(d -> !d.findElements(By.cssSelector("#results ul, #results p:not(.loading)")).isEmpty());
        return browser.findElements(By.cssSelector("#result-list h3 button")).stream().map(WebElement::getText).toList();
    }

    private List<String> itemTitles() {
        return wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("#items .title")))
                .stream().map(WebElement::getText).toList();
    }
}
