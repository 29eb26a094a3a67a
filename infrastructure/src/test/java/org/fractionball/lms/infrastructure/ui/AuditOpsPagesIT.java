package org.fractionball.lms.infrastructure.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.MetadataKeys;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.web.RequestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit and operations pages (issue 10) in a real browser ({@link BrowserTest}): events
 * filtered, expanded, followed to their aggregate's history and state, verified and exported; a
 * projection replayed and a parked event retried and evicted; a projection rebuilt blue/green
 * through the real API, its progress watched until the new version serves; and a teacher turned
 * away from both.
 */
class AuditOpsPagesIT extends BrowserTest {
    private static final String PASSWORD = "court-and-fractions-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private EventStore eventStore;

    private Path downloads;
    private long school;

    @BeforeAll
    void createSchoolAndDownloads() throws IOException {
        downloads = Files.createTempDirectory("audit-downloads");
        school = school(unique("audit-ops") + ".edu");
    }

    @Test
    void anAuditorFiltersEventsFollowsAnAggregateVerifiesTheChainAndExports() throws Exception {
        String teacher = user(Role.TEACHER, school);
        long teacherId = userId(teacher);
        UUID videoId = UUID.randomUUID();
        String video = AggregateIds.content(ContentKind.VIDEO, videoId);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        List<Long> positions = List.of(
                append(video, 0, new ContentCreated(videoId, ContentKind.VIDEO, teacherId, school, details("Halves"),
                        "videos/" + school + "/" + videoId), teacher, teacherId, start),
                append(video, 1, new ContentDetailsChanged(videoId, ContentKind.VIDEO, details("Halves and quarters")),
                        teacher, teacherId, start.plusSeconds(60)),
                append(video, 2, new ContentSubmittedForReview(videoId, ContentKind.VIDEO, "Halves and quarters",
                        teacherId), teacher, teacherId, start.plusSeconds(120)),
                append(video, 3, new ContentApproved(videoId, ContentKind.VIDEO, "Halves and quarters", teacherId,
                        teacherId, "Clear"), teacher, teacherId, start.plusSeconds(180)));
        awaitProjections();
        Account auditor = account(Role.AUDITOR);

        signIn(auditor);
        browser.get(url("/audit/"));
        type("actor", teacher);
        click("apply");
        wait.until(ExpectedConditions.urlToBe(url("/audit/?actor=" + teacher)));
        wait.until(d -> actions().equals(List.of("CONTENT_CREATED", "CONTENT_UPDATED", "CONTENT_SUBMITTED",
                "CONTENT_APPROVED")));
        expectStatus("4 events.");

        type("action", "CONTENT_UPDATED");
        click("apply");
        wait.until(ExpectedConditions.urlToBe(url("/audit/?actor=" + teacher + "&action=CONTENT_UPDATED")));
        wait.until(d -> actions().equals(List.of("CONTENT_UPDATED")));
        expectStatus("1 event.");
        assertThat(browser.findElement(By.cssSelector("#event-list li")).getAttribute("data-position"))
                .isEqualTo(positions.get(1).toString());
        assertThat(browser.findElement(By.cssSelector("#event-list .actor")).getText())
                .isEqualTo("user " + teacherId + " · " + teacher + " · TEACHER · school " + school);

        // the filters live in the URL: a reload shows the same events and fills the form again
        browser.navigate().refresh();
        wait.until(d -> actions().equals(List.of("CONTENT_UPDATED")));
        assertThat(browser.findElement(By.id("actor")).getAttribute("value")).isEqualTo(teacher);
        assertThat(browser.findElement(By.id("action")).getAttribute("value")).isEqualTo("CONTENT_UPDATED");

        // a bad filter is named next to its field and nothing is listed for it
        type("aggregate_type", "not a type");
        click("apply");
        wait.until(ExpectedConditions.textToBe(By.id("aggregate_type-error"),
                "Enter an aggregate type name such as ContentItem."));
        expectStatus("Check the highlighted filters.");
        type("aggregate_type", "ContentItem");
        click("apply");
        wait.until(d -> actions().equals(List.of("CONTENT_UPDATED")));

        browser.findElement(By.cssSelector("#event-list details.payload summary")).click();
        JsonNode payload = JSON.readTree(wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#event-list details.payload pre"))).getText());
        assertThat(payload.get("contentId").asText()).isEqualTo(videoId.toString());
        assertThat(payload.get("details").get("title").asText()).isEqualTo("Halves and quarters");

        browser.findElement(By.cssSelector("#event-list .aggregate-link")).click();
        wait.until(ExpectedConditions.textToBe(By.id("aggregate-title"), "ContentItem " + video));
        assertThat(browser.findElements(By.cssSelector("#history-list .action")).stream().map(WebElement::getText))
                .containsExactly("CONTENT_CREATED", "CONTENT_UPDATED", "CONTENT_SUBMITTED", "CONTENT_APPROVED");
        browser.findElement(By.cssSelector("#history-list li[data-sequence='1'] .state-after")).click();
        wait.until(ExpectedConditions.textToBe(By.id("state-event-count"), "2"));
        JsonNode state = JSON.readTree(browser.findElement(By.id("state-fields")).getText());
        assertThat(state.get("status").asText()).isEqualTo("DRAFT");
        assertThat(state.get("details").get("title").asText()).isEqualTo("Halves and quarters");

        click("verify");
        String summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-summary"))).getText();
        String range = browser.findElement(By.cssSelector("#verify-result .meta")).getText();
        String to = range.substring(range.indexOf('–') + 1, range.indexOf(" ·"));
        JsonNode report = api().get("/api/audit/verify/?from=1&to=" + to).token(auditor.token()).send().json();
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(summary).isEqualTo(report.get("events_verified").asLong()
                + " events verified: the chain and the seals are intact.");
        Browser.screenshots(browser, "audit");

        click("export-ndjson");
        Path exported = downloads.resolve("audit-events.ndjson");
        wait.until(d -> Files.exists(exported) && !Files.exists(downloads.resolve("audit-events.ndjson.crdownload")));
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("position").asLong()).isEqualTo(positions.get(1));
        expectStatus("Exported audit-events.ndjson (" + Files.size(exported) + " bytes).");
    }

