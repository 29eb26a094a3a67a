package org.fractionball.lms.infrastructure.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What playlist events do beyond the playlist endpoints: the audit rows (§8.1 codes and keys plus
 * the new ones), the library version, the cascade of removing a user, and rebuilding the three
 * playlist tables from the event store.
 */
class PlaylistProjectionIT extends PlaylistApiSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPlaylistChangeIsAuditedWithItsActionAndMetadataButViewsAreNot() {
        long school = school(unique("playlist-audit") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        String video = publishedVideo(owner, reviewer, "Audited video", 60);
        String other = publishedVideo(owner, reviewer, "Other video", 60);
        long libraryBefore = libraryVersion(school);

        String playlist = playlist(owner, "Audited", false);
        assertOk(api().patch("/api/playlists/" + playlist + "/", "{\"is_public\": true}").token(owner.token()).send());
        String first = item(owner, playlist, video);
        String second = item(owner, playlist, other);
        assertOk(reorder(owner, playlist, "{\"item_orders\": [{\"id\": \"%s\", \"order\": 2}, {\"id\": \"%s\", "
                .formatted(first, second) + "\"order\": 1}]}"));
        assertOk(removeItem(owner, playlist, "{\"item_id\": \"" + first + "\"}"));
        JsonNode share = api().post("/api/playlists/" + playlist + "/share/", "{\"expires_in_days\": 2}")
                .token(owner.token()).send().json();
        String token = share.get("share_token").asText();
        assertOk(api().get("/api/shared/" + token + "/").send());
        Api.Response copy = api().post("/api/shared/" + token + "/duplicate/", null).token(colleague.token()).send();
        assertOk(copy);
        assertOk(api().post("/api/playlists/" + playlist + "/shares/" + share.get("id").asText() + "/revoke/", null)
                .token(reviewer.token()).send());
        assertOk(api().delete("/api/playlists/" + playlist + "/").token(owner.token()).send());
        awaitProjections();

        List<List<Object>> audited = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT a.action, a.actor_id, a.school_id, a.metadata::text AS metadata
                FROM audit_log_view a JOIN domain_event_entry d ON d.event_identifier = a.event_id
                WHERE a.metadata->>'playlist_id' = ? OR a.metadata->>'original_playlist_id' = ?
                ORDER BY d.global_index""", playlist, playlist)) {
            assertThat(row.get("school_id")).isEqualTo(school);
            audited.add(List.of(row.get("action"), row.get("actor_id"),
                    new TreeSet<>(fieldNames(json(row.get("metadata").toString())))));
        }
        assertThat(audited).containsExactly(
                row("PLAYLIST_CREATED", owner, "copied_from", "is_public", "playlist_id", "playlist_name", "school"),
                row("PLAYLIST_UPDATED", owner, "is_public", "playlist_id", "playlist_name"),
                row("PLAYLIST_ITEM_ADDED", owner, "order", "playlist_id", "playlist_name", "video_id", "video_title"),
                row("PLAYLIST_ITEM_ADDED", owner, "order", "playlist_id", "playlist_name", "video_id", "video_title"),
                row("PLAYLIST_REORDERED", owner, "item_count", "playlist_id", "playlist_name"),
                row("PLAYLIST_ITEM_REMOVED", owner, "item_id", "order", "playlist_id", "playlist_name", "video_id",
                        "video_title"),
                row("PLAYLIST_SHARED", owner, "expires_at", "playlist_id", "playlist_name", "share_token"),
                row("PLAYLIST_DUPLICATED", colleague, "items_copied", "new_playlist_id", "new_playlist_name",
                        "original_owner", "original_playlist_id", "original_playlist_name", "share_token"),
                row("PLAYLIST_SHARE_REVOKED", reviewer, "playlist_id", "playlist_name", "share_id", "share_token"),
                row("PLAYLIST_DELETED", owner, "playlist_id", "playlist_name", "playlist_owner", "school"));

        assertThat(metadata("PLAYLIST_ITEM_ADDED", playlist, 0)).isEqualTo(json("{\"playlist_id\":\"" + playlist
                + "\",\"playlist_name\":\"Audited\",\"video_id\":\"" + video + "\",\"video_title\":\"Audited video\","
                + "\"order\":1}"));
        assertThat(metadata("PLAYLIST_REORDERED", playlist, 0).get("item_count").asInt()).isEqualTo(2);
        assertThat(metadata("PLAYLIST_ITEM_REMOVED", playlist, 0).get("order").asInt()).isEqualTo(2);
        assertThat(metadata("PLAYLIST_SHARED", playlist, 0).get("share_token").asText()).isEqualTo(token);
        assertThat(Instant.parse(metadata("PLAYLIST_SHARED", playlist, 0).get("expires_at").asText()))
                .isEqualTo(Instant.parse(share.get("expires_at").asText()));
        JsonNode duplicated = json(jdbc.queryForObject("SELECT metadata::text FROM audit_log_view WHERE action = "
                + "'PLAYLIST_DUPLICATED' AND metadata->>'original_playlist_id' = ?", String.class, playlist));
        assertThat(duplicated).isEqualTo(json("{\"original_playlist_id\":\"" + playlist + "\","
                + "\"original_playlist_name\":\"Audited\",\"original_owner\":\"" + owner.id() + "\","
                + "\"new_playlist_id\":\"" + copy.json().get("id").asText() + "\",\"new_playlist_name\":"
                + "\"Audited (Copy)\",\"items_copied\":1,\"share_token\":\"" + token + "\"}"));
        // the copy's own creation names where it came from
        assertThat(metadata("PLAYLIST_CREATED", copy.json().get("id").asText(), 0).get("copied_from").asText())
                .isEqualTo(playlist);
        assertThat(libraryVersion(school)).isGreaterThanOrEqualTo(libraryBefore + 4);
    }

    @Test
    void removingAUserRemovesItsPlaylistsFromTheApi() {
        long school = school(unique("playlist-removal") + ".edu");
        Account leaving = account(Role.TEACHER, school);
        Account staying = account(Role.TEACHER, school);
        Account admin = account(Role.ADMIN, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        String video = publishedVideo(staying, reviewer, "Kept video", 60);
        String gone = playlist(leaving, "Leaving", true);
        item(leaving, gone, video);
        api().post("/api/playlists/" + gone + "/share/", null).token(leaving.token()).send();
        String kept = playlist(staying, "Staying", true);
        awaitProjections();
        assertThat(ids(ok("/api/playlists/", admin))).containsExactly(kept, gone);

        assertThat(api().delete("/api/users/" + leaving.id() + "/").token(admin.token()).send().status())
                .isEqualTo(204);
        awaitProjections();
        assertThat(ids(ok("/api/playlists/", admin))).containsExactly(kept);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM playlist_share_view WHERE playlist_id = ?::uuid",
                Long.class, gone)).isZero();
    }

    @Test
    void rebuildingThePlaylistProjectionReproducesTheSameRows() {
        long school = school(unique("playlist-rebuild") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account reviewer = account(Role.SCHOOL_ADMIN, school);
        List<String> videos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            videos.add(publishedVideo(owner, reviewer, "Rebuilt " + i, 30 * (i + 1)));
        }
        String playlist = playlist(owner, "Rebuilt", true);
        String first = item(owner, playlist, videos.get(0));
        item(owner, playlist, videos.get(1));
        item(owner, playlist, videos.get(2));
        assertOk(addItem(owner, playlist, videos.get(3), 1));
        assertOk(reorder(owner, playlist, "{\"item_orders\": [" + reversedOrders(playlist, owner) + "]}"));
        assertOk(removeItem(owner, playlist, "{\"item_id\": \"" + first + "\"}"));
        JsonNode revoked = api().post("/api/playlists/" + playlist + "/share/", null).token(owner.token()).send()
                .json();
        assertOk(api().get("/api/shared/" + revoked.get("share_token").asText() + "/").send());
        assertOk(api().post("/api/playlists/" + playlist + "/shares/" + revoked.get("id").asText() + "/revoke/", null)
                .token(owner.token()).send());
        String token = api().post("/api/playlists/" + playlist + "/share/", "{\"expires_in_days\": 3}")
                .token(owner.token()).send().json().get("share_token").asText();
        // the deleted video's item leaves the read side at once and the source's stream when it is copied
        assertOk(api().delete("/api/videos/" + videos.get(2) + "/").token(owner.token()).send());
        assertOk(api().post("/api/shared/" + token + "/duplicate/", null).token(reviewer.token()).send());
        String deleted = playlist(owner, "Deleted", false);
        item(owner, deleted, videos.get(1));
        assertOk(api().delete("/api/playlists/" + deleted + "/").token(owner.token()).send());
        awaitProjections();
        String before = checksum();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM playlist_item_view WHERE playlist_id = ?::uuid",
                Long.class, playlist)).isEqualTo(2);

        replay(ProjectionNames.PLAYLISTS,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM playlist_view", Long.class)).isZero());
        assertThat(checksum()).isEqualTo(before);
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT md5((SELECT coalesce(string_agg(p::text, '|' ORDER BY p.id), '') FROM playlist_view p)
                        || '#' || (SELECT coalesce(string_agg(i::text, '|' ORDER BY i.id), '') FROM playlist_item_view i)
                        || '#' || (SELECT coalesce(string_agg(s::text, '|' ORDER BY s.id), '') FROM playlist_share_view s)
                        || '#' || (SELECT coalesce(string_agg(d::text, '|' ORDER BY d.video_id), '')
                                   FROM playlist_deleted_video d))""", String.class);
    }

    /** Every item of the playlist, in reverse order. */
    private String reversedOrders(String playlist, Account caller) {
        JsonNode items = ok("/api/playlists/" + playlist + "/", caller).get("items");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            entries.add("{\"id\": \"%s\", \"order\": %d}".formatted(items.get(i).get("id").asText(), items.size() - i));
        }
        return String.join(", ", entries);
    }

    private long libraryVersion(long school) {
        awaitProjections();
        return jdbc.queryForList("SELECT version FROM library_version WHERE school_id = ?", Long.class, school)
                .stream().findFirst().orElse(0L);
    }

    private JsonNode metadata(String action, String playlist, int index) {
        return json(jdbc.queryForList("SELECT metadata::text FROM audit_log_view WHERE action = ? "
                + "AND metadata->>'playlist_id' = ? ORDER BY created_at", String.class, action, playlist).get(index));
    }

    private static List<Object> row(String action, Account actor, String... keys) {
        return List.of(action, actor.id(), new TreeSet<>(List.of(keys)));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException invalid) {
            throw new IllegalStateException(invalid);
        }
    }
}
