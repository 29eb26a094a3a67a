package org.fractionball.lms.infrastructure.content;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the content endpoints gets a clear 4xx JSON answer and writes nothing: no event
 * is appended and no object is stored (D5, D15, D24).
 */
class ContentBadInputIT extends IntegrationTest {
    private String teacher;
    private String otherTeacher;

    @BeforeEach
    void people() {
        long school = school(unique("bad-input") + ".edu");
        teacher = user(Role.TEACHER, school);
        otherTeacher = user(Role.TEACHER, school);
        api().get("/api/me/").token(tokenFor(teacher)).send();
        api().get("/api/me/").token(tokenFor(otherTeacher)).send();
    }

    @Test
    void uploadRuleViolationsAre400WithTheRuleMessage() {
        refusedSign("""
                {"filename": "a.pdf", "file_size": 10, "content_type": "application/pdf", "category": "video"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File type 'application/pdf' is not allowed\"}");
        refusedSign("""
                {"filename": "big.mp4", "file_size": 524288001, "content_type": "video/mp4", "category": "video"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File size (500.0MB) exceeds maximum allowed size "
                        + "(500.0MB)\"}");
        refusedSign("""
                {"filename": "big.pdf", "file_size": 52428801, "content_type": "application/pdf",
                 "category": "resource"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File size (50.0MB) exceeds maximum allowed size "
                        + "(50.0MB)\"}");
        refusedSign("""
                {"filename": "run.exe", "file_size": 10, "content_type": "video/mp4", "category": "video"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File extension '.exe' does not match file type "
                        + "'video/mp4'\"}");
        refusedSign("""
                {"filename": "page.html", "file_size": 10, "content_type": "text/plain", "category": "resource"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File extension '.html' does not match file type "
                        + "'text/plain'\"}");
        refusedSign("""
                {"filename": "VIDEO.MP4", "file_size": 10, "content_type": "Video/MP4", "category": "video"}""",
                "{\"error\":\"Invalid upload\",\"message\":\"File type 'Video/MP4' is not allowed\"}");
    }

    @Test
    void malformedSignRequestsAre400WithFieldDetails() {
        refusedSign("{\"filename\": \"\", \"file_size\": 10, \"content_type\": \"video/mp4\", \"category\": \"video\"}",
                "{\"error\":\"Invalid request data\",\"details\":{\"filename\":[\"This field may not be blank.\"]}}");
        refusedSign("{\"filename\": \"" + "a".repeat(296) + ".mp4\", \"file_size\": 10, \"content_type\": "
                        + "\"video/mp4\", \"category\": \"video\"}",
                "{\"error\":\"Invalid request data\",\"details\":{\"filename\":[\"Ensure this field has no more than "
                        + "255 characters.\"]}}");
        refusedSign("{\"filename\": \"a.mp4\", \"file_size\": 0, \"content_type\": \"video/mp4\", \"category\": \"video\"}",
                "{\"error\":\"Invalid request data\",\"details\":{\"file_size\":[\"Ensure this value is greater than "
                        + "or equal to 1.\"]}}");
        refusedSign("{\"filename\": \"a.mp3\", \"file_size\": 10, \"content_type\": \"audio/mpeg\", \"category\": \"audio\"}",
                "{\"error\":\"Invalid request data\",\"details\":{\"category\":[\"\\\"audio\\\" is not a valid choice.\"]}}");
        refusedSign("{\"filename\": \"a.mp4\", \"file_size\": 10, \"content_type\": \"video/mp4\", \"category\": \"video\", "
                        + "\"grade\": \"9\", \"tags\": \"fractions\"}",
                "{\"error\":\"Invalid request data\",\"details\":{\"grade\":[\"\\\"9\\\" is not a valid choice.\"],"
                        + "\"tags\":[\"Expected a list of items but got type \\\"str\\\".\"]}}");
        refusedSign("[]", "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
    }

    @Test
    void completionIsRefusedForBadDataForeignPathsAndUnsignedPaths() throws Exception {
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "clip.mp4", "file_size": 1000, "content_type": "video/mp4", "category": "video"}""")
                .token(tokenFor(teacher)).send();
        String path = signed.json().get("storage_path").asText();
        ContentLifecycleJourneyIT.put(signed.json().get("upload_url").asText(), "video/mp4",
                ContentLifecycleJourneyIT.mp4(1000));

        refusedComplete(teacher, "{\"storage_path\": \"%s\", \"title\": \"Clip\", \"grade\": \"13\", \"topic\": \"algebra\"}"
                        .formatted(path),
                400, "{\"error\":\"Invalid completion data\",\"details\":{\"grade\":[\"\\\"13\\\" is not a valid choice.\"],"
                        + "\"topic\":[\"\\\"algebra\\\" is not a valid choice.\"]}}");
        refusedComplete(teacher, "{\"storage_path\": \"../../etc/passwd\", \"title\": \"Clip\"}", 400,
                "{\"error\":\"Invalid completion data\",\"details\":{\"storage_path\":[\"Invalid storage path\"]}}");
        refusedComplete(teacher, "{\"storage_path\": \"%s\", \"title\": \"Clip\", \"tags\": [1, 2]}".formatted(path),
                400, "{\"error\":\"Invalid completion data\",\"details\":{\"tags\":[\"Each item must be a non-blank "
                        + "string of at most 50 characters.\"]}}");
        refusedComplete(teacher, "{\"storage_path\": \"%s\", \"title\": \"Clip\", \"duration\": -5}".formatted(path),
                400, "{\"error\":\"Invalid completion data\",\"details\":{\"duration\":[\"Ensure this value is greater "
                        + "than or equal to 0.\"]}}");
        refusedComplete(otherTeacher, "{\"storage_path\": \"%s\", \"title\": \"Clip\"}".formatted(path), 403,
                "{\"error\":\"Only the user who signed an upload can complete it\"}");
        refusedComplete(teacher, "{\"storage_path\": \"videos/2026/01/01/00000000-0000-4000-8000-000000000000.mp4\", "
                + "\"title\": \"Clip\"}", 404, "{\"error\":\"File not found in storage\"}");
    }

    @Test
    void storedBytesMustBeWhatTheUploadDeclared() throws Exception {
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "picture.png", "file_size": 64, "content_type": "image/png", "category": "resource"}""")
                .token(tokenFor(teacher)).send();
        byte[] windowsProgram = new byte[64];
        windowsProgram[0] = 'M';
        windowsProgram[1] = 'Z';
        ContentLifecycleJourneyIT.put(signed.json().get("upload_url").asText(), "image/png", windowsProgram);
        Api.Response refused = api().post("/api/uploads/complete/", "{\"storage_path\": \"%s\", \"title\": \"Pic\"}"
                .formatted(signed.json().get("storage_path").asText())).token(tokenFor(teacher)).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).endsWith("does not match its declared type 'image/png'");
    }

    @Test
    void contentFieldsAreValidatedAndStatusIsNotWritable() {
        refusedCreate("""
                {"title": "T", "grade": "10", "topic": "algebra", "storage_uri": "not a url", "duration": -1,
                 "tags": "a,b", "status": "PUBLISHED"}""",
                "{\"grade\":[\"\\\"10\\\" is not a valid choice.\"],\"topic\":[\"\\\"algebra\\\" is not a valid choice.\"],"
                        + "\"tags\":[\"Expected a list of items but got type \\\"str\\\".\"],"
                        + "\"duration\":[\"Ensure this value is greater than or equal to 0.\"],"
                        + "\"storage_uri\":[\"Enter a valid URL.\"],"
                        + "\"status\":[\"Status can only be changed through the review workflow (/api/approval/).\"]}");
        String id = api().post("/api/videos/", """
                {"title": "Valid", "grade": "K", "topic": "fractions_basics", "storage_uri": "https://example.org/v.mp4"}""")
                .token(tokenFor(teacher)).send().json().get("id").asText();
        long before = eventCount();
        Api.Response published = api().patch("/api/videos/" + id + "/", "{\"status\": \"PUBLISHED\"}")
                .token(tokenFor(teacher)).send();
        assertThat(published.status()).isEqualTo(400);
        assertThat(published.text()).isEqualTo(
                "{\"status\":[\"Status can only be changed through the review workflow (/api/approval/).\"]}");
        assertThat(api().patch("/api/videos/" + id + "/", "{\"status\": \"DRAFT\"}").token(tokenFor(teacher)).send()
                .status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(before);
    }

    private void refusedSign(String body, String expected) {
        long before = eventCount();
        Api.Response response = api().post("/api/uploads/sign/", body).token(tokenFor(teacher)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).isEqualTo(expected);
        assertThat(eventCount()).isEqualTo(before);
    }

    private void refusedComplete(String uid, String body, int status, String expected) {
        long before = eventCount();
        Api.Response response = api().post("/api/uploads/complete/", body).token(tokenFor(uid)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(expected);
        assertThat(eventCount()).isEqualTo(before);
    }

    private void refusedCreate(String body, String expected) {
        long before = eventCount();
        Api.Response response = api().post("/api/videos/", body).token(tokenFor(teacher)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).isEqualTo(expected);
        assertThat(eventCount()).isEqualTo(before);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