    @Test
    void aSchoolAdminLoadsMoreEventsOfTheirSchoolWithoutTheSchoolFilterOrVerification() {
        String teacher = user(Role.TEACHER, school);
        long teacherId = userId(teacher);
        UUID videoId = UUID.randomUUID();
        String video = AggregateIds.content(ContentKind.VIDEO, videoId);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
        append(video, 0, new ContentCreated(videoId, ContentKind.VIDEO, teacherId, school, details("Draft 0"),
                "videos/" + school + "/" + videoId), teacher, teacherId, start);
        for (int change = 1; change <= 51; change++) {
            append(video, change, new ContentDetailsChanged(videoId, ContentKind.VIDEO, details("Draft " + change)),
                    teacher, teacherId, start.plusSeconds(change));
        }
        awaitProjections();
        Account schoolAdmin = account(Role.SCHOOL_ADMIN);

        signIn(schoolAdmin);
        browser.get(url("/audit/?actor=" + teacher));
        wait.until(d -> actions().size() == 50);
        expectStatus("50 events so far; more with “Load more”.");
        assertThat(browser.findElement(By.id("school-field")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("verify-section")).isDisplayed()).isFalse();

        click("load-more");
        expectStatus("52 events.");
        assertThat(actions()).hasSize(52);
        assertThat(browser.findElement(By.id("load-more")).isDisplayed()).isFalse();
        // focus moves to the first event the page added
        assertThat(browser.switchTo().activeElement().findElement(By.xpath("ancestor::li")).getAttribute(
                "data-position")).isEqualTo(browser.findElements(By.cssSelector("#event-list > li")).get(50)
                .getAttribute("data-position"));
    }

    @Test
    void anAdminReplaysAProjectionAndRetriesAndEvictsAParkedEvent() {
        UUID contentId = UUID.randomUUID();
        String poison = UUID.randomUUID().toString();
        // no details: the content projection's handler fails on it and parks it (see OpsApiIT)
        eventStore.publish(new GenericDomainEventMessage<>("ContentItem", AggregateIds.content(ContentKind.VIDEO,
                contentId), 0, new ContentCreated(contentId, ContentKind.VIDEO, 1, school, null, "videos/x"),
                Map.of(), poison, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        awaitProjections();
        Account admin = account(Role.ADMIN);

        signIn(admin);
        browser.get(url("/operations/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-name='playlists'] .projection-status"),
                "running"));
        String parked = "#dead-letter-table tr[data-event-id='" + poison + "']";
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(parked + "[data-group='content']")));
        assertThat(read(By.cssSelector(parked + "[data-group='content'] .cause"), WebElement::getText))
                .startsWith("java.lang.NullPointerException");
        Browser.screenshots(browser, "operations");

