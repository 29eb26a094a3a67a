package org.fractionball.lms.infrastructure.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentUploaded;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.content.UploadSigned;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the content events do beyond the content listings: the audit rows (§8.1 action codes and
 * metadata keys, labelled on the admin dashboard, D26), the admin figures (§5.7, §5.8, D13), the
 * cascades of removing a user or a school, and rebuilding {@code content_view} from the store.
 */
class ContentProjectionIT extends ContentApiSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyContentEventIsAuditedWithItsActionAndMetadata() {
        long school = school(unique("content-audit") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        Account admin = account(Role.ADMIN, school);
        ok("/api/me/", admin);   // its sign-in is audited now, before the events below
        Instant base = now().plusMillis(5);
        UUID upload = UUID.randomUUID();
        String uploadId = AggregateIds.upload(upload);
        String path = "videos/" + school + "/" + upload + ".mp4";
        List<String> events = new ArrayList<>();

        events.add(append("Upload", uploadId, 0, new UploadSigned(upload, teacher.id(), school, ContentKind.VIDEO, path,
                "video/mp4", 1_000, "clip.mp4", base.plus(Duration.ofHours(1))), teacher, base));
        events.add(append("Upload", uploadId, 1, new ContentUploaded(upload, upload, ContentKind.VIDEO, teacher.id(),
                school, path, "video/mp4", 1_000, "clip.mp4", "Clip"), teacher, at(base, 1)));
        Item video = new Item(ContentKind.VIDEO, upload, teacher.id(), school, "Clip");
        events.add(append(video, new ContentCreated(upload, ContentKind.VIDEO, teacher.id(), school,
                video("Clip", "", "", "", List.of(), null, 1_000L), path), teacher, at(base, 2)));
        change(video, teacher, video("Clip on the court", "A longer description.", "3", "number_line",
                List.of("court"), 300, 1_000L), at(base, 3));
        events.add(video.lastEvent);
        submit(video, teacher, at(base, 4));
        events.add(video.lastEvent);
        reject(video, reviewer, "Too short to be useful.", at(base, 5));
        events.add(video.lastEvent);
        returnToDraft(video, teacher, ContentStatus.REJECTED, at(base, 6));
        events.add(video.lastEvent);
        submit(video, teacher, at(base, 7));
        events.add(video.lastEvent);
        approve(video, reviewer, "Nice one", at(base, 8));
        events.add(video.lastEvent);
        Item resource = create(ContentKind.RESOURCE, teacher, school, resource("Worksheet", "", "pdf", "", "",
                List.of(), 2_048L), at(base, 9));
        events.add(resource.lastEvent);
        UUID download = UUID.randomUUID();
        events.add(append(resource, new ResourceDownloaded(resource.id, download, admin.id(), school, "Worksheet",
                "pdf", 2_048L), admin, at(base, 10)));
        delete(resource, teacher, at(base, 11));
        events.add(resource.lastEvent);
        awaitProjections();

        List<List<Object>> expected = List.of(
                row("UPLOAD_SIGNED", teacher, "content_type", "expires_at", "file_name", "file_size", "mime_type",
                        "storage_path", "upload_id"),
                row("CONTENT_UPLOADED", teacher, "content_id", "content_title", "content_type", "file_name",
                        "file_size", "mime_type", "storage_path", "upload_id"),
                row("CONTENT_CREATED", teacher, "content_id", "content_owner", "content_title", "content_type",
                        "new_status", "school"),
                row("CONTENT_UPDATED", teacher, "content_id", "content_title", "content_type"),
                row("CONTENT_SUBMITTED", teacher, "content_id", "content_title", "content_type", "new_status",
                        "previous_status"),
                row("CONTENT_REJECTED", reviewer, "content_id", "content_owner", "content_title", "content_type",
                        "new_status", "previous_status", "rejection_reason"),
                row("CONTENT_RETURNED_TO_DRAFT", teacher, "content_id", "content_title", "content_type",
                        "new_status", "previous_status"),
                row("CONTENT_SUBMITTED", teacher, "content_id", "content_title", "content_type", "new_status",
                        "previous_status"),
                row("CONTENT_APPROVED", reviewer, "approval_notes", "content_id", "content_owner", "content_title",
                        "content_type", "new_status", "previous_status"),
                row("CONTENT_CREATED", teacher, "content_id", "content_owner", "content_title", "content_type",
                        "new_status", "school"),
                row("RESOURCE_DOWNLOADED", admin, "download_id", "file_size", "resource_id", "resource_title",
                        "resource_type"),
                row("CONTENT_DELETED", teacher, "content_id", "content_owner", "content_title", "content_type",
                        "school"));
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> audited = jdbc.queryForMap("SELECT action, actor_id, school_id, ip_address, user_agent, "
                    + "metadata::text AS metadata FROM audit_log_view WHERE event_id = ?", events.get(i));
            JsonNode metadata = json(audited.get("metadata").toString());
            assertThat(List.of(audited.get("action"), audited.get("actor_id"), new TreeSet<>(fieldNames(metadata))))
                    .as("event %d", i).isEqualTo(expected.get(i));
            assertThat(audited.get("school_id")).isEqualTo(school);
            assertThat(audited.get("ip_address")).isEqualTo("203.0.113.7");
            assertThat(audited.get("user_agent")).isEqualTo("content-it");
        }
        assertThat(metadataOf(events.get(5))).isEqualTo(json("{\"content_id\":\"" + upload + "\",\"content_title\":\"Clip on "
                + "the court\",\"content_type\":\"video\",\"content_owner\":\"" + teacher.id() + "\",\"previous_status\":"
                + "\"PENDING\",\"new_status\":\"REJECTED\",\"rejection_reason\":\"Too short to be useful.\"}"));
        assertThat(metadataOf(events.get(6)).get("previous_status").asText()).isEqualTo("REJECTED");
        assertThat(metadataOf(events.get(8)).get("approval_notes").asText()).isEqualTo("Nice one");
        assertThat(metadataOf(events.get(10))).isEqualTo(json("{\"resource_id\":\"" + resource.id() + "\","
                + "\"resource_title\":\"Worksheet\",\"resource_type\":\"pdf\",\"file_size\":2048,\"download_id\":\""
                + download + "\"}"));
        assertThat(metadataOf(events.get(0)).get("expires_at").asText())
                .isEqualTo(base.plus(Duration.ofHours(1)).toString());

