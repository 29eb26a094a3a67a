package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.command.imports.ImportJob;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.18 end to end: a file is queued (201, QUEUED), its rows are imported in the
 * background with the row rules (grade and topic optional — D20b; failed_imports counts rows —
 * D20e), the status is readable by the uploader (D20a) and its school's admins, the job lists and
 * the template, and the audit rows.
 */
class BulkImportApiIT extends BulkImportSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPICS = "fractions_basics, equivalent_fractions, comparing_ordering, number_line, "
            + "mixed_improper, add_subtract_fractions, multiply_divide_fractions, decimals_percents, "
            + "ratio_proportion, word_problems";

    private long school;
    private String uploader;
    private String colleague;
    private String schoolAdmin;
    private String otherSchoolAdmin;
    private String otherSchoolTeacher;
    private String otherSchoolSystemAdmin;

    @BeforeEach
    void people() {
        school = school(unique("bulk") + ".edu");
        long otherSchool = school(unique("bulk-other") + ".edu");
        uploader = user(Role.TEACHER, school);
        colleague = user(Role.TEACHER, school);
        schoolAdmin = user(Role.SCHOOL_ADMIN, school);
        otherSchoolAdmin = user(Role.SCHOOL_ADMIN, otherSchool);
        otherSchoolTeacher = user(Role.TEACHER, otherSchool);
        otherSchoolSystemAdmin = user(Role.ADMIN, otherSchool);
    }

    @Test
    void a_video_file_is_queued_then_imported_row_by_row_with_the_contract_rules() throws Exception {
        String csv = VIDEO_HEADER
                + "Halves on the court,\"Split the court, then \"\"run\"\" it.\nSecond line\",3,fractions_basics,"
                + "\" halves , court ,\",95,https://videos.example.org/1.mp4,\r\n"
                + "No grade or topic,,,,,,https://videos.example.org/2.mp4," + email(colleague).toUpperCase() + "\r\n"
                + "Unknown owner,,K,number_line,,,https://videos.example.org/3.mp4,nobody@example.edu\r\n"
                + "x,,,,,,https://videos.example.org/4.mp4,\r\n"
                + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,,,,,https://videos.example.org/5.mp4,\r\n"
                + "Bad grade,,9,,,,https://videos.example.org/6.mp4,\r\n"
                + "Bad topic,,1,algebra,,,https://videos.example.org/7.mp4,\r\n"
                + "Bad uri,,,,,,not a url,\r\n"
                + "Negative duration,,,,,-5,https://videos.example.org/9.mp4,\r\n"
                + "Word duration,,,,,ten,https://videos.example.org/10.mp4,\r\n"
                + ",,,,,,,\r\n"
                + "Other school owner,,,,,,https://videos.example.org/12.mp4," + email(otherSchoolTeacher) + "\r\n";
        byte[] bytes = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Api.Response response = upload(tokenFor(uploader), "lessons.CSV", bytes, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(fieldNames(body)).containsExactly("message", "job_id", "file_info", "initial_status");
        assertThat(body.get("message").asText()).isEqualTo("File uploaded successfully and processing started");
        String jobId = body.get("job_id").asText();
        assertThat(JSON.writeValueAsString(body.get("file_info"))).isEqualTo("{\"name\":\"lessons.CSV\",\"size\":"
                + bytes.length + ",\"type\":\"video\",\"rows\":12,\"headers\":[\"title\",\"description\",\"grade\","
                + "\"topic\",\"tags\",\"duration\",\"storage_uri\",\"owner_email\"]}");
        JsonNode initial = body.get("initial_status");
        assertThat(fieldNames(initial)).containsExactly("status", "total_rows", "processed_rows",
                "successful_imports", "failed_imports", "errors", "warnings", "created_items", "started_at",
                "completed_at", "processing_time");
        assertThat(initial.get("status").asText()).isEqualTo("QUEUED");
        assertThat(initial.get("total_rows").asInt()).isEqualTo(12);
        assertThat(initial.get("processed_rows").asInt()).isZero();
        assertThat(initial.get("started_at").asText()).matches(TIMESTAMP);
        assertThat(initial.get("completed_at").isNull()).isTrue();

        JsonNode status = awaitFinished(tokenFor(uploader), jobId, Duration.ofSeconds(30));

        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("total_rows").asInt()).isEqualTo(12);
        assertThat(status.get("processed_rows").asInt()).isEqualTo(12);
        assertThat(status.get("successful_imports").asInt()).isEqualTo(4);
        assertThat(status.get("failed_imports").asInt()).isEqualTo(8);
        assertThat(status.get("started_at").asText()).isEqualTo(initial.get("started_at").asText());
        assertThat(status.get("completed_at").asText()).matches(TIMESTAMP);
        assertThat(status.get("processing_time").isNumber()).isTrue();
        assertThat(JSON.writeValueAsString(status.get("errors"))).isEqualTo(JSON.writeValueAsString(List.of(
                error(4, "Title must be at least 3 characters"),
                error(5, "Title must not start with =, +, - or @ (spreadsheet formula)"),
                error(6, "Invalid grade: 9. Valid choices: K, 1, 2, 3, 4, 5, 6, 7, 8"),
                error(7, "Invalid topic: algebra. Valid choices: " + TOPICS),
                error(8, "Invalid storage URI format"),
                error(9, "Duration must be positive"),
                error(10, "Duration must be a number (seconds)"),
                error(11, "Missing required fields: title, storage_uri"))));
        assertThat(JSON.writeValueAsString(status.get("warnings"))).isEqualTo(JSON.writeValueAsString(List.of(
                orderedMap("row", 3, "type", "OWNER_NOT_FOUND",
                        "message", "Owner email nobody@example.edu not found, using uploader as owner"),
                orderedMap("row", 12, "type", "OWNER_NOT_FOUND", "message",
                        "Owner email " + email(otherSchoolTeacher) + " not found, using uploader as owner"))));
        UUID job = UUID.fromString(jobId);
        assertThat(JSON.writeValueAsString(status.get("created_items"))).isEqualTo(JSON.writeValueAsString(List.of(
                item(job, 1, "Halves on the court"), item(job, 2, "No grade or topic"),
                item(job, 3, "Unknown owner"), item(job, 12, "Other school owner"))));

        Map<String, Object> first = jdbc.queryForMap("SELECT title, description, grade, topic, tags::text AS tags, "
                + "duration, uri, owner_id, school_id, status FROM content_view WHERE id = ?",
                ImportJob.contentIdOf(job, 1));
        assertThat(first).containsEntry("title", "Halves on the court")
                .containsEntry("description", "Split the court, then \"run\" it.\nSecond line")
                .containsEntry("grade", "3").containsEntry("topic", "fractions_basics")
                .containsEntry("tags", "[\"halves\", \"court\"]").containsEntry("duration", 95)
                .containsEntry("uri", "https://videos.example.org/1.mp4").containsEntry("owner_id", userId(uploader))
                .containsEntry("school_id", school).containsEntry("status", "DRAFT");
        assertThat(jdbc.queryForMap("SELECT grade, topic, owner_id FROM content_view WHERE id = ?",
                ImportJob.contentIdOf(job, 2))).containsEntry("grade", "").containsEntry("topic", "")
                .containsEntry("owner_id", userId(colleague));
        assertThat(count("SELECT count(*) FROM content_view WHERE id = ? AND owner_id = ?",
                ImportJob.contentIdOf(job, 12), userId(uploader))).isEqualTo(1);

        awaitProjections();
        assertThat(count("SELECT count(*) FROM audit_log_view WHERE action = 'CONTENT_BULK_IMPORTED' "
                + "AND metadata ->> 'job_id' = ? AND actor_id = ?", jobId, userId(uploader))).isEqualTo(4);
        // the audit API's action filter finds the batches those rows came from
        List<JsonNode> imported = new ArrayList<>();
        api().get("/api/audit/events/?action=CONTENT_BULK_IMPORTED&limit=1000").token(tokenFor(schoolAdmin)).send()
                .json().get("results").forEach(event -> {
                    if (event.get("payload").get("jobId").asText().equals(jobId)) {
                        imported.add(event);
                    }
                });
        assertThat(imported).isNotEmpty().allSatisfy(event -> {
            assertThat(event.get("action").asText()).isEqualTo("CONTENT_BULK_IMPORTED");
            assertThat(event.get("event_type").asText()).isEqualTo("ImportRowsProcessed");
        });
        long importedRows = 0;
        for (JsonNode event : imported) {
            for (JsonNode outcome : event.get("payload").get("outcomes")) {
                importedRows += outcome.path("error").isNull() || outcome.path("error").isMissingNode() ? 1 : 0;
            }
        }
        assertThat(importedRows).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE action = "
                + "'CONTENT_BULK_IMPORTED' AND metadata ->> 'job_id' = ? AND metadata ->> 'row_number' = '2'",
                String.class, jobId)).isEqualTo("{\"job_id\": \"" + jobId + "\", \"content_id\": \""
                + ImportJob.contentIdOf(job, 2) + "\", \"row_number\": 2, \"actual_owner\": \"" + email(colleague)
                + "\", \"content_type\": \"video\", \"content_title\": \"No grade or topic\"}");
        assertThat(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE action = "
                + "'BULK_UPLOAD_STARTED' AND metadata ->> 'job_id' = ?", String.class, jobId))
                .isEqualTo("{\"job_id\": \"" + jobId + "\", \"headers\": [\"title\", \"description\", \"grade\", "
                        + "\"topic\", \"tags\", \"duration\", \"storage_uri\", \"owner_email\"], \"file_name\": "
                        + "\"lessons.CSV\", \"file_size\": " + bytes.length + ", \"row_count\": 12, "
                        + "\"content_type\": \"video\"}");
        assertThat(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE action = "
                + "'BULK_UPLOAD_COMPLETED' AND metadata ->> 'job_id' = ?", String.class, jobId))
                .isEqualTo("{\"job_id\": \"" + jobId + "\", \"total_rows\": 12, \"failed_imports\": 8, "
                        + "\"successful_imports\": 4}");
    }

    @Test
    void a_resource_file_with_an_unknown_file_type_imports_it_as_other_with_a_warning() throws Exception {
        String csv = "title,file_uri,file_type,grade\r\n"
                + "Strips worksheet,https://docs.example.org/strips.pdf,PDF,4\r\n"
                + "Mystery file,https://docs.example.org/m.bin,zip,\r\n"
                + "Broken link,docs.example.org/x.pdf,pdf,\r\n";

        Api.Response response = upload(tokenFor(uploader), "resources.csv", csv, "resource");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String jobId = response.json().get("job_id").asText();
        JsonNode status = awaitFinished(tokenFor(uploader), jobId, Duration.ofSeconds(30));
        assertThat(status.get("successful_imports").asInt()).isEqualTo(2);
        assertThat(status.get("failed_imports").asInt()).isEqualTo(1);
        assertThat(JSON.writeValueAsString(status.get("warnings"))).isEqualTo("[{\"row\":2,\"type\":"
                + "\"FILE_TYPE_WARNING\",\"message\":\"Unknown file type: zip, setting to 'other'\"}]");
        assertThat(JSON.writeValueAsString(status.get("errors"))).isEqualTo("[{\"row\":3,\"type\":"
                + "\"VALIDATION_ERROR\",\"message\":\"Invalid file URI format\"}]");
        UUID job = UUID.fromString(jobId);
        assertThat(jdbc.queryForMap("SELECT kind, file_type, grade FROM content_view WHERE id = ?",
                ImportJob.contentIdOf(job, 1))).containsEntry("kind", "resource").containsEntry("file_type", "pdf")
                .containsEntry("grade", "4");
        assertThat(jdbc.queryForObject("SELECT file_type FROM content_view WHERE id = ?", String.class,
                ImportJob.contentIdOf(job, 2))).isEqualTo("other");
        assertThat(status.get("created_items").get(0).get("type").asText()).isEqualTo("resource");
    }

    @Test
    void the_status_is_for_the_uploader_and_its_schools_admins_and_admins() {
        String jobId = finishedJob();
        String path = "/api/bulk/jobs/" + jobId + "/status/";

        assertThat(api().get(path).token(tokenFor(uploader)).send().status()).isEqualTo(200);
        assertThat(api().get(path).token(tokenFor(schoolAdmin)).send().status()).isEqualTo(200);
        assertThat(api().get(path).token(tokenFor(otherSchoolSystemAdmin)).send().status()).isEqualTo(200);
        Api.Response colleagues = api().get(path).token(tokenFor(colleague)).send();
        assertThat(colleagues.status()).isEqualTo(403);
        assertThat(colleagues.text()).isEqualTo("{\"error\":\"Access denied\"}");
        Api.Response farAdmin = api().get(path).token(tokenFor(otherSchoolAdmin)).send();
        assertThat(farAdmin.status()).isEqualTo(404);
        assertThat(farAdmin.text()).isEqualTo("{\"error\":\"Job not found\"}");
        Api.Response unknown = api().get("/api/bulk/jobs/" + UUID.randomUUID() + "/status/")
                .token(tokenFor(uploader)).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).isEqualTo("{\"error\":\"Job not found\"}");
        Api.Response malformed = api().get("/api/bulk/jobs/not-a-uuid/status/").token(tokenFor(uploader)).send();
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.text()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(api().get(path).send().status()).isEqualTo(401);

        Api.Response own = api().get(path).token(tokenFor(uploader)).send();
        assertThat(fieldNames(own.json())).containsExactly("job_id", "status");
        assertThat(own.json().get("job_id").asText()).isEqualTo(jobId);
    }

    @Test
    void the_own_list_shows_the_callers_newest_jobs_first_with_their_status() {
        String older = finishedJob();
        String newer = finishedJob();
        upload(tokenFor(colleague), "theirs.csv", VIDEO_HEADER + "Their video,,,,,,https://v.example.org/t.mp4,\r\n",
                null);

        Api.Response response = api().get("/api/bulk/jobs/").token(tokenFor(uploader)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(fieldNames(response.json())).containsExactly("jobs", "total_jobs");
        assertThat(response.json().get("total_jobs").asInt()).isEqualTo(2);
        JsonNode jobs = response.json().get("jobs");
        assertThat(jobs.get(0).get("job_id").asText()).isEqualTo(newer);
        assertThat(jobs.get(1).get("job_id").asText()).isEqualTo(older);
        assertThat(fieldNames(jobs.get(0))).containsExactly("job_id", "file_name", "content_type", "row_count",
                "started_at", "current_status");
        assertThat(jobs.get(0).get("file_name").asText()).isEqualTo("one.csv");
        assertThat(jobs.get(0).get("content_type").asText()).isEqualTo("video");
        assertThat(jobs.get(0).get("row_count").asInt()).isEqualTo(2);
        assertThat(jobs.get(0).get("started_at").asText()).matches(TIMESTAMP);
        assertThat(jobs.get(0).get("current_status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void the_school_list_is_for_school_admins_of_that_school_and_admins_of_all() {
        String jobId = finishedJob();

        Api.Response mine = api().get("/api/bulk/jobs/school/").token(tokenFor(schoolAdmin)).send();
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("total_jobs").asInt()).isEqualTo(1);
        JsonNode job = mine.json().get("jobs").get(0);
        assertThat(fieldNames(job)).containsExactly("job_id", "user_name", "user_email", "school_name", "file_name",
                "content_type", "row_count", "started_at", "current_status", "success_count", "error_count");
        assertThat(job.get("job_id").asText()).isEqualTo(jobId);
        assertThat(job.get("user_name").asText()).isEqualTo("Test TEACHER");
        assertThat(job.get("user_email").asText()).isEqualTo(email(uploader));
        assertThat(job.get("school_name").asText()).startsWith("School bulk-");
        assertThat(job.get("success_count").asInt()).isEqualTo(1);
        assertThat(job.get("error_count").asInt()).isEqualTo(1);

        Api.Response far = api().get("/api/bulk/jobs/school/").token(tokenFor(otherSchoolAdmin)).send();
        assertThat(far.json().get("total_jobs").asInt()).isZero();
        Api.Response all = api().get("/api/bulk/jobs/school/").token(tokenFor(otherSchoolSystemAdmin)).send();
        assertThat(all.json().get("jobs").findValuesAsText("job_id")).contains(jobId);
        assertThat(api().get("/api/bulk/jobs/school/").token(tokenFor(uploader)).send().status()).isEqualTo(403);
    }

    @Test
    void the_templates_are_csv_downloads_whose_example_row_imports() {
        Api.Response video = api().get("/api/bulk/template/").token(tokenFor(uploader)).send();
        assertThat(video.status()).isEqualTo(200);
        assertThat(video.header("Content-Type")).startsWith("text/csv");
        assertThat(video.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"bulk_upload_template_video.csv\"");
        assertThat(video.text()).startsWith("title,description,grade,topic,tags,duration,storage_uri,owner_email\r\n")
                .contains("\"fractions,basics,introduction\",300,https://firebasestorage.googleapis.com/")
                .endsWith(",teacher@school.edu\r\n");
        Api.Response resource = api().get("/api/bulk/template/?type=resource").token(tokenFor(uploader)).send();
        assertThat(resource.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"bulk_upload_template_resource.csv\"");
        assertThat(resource.text()).startsWith("title,description,file_uri,file_type,grade,topic,tags,owner_email\r\n");
        Api.Response invalid = api().get("/api/bulk/template/?type=pdf").token(tokenFor(uploader)).send();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text()).isEqualTo("{\"error\":\"Invalid type. Must be \\\"video\\\" or \\\"resource\\\"\"}");

        for (String type : List.of("video", "resource")) {
            String template = type.equals("video") ? video.text() : resource.text();
            String jobId = upload(tokenFor(uploader), "template.csv", template, type).json().get("job_id").asText();
            JsonNode status = awaitFinished(tokenFor(uploader), jobId, Duration.ofSeconds(30));
            assertThat(status.get("successful_imports").asInt()).as(type).isEqualTo(1);
            // the example owner is not a user here, so the uploader owns the row
            assertThat(status.get("warnings").get(0).get("type").asText()).isEqualTo("OWNER_NOT_FOUND");
        }
    }

    /** A finished two-row job of {@link #uploader}: one row imported, one failed. */
    private String finishedJob() {
        Api.Response response = upload(tokenFor(uploader), "one.csv", VIDEO_HEADER
                + "Thirds drill,,,,,,https://videos.example.org/thirds.mp4,\r\n"
                + "no,,,,,,https://videos.example.org/no.mp4,\r\n", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String jobId = response.json().get("job_id").asText();
        awaitFinished(tokenFor(uploader), jobId, Duration.ofSeconds(30));
        return jobId;
    }

    private static Map<String, Object> error(int row, String message) {
        return orderedMap("row", row, "type", "VALIDATION_ERROR", "message", message);
    }

    private static Map<String, Object> item(UUID job, int row, String title) {
        return orderedMap("type", "video", "id", ImportJob.contentIdOf(job, row).toString(), "title", title,
                "row", row);
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String email(String uid) {
        return uid + "@example.edu";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
