package org.fractionball.lms.infrastructure.config;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D25f: the settings and flags the application obeys, each flipped through the API and observed on
 * the very next request: maintenance mode, the upload cap, the approval requirement, playlist
 * sharing (also scoped to a school) and video downloads. Every test puts back what it changed.
 */
class ConfigEnforcementIT extends ConfigApiSupport {
    private static final String MAINTENANCE = "{\"detail\":\"The service is in maintenance mode: changes are not "
            + "accepted until it ends. Reading keeps working.\"}";
    private static final String SHARING_DISABLED = "{\"error\":\"Playlist sharing is disabled\"}";

    private static Account admin;
    private static Account schoolAdmin;
    private static Account teacher;
    private static Account farTeacher;
    private static long farSchool;

    @BeforeEach
    void people() {
        if (admin != null) {
            return;
        }
        long school = school(unique("enforce") + ".edu");
        farSchool = school(unique("enforce-far") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        teacher = account(Role.TEACHER, school);
        farTeacher = account(Role.TEACHER, farSchool);
    }

    private Api.Response newPlaylist(Account owner) {
        return api().post("/api/playlists/", "{\"name\": \"Court drills\", \"description\": \"Warm-ups.\"}")
                .token(owner.token()).send();
    }

    private String playlist(Account owner) {
        Api.Response created = newPlaylist(owner);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Api.Response share(Account caller, String playlist) {
        return api().post("/api/playlists/" + playlist + "/share/", "{}").token(caller.token()).send();
    }

    private String draftVideo(Account owner) {
        Api.Response created = api().post("/api/videos/", """
                {"title": "Halves on the court", "description": "A complete description of the lesson.",
                 "grade": "4", "topic": "number_line", "duration": 90, "storage_uri": "https://example.org/%s.mp4"}"""
                .formatted(unique("v"))).token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Api.Response signVideo(Account caller, long bytes) {
        return api().post("/api/uploads/sign/", """
                {"filename": "drill.mp4", "file_size": %d, "content_type": "video/mp4", "category": "video"}"""
                .formatted(bytes)).token(caller.token()).send();
    }

    @Test
    void maintenanceModeRefusesChangesWithA503WhileReadsAndTheConfigurationKeepWorking() {
        String playlist = playlist(teacher);
        try {
            setValue(admin, "system.maintenance_mode", "true");
            Api.Response refused = newPlaylist(teacher);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text()).isEqualTo(MAINTENANCE);
            assertThat(refused.header("Retry-After")).isEqualTo("300");
            assertThat(api().delete("/api/playlists/" + playlist + "/").token(teacher.token()).send().text())
                    .isEqualTo(MAINTENANCE);
            assertThat(api().patch("/api/me/", "{\"first_name\": \"Terry\"}").token(schoolAdmin.token()).send()
                    .status()).isEqualTo(503);
            assertThat(get("/api/playlists/" + playlist + "/", teacher).status()).isEqualTo(200);
            assertThat(get("/api/me/", teacher).status()).isEqualTo(200);
            // the role check still comes first: a teacher cannot reach the exempt configuration paths
            assertThat(api().patch("/api/config/system/" + configId(admin, "system.maintenance_mode") + "/",
                    "{\"value\": \"false\"}").token(teacher.token()).send().status()).isEqualTo(403);
        } finally {
            setValue(admin, "system.maintenance_mode", "false");
        }
        assertThat(newPlaylist(teacher).status()).isEqualTo(201);
    }

    @Test
    void theUploadCapComesFromTheConfiguration() {
        long twoMiB = 2L * 1_048_576;
        assertThat(signVideo(teacher, twoMiB).status()).isEqualTo(200);
        try {
            setValue(admin, "system.max_upload_size_mb", "1");
            Api.Response refused = signVideo(teacher, twoMiB);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).isEqualTo("{\"error\":\"Invalid upload\",\"message\":\"File size (2.0MB) "
                    + "exceeds maximum allowed size (1.0MB)\"}");
            assertThat(signVideo(teacher, 1_048_576).status()).isEqualTo(200);
        } finally {
            setValue(admin, "system.max_upload_size_mb", "500");
        }
        assertThat(signVideo(teacher, twoMiB).status()).isEqualTo(200);
    }

    @Test
    void withoutTheApprovalRequirementOwnersPublishDirectlyAndTheAuditSaysSo() {
        String reviewed = draftVideo(teacher);
        Api.Response submitted = api().post("/api/approval/videos/" + reviewed + "/submit_for_review/", null)
                .token(teacher.token()).send();
        assertThat(submitted.json().get("video").get("status").asText()).isEqualTo("PENDING");
        String direct = draftVideo(teacher);
        try {
            switchFlag(admin, "content_approval_required", false);
            Api.Response published = api().post("/api/approval/videos/" + direct + "/submit_for_review/", null)
                    .token(teacher.token()).send();
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            assertThat(published.json().get("message").asText())
                    .isEqualTo("Content published without review: approval is not required");
            assertThat(published.json().get("video").get("status").asText()).isEqualTo("PUBLISHED");
        } finally {
            switchFlag(admin, "content_approval_required", true);
        }
        awaitProjections();
        assertThat(ok("/api/videos/" + direct + "/", teacher).get("status").asText()).isEqualTo("PUBLISHED");
        Map<String, Object> audit = jdbc.queryForMap("""
                SELECT actor_id, metadata->>'flag' AS flag FROM audit_log_view
                WHERE action = 'CONTENT_PUBLISHED_WITHOUT_REVIEW' AND metadata->>'content_id' = ?""", direct);
        assertThat(audit).containsEntry("actor_id", teacher.id()).containsEntry("flag", "content_approval_required");
        String again = draftVideo(teacher);
        assertThat(api().post("/api/approval/videos/" + again + "/submit_for_review/", null).token(teacher.token())
                .send().json().get("video").get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void bulkUploadSwitchesOffAndQueuesNothing() {
        try {
            switchFlag(admin, "bulk_upload_enabled", false);
            Api.Response refused = bulkUpload(teacher);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).isEqualTo("{\"error\":\"Bulk upload is disabled\"}");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM import_job_view WHERE uploader_id = ?", Long.class,
                    teacher.id())).isZero();
        } finally {
            switchFlag(admin, "bulk_upload_enabled", true);
        }
        Api.Response accepted = bulkUpload(teacher);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().at("/initial_status/status").asText()).isEqualTo("QUEUED");
    }

    /** A one-row CSV of videos as a multipart upload. */
    private Api.Response bulkUpload(Account caller) {
        String boundary = "----switch" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"one.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ntitle,description,grade,topic,tags,duration,storage_uri\r\n"
                + "Switched Lesson,,3,number_line,,60,https://example.org/switched.mp4\r\n\r\n--" + boundary + "--\r\n";
        return api().post("/api/bulk/upload/", body).header("Content-Type", "multipart/form-data; boundary="
                + boundary).token(caller.token()).send();
    }

    @Test
    void playlistSharingSwitchesOffAndAppliesOnlyToTheSchoolsItNames() {
        String playlist = playlist(teacher);
        String farPlaylist = playlist(farTeacher);
        Api.Response shared = share(teacher, playlist);
        assertThat(shared.status()).isEqualTo(201);
        String token = shared.json().get("share_token").asText();
        try {
            switchFlag(admin, "playlist_sharing_enabled", false);
            Api.Response refused = share(teacher, playlist);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).isEqualTo(SHARING_DISABLED);
            assertThat(api().get("/api/shared/" + token + "/").send().text()).isEqualTo(SHARING_DISABLED);
            assertThat(api().post("/api/shared/" + token + "/duplicate/", null).token(farTeacher.token()).send()
                    .status()).isEqualTo(403);

            switchFlag(admin, "playlist_sharing_enabled", true);
            Api.Response scoped = patchFlag(admin, "playlist_sharing_enabled",
                    "{\"applies_to_schools\": [" + farSchool + "]}");
            assertThat(scoped.status()).as(scoped.toString()).isEqualTo(200);
            assertThat(share(teacher, playlist).text()).isEqualTo(SHARING_DISABLED);
            assertThat(share(farTeacher, farPlaylist).status()).isEqualTo(201);
            assertThat(api().get("/api/shared/" + token + "/").send().status()).isEqualTo(200);
        } finally {
            switchFlag(admin, "playlist_sharing_enabled", true);
            assertThat(patchFlag(admin, "playlist_sharing_enabled", "{\"applies_to_schools\": []}").status())
                    .isEqualTo(200);
        }
        assertThat(share(teacher, playlist).status()).isEqualTo(201);
    }

    @Test
    void videoDownloadsStayOffUntilThePermanentFlagIsReleasedAndSwitchedOff() {
        String video = draftVideo(teacher);
        awaitProjections();
        String stream = "/api/videos/" + video + "/stream/";
        assertThat(get(stream, teacher).status()).isEqualTo(302);
        Api.Response refused = get(stream + "?download=true", teacher);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).isEqualTo("{\"error\":\"Video downloads are disabled\"}");
        try {
            assertThat(patchFlag(admin, "video_downloads_disabled", "{\"is_permanent\": false}").status())
                    .isEqualTo(200);
            switchFlag(admin, "video_downloads_disabled", false);
            Api.Response download = get(stream + "?download=true", teacher);
            assertThat(download.status()).isEqualTo(302);
            assertThat(download.header("Location")).startsWith("https://example.org/v-");
        } finally {
            switchFlag(admin, "video_downloads_disabled", true);
            assertThat(patchFlag(admin, "video_downloads_disabled", "{\"is_permanent\": true}").status())
                    .isEqualTo(200);
        }
        assertThat(get(stream + "?download=true", teacher).status()).isEqualTo(403);
    }
}