        clickOn(By.cssSelector(parked + "[data-group='content'] .retry"));
        expectStatus("Retried: “content” failed on the ContentCreated event again; it stays parked "
                + "(1 in its sequence).");
        // the list is drawn again with focus on the same letter's Retry
        assertThat(browser.switchTo().activeElement().getAttribute("aria-label"))
                .isEqualTo("Retry ContentCreated of video-" + contentId + " in content");

        // every group whose handler failed on it parked it: evict each letter from the page
        List<String> groups = wait.until(d -> d.findElements(By.cssSelector(parked)).stream()
                .map(row -> row.getAttribute("data-group")).toList());
        assertThat(groups).contains("content", "audit");
        for (String group : groups) {
            clickOn(By.cssSelector(parked + "[data-group='" + group + "'] .evict"));
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            expectStatus("Evicted the ContentCreated event from “" + group + "”.");
            wait.until(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector(parked + "[data-group='" + group + "']"), 0));
        }
        List<String> stillParked = api().get("/api/ops/dead-letters/").token(admin.token()).send().json()
                .findValuesAsText("event_id");
        assertThat(stillParked).doesNotContain(poison);

        clickOn(By.cssSelector("tr[data-name='playlists'] .replay"));
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Replay “playlists”");
        browser.switchTo().alert().accept();
        expectStatus("Replay of “playlists” started.");
        // a replayed token reports "replaying" until an event newer than the reset arrives
        WebDriverWait replay = waiting(Duration.ofSeconds(60));
        replay.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-name='playlists'] .lag"), "0"));
        school(unique("after-replay") + ".edu");
        replay.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-name='playlists'] .projection-status"),
                "running"));
        replay.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-name='playlists'] .lag"), "0"));
        List<String> valueAndMax = read(By.id("progress-playlists"),
                bar -> List.of(bar.getAttribute("value"), bar.getAttribute("max")));
        assertThat(valueAndMax.get(0)).isEqualTo(valueAndMax.get(1));
    }

    @Test
    void anAdminRebuildsAProjectionAndWatchesItsProgressUntilTheNewVersionServes() throws Exception {
        String teacher = user(Role.TEACHER, school);
        // more than one processor batch (100 events) before the playlist the rebuild is held at, a few after it
        for (int playlist = 0; playlist < 101; playlist++) {
            createPlaylist(teacher, "Rebuilt " + playlist);
        }
        UUID held = UUID.fromString(createPlaylist(teacher, "Held up"));
        for (int playlist = 0; playlist < 10; playlist++) {
            createPlaylist(teacher, "After " + playlist);
        }
        awaitProjections();
        Account admin = account(Role.ADMIN);
        JsonNode before = projection(admin, "playlists");
        assertThat(before.get("rebuild").isNull()).isTrue();
        int version = before.get("version").asInt();
        String row = "tr[data-name='playlists']";

        signIn(admin);
        browser.get(url("/operations/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector(row + " th .version"), "v" + version));
        HikariDataSource pool = jdbc.getDataSource().unwrap(HikariDataSource.class);
        try (Connection blocker = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword())) {
            // no node claims the rebuild while the test holds its lock: the page shows it waiting at 0
            blocker.createStatement().execute("SELECT pg_advisory_lock(72017, hashtext('playlists'))");
            clickOn(By.cssSelector(row + " .rebuild-button"));
            assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Rebuild “playlists”");
            browser.switchTo().alert().accept();
            expectStatus("Rebuild of “playlists” started: the current version serves reads until the new one has "
                    + "caught up.");
            JsonNode waiting = wait.until(d -> shownAsInTheApi(admin));
            assertThat(waiting.get("target_version").asInt()).isEqualTo(version + 1);
            assertThat(waiting.get("status").asText()).isEqualTo("building");
            assertThat(waiting.get("position").asLong()).isZero();
            assertThat(waiting.get("percent").asDouble()).isZero();
            String barValue = read(By.id("rebuild-playlists"), bar -> bar.getAttribute("value"));
            assertThat(barValue).isEqualTo("0");
            assertThat(read(By.cssSelector(row + " .rebuild-button"), WebElement::isEnabled)).isFalse();
            assertThat(read(By.cssSelector("tr[data-name='content'] .rebuild-button"), WebElement::isEnabled)).isTrue();

            // the rebuild waits on this uncommitted row when it reaches the held playlist
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("INSERT INTO rebuild_playlists.playlist_view (id, name, description, "
                    + "owner_id, school_id, is_public, created_at, updated_at) VALUES ('" + held + "', 'blocking', "
                    + "'', 0, 0, false, now(), now())");
            blocker.createStatement().execute("SELECT pg_advisory_unlock(72017, hashtext('playlists'))");
            JsonNode midway = wait.until(d -> {
                JsonNode shown = shownAsInTheApi(admin);
                return shown != null && shown.get("position").asLong() > 0 ? shown : null;
            });
            assertThat(midway.get("target_version").asInt()).isEqualTo(version + 1);
            assertThat(midway.get("status").asText()).isEqualTo("building");
            assertThat(midway.get("position").asLong()).isBetween(1L, midway.get("head").asLong() - 10);
            assertThat(midway.get("percent").asDouble()).isGreaterThan(0).isLessThan(100);
            assertThat(read(By.cssSelector(row + " .rebuild .meta"), WebElement::getText))
                    .matches("\\d+ events/s · ETA ((\\d+:)?\\d\\d:\\d\\d|unknown) · started .+");
            // the current version still serves while the new one is built
            assertThat(read(By.cssSelector(row + " th .version"), WebElement::getText)).isEqualTo("v" + version);
            Browser.screenshots(browser, "operations-rebuild");
            blocker.rollback();
        }

        // the rebuild reads the whole store, which the other test classes share
        WebDriverWait rebuild = waiting(Duration.ofSeconds(120));
        rebuild.until(ExpectedConditions.textToBe(By.cssSelector(row + " th .version"), "v" + (version + 1)));
        expectStatus("Rebuild of “playlists” finished: version " + (version + 1) + " now serves reads.");
        assertThat(browser.findElements(By.id("rebuild-playlists"))).isEmpty();
        rebuild.until(ExpectedConditions.textToBe(By.cssSelector(row + " .lag"), "0"));
        // the switch has committed; the live processor is shown as switching until it runs again
        rebuild.until(ExpectedConditions.textToBe(By.cssSelector(row + " .projection-status"), "running"));
        assertThat(read(By.cssSelector(row + " .rebuild-button"), WebElement::isEnabled)).isTrue();
        JsonNode after = projection(admin, "playlists");
        assertThat(after.get("version").asInt()).isEqualTo(version + 1);
        assertThat(after.get("rebuild").isNull()).isTrue();
        assertThat(after.get("status").asText()).isEqualTo("running");
        assertThat(after.get("lag").asLong()).isZero();
        JsonNode rebuilt = api().get("/api/playlists/" + held + "/").token(tokenFor(teacher)).send().json();
        assertThat(rebuilt.get("name").asText()).isEqualTo("Held up");
    }

    @Test
    void theLiveRefreshPausesWhileTheTabIsHidden() throws InterruptedException {
        Account admin = account(Role.ADMIN);
        signIn(admin);
        browser.get(url("/operations/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-name='content']")));
        browser.executeScript("""
                window.polls = 0;
                const real = window.fetch;
                window.fetch = (path, init) => {
                  if (String(path).endsWith('/api/ops/projections/')) { window.polls++; }
                  return real(path, init);
                };
                """);
        wait.until(d -> ((Number) browser.executeScript("return window.polls")).intValue() >= 2);

        browser.executeScript("""
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
                document.dispatchEvent(new Event('visibilitychange'));
                """);
        // a refresh already under way may still finish; none starts after it
        Thread.sleep(1_000);
        long hidden = ((Number) browser.executeScript("return window.polls")).longValue();
        Thread.sleep(5_000);
        assertThat(((Number) browser.executeScript("return window.polls")).longValue()).isEqualTo(hidden);

        browser.executeScript("""
                Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
                document.dispatchEvent(new Event('visibilitychange'));
                """);
        wait.until(d -> ((Number) browser.executeScript("return window.polls")).longValue() >= hidden + 2);

        click("live-toggle");
        assertThat(browser.findElement(By.id("live-toggle")).getText()).isEqualTo("Resume live updates");
        assertThat(browser.findElement(By.id("live-toggle")).getAttribute("aria-pressed")).isEqualTo("false");
        Thread.sleep(1_000);
        long paused = ((Number) browser.executeScript("return window.polls")).longValue();
        Thread.sleep(5_000);
        assertThat(((Number) browser.executeScript("return window.polls")).longValue()).isEqualTo(paused);
    }

    @Test
    void aTeacherIsToldBothPagesAreNotForThem() {
        Account teacher = account(Role.TEACHER);
        signIn(teacher);
        browser.get(url("/audit/"));
        expectStatus("You do not have permission to do this. The audit log is open to administrators, auditors "
                + "and school administrators.");
        assertThat(browser.findElement(By.id("audit-page")).isDisplayed()).isFalse();
        browser.get(url("/operations/"));
        expectStatus("You do not have permission to do this. The operations page is for administrators only.");
        assertThat(browser.findElement(By.id("operations-page")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector(".site-header nav a")).stream().map(WebElement::getText))
                .doesNotContain("Audit", "Operations");
    }

    // --- helpers ---

    private record Account(String email, String uid) {
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
        return new Account(email, uid);
    }

    /** Creates a playlist through the API as the teacher; returns its id. */
    private String createPlaylist(String teacherUid, String name) {
        Api.Response created = api().post("/api/playlists/", "{\"name\": \"" + name + "\"}")
                .token(tokenFor(teacherUid)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /**
     * The playlists rebuild as the API reports it, once the page's rebuild block shows exactly that
     * (label and bar); null until then.
     */
    private JsonNode shownAsInTheApi(Account admin) {
        JsonNode rebuild = projection(admin, "playlists").get("rebuild");
        List<WebElement> label = browser.findElements(By.cssSelector("tr[data-name='playlists'] .rebuild .progress-label"));
        List<WebElement> bar = browser.findElements(By.id("rebuild-playlists"));
        if (rebuild.isNull() || label.isEmpty() || bar.isEmpty()) {
            return null;
        }
        String expected = "Rebuild to v" + rebuild.get("target_version").asInt() + ": " + rebuild.get("status").asText()
                + " · " + String.format(Locale.ROOT, "%.1f", rebuild.get("percent").asDouble()) + "% ("
                + rebuild.get("position").asLong() + " of " + rebuild.get("head").asLong() + ")";
        boolean shown = label.get(0).getText().equals(expected)
                && Double.parseDouble(bar.get(0).getAttribute("value")) == rebuild.get("percent").asDouble();
        return shown ? rebuild : null;
    }

    private JsonNode projection(Account admin, String name) {
        for (JsonNode projection : api().get("/api/ops/projections/").token(admin.token()).send().json()
                .get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private long userId(String uid) {
        return jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
    }

    private static ContentDetails details(String title) {
        return new ContentDetails(title, "About " + title, "4", "fractions", List.of("audit"), 90, 1_000L,
                "https://storage.example.edu/videos/" + UUID.randomUUID() + ".mp4", null, null);
    }

    /** Appends one event of a content item as the user would have caused it; returns its position. */
    private long append(String aggregateId, long sequence, Object payload, String actorUid, long actorId, Instant at) {
        String eventId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>("ContentItem", aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_USER_ID, Long.toString(actorId), MetadataKeys.ACTOR_SCHOOL,
                        Long.toString(school), MetadataKeys.ACTOR_UID, actorUid, MetadataKeys.ACTOR_ROLE,
                        Role.TEACHER.name(), MetadataKeys.CLIENT_IP, "203.0.113.7", MetadataKeys.USER_AGENT,
                        "audit-ops-pages", MetadataKeys.CORRELATION_ID, "corr-" + eventId),
                eventId, at));
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
    }

    /** Signs in through the sign-in page in a fresh tab (downloads allowed into {@link #downloads}). */
    private void signIn(Account account) {
        freshTab();
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.get(url("/sign-in/"));
        submitSignIn(account.email(), PASSWORD, "/library/");
    }

    private List<String> actions() {
        wait.until(d -> !d.findElements(By.cssSelector("#events ol, #events p:not(.loading)")).isEmpty());
        return browser.findElements(By.cssSelector("#event-list .audit-event .action")).stream()
                .map(WebElement::getText).toList();
    }

}
