package org.fractionball.lms.infrastructure.library;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the content projection keeps for the library: the version of each school's library is raised
 * by every change its library shows (and only those), the names and roles it shows follow the
 * account events, and a rebuild reproduces every row (search vectors included) while the versions
 * keep rising.
 */
class LibraryProjectionIT extends LibraryApiSupport {
    @Autowired
    private LibraryVersions versions;

    @Test
    void everyChangeTheLibraryShowsRaisesTheSchoolsVersion() {
        long school = school(unique("library-versions") + ".edu");
        long other = school(unique("library-versions-other") + ".edu");
        long unrelated = school(unique("library-versions-unrelated") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account admin = account(Role.ADMIN, school);
        Account otherAdmin = account(Role.ADMIN, unrelated);
        Instant start = now().minusSeconds(3_600);

        Item item = raises(school, () -> create(ContentKind.VIDEO, teacher, video("Versioned", "Before.", "3",
                "number_line", List.of(), 10), start));
        raises(school, () -> change(item, teacher, video("Versioned", "After the edit.", "3", "number_line",
                List.of("edited"), 10), start.plusSeconds(1)));
        raises(school, () -> submit(item, teacher, start.plusSeconds(2)));
        raises(school, () -> approve(item, admin, start.plusSeconds(3)));
        raises(school, () -> append(item, new ContentReturnedToDraft(item.id, item.kind, item.title,
                ContentStatus.PUBLISHED, ContentReturnedToDraft.BY_OWNER), teacher, start.plusSeconds(4)));
        submit(item, teacher, start.plusSeconds(5));
        raises(school, () -> reject(item, admin, start.plusSeconds(6)));
        Item kept = create(ContentKind.RESOURCE, teacher, resource("Kept", "", "pdf", "", "", List.of(), 1L),
                start.plusSeconds(7));
        raises(school, () -> delete(item, teacher, start.plusSeconds(8)));
        long unrelatedVersion = versions.current(unrelated);

        raises(school, () -> write(api().patch("/api/users/" + teacher.id() + "/", "{\"first_name\": \"Nora\"}"),
                admin));
        assertThat(ok("/api/library/resources/" + kept.id() + "/", teacher).get("owner_name").asText())
                .isEqualTo("Nora TEACHER");
        unchanged(school, () -> write(api().patch("/api/users/" + teacher.id() + "/",
                "{\"email\": \"" + unique("nora") + "@example.edu\"}"), admin));
        raises(school, () -> write(api().patch("/api/admin/users/" + teacher.id() + "/",
                "{\"role\": \"SCHOOL_ADMIN\"}"), admin));
        long otherBefore = versions.current(other);
        raises(school, () -> write(api().patch("/api/admin/users/" + teacher.id() + "/",
                "{\"school\": " + other + "}"), admin));
        assertThat(versions.current(other)).isGreaterThan(otherBefore);
        // the owner filter follows the move: a member of the other school now, its content stays here
        refused("/api/library/resources/?owner=" + teacher.id(), admin, 400, "{\"owner\":[\"" + INVALID_ID + "\"]}");
        Account otherTeacher = account(Role.TEACHER, other);
        assertThat(ok("/api/library/resources/?owner=" + teacher.id(), otherTeacher).get("count").asLong()).isZero();

        raises(other, () -> write(api().patch("/api/schools/" + other + "/", "{\"name\": \"Renamed School\"}"),
                otherAdmin));
        unchanged(other, () -> write(api().patch("/api/schools/" + other + "/", "{\"name\": \"Renamed School\"}"),
                otherAdmin));
        otherBefore = versions.current(other);
        raises(school, () -> write(api().delete("/api/users/" + teacher.id() + "/"), otherAdmin));
        assertThat(versions.current(other)).as("the member left the other school").isGreaterThan(otherBefore);
        assertThat(ok("/api/library/resources/", admin).get("count").asLong()).isZero();
        raises(other, () -> write(api().delete("/api/schools/" + other + "/"), otherAdmin));
        assertThat(versions.current(unrelated)).isEqualTo(unrelatedVersion);

        // a rebuild handles all of this in one batch: row changes folded around the bulk deletes
        Map<String, String> before = checksums();
        replay(ProjectionNames.CONTENT,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM content_history", Long.class)).isZero());
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void rebuildingReproducesTheRowsAndKeepsRaisingVersions() {
        long school = school(unique("library-rebuild") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Account admin = account(Role.ADMIN, school);
        Instant start = now().minusSeconds(600);
        Item published = create(ContentKind.VIDEO, teacher, video("Rebuilt Fractions", "Halves and quarters.", "4",
                "equivalent_fractions", List.of("rebuild", "Fraction Ball"), 90), start);
        publish(published, teacher, admin, start);
        create(ContentKind.RESOURCE, teacher, resource("Rebuilt Sheet", "Thirds.", "pdf", "", "", List.of(), 5L),
                start.plusSeconds(300));
        write(api().patch("/api/users/" + teacher.id() + "/", "{\"last_name\": \"Rebuilt\"}"), admin);
        write(api().patch("/api/schools/" + school + "/", "{\"name\": \"Rebuilt School\"}"), admin);
        String listed = ok("/api/library/videos/?search=fractions", teacher).toString();
        assertThat(listed).contains("\"owner_name\":\"Test Rebuilt\"", "\"school_name\":\"Rebuilt School\"");
        Map<String, String> before = checksums();
        long version = versions.current(school);
        assertThat(jdbc.queryForObject("SELECT search_vector::text FROM content_view WHERE id = ?", String.class,
                published.id)).isEqualTo("'ball':6B 'fraction':2A,5B 'halv':7C 'quarter':9C 'rebuild':3B 'rebuilt':1A");

        replay(ProjectionNames.CONTENT,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM library_member", Long.class)).isZero());

        assertThat(checksums()).isEqualTo(before);
        assertThat(versions.current(school)).isGreaterThan(version);
        assertThat(ok("/api/library/videos/?search=fractions", teacher).toString()).isEqualTo(listed);
    }

    private Map<String, String> checksums() {
        return Map.of(
                "content_view", jdbc.queryForObject("SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.kind, "
                        + "c.id), '')) FROM content_view c", String.class),
                "library_member", jdbc.queryForObject("SELECT md5(coalesce(string_agg(m::text, '|' ORDER BY m.id), "
                        + "'')) FROM library_member m", String.class),
                "library_school", jdbc.queryForObject("SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY s.id), "
                        + "'')) FROM library_school s", String.class),
                // every column but the serial key, which a rebuild numbers afresh
                "content_history", jdbc.queryForObject("""
                        SELECT md5(coalesce(string_agg(to_jsonb(h) - 'history_id' #>> '{}', '|'
                                                       ORDER BY h.kind, h.id, h.valid_from, h.history_id), ''))
                        FROM content_history h""", String.class));
    }

    /** Runs a change and checks that it raised the school's library version once it was projected. */
    private <T> T raises(long school, Supplier<T> change) {
        long before = versions.current(school);
        T result = change.get();
        awaitProjections();
        assertThat(versions.current(school)).as("version of school " + school).isGreaterThan(before);
        return result;
    }

    private void raises(long school, Runnable change) {
        raises(school, () -> {
            change.run();
            return null;
        });
    }

    private void unchanged(long school, Runnable change) {
        long before = versions.current(school);
        change.run();
        awaitProjections();
        assertThat(versions.current(school)).as("version of school " + school).isEqualTo(before);
    }

    private static void write(Api.Request request, Account caller) {
        Api.Response response = request.token(caller.token()).send();
        assertThat(response.status()).as(response.toString()).isBetween(200, 204);
    }
}
