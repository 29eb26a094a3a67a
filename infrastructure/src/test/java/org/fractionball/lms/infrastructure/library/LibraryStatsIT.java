package org.fractionball.lms.infrastructure.library;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/library/stats/} (contract §5.12.6) with exact figures; teacher counts per relation (D13). */
class LibraryStatsIT extends LibraryApiSupport {
    private static final String STATS = "/api/library/stats/";

    @Test
    void figuresCountOnlyTheSchoolsPublishedContentEachRelationOnItsOwn() {
        long school = school(unique("library-stats") + ".edu");
        long otherSchool = school(unique("library-stats-other") + ".edu");
        Account t1 = account(Role.TEACHER, school);
        Account t2 = account(Role.TEACHER, school);
        Account t3 = account(Role.TEACHER, school);
        Account t4 = account(Role.TEACHER, school);
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Account ad = account(Role.ADMIN, school);
        Account other = account(Role.TEACHER, otherSchool);
        Instant start = now().minusSeconds(3_600);

        published(ContentKind.VIDEO, t1, "3", "number_line", null, sa, start);
        published(ContentKind.VIDEO, t1, "3", "number_line", null, sa, start.plusSeconds(1));
        published(ContentKind.VIDEO, t1, "K", "fractions_basics", null, sa, start.plusSeconds(2));
        create(ContentKind.VIDEO, t1, video("Draft", "", "5", "number_line", List.of(), 10), start.plusSeconds(3));
        published(ContentKind.RESOURCE, t1, "", "", "pdf", sa, start.plusSeconds(4));
        published(ContentKind.RESOURCE, t1, "", "", "pdf", sa, start.plusSeconds(5));
        published(ContentKind.VIDEO, t2, "4", "equivalent_fractions", null, sa, start.plusSeconds(6));
        published(ContentKind.RESOURCE, t2, "", "", "pdf", sa, start.plusSeconds(7));
        published(ContentKind.RESOURCE, t2, "", "", "docx", sa, start.plusSeconds(8));
        Item pending = create(ContentKind.RESOURCE, t2, resource("Pending", "", "txt", "", "", List.of(), 1L),
                start.plusSeconds(9));
        submit(pending, t2, start.plusSeconds(10));
        Item rejected = create(ContentKind.VIDEO, t3, video("Rejected", "", "6", "decimals_percents", List.of(), 1),
                start.plusSeconds(11));
        submit(rejected, t3, start.plusSeconds(12));
        reject(rejected, sa, start.plusSeconds(13));
        published(ContentKind.VIDEO, t4, "8", "ratio_proportion", null, sa, start.plusSeconds(14));
        published(ContentKind.RESOURCE, sa, "", "", "txt", ad, start.plusSeconds(15));
        published(ContentKind.VIDEO, ad, "5", "word_problems", null, sa, start.plusSeconds(16));
        Item gone = published(ContentKind.VIDEO, t4, "8", "ratio_proportion", null, sa, start.plusSeconds(17));
        delete(gone, t4, start.plusSeconds(200));
        published(ContentKind.VIDEO, other, "3", "number_line", null, other, start.plusSeconds(18));
        playlist(t1, true);
        playlist(t2, true);
        playlist(t2, false);
        playlist(other, true);
        awaitProjections();

        String expected = "{\"videos_by_grade\":[{\"grade\":\"3\",\"count\":2},{\"grade\":\"4\",\"count\":1},"
                + "{\"grade\":\"5\",\"count\":1},{\"grade\":\"8\",\"count\":1},{\"grade\":\"K\",\"count\":1}],"
                + "\"videos_by_topic\":[{\"topic\":\"equivalent_fractions\",\"count\":1},"
                + "{\"topic\":\"fractions_basics\",\"count\":1},{\"topic\":\"number_line\",\"count\":2},"
                + "{\"topic\":\"ratio_proportion\",\"count\":1},{\"topic\":\"word_problems\",\"count\":1}],"
                + "\"resources_by_type\":[{\"file_type\":\"docx\",\"count\":1},{\"file_type\":\"pdf\",\"count\":3},"
                + "{\"file_type\":\"txt\",\"count\":1}],"
                // a join of videos and resources would say 6 and 6 for t1 (D13); the admin is no teacher
                + "\"active_teachers\":["
                + teacher(t1, "Test TEACHER", 3, 2) + "," + teacher(t2, "Test TEACHER", 1, 2) + ","
                + teacher(t4, "Test TEACHER", 1, 0) + "," + teacher(sa, "Test SCHOOL_ADMIN", 0, 1) + "],"
                + "\"total_published_videos\":6,\"total_published_resources\":5,\"total_public_playlists\":2}";
        assertThat(get(STATS, t3).text()).isEqualTo(expected);
        assertThat(get(STATS, sa).text()).isEqualTo(expected);
        assertThat(get(STATS, ad).text()).isEqualTo(expected);
        assertThat(get(STATS, other).text()).isEqualTo("{\"videos_by_grade\":[{\"grade\":\"3\",\"count\":1}],"
                + "\"videos_by_topic\":[{\"topic\":\"number_line\",\"count\":1}],\"resources_by_type\":[],"
                + "\"active_teachers\":[" + teacher(other, "Test TEACHER", 1, 0) + "],"
                + "\"total_published_videos\":1,\"total_published_resources\":0,\"total_public_playlists\":1}");
    }

