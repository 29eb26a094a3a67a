package org.fractionball.lms.infrastructure.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.command.uploads.AbandonedUploadSweep;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journey through HTTP with real tokens and the filesystem adapter: sign → PUT the
 * bytes to the signed URL → complete → edit → submit → reject with reason → return to draft →
 * resubmit → approve → the video streams with Range requests; a resource downloads through its
 * signed URL; deleting it removes the stored file. The event store tells who did what, in order.
 */
class ContentLifecycleJourneyIT extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private AbandonedUploadSweep sweep;

    @Test
    void aVideoGoesFromUploadThroughReviewToStreaming() throws Exception {
        long school = school(unique("journey") + ".edu");
        String teacher = user(Role.TEACHER, school);
        String reviewer = user(Role.SCHOOL_ADMIN, school);
        String colleague = user(Role.TEACHER, school);
        long teacherId = userId(teacher);
        long reviewerId = userId(reviewer);
        byte[] video = mp4(300_000);

        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "Fractions On The Court.MP4", "file_size": %d, "content_type": "video/mp4",
                 "category": "video", "title": "Fractions on the court"}""".formatted(video.length))
                .token(tokenFor(teacher)).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        String path = signed.json().get("storage_path").asText();
        assertThat(path).matches("videos/\\d{4}/\\d{2}/\\d{2}/[0-9a-f-]{36}\\.mp4");
        assertThat(signed.json().get("filename").asText()).isEqualTo(path.substring(path.lastIndexOf('/') + 1));
        assertThat(signed.json().get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        JsonNode metadata = signed.json().get("metadata");
        assertThat(metadata.get("originalFilename").asText()).isEqualTo("Fractions On The Court.MP4");
        assertThat(metadata.get("uploadedBy").asText()).isEqualTo(Long.toString(teacherId));
        assertThat(metadata.get("schoolId").asText()).isEqualTo(Long.toString(school));
        assertThat(metadata.get("category").asText()).isEqualTo("video");

        assertThat(put(signed.json().get("upload_url").asText(), "video/mp4", video).statusCode()).isEqualTo(200);

        Api.Response completed = api().post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "Fractions on the court", "duration": 300}""".formatted(path))
                .token(tokenFor(teacher)).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        String id = completed.json().get("id").asText();
        assertThat(path).contains(id);
        assertThat(completed.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(completed.json().get("file_size").asLong()).isEqualTo(video.length);
        assertThat(completed.json().get("file_size_formatted").asText()).isEqualTo("293.0 KB");
        assertThat(completed.json().get("duration_formatted").asText()).isEqualTo("05:00");
        assertThat(completed.json().get("owner").asLong()).isEqualTo(teacherId);
        assertThat(completed.json().get("school").asLong()).isEqualTo(school);
        assertThat(completed.json().get("grade").asText()).isEmpty();
        assertThat(completed.json().get("storage_uri").asText()).isEqualTo(signed.json().get("public_url").asText());

        Api.Response incomplete = api().post("/api/approval/videos/" + id + "/submit_for_review/", null)
                .token(tokenFor(teacher)).send();
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json().get("details")).hasSize(3);

        Api.Response edited = api().patch("/api/videos/" + id + "/", """
                {"description": "Students walk the number line on the court.", "grade": "3",
                 "topic": "number_line", "tags": ["court", "number line"]}""").token(tokenFor(teacher)).send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("grade_display").asText()).isEqualTo("Grade 3");
        assertThat(edited.json().get("topic_display").asText()).isEqualTo("Number Line");

        assertThat(action(teacher, id, "submit_for_review", null).json().get("video").get("status").asText())
                .isEqualTo("PENDING");
        Api.Response rejected = action(reviewer, id, "reject", "{\"reason\": \"Please add captions to the video.\"}");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("message").asText()).isEqualTo("Content rejected successfully");
        assertThat(rejected.json().get("video").get("status").asText()).isEqualTo("REJECTED");
        assertThat(action(teacher, id, "return_to_draft", null).json().get("video").get("status").asText())
                .isEqualTo("DRAFT");
        assertThat(action(teacher, id, "submit_for_review", null).json().get("video").get("status").asText())
                .isEqualTo("PENDING");
        Api.Response approved = action(reviewer, id, "approve", "{\"notes\": \"Captions look good.\"}");
        assertThat(approved.json().get("video").get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(approved.json().get("video").get("status_display").asText()).isEqualTo("Published");

        Api.Response stream = api().get("/api/videos/" + id + "/stream/").token(tokenFor(colleague)).send();
        assertThat(stream.status()).as(stream.toString()).isEqualTo(302);
        String location = stream.header("Location");
        HttpResponse<byte[]> first = get(location, "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).contains("bytes 0-99/" + video.length);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(video, 0, 100));
        HttpResponse<byte[]> seek = get(location, "bytes=150000-150009");
        assertThat(seek.statusCode()).isEqualTo(206);
        assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(video, 150_000, 150_010));
        assertThat(seek.headers().firstValue("Content-Type")).contains("video/mp4");

        assertThat(eventsOf("video-" + id)).containsExactly(
                List.of("ContentCreated", Long.toString(teacherId)),
                List.of("ContentDetailsChanged", Long.toString(teacherId)),
                List.of("ContentSubmittedForReview", Long.toString(teacherId)),
                List.of("ContentRejected", Long.toString(reviewerId)),
                List.of("ContentReturnedToDraft", Long.toString(teacherId)),
                List.of("ContentSubmittedForReview", Long.toString(teacherId)),
                List.of("ContentApproved", Long.toString(reviewerId)));
        assertThat(eventsOf("upload-" + id)).containsExactly(
                List.of("UploadSigned", Long.toString(teacherId)),
                List.of("ContentUploaded", Long.toString(teacherId)));
        awaitProjections();
        assertThat(jdbc.queryForList("SELECT action FROM audit_log_view WHERE metadata->>'content_id' = ? "
                + "ORDER BY created_at, action", String.class, id)).contains("CONTENT_SUBMITTED", "CONTENT_REJECTED",
                "CONTENT_RETURNED_TO_DRAFT", "CONTENT_APPROVED");
    }

    @Test
    void aResourceDownloadsThroughItsSignedUrlAndItsFileIsRemovedWhenDeleted() throws Exception {
        long school = school(unique("download") + ".edu");
        String teacher = user(Role.TEACHER, school);
        String colleague = user(Role.TEACHER, school);
        byte[] pdf = ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);

        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "worksheet.pdf", "file_size": %d, "content_type": "application/pdf",
                 "category": "resource"}""".formatted(pdf.length)).token(tokenFor(teacher)).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        String path = signed.json().get("storage_path").asText();
        assertThat(put(signed.json().get("upload_url").asText(), "application/pdf", pdf).statusCode()).isEqualTo(200);
        Api.Response completed = api().post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "Halves worksheet", "grade": "2", "topic": "fractions_basics"}"""
                .formatted(path)).token(tokenFor(teacher)).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        String id = completed.json().get("id").asText();
        assertThat(completed.json().get("file_type").asText()).isEqualTo("pdf");
        assertThat(completed.json().get("file_type_display").asText()).isEqualTo("PDF Document");

        Api.Response refused = api().post("/api/resources/" + id + "/download/", null).token(tokenFor(colleague))
                .send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).isEqualTo(JSON.valueToTree(Map.of("error", "Permission denied")));

        Api.Response download = api().post("/api/resources/" + id + "/download/", null).token(tokenFor(teacher))
                .send();
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.json().get("expires_in_hours").asInt()).isEqualTo(24);
        assertThat(download.json().get("filename").asText()).isEqualTo("Halves worksheet");
        HttpResponse<byte[]> file = get(download.json().get("download_url").asText(), null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("Halves worksheet.pdf");

        Api.Response deleted = api().delete("/api/resources/" + id + "/").token(tokenFor(teacher)).send();
        assertThat(deleted.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(get(download.json().get("download_url").asText(), null).statusCode()).isEqualTo(404));
        assertThat(api().post("/api/resources/" + id + "/download/", null).token(tokenFor(teacher)).send().status())
                .isEqualTo(404);
    }

    @Test
    void uploadsNeverCompletedAreAbandonedAndTheirFilesRemoved() throws Exception {
        long school = school(unique("abandon") + ".edu");
        String teacher = user(Role.TEACHER, school);
        byte[] video = mp4(2_000);
        Api.Response signed = api().post("/api/uploads/sign/", """
                {"filename": "forgotten.mp4", "file_size": %d, "content_type": "video/mp4", "category": "video"}"""
                .formatted(video.length)).token(tokenFor(teacher)).send();
        String path = signed.json().get("storage_path").asText();
        assertThat(put(signed.json().get("upload_url").asText(), "video/mp4", video).statusCode()).isEqualTo(200);
        Path stored = Path.of(TestStorage.directory()).resolve(path);
        assertThat(stored).exists();
        String uploadId = path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('.'));
        jdbc.update("UPDATE pending_upload SET expires_at = now() - interval '25 hours' WHERE upload_id = ?::uuid",
                uploadId);

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(eventsOf("upload-" + uploadId)).extracting(event -> event.get(0))
                .containsExactly("UploadSigned", "UploadAbandoned");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stored).doesNotExist());
        Api.Response late = api().post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "Too late"}""".formatted(path)).token(tokenFor(teacher)).send();
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.json()).isEqualTo(JSON.valueToTree(Map.of("error", "File not found in storage")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pending_upload WHERE upload_id = ?::uuid", Long.class,
                uploadId)).isZero();
    }

    private Api.Response action(String uid, String id, String action, String body) {
        Api.Response response = api().post("/api/approval/videos/" + id + "/" + action + "/", body)
                .token(tokenFor(uid)).send();
        assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
        return response;
    }

    private long userId(String uid) {
        return jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
    }

    /** Each event of the aggregate in order: its simple type name and the acting user's id. */
    private List<List<String>> eventsOf(String aggregateId) {
        return jdbc.query("""
                SELECT payload_type, convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUserId' AS actor
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, n) -> List.of(rs.getString(1).substring(rs.getString(1).lastIndexOf('.') + 1),
                        String.valueOf(rs.getString(2))), aggregateId);
    }

    /** A file that starts like an MP4 (an {@code ftyp} box) followed by {@code size} bytes in all. */
    static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm',
                'm', 'p', '4', '1'};
        System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
        for (int i = ftyp.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    static HttpResponse<String> put(String url, String contentType, byte[] body) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
