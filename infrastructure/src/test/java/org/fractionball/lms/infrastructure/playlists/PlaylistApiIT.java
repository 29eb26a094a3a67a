package org.fractionball.lms.infrastructure.playlists;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playlists through HTTP with real tokens per role and across schools (contract §5.14, §5.12.5):
 * the shape of §3.9, visibility, D16 on update and delete, filters, D9's search and ordering, and
 * both paginations.
 */
class PlaylistApiIT extends PlaylistApiSupport {
    // the same people serve every test (each test makes its own school or playlists): provisioning is the slow part
    private static Account owner;
    private static Account colleague;
    private static Account schoolAdmin;
    private static Account admin;
    private static Account auditor;
    private static Account farAdmin;
    private static String halves;
    private static String quarters;

    @BeforeEach
    void people() {
        if (owner != null) {
            return;
        }
        long school = school(unique("playlists") + ".edu");
        long otherSchool = school(unique("playlists-far") + ".edu");
        owner = account(Role.TEACHER, school);
        colleague = account(Role.TEACHER, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        admin = account(Role.ADMIN, school);
        auditor = account(Role.AUDITOR, school);
        farAdmin = account(Role.ADMIN, otherSchool);
        halves = publishedVideo(owner, schoolAdmin, "Halves", 95);
        quarters = publishedVideo(owner, schoolAdmin, "Quarters", 300);
    }

    @Test
    void aNewPlaylistAnswersTheContractsShapeAndReadsBackTheSame() {
        Api.Response created = api().post("/api/playlists/", """
                {"name": "  Court fractions ", "description": "Warm-ups", "is_public": "true"}""")
                .token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Event-Position")).matches("\\d+");
        JsonNode playlist = created.json();
        assertThat(fieldNames(playlist)).isEqualTo(PLAYLIST_FIELDS);
        assertThat(playlist.get("name").asText()).isEqualTo("Court fractions");
        assertThat(playlist.get("owner").asLong()).isEqualTo(owner.id());
        assertThat(playlist.get("owner_name").asText()).isEqualTo("Test TEACHER");
        assertThat(playlist.get("school").asLong()).isEqualTo(owner.school());
        assertThat(playlist.get("school_name").asText()).startsWith("School playlists-");
        assertThat(playlist.get("is_public").asBoolean()).isTrue();
        assertThat(playlist.get("video_count").asInt()).isZero();
        assertThat(playlist.get("total_duration_formatted").asText()).isEqualTo("0:00");
        assertThat(playlist.get("items").isEmpty()).isTrue();
        assertThat(playlist.get("updated_at")).isEqualTo(playlist.get("created_at"));

        String id = playlist.get("id").asText();
        assertThat(ok("/api/playlists/" + id + "/", owner)).isEqualTo(playlist);
    }

    @Test
    void itemsAreListedInOrderWithTheirVideosTitleAndDuration() {
        String id = playlist(owner, "With items", false);
        item(owner, id, halves);
        Api.Response added = addItem(owner, id, quarters, 1);
        assertThat(added.status()).isEqualTo(201);
        assertThat(fieldNames(added.json())).isEqualTo(ITEM_FIELDS);
        assertThat(added.json().get("order").asInt()).isEqualTo(1);
        assertThat(added.json().get("video_duration").asText()).isEqualTo("05:00");

        JsonNode playlist = ok("/api/playlists/" + id + "/", owner);
        assertThat(playlist.get("video_count").asInt()).isEqualTo(2);
        assertThat(playlist.get("total_duration_formatted").asText()).isEqualTo("6:35");
        assertThat(fieldNames(playlist.get("items").get(0))).isEqualTo(ITEM_FIELDS);
        assertThat(playlist.at("/items/0/video_title").asText()).isEqualTo("Quarters");
        assertThat(playlist.at("/items/0/order").asInt()).isEqualTo(1);
        assertThat(playlist.at("/items/1/video_asset").asText()).isEqualTo(halves);
        assertThat(playlist.at("/items/1/video_duration").asText()).isEqualTo("01:35");
        assertThat(playlist.at("/items/1/order").asInt()).isEqualTo(2);
        // adding items leaves updated_at alone (§5.14)
        assertThat(playlist.get("updated_at")).isEqualTo(playlist.get("created_at"));
    }

    @Test
    void createIsValidatedWithTheSerializersMessages() {
        assertRefused(api().post("/api/playlists/", "{}").token(owner.token()).send(), 400,
                "{\"name\":[\"This field is required.\"]}");
        assertRefused(api().post("/api/playlists/", "{\"name\": \" \", \"is_public\": \"maybe\"}")
                .token(owner.token()).send(), 400,
                "{\"name\":[\"This field may not be blank.\"],\"is_public\":[\"Must be a valid boolean.\"]}");
        assertRefused(api().post("/api/playlists/", "{\"name\": \"" + "n".repeat(201) + "\"}")
                .token(owner.token()).send(), 400, "{\"name\":[\"Ensure this field has no more than 200 characters.\"]}");
        assertRefused(api().post("/api/playlists/", "[1]").token(owner.token()).send(), 400,
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertRefused(api().post("/api/playlists/", "{\"name\": \"x\"}").token(auditor.token()).send(), 403,
                NOT_PERMITTED);
        assertRefused(api().post("/api/playlists/", "{\"name\": \"x\"}").send(), 401,
                "{\"detail\":\"Authentication credentials were not provided.\"}");
    }

    @Test
    void teachersSeeTheirOwnAndPublicPlaylistsAdminsAllOfTheirSchoolOnly() {
        long school = school(unique("playlists-visibility") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account other = account(Role.TEACHER, school);
        Account manager = account(Role.SCHOOL_ADMIN, school);
        Account systemAdmin = account(Role.ADMIN, school);
        String ownPrivate = playlist(teacher, "Own private", false);
        String ownPublic = playlist(teacher, "Own public", true);
        String othersPrivate = playlist(other, "Other's private", false);
        awaitProjections();

        assertThat(ids(ok("/api/playlists/", other))).containsExactly(othersPrivate, ownPublic);
        assertThat(ids(ok("/api/playlists/", manager))).containsExactly(othersPrivate, ownPublic, ownPrivate);
        assertThat(ids(ok("/api/playlists/", systemAdmin))).containsExactly(othersPrivate, ownPublic, ownPrivate);
        assertThat(ok("/api/playlists/", farAdmin).get("count").asLong()).isZero();

        assertRefused(get("/api/playlists/" + ownPrivate + "/", other), 404, NO_PLAYLIST);
        assertRefused(get("/api/playlists/" + ownPublic + "/", farAdmin), 404, NO_PLAYLIST);
        assertThat(get("/api/playlists/" + ownPublic + "/", other).status()).isEqualTo(200);
        assertRefused(get("/api/playlists/not-a-uuid/", teacher), 404, NOT_FOUND);
        assertRefused(get("/api/playlists/", auditor), 403, NOT_PERMITTED);
        // Django's UUID lookup forms reach the same playlist
        assertThat(get("/api/playlists/" + ownPublic.replace("-", "").toUpperCase() + "/", other).status())
                .isEqualTo(200);
    }

    @Test
    void onlyTheOwnerAndTheSchoolsAdminsChangeOrDeleteAPlaylist() {
        String id = playlist(owner, "Shared in school", true);
        awaitProjections();
        assertRefused(api().patch("/api/playlists/" + id + "/", "{\"name\": \"Hijacked\"}").token(colleague.token())
                .send(), 403, NOT_PERMITTED);
        assertRefused(api().delete("/api/playlists/" + id + "/").token(colleague.token()).send(), 403, NOT_PERMITTED);
        assertRefused(api().patch("/api/playlists/" + id + "/", "{\"name\": \"Far\"}").token(farAdmin.token())
                .send(), 404, NO_PLAYLIST);
        assertRefused(api().put("/api/playlists/" + id + "/", "{\"is_public\": false}").token(owner.token()).send(),
                400, "{\"name\":[\"This field is required.\"]}");

        Api.Response patched = api().patch("/api/playlists/" + id + "/", "{\"description\": \"Edited\"}")
                .token(owner.token()).send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(fieldNames(patched.json())).isEqualTo(PLAYLIST_FIELDS);
        assertThat(patched.json().get("description").asText()).isEqualTo("Edited");
        assertThat(Instant.parse(patched.json().get("updated_at").asText()))
                .isAfter(Instant.parse(patched.json().get("created_at").asText()));

        Api.Response replaced = api().put("/api/playlists/" + id + "/", "{\"name\": \"By the school admin\", "
                + "\"is_public\": false}").token(schoolAdmin.token()).send();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("name").asText()).isEqualTo("By the school admin");
        assertThat(replaced.json().get("description").asText()).isEqualTo("Edited");
        assertThat(replaced.json().get("owner").asLong()).isEqualTo(owner.id());

        Api.Response deleted = api().delete("/api/playlists/" + id + "/").token(admin.token()).send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertRefused(get("/api/playlists/" + id + "/", admin), 404, NO_PLAYLIST);
        assertRefused(api().delete("/api/playlists/" + id + "/").token(admin.token()).send(), 404, NO_PLAYLIST);
    }

    @Test
    void filtersSearchAndOrderingWork() {
        long school = school(unique("playlists-filters") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account other = account(Role.TEACHER, school);
        Account manager = account(Role.SCHOOL_ADMIN, school);
        String apples = playlist(teacher, "Apples and halves", true);
        String bananas = playlist(teacher, "Bananas", false);
        String cherries = playlist(other, "Cherries", true);
        assertThat(api().patch("/api/playlists/" + bananas + "/", "{\"description\": \"Quarter practice\"}")
                .token(teacher.token()).send().status()).isEqualTo(200);
        awaitProjections();

        assertThat(ids(ok("/api/playlists/", manager))).containsExactly(bananas, cherries, apples);
        assertThat(ids(ok("/api/playlists/?is_public=true", manager))).containsExactly(cherries, apples);
        assertThat(ids(ok("/api/playlists/?is_public=0", manager))).containsExactly(bananas);
        assertThat(ids(ok("/api/playlists/?is_public=perhaps", manager))).hasSize(3);
        assertThat(ids(ok("/api/playlists/?owner=" + other.id(), manager))).containsExactly(cherries);
        assertThat(ids(ok("/api/playlists/?search=HALVES", manager))).containsExactly(apples);
        assertThat(ids(ok("/api/playlists/?search=quarter", manager))).containsExactly(bananas);
        assertThat(ids(ok("/api/playlists/?search=apples%20halves", manager))).containsExactly(apples);
        assertThat(ids(ok("/api/playlists/?ordering=name", manager))).containsExactly(apples, bananas, cherries);
        assertThat(ids(ok("/api/playlists/?ordering=-name", manager))).containsExactly(cherries, bananas, apples);
        assertThat(ids(ok("/api/playlists/?ordering=created_at", manager))).containsExactly(apples, bananas, cherries);
        assertThat(ids(ok("/api/library/playlists/?ordering=-created_at", other)))
                .containsExactly(cherries, apples);

        assertRefused(get("/api/playlists/?owner=abc&ordering=size", manager), 400,
                "{\"owner\":[\"Select a valid choice. That choice is not one of the available choices.\"],"
                        + "\"ordering\":[\"Select a valid choice. size is not one of the available choices.\"]}");
        assertRefused(get("/api/library/playlists/?owner=999999999", manager), 400,
                "{\"owner\":[\"Select a valid choice. That choice is not one of the available choices.\"]}");
    }

    @Test
    void listingsPageByTwentyAndTheLibraryByItsPageSize() {
        long school = school(unique("playlists-pages") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            made.add(playlist(teacher, "Playlist " + i, i % 2 == 0));
        }
        List<String> newestFirst = new ArrayList<>(made);
        Collections.reverse(newestFirst);

        JsonNode first = ok("/api/playlists/", teacher);
        assertThat(fieldNames(first)).containsExactly("count", "next", "previous", "results");
        assertThat(first.get("count").asLong()).isEqualTo(23);
        assertThat(ids(first)).isEqualTo(newestFirst.subList(0, 20));
        assertThat(first.get("next").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/playlists/?page=2");
        JsonNode second = ok("/api/playlists/?page=2&page_size=5", teacher);
        assertThat(ids(second)).isEqualTo(newestFirst.subList(20, 23));
        assertRefused(get("/api/playlists/?page=3", teacher), 404, "{\"detail\":\"Invalid page.\"}");

        JsonNode library = ok("/api/library/playlists/?page_size=5&page=2", teacher);
        assertThat(ids(library)).isEqualTo(newestFirst.subList(5, 10));
        assertThat(library.get("next").asText()).contains("page=3").contains("page_size=5");
        assertThat(ok("/api/library/playlists/?page_size=500", teacher).get("results").size()).isEqualTo(23);
        assertThat(ok("/api/library/playlists/?page_size=0", teacher).get("results").size()).isEqualTo(20);
        assertThat(ok("/api/library/playlists/?page_size=many", teacher).get("results").size()).isEqualTo(20);
        assertThat(ok("/api/library/playlists/?is_public=true&page_size=100", teacher).get("count").asLong())
                .isEqualTo(12);
        assertRefused(get("/api/library/playlists/?page=0", teacher), 404, "{\"detail\":\"Invalid page.\"}");
    }
}