    @Test
    void anEmptyLibraryHasNoFiguresAndAtMostTenTeachersAreListed() {
        long empty = school(unique("library-stats-empty") + ".edu");
        assertThat(get(STATS, account(Role.TEACHER, empty)).text()).isEqualTo("{\"videos_by_grade\":[],"
                + "\"videos_by_topic\":[],\"resources_by_type\":[],\"active_teachers\":[],"
                + "\"total_published_videos\":0,\"total_published_resources\":0,\"total_public_playlists\":0}");

        long busy = school(unique("library-stats-busy") + ".edu");
        Account reviewer = account(Role.SCHOOL_ADMIN, busy);
        Instant start = now().minusSeconds(600);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Account teacher = account(Role.TEACHER, busy);
            // teacher i has i + 1 resources: the list is the ten with the most, most first
            for (int n = 0; n <= i; n++) {
                published(ContentKind.RESOURCE, teacher, "", "", "pdf", reviewer, start.plusSeconds(i * 20L + n));
            }
            expected.add(0, teacher.id());
        }
        awaitProjections();
        List<Long> listed = new ArrayList<>();
        ok(STATS, reviewer).get("active_teachers").forEach(row -> listed.add(row.get("id").asLong()));
        assertThat(listed).isEqualTo(expected.subList(0, 10));
        assertThat(ok(STATS, reviewer).get("total_published_resources").asLong()).isEqualTo(78);
    }

    private Item published(ContentKind kind, Account owner, String grade, String topic, String fileType,
                           Account reviewer, Instant at) {
        Item item = create(kind, owner, kind == ContentKind.VIDEO
                ? video("Video " + UUID.randomUUID(), "", grade, topic, List.of(), 60)
                : resource("Resource " + UUID.randomUUID(), "", fileType, grade, topic, List.of(), 10L), at);
        publish(item, owner, reviewer, at);
        return item;
    }

    /** A playlist made through the API (its projection keeps the rows the stats count). */
    private void playlist(Account owner, boolean isPublic) {
        Api.Response created = api().post("/api/playlists/", "{\"name\": \"Playlist\", \"is_public\": " + isPublic + "}")
                .token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static String teacher(Account account, String name, int videos, int resources) {
        return "{\"id\":" + account.id() + ",\"name\":\"" + name + "\",\"video_count\":" + videos
                + ",\"resource_count\":" + resources + ",\"total_content\":" + (videos + resources) + "}";
    }
}
