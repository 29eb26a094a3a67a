package org.fractionball.lms.infrastructure.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * add_item, remove_item and reorder through HTTP (contract §5.14 with D22): positions are always
 * 1..n, bad input is a 400 naming the problem, and a deleted video leaves every playlist while
 * what clients see stays what the commands work on.
 */
class PlaylistItemsIT extends PlaylistApiSupport {
    private static final String INVALID_ITEM = "{\"error\":\"Invalid item data\",\"details\":{%s}}";
    private static final String INVALID_REORDER = "{\"error\":\"Invalid reorder data\",\"details\":{\"item_orders\":[%s]}}";

    private static Account owner;
    private static Account colleague;
    private static Account schoolAdmin;
    private static Account farAdmin;
    private static List<String> videos;
    private static String draft;
    private static String farVideo;

    @BeforeEach
    void people() {
        if (owner != null) {
            return;
        }
        long school = school(unique("playlist-items") + ".edu");
        long otherSchool = school(unique("playlist-items-far") + ".edu");
        owner = account(Role.TEACHER, school);
        colleague = account(Role.TEACHER, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        farAdmin = account(Role.ADMIN, otherSchool);
        Account farReviewer = account(Role.SCHOOL_ADMIN, otherSchool);
        videos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            videos.add(publishedVideo(colleague, schoolAdmin, "Video " + i, 60 * (i + 1)));
        }
        draft = draftVideo(owner, "Draft", 30);
        farVideo = publishedVideo(farAdmin, farReviewer, "Far away", 30);
    }

