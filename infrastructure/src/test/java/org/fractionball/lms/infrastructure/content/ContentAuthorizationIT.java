package org.fractionball.lms.infrastructure.content;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what to content, per role and across schools, for every write endpoint of the
 * content lifecycle (contract §5.9–§5.11, §5.17, §7 with D14–D16 fixed). Refusals write nothing.
 */
class ContentAuthorizationIT extends IntegrationTest {
    private static final String NOT_PERMITTED = "{\"detail\":\"You do not have permission to perform this action.\"}";

    // the same people serve every test (each test makes its own content): provisioning is the slow part
    private static String owner;
    private static String colleague;
    private static String schoolAdmin;
    private static String admin;
    private static String otherSchoolAdmin;
    private static String otherAdmin;
    private static String auditor;

    @BeforeEach
    void people() {
        if (auditor != null) {
            return;
        }
        long school = school(unique("authz") + ".edu");
        long otherSchool = school(unique("authz-other") + ".edu");
        owner = user(Role.TEACHER, school);
        colleague = user(Role.TEACHER, school);
        schoolAdmin = user(Role.SCHOOL_ADMIN, school);
        admin = user(Role.ADMIN, school);
        otherSchoolAdmin = user(Role.SCHOOL_ADMIN, otherSchool);
        otherAdmin = user(Role.ADMIN, otherSchool);
        auditor = user(Role.AUDITOR, school);
        for (String uid : new String[]{owner, colleague, schoolAdmin, admin, otherSchoolAdmin, otherAdmin, auditor}) {
            api().get("/api/me/").token(tokenFor(uid)).send();
        }
    }