        JsonNode dashboard = ok("/api/admin/dashboard/", admin);
        List<String> newest = new ArrayList<>();
        dashboard.get("recent_audit_logs").forEach(log -> newest.add(log.get("action").asText() + " by "
                + log.get("user").asText()));
        assertThat(newest).containsExactly("Content Deleted by Test TEACHER", "Resource Downloaded by Test ADMIN",
                "Content Created by Test TEACHER", "Content Approved by Test SCHOOL_ADMIN",
                "Content Submitted by Test TEACHER", "Content Returned To Draft by Test TEACHER",
                "Content Rejected by Test SCHOOL_ADMIN", "Content Submitted by Test TEACHER",
                "Content Updated by Test TEACHER", "Content Created by Test TEACHER");
        assertThat(dashboard.at("/recent_audit_logs/0/metadata/content_title").asText()).isEqualTo("Worksheet");
    }

    @Test
    void adminFiguresCountContentOnceEach() {
        long school = school(unique("content-figures") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account other = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        Account admin = account(Role.ADMIN, school);
        JsonNode before = ok("/api/admin/dashboard/", admin);
        Instant start = now().minus(Duration.ofHours(3));

        create(ContentKind.VIDEO, teacher, school, plain("Old one"), now().minus(Duration.ofDays(8)));
        for (int i = 0; i < 40; i++) {
            Item video = create(ContentKind.VIDEO, i % 2 == 0 ? teacher : other, school, plain("Video " + i),
                    start.plusSeconds(i));
            if (i < 5) {
                submit(video, video.owner == teacher.id() ? teacher : other, start.plusSeconds(100 + i));
            }
            if (i < 3) {
                approve(video, reviewer, "", start.plusSeconds(200 + i));
            }
        }
        delete(create(ContentKind.VIDEO, teacher, school, plain("Gone"), start), teacher, start.plusSeconds(1));
        create(ContentKind.RESOURCE, teacher, school, resource("Sheet", "", "pdf", "", "", List.of(), null), start);
        create(ContentKind.RESOURCE, other, school, resource("Sheet 2", "", "txt", "", "", List.of(), null), start);
        awaitProjections();

        JsonNode after = ok("/api/admin/dashboard/", admin);
        assertThat(fieldNames(after.get("content_stats"))).containsExactly("total_videos", "published_videos",
                "pending_videos", "total_resources", "total_playlists");
        assertThat(delta(before, after, "/content_stats/total_videos")).isEqualTo(41);
        assertThat(delta(before, after, "/content_stats/published_videos")).isEqualTo(3);
        assertThat(delta(before, after, "/content_stats/pending_videos")).isEqualTo(2);
        assertThat(delta(before, after, "/content_stats/total_resources")).isEqualTo(2);
        assertThat(delta(before, after, "/content_stats/total_playlists")).isZero();
        assertThat(delta(before, after, "/recent_activity/new_videos")).isEqualTo(40);
        JsonNode top = null;
        for (JsonNode candidate : after.get("top_schools")) {
            if (candidate.get("id").asLong() == school) {
                top = candidate;
            }
        }
        // 41 videos and 4 users: a joined count would say 164 for both
        assertThat(top).as("top_schools").isNotNull();
        assertThat(top.get("video_count").asLong()).isEqualTo(41);
        assertThat(top.get("user_count").asLong()).isEqualTo(4);

        JsonNode stats = ok("/api/admin/schools/" + school + "/stats/", admin);
        assertThat(stats.get("content_stats").toString()).isEqualTo("{\"total_videos\":41,\"published_videos\":3,"
                + "\"total_resources\":2,\"total_playlists\":0}");
        assertThat(stats.at("/activity_stats/recent_videos").asLong()).isEqualTo(41);
    }

    @Test
    void removingAUserOrASchoolRemovesWhatTheyOwn() {
        long school = school(unique("content-cascade") + ".edu");
        Account leaving = account(Role.TEACHER, school);
        Account staying = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        Account admin = account(Role.ADMIN, school);
        Item gone = create(ContentKind.VIDEO, leaving, school, plain("Leaving"), now());
        Item kept = create(ContentKind.VIDEO, staying, school, plain("Staying"), now());
        Item goneResource = create(ContentKind.RESOURCE, leaving, school, resource("Notes", "", "txt", "", "",
                List.of(), null), now());
        awaitProjections();
        assertThat(ids(ok("/api/videos/", reviewer))).containsExactlyInAnyOrder(gone.id(), kept.id());

        Api.Response removed = api().delete("/api/users/" + leaving.id() + "/").token(admin.token()).send();
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        awaitProjections();
        assertThat(ids(ok("/api/videos/", reviewer))).containsExactly(kept.id());
        assertThat(ok("/api/resources/", reviewer).get("count").asLong()).isZero();
        assertThat(get("/api/resources/" + goneResource.id() + "/", reviewer).status()).isEqualTo(404);

        long otherSchool = school(unique("content-cascade-admin") + ".edu");
        Account otherAdmin = account(Role.ADMIN, otherSchool);
        Api.Response deleted = api().delete("/api/schools/" + school + "/").token(otherAdmin.token()).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        awaitProjections();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM content_view WHERE school_id = ?", Long.class, school))
                .isZero();
    }

    @Test
    void rebuildingTheContentProjectionReproducesTheSameRows() {
        long school = school(unique("content-rebuild") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        Instant start = now().minus(Duration.ofMinutes(30));
        Item published = create(ContentKind.VIDEO, teacher, school, plain("Published"), start);
        change(published, teacher, video("Published, renamed", "Text", "4", "word_problems", List.of("a", "b"),
                90, 10L), start.plusSeconds(1));
        submit(published, teacher, start.plusSeconds(2));
        approve(published, reviewer, "fine", start.plusSeconds(3));
        Item returned = create(ContentKind.VIDEO, teacher, school, plain("Returned"), start.plusSeconds(4));
        submit(returned, teacher, start.plusSeconds(5));
        reject(returned, reviewer, "Needs a clearer ending.", start.plusSeconds(6));
        returnToDraft(returned, teacher, ContentStatus.REJECTED, start.plusSeconds(7));
        Item rejected = create(ContentKind.RESOURCE, teacher, school, resource("Rejected", "", "doc", "", "",
                List.of(), 1L), start.plusSeconds(8));
        submit(rejected, teacher, start.plusSeconds(9));
        reject(rejected, reviewer, "Wrong file attached.", start.plusSeconds(10));
        delete(create(ContentKind.VIDEO, teacher, school, plain("Deleted"), start.plusSeconds(11)), teacher,
                start.plusSeconds(12));
        awaitProjections();
        String before = checksum();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM content_view WHERE school_id = ?", Long.class, school))
                .isEqualTo(3);

        replay(ProjectionNames.CONTENT,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM content_view", Long.class)).isZero());
        assertThat(checksum()).isEqualTo(before);
    }

    private String checksum() {
        return jdbc.queryForObject("SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.kind, c.id), '')) "
                + "FROM content_view c", String.class);
    }

    private static ContentDetails plain(String title) {
        return video(title, "", "1", "number_line", List.of(), null, null);
    }

    private JsonNode metadataOf(String eventId) {
        return json(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE event_id = ?", String.class,
                eventId));
    }

    private static List<Object> row(String action, Account actor, String... keys) {
        return List.of(action, actor.id(), new TreeSet<>(List.of(keys)));
    }

    private static Instant at(Instant base, int step) {
        return base.plusMillis(10L * step);
    }

    private static long delta(JsonNode before, JsonNode after, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException invalid) {
            throw new IllegalStateException(invalid);
        }
    }
}
