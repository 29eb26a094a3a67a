package org.fractionball.lms.infrastructure.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Share links through HTTP (contract §5.14 share, §5.15 with D21 fixed): absolute URLs, the share
 * list and revocation, the anonymous view (published videos only, no ids, views counted), the 404
 * and 410 answers, and duplication into the caller's school.
 */
class PlaylistSharingIT extends PlaylistApiSupport {
    private static final String SHARE_NOT_FOUND = "{\"error\":\"Share link not found\"}";
    private static final String SHARE_INVALID = "{\"error\":\"Share link is expired or inactive\"}";
    /** What a share link shows anyone: no ids of the playlist, its owner, school, items or videos. */
    private static final List<String> SHARED_FIELDS = List.of("name", "description", "owner_name", "school_name",
            "video_count", "total_duration_formatted", "items", "created_at", "updated_at", "is_shared", "shared_by",
            "share_created_at");
    private static final List<String> SHARED_ITEM_FIELDS = List.of("video_title", "video_duration", "order", "notes",
            "created_at");

    private static Account owner;
    private static Account colleague;
    private static Account schoolAdmin;
    private static Account farTeacher;
    private static Account farAdmin;
    private static String halves;
    private static String quarters;
    private static String thirds;

    @BeforeEach
    void people() {
        if (owner != null) {
            return;
        }
        long school = school(unique("sharing") + ".edu");
        long otherSchool = school(unique("sharing-far") + ".edu");
        owner = account(Role.TEACHER, school);
        colleague = account(Role.TEACHER, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        farTeacher = account(Role.TEACHER, otherSchool);
        farAdmin = account(Role.ADMIN, otherSchool);
        halves = publishedVideo(owner, schoolAdmin, "Halves", 95);
        quarters = publishedVideo(owner, schoolAdmin, "Quarters", 300);
        thirds = publishedVideo(owner, schoolAdmin, "Thirds", 3600);
    }

    @Test
    void aShareAnswersAnAbsoluteUrlAndEveryCallMakesANewLink() {
        String playlist = playlist(owner, "To share", false);
        Api.Response shared = share(owner, playlist, "{}");
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        JsonNode share = shared.json();
        assertThat(fieldNames(share)).isEqualTo(SHARE_FIELDS);
        String token = share.get("share_token").asText();
        assertThat(share.get("share_url").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/shared/" + token + "/");
        assertThat(share.get("playlist").asText()).isEqualTo(playlist);
        assertThat(share.get("playlist_name").asText()).isEqualTo("To share");
        assertThat(share.get("created_by").asLong()).isEqualTo(owner.id());
        assertThat(share.get("created_by_name").asText()).isEqualTo("Test TEACHER");
        assertThat(share.get("expires_at").isNull()).isTrue();
        assertThat(share.get("is_active").asBoolean()).isTrue();
        assertThat(share.get("is_expired").asBoolean()).isFalse();
        assertThat(share.get("is_valid").asBoolean()).isTrue();
        assertThat(share.get("view_count").asLong()).isZero();
        assertThat(share.get("last_accessed").isNull()).isTrue();

        Api.Response expiring = share(schoolAdmin, playlist, "{\"expires_in_days\": \"7\"}");
        assertThat(expiring.status()).isEqualTo(201);
        assertThat(expiring.json().get("share_token").asText()).isNotEqualTo(token);
        assertThat(Instant.parse(expiring.json().get("expires_at").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        assertThat(expiring.json().get("created_by").asLong()).isEqualTo(schoolAdmin.id());

        List<JsonNode> listed = new ArrayList<>();
        ok("/api/playlists/" + playlist + "/shares/", owner).forEach(listed::add);
        assertThat(listed).hasSize(2);
        assertThat(fieldNames(listed.get(0))).isEqualTo(SHARE_FIELDS);
        assertThat(listed.get(0)).isEqualTo(expiring.json());
        assertThat(listed.get(1)).isEqualTo(share);
    }

    @Test
    void expiryMustBeAWholeNumberOfDaysAndOnlyManagersShareOrListShares() {
        String playlist = playlist(owner, "Guarded", true);
        assertRefused(share(owner, playlist, "{\"expires_in_days\": 0}"), 400,
                "{\"expires_in_days\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertRefused(share(owner, playlist, "{\"expires_in_days\": -3}"), 400,
                "{\"expires_in_days\":[\"Ensure this value is greater than or equal to 1.\"]}");
        assertRefused(share(owner, playlist, "{\"expires_in_days\": \"soon\"}"), 400,
                "{\"expires_in_days\":[\"A valid integer is required.\"]}");
        assertRefused(share(owner, playlist, "{\"expires_in_days\": 3651}"), 400,
                "{\"expires_in_days\":[\"Ensure this value is less than or equal to 3650.\"]}");
        assertThat(share(owner, playlist, "{\"expires_in_days\": null}").json().get("expires_at").isNull()).isTrue();
        awaitProjections();

        assertRefused(share(colleague, playlist, null), 403, PERMISSION_DENIED);
        assertRefused(get("/api/playlists/" + playlist + "/shares/", colleague), 403, PERMISSION_DENIED);
        assertRefused(share(farAdmin, playlist, null), 404, NO_PLAYLIST);
        assertRefused(get("/api/playlists/" + playlist + "/shares/", farAdmin), 404, NO_PLAYLIST);
        assertThat(ok("/api/playlists/" + playlist + "/shares/", schoolAdmin).size()).isEqualTo(1);
    }

    @Test
    void anyoneWithTheLinkSeesOnlyPublishedVideosNoIdsAndIsCounted() {
        String unpublished = publishedVideo(owner, schoolAdmin, "Will be edited", 20);
        String playlist = playlist(owner, "Shared lessons", false);
        item(owner, playlist, halves);
        item(owner, playlist, unpublished);
        Api.Response noted = api().post("/api/playlists/" + playlist + "/add_item/",
                "{\"video_id\": \"%s\", \"notes\": \"Finish with this\"}".formatted(thirds)).token(owner.token()).send();
        assertThat(noted.status()).isEqualTo(201);
        // the owner (a teacher) edits a published video: it goes back to draft
        assertThat(api().patch("/api/videos/" + unpublished + "/", "{\"title\": \"Edited\"}").token(owner.token())
                .send().status()).isEqualTo(200);
        String token = share(owner, playlist, null).json().get("share_token").asText();

        Api.Response viewed = api().get("/api/shared/" + token + "/").send();
        assertThat(viewed.status()).as(viewed.toString()).isEqualTo(200);
        JsonNode shown = viewed.json();
        assertThat(fieldNames(shown)).isEqualTo(SHARED_FIELDS);
        assertThat(fieldNames(shown.get("items").get(0))).isEqualTo(SHARED_ITEM_FIELDS);
        assertThat(shown.get("name").asText()).isEqualTo("Shared lessons");
        assertThat(shown.get("owner_name").asText()).isEqualTo("Test TEACHER");
        assertThat(shown.get("is_shared").asBoolean()).isTrue();
        assertThat(shown.get("shared_by").asText()).isEqualTo("Test TEACHER");
        assertThat(shown.get("video_count").asInt()).isEqualTo(2);
        assertThat(shown.get("total_duration_formatted").asText()).isEqualTo("1:01:35");
        assertThat(shown.at("/items/0/video_title").asText()).isEqualTo("Halves");
        assertThat(shown.at("/items/0/order").asInt()).isEqualTo(1);
        assertThat(shown.at("/items/1/video_title").asText()).isEqualTo("Thirds");
        assertThat(shown.at("/items/1/order").asInt()).isEqualTo(2);
        assertThat(shown.at("/items/1/notes").asText()).isEqualTo("Finish with this");
        assertThat(viewed.text()).doesNotContain(playlist, halves, thirds, unpublished, "\"owner\"", "\"school\"");

        assertThat(api().get("/api/shared/" + token + "/").token(farTeacher.token()).send().status()).isEqualTo(200);
        awaitProjections();
        JsonNode listed = ok("/api/playlists/" + playlist + "/shares/", owner).get(0);
        assertThat(listed.get("view_count").asLong()).isEqualTo(2);
        assertThat(listed.get("last_accessed").isNull()).isFalse();
        assertThat(listed.get("updated_at")).isEqualTo(listed.get("last_accessed"));
        // the owner still sees every item
        assertThat(ok("/api/playlists/" + playlist + "/", owner).get("video_count").asInt()).isEqualTo(3);
    }

    @Test
    void unknownLinksAre404AndRevokedOnes410() {
        String playlist = playlist(owner, "Revocable", true);
        JsonNode share = share(owner, playlist, null).json();
        String token = share.get("share_token").asText();
        String revoke = "/api/playlists/" + playlist + "/shares/" + share.get("id").asText() + "/revoke/";
        assertRefused(api().get("/api/shared/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a/").send(), 404, SHARE_NOT_FOUND);
        assertRefused(api().get("/api/shared/not-a-token/").send(), 404, NOT_FOUND);
        assertRefused(api().post("/api/shared/0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a/duplicate/", null)
                .token(colleague.token()).send(), 404, SHARE_NOT_FOUND);
        assertRefused(api().post("/api/playlists/" + playlist + "/shares/" + playlist + "/revoke/", null)
                .token(owner.token()).send(), 404, SHARE_NOT_FOUND);
        assertRefused(api().post(revoke, null).token(colleague.token()).send(), 403, PERMISSION_DENIED);

        Api.Response revoked = api().post(revoke, null).token(schoolAdmin.token()).send();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(fieldNames(revoked.json())).isEqualTo(SHARE_FIELDS);
        assertThat(revoked.json().get("is_active").asBoolean()).isFalse();
        assertThat(revoked.json().get("is_valid").asBoolean()).isFalse();
        assertRefused(api().get("/api/shared/" + token + "/").send(), 410, SHARE_INVALID);
        assertRefused(api().post("/api/shared/" + token + "/duplicate/", null).token(colleague.token()).send(), 410,
                SHARE_INVALID);
        assertThat(api().post(revoke, null).token(owner.token()).send().status()).isEqualTo(200);
        awaitProjections();
        JsonNode listed = ok("/api/playlists/" + playlist + "/shares/", owner).get(0);
        assertThat(listed.get("is_active").asBoolean()).isFalse();
        assertThat(listed.get("view_count").asLong()).isZero();

        // deleting a playlist takes its links with it
        String deletedLater = playlist(owner, "Deleted later", false);
        String other = share(owner, deletedLater, null).json().get("share_token").asText();
        assertThat(api().get("/api/shared/" + other + "/").send().status()).isEqualTo(200);
        assertThat(api().delete("/api/playlists/" + deletedLater + "/").token(owner.token()).send().status())
                .isEqualTo(204);
        assertRefused(api().get("/api/shared/" + other + "/").send(), 404, SHARE_NOT_FOUND);
    }

    @Test
    void aCopyHoldsThePublishedVideosOfTheCallersSchoolOncePerCaller() {
        String draftLater = publishedVideo(owner, schoolAdmin, "Back to draft", 20);
        String playlist = playlist(owner, "Original", true);
        item(owner, playlist, quarters);
        item(owner, playlist, draftLater);
        item(owner, playlist, halves);
        assertThat(api().patch("/api/videos/" + draftLater + "/", "{\"title\": \"Changed\"}").token(owner.token())
                .send().status()).isEqualTo(200);
        String token = share(owner, playlist, null).json().get("share_token").asText();

        Api.Response copied = api().post("/api/shared/" + token + "/duplicate/", null).token(colleague.token()).send();
        assertThat(copied.status()).as(copied.toString()).isEqualTo(201);
        JsonNode copy = copied.json();
        assertThat(fieldNames(copy)).isEqualTo(PLAYLIST_FIELDS);
        assertThat(copy.get("name").asText()).isEqualTo("Original (Copy)");
        assertThat(copy.get("description").asText())
                .isEqualTo("Duplicated from Test TEACHER's playlist.\n\nLessons on the court.");
        assertThat(copy.get("owner").asLong()).isEqualTo(colleague.id());
        assertThat(copy.get("school").asLong()).isEqualTo(colleague.school());
        assertThat(copy.get("is_public").asBoolean()).isFalse();
        List<String> copiedVideos = new ArrayList<>();
        copy.get("items").forEach(item -> copiedVideos.add(item.get("video_asset").asText() + "@"
                + item.get("order").asInt()));
        assertThat(copiedVideos).containsExactly(quarters + "@1", halves + "@2");
        assertThat(ok("/api/playlists/" + copy.get("id").asText() + "/", colleague)).isEqualTo(copy);

        // renaming the copy does not make a second one possible
        assertThat(api().patch("/api/playlists/" + copy.get("id").asText() + "/", "{\"name\": \"Mine\"}")
                .token(colleague.token()).send().status()).isEqualTo(200);
        assertRefused(api().post("/api/shared/" + token + "/duplicate/", null).token(colleague.token()).send(), 400,
                "{\"error\":\"You already have a copy of this playlist\"}");

        Api.Response far = api().post("/api/shared/" + token + "/duplicate/", null).token(farTeacher.token()).send();
        assertThat(far.status()).as(far.toString()).isEqualTo(201);
        assertThat(far.json().get("school").asLong()).isEqualTo(farTeacher.school());
        assertThat(far.json().get("items").isEmpty()).isTrue();
        assertThat(api().post("/api/shared/" + token + "/duplicate/", null).send().status()).isEqualTo(401);
        awaitProjections();
        assertThat(ok("/api/playlists/" + playlist + "/shares/", owner).get(0).get("view_count").asLong()).isZero();
    }

    private Api.Response share(Account caller, String playlist, String body) {
        return api().post("/api/playlists/" + playlist + "/share/", body).token(caller.token()).send();
    }
}