    @Test
    void draftsAreChangedOnlyByTheirOwnerAndTheSchoolsAdmins() {
        String draft = video(owner, "Draft lesson");
        assertRefused(patch(colleague, draft), 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertRefused(patch(otherSchoolAdmin, draft), 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertRefused(patch(otherAdmin, draft), 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertRefused(patch(auditor, draft), 403, NOT_PERMITTED);
        assertRefused(api().patch("/api/videos/" + draft + "/", "{\"title\": \"x\"}").send(), 401,
                "{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(patch(owner, draft).status()).isEqualTo(200);
        assertThat(patch(schoolAdmin, draft).status()).isEqualTo(200);
        assertThat(patch(admin, draft).status()).isEqualTo(200);
    }

    @Test
    void publishedContentIsReadableByColleaguesButNotTheirsToChangeOrDelete() {
        String published = publishedVideo(owner, "Published lesson");
        assertRefused(patch(colleague, published), 403, NOT_PERMITTED);
        assertRefused(api().delete("/api/videos/" + published + "/").token(tokenFor(colleague)).send(), 403,
                NOT_PERMITTED);
        assertRefused(api().delete("/api/videos/" + published + "/").token(tokenFor(otherAdmin)).send(), 404,
                "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertThat(api().delete("/api/videos/" + published + "/").token(tokenFor(schoolAdmin)).send().status())
                .isEqualTo(204);
    }

    @Test
    void onlyOwnersSubmitAndReturnAndOnlyOtherReviewersDecide() {
        String draft = video(owner, "Review me please");
        complete(draft);
        assertRefused(action(colleague, draft, "submit_for_review", null), 404,
                "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertRefused(action(schoolAdmin, draft, "submit_for_review", null), 403,
                "{\"error\":\"Only the content owner can submit for review\"}");
        assertRefused(action(otherAdmin, draft, "submit_for_review", null), 403,
                "{\"error\":\"Only the content owner can submit for review\"}");
        assertThat(action(owner, draft, "submit_for_review", null).status()).isEqualTo(200);

        assertRefused(action(owner, draft, "approve", null), 403, NOT_PERMITTED);
        assertRefused(action(colleague, draft, "reject", "{\"reason\": \"Not good enough yet.\"}"), 403,
                NOT_PERMITTED);
        assertRefused(action(otherSchoolAdmin, draft, "approve", null), 404,
                "{\"detail\":\"No VideoAsset matches the given query.\"}");
        assertRefused(action(schoolAdmin, draft, "return_to_draft", null), 403,
                "{\"error\":\"Only the content owner can return content to draft\"}");
        assertRefused(action(auditor, draft, "approve", null), 403, NOT_PERMITTED);
        Api.Response approved = action(otherAdmin, draft, "approve", "{\"notes\": \"Fine.\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    }

    @Test
    void schoolAdminsCannotReviewTheirOwnContent() {
        String own = video(schoolAdmin, "Admin's own lesson");
        complete(own, schoolAdmin);
        assertThat(action(schoolAdmin, own, "submit_for_review", null).status()).isEqualTo(200);
        assertRefused(action(schoolAdmin, own, "approve", null), 400, "{\"error\":\"Cannot approve your own content\"}");
        assertThat(action(admin, own, "approve", null).status()).isEqualTo(200);
    }

    @Test
    void resourceDownloadsFollowTheContractsSteps() {
        String resource = api().post("/api/resources/", """
                {"title": "Linked worksheet", "file_uri": "https://example.org/worksheet.pdf", "file_type": "pdf"}""")
                .token(tokenFor(owner)).send().json().get("id").asText();
        assertRefused(download(otherSchoolAdmin, resource), 404, "{\"error\":\"Resource not found\"}");
        assertRefused(download(colleague, resource), 403, "{\"error\":\"Permission denied\"}");
        assertRefused(download(schoolAdmin, resource), 409,
                "{\"error\":\"This resource has no file in storage; open its file_uri instead.\"}");
        assertRefused(api().get("/api/resources/" + resource + "/download/").token(tokenFor(owner)).send(), 405,
                "{\"detail\":\"Method \\\"GET\\\" not allowed.\"}");
    }

    @Test
    void anUploadIsCompletedOnlyByTheUserWhoSignedIt() throws Exception {
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "clip.mp4", "file_size": 1000, "content_type": "video/mp4", "category": "video"}""")
                .token(tokenFor(owner)).send();
        String path = signed.json().get("storage_path").asText();
        ContentLifecycleJourneyIT.put(signed.json().get("upload_url").asText(), "video/mp4",
                ContentLifecycleJourneyIT.mp4(1000));
        long before = eventCount();
        Api.Response stolen = api().post("/api/uploads/complete/", "{\"storage_path\": \"%s\", \"title\": \"Mine\"}"
                .formatted(path)).token(tokenFor(colleague)).send();
        assertRefused(stolen, 403, "{\"error\":\"Only the user who signed an upload can complete it\"}");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api().post("/api/uploads/complete/", "{\"storage_path\": \"%s\", \"title\": \"Mine\"}"
                .formatted(path)).token(tokenFor(owner)).send().status()).isEqualTo(201);
        assertRefused(api().post("/api/uploads/complete/", "{\"storage_path\": \"%s\", \"title\": \"Again\"}"
                .formatted(path)).token(tokenFor(owner)).send(), 409,
                "{\"error\":\"This upload has already been completed\"}");
    }

    @Test
    void auditorsAndAnonymousCallersHaveNoContentWrites() {
        for (String path : new String[]{"/api/videos/", "/api/resources/", "/api/uploads/sign/",
                "/api/uploads/complete/"}) {
            assertRefused(api().post(path, "{}").token(tokenFor(auditor)).send(), 403, NOT_PERMITTED);
            assertThat(api().post(path, "{}").send().status()).isEqualTo(401);
        }
    }

    private void assertRefused(Api.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(body);
    }

    private String video(String uid, String title) {
        Api.Response created = api().post("/api/videos/", """
                {"title": "%s", "grade": "4", "topic": "number_line",
                 "storage_uri": "https://example.org/%s.mp4"}""".formatted(title, unique("v")))
                .token(tokenFor(uid)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void complete(String id) {
        complete(id, owner);
    }

    private void complete(String id, String uid) {
        assertThat(api().patch("/api/videos/" + id + "/",
                "{\"description\": \"A complete description of the lesson.\"}").token(tokenFor(uid)).send().status())
                .isEqualTo(200);
    }

    private String publishedVideo(String uid, String title) {
        String id = video(uid, title);
        complete(id, uid);
        assertThat(action(uid, id, "submit_for_review", null).status()).isEqualTo(200);
        assertThat(action(schoolAdmin, id, "approve", null).status()).isEqualTo(200);
        return id;
    }

    private Api.Response patch(String uid, String id) {
        return api().patch("/api/videos/" + id + "/", "{\"title\": \"Renamed " + unique("t") + "\"}")
                .token(tokenFor(uid)).send();
    }

    private Api.Response action(String uid, String id, String action, String body) {
        return api().post("/api/approval/videos/" + id + "/" + action + "/", body).token(tokenFor(uid)).send();
    }

    private Api.Response download(String uid, String id) {
        return api().post("/api/resources/" + id + "/download/", null).token(tokenFor(uid)).send();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