    @Test
    void addItemChecksItsInputTheVideoAndThePosition() {
        String playlist = playlist(owner, "Checks", true);
        String video = videos.get(0);
        assertRefused(api().post("/api/playlists/" + playlist + "/add_item/", "{}").token(owner.token()).send(), 400,
                "{\"error\":\"video_id is required\"}");
        assertRefused(api().post("/api/playlists/" + playlist + "/add_item/", "{\"video_id\": \"\"}")
                .token(owner.token()).send(), 400, "{\"error\":\"video_id is required\"}");
        assertRefused(api().post("/api/playlists/" + playlist + "/add_item/", "{\"video_id\": \"abc\", "
                + "\"order\": \"x\"}").token(owner.token()).send(), 400, INVALID_ITEM.formatted(
                "\"video_id\":[\"Must be a valid UUID.\"],\"order\":[\"A valid integer is required.\"]"));
        assertRefused(addItem(owner, playlist, video, -1), 400,
                INVALID_ITEM.formatted("\"order\":[\"Ensure this value is greater than or equal to 0.\"]"));
        assertRefused(addItem(owner, playlist, video, 2), 400,
                INVALID_ITEM.formatted("\"order\":[\"Ensure this value is less than or equal to 1.\"]"));
        for (String inaccessible : List.of(draft, farVideo, "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a")) {
            assertRefused(addItem(owner, playlist, inaccessible, null), 404,
                    "{\"error\":\"Video not found or not accessible\"}");
        }
        assertRefused(addItem(colleague, playlist, video, null), 403, PERMISSION_DENIED);
        assertRefused(addItem(farAdmin, playlist, video, null), 404, NO_PLAYLIST);
        assertRefused(api().post("/api/playlists/not-a-uuid/add_item/", "{}").token(owner.token()).send(), 404,
                NOT_FOUND);

        Api.Response added = api().post("/api/playlists/" + playlist + "/add_item/", """
                {"video_id": "%s", "notes": "Start here", "order": 0}""".formatted(video.toUpperCase()))
                .token(owner.token()).send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("video_asset").asText()).isEqualTo(video);
        assertThat(added.json().get("video_title").asText()).isEqualTo("Video 0");
        assertThat(added.json().get("video_duration").asText()).isEqualTo("01:00");
        assertThat(added.json().get("notes").asText()).isEqualTo("Start here");
        assertThat(added.json().get("order").asInt()).isEqualTo(1);
        assertRefused(addItem(schoolAdmin, playlist, video, null), 400, "{\"error\":\"Video already in playlist\"}");
    }

    @Test
    void insertRemoveAndReorderKeepPositionsOneToN() {
        String playlist = playlist(owner, "Positions", false);
        String a = item(owner, playlist, videos.get(0));
        String b = item(owner, playlist, videos.get(1));
        String c = item(owner, playlist, videos.get(2));
        Api.Response inserted = addItem(owner, playlist, videos.get(3), 2);
        assertThat(inserted.json().get("order").asInt()).isEqualTo(2);
        String d = inserted.json().get("id").asText();
        assertThat(items(playlist)).containsExactly(a + "@1", d + "@2", b + "@3", c + "@4");

        Api.Response removed = removeItem(owner, playlist, "{\"item_id\": \"" + d + "\"}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.text()).isEmpty();
        assertThat(items(playlist)).containsExactly(a + "@1", b + "@2", c + "@3");

        Api.Response swapped = reorder(owner, playlist, """
                {"item_orders": [{"id": "%s", "order": 2}, {"id": "%s", "order": "1"}, {"id": "%s", "order": 3}]}"""
                .formatted(a, b, c));
        assertThat(swapped.status()).as(swapped.toString()).isEqualTo(200);
        assertThat(swapped.text()).isEqualTo("{\"message\":\"Playlist reordered successfully\"}");
        assertThat(items(playlist)).containsExactly(b + "@1", a + "@2", c + "@3");

        Api.Response appended = addItem(schoolAdmin, playlist, videos.get(4), 4);
        assertThat(appended.status()).isEqualTo(201);
        assertThat(items(playlist)).containsExactly(b + "@1", a + "@2", c + "@3",
                appended.json().get("id").asText() + "@4");
    }

    @Test
    void removeItemAndReorderRefuseWhatIsNotAnItemOrNotAPermutation() {
        String playlist = playlist(owner, "Refusals", false);
        String a = item(owner, playlist, videos.get(0));
        String b = item(owner, playlist, videos.get(1));
        assertRefused(removeItem(owner, playlist, "{}"), 400, "{\"error\":\"item_id is required\"}");
        assertRefused(removeItem(owner, playlist, "{\"item_id\": 12}"), 400,
                INVALID_ITEM.formatted("\"item_id\":[\"Must be a valid UUID.\"]"));
        assertRefused(removeItem(owner, playlist, "{\"item_id\": \"" + videos.get(0) + "\"}"), 404,
                "{\"error\":\"Playlist item not found\"}");

        assertRefused(reorder(owner, playlist, "{}"), 400, "{\"error\":\"item_orders is required\"}");
        assertRefused(reorder(owner, playlist, "{\"item_orders\": []}"), 400, "{\"error\":\"item_orders is required\"}");
        assertRefused(reorder(owner, playlist, "{\"item_orders\": {\"id\": 1}}"), 400,
                INVALID_REORDER.formatted("\"Expected a list of items but got type \\\"dict\\\".\""));
        assertRefused(reorder(owner, playlist, "{\"item_orders\": [{\"id\": \"x\"}, 3]}"), 400,
                INVALID_REORDER.formatted("\"Entry 1: \\\"id\\\" must be a valid UUID.\","
                        + "\"Entry 1: \\\"order\\\" must be an integer.\","
                        + "\"Entry 2: expected an object with \\\"id\\\" and \\\"order\\\".\""));
        assertRefused(reorder(owner, playlist, orders(a, 1)), 400,
                INVALID_REORDER.formatted("\"Every item must be listed once: 1 of 2 given.\""));
        assertRefused(reorder(owner, playlist, orders(a, 1, a, 2)), 400,
                INVALID_REORDER.formatted("\"Item " + a + " is listed more than once.\""));
        assertRefused(reorder(owner, playlist, orders(a, 2, b, 2)), 400,
                INVALID_REORDER.formatted("\"Order 2 is given to more than one item.\""));
        assertRefused(reorder(owner, playlist, orders(a, 1, videos.get(0), 2)), 400,
                INVALID_REORDER.formatted("\"Item " + videos.get(0) + " is not in this playlist.\""));
        assertRefused(reorder(owner, playlist, orders(a, 0, b, 3)), 400,
                INVALID_REORDER.formatted("\"Order 0 is outside 1..2.\",\"Order 3 is outside 1..2.\""));
        assertThat(items(playlist)).containsExactly(a + "@1", b + "@2");
    }

    @Test
    void aDeletedVideoLeavesEveryPlaylistAndPositionsStayWhatClientsWorkOn() {
        String gone = publishedVideo(colleague, schoolAdmin, "Soon deleted", 45);
        String first = playlist(owner, "First", false);
        String second = playlist(schoolAdmin, "Second", true);
        String a = item(owner, first, videos.get(0));
        String goneInFirst = item(owner, first, gone);
        String c = item(owner, first, videos.get(1));
        String goneInSecond = item(schoolAdmin, second, gone);
        String e = item(schoolAdmin, second, videos.get(2));

        assertThat(api().delete("/api/videos/" + gone + "/").token(colleague.token()).send().status()).isEqualTo(204);
        assertThat(items(first)).containsExactly(a + "@1", c + "@2");
        assertThat(items(second)).containsExactly(e + "@1");
        assertThat(ok("/api/playlists/" + first + "/", owner).get("video_count").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM playlist_item_view WHERE video_id = ?::uuid", Long.class,
                gone)).isZero();

        // the commands work on what clients see: the deleted video's item is dropped first
        Api.Response reordered = reorder(owner, first, orders(c, 1, a, 2));
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(items(first)).containsExactly(c + "@1", a + "@2");
        Api.Response inserted = addItem(schoolAdmin, second, videos.get(3), 1);
        assertThat(inserted.status()).as(inserted.toString()).isEqualTo(201);
        assertThat(items(second)).containsExactly(inserted.json().get("id").asText() + "@1", e + "@2");
        assertRefused(removeItem(owner, first, "{\"item_id\": \"" + goneInFirst + "\"}"), 404,
                "{\"error\":\"Playlist item not found\"}");
        assertRefused(removeItem(schoolAdmin, second, "{\"item_id\": \"" + goneInSecond + "\"}"), 404,
                "{\"error\":\"Playlist item not found\"}");
        // the stored positions now match the aggregates' again
        assertThat(jdbc.queryForList("SELECT position FROM playlist_item_view WHERE playlist_id = ?::uuid "
                + "ORDER BY position", Integer.class, second)).containsExactly(1, 2);
    }

    /** The playlist's items as {@code <item id>@<order>}, in the order the API lists them. */
    private List<String> items(String playlist) {
        awaitProjections();
        List<String> items = new ArrayList<>();
        JsonNode answer = ok("/api/playlists/" + playlist + "/", schoolAdmin);
        answer.get("items").forEach(item -> items.add(item.get("id").asText() + "@" + item.get("order").asInt()));
        return items;
    }

    private static String orders(Object... idsAndOrders) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < idsAndOrders.length; i += 2) {
            entries.add("{\"id\": \"%s\", \"order\": %s}".formatted(idsAndOrders[i], idsAndOrders[i + 1]));
        }
        return "{\"item_orders\": [" + String.join(", ", entries) + "]}";
    }
}
