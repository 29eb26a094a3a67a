package org.fractionball.lms.infrastructure.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the playlist tests: signed-in people, videos published through the HTTP
 * workflow (create, complete the description, submit as owner, approve as a school admin), and
 * playlists made through the API.
 */
abstract class PlaylistApiSupport extends ApiTest {
    static final String NOT_PERMITTED = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String PERMISSION_DENIED = "{\"error\":\"Permission denied\"}";
    static final String NO_PLAYLIST = "{\"detail\":\"No Playlist matches the given query.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    /** Contract §3.9, in order. */
    static final List<String> PLAYLIST_FIELDS = List.of("id", "name", "description", "owner", "owner_name", "school",
            "school_name", "is_public", "video_count", "total_duration_formatted", "items", "created_at",
            "updated_at");
    static final List<String> ITEM_FIELDS = List.of("id", "video_asset", "video_title", "video_duration", "order",
            "notes", "created_at");
    /** Contract §3.10, in order. */
    static final List<String> SHARE_FIELDS = List.of("id", "share_token", "playlist", "playlist_name", "created_by",
            "created_by_name", "expires_at", "is_active", "is_expired", "is_valid", "view_count", "last_accessed",
            "share_url", "created_at", "updated_at");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signed-in user (its first request, and so its sign-in event, is behind it). */
    @Override
    protected Account account(Role role, long schoolId) {
        Account account = super.account(role, schoolId);
        assertThat(get("/api/me/", account).status()).isEqualTo(200);
        return account;
    }

    /** A video published through the review workflow: {@code owner} submits, {@code reviewer} approves. */
    String publishedVideo(Account owner, Account reviewer, String title, int duration) {
        String id = draftVideo(owner, title, duration);
        assertOk(api().post("/api/approval/videos/" + id + "/submit_for_review/", null).token(owner.token()).send());
        assertOk(api().post("/api/approval/videos/" + id + "/approve/", null).token(reviewer.token()).send());
        return id;
    }

    String draftVideo(Account owner, String title, int duration) {
        Api.Response created = api().post("/api/videos/", """
                {"title": "%s", "description": "A complete description of the lesson.", "grade": "4",
                 "topic": "number_line", "duration": %d, "storage_uri": "https://example.org/%s.mp4"}"""
                .formatted(title, duration, unique("v"))).token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    String playlist(Account owner, String name, boolean isPublic) {
        Api.Response created = api().post("/api/playlists/", """
                {"name": "%s", "description": "Lessons on the court.", "is_public": %s}""".formatted(name, isPublic))
                .token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    Api.Response addItem(Account caller, String playlist, String video, Integer order) {
        String body = order == null ? "{\"video_id\": \"%s\"}".formatted(video)
                : "{\"video_id\": \"%s\", \"order\": %d}".formatted(video, order);
        return api().post("/api/playlists/" + playlist + "/add_item/", body).token(caller.token()).send();
    }

    /** The item id of an added video. */
    String item(Account caller, String playlist, String video) {
        Api.Response added = addItem(caller, playlist, video, null);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("id").asText();
    }

    /** DELETE with a JSON body, as remove_item takes it. */
    Api.Response removeItem(Account caller, String playlist, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/playlists/"
                        + playlist + "/remove_item/"))
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + caller.token())
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response, response.body().isEmpty() ? null
                    : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Api.Response reorder(Account caller, String playlist, String body) {
        return api().put("/api/playlists/" + playlist + "/reorder/", body).token(caller.token()).send();
    }

    /** The ids of the items of a playlist, in order, as {@code caller} reads it. */
    List<String> itemVideos(String playlist, Account caller) {
        List<String> videos = new ArrayList<>();
        ok("/api/playlists/" + playlist + "/", caller).get("items").forEach(item -> videos.add(
                item.get("video_asset").asText()));
        return videos;
    }

    static void assertOk(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
    }

    static void assertRefused(Api.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(body);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(result -> ids.add(result.get("id").asText()));
        return ids;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = object.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
