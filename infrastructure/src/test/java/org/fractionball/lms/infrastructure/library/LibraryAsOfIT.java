package org.fractionball.lms.infrastructure.library;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library as it stood at a moment ({@code as_of}): row versions kept by the content
 * projection, dated by the events that made them (also after a rebuild), for school admins and
 * admins of their school, admins and auditors of any school; teachers may not ask.
 */
class LibraryAsOfIT extends LibraryApiSupport {
    private static final String VIDEOS = "/api/library/videos/";

    @Test
    void theLibraryAsItStoodAtEachMoment() {
        long school = school(unique("library-as-of") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        Account auditor = account(Role.AUDITOR, school(unique("audit") + ".edu"));
        Account admin = account(Role.ADMIN, school(unique("admin") + ".edu"));
        Instant t0 = LocalDate.now(ZoneOffset.UTC).minusDays(20).atStartOfDay(ZoneOffset.UTC).toInstant();
        Item halves = create(ContentKind.VIDEO, teacher, video("Halves on the Court", "", "3", "number_line",
                List.of(), 60), t0);
        publish(halves, teacher, sa, t0);
        Item relay = create(ContentKind.VIDEO, teacher, video("Thirds Relay", "", "4", "number_line", List.of(), 90),
                t0.plus(Duration.ofHours(1)));
        publish(relay, teacher, sa, t0.plus(Duration.ofHours(1)));
        change(relay, teacher, video("Quarters Relay", "", "4", "number_line", List.of(), 90),
                t0.plus(Duration.ofDays(2)));
        Item draft = create(ContentKind.VIDEO, teacher, video("Draft Sixths", "", "5", "number_line", List.of(), 30),
                t0.plus(Duration.ofDays(3)));
        delete(relay, teacher, t0.plus(Duration.ofDays(4)));
        awaitProjections();

        assertThat(ids(ok(VIDEOS + "?as_of=" + t0.minus(Duration.ofDays(1)), sa))).isEmpty();
        // created but not yet submitted half a minute in: there, as a draft
        JsonNode early = ok(VIDEOS + "?as_of=" + t0.plusSeconds(30), sa);
        assertThat(ids(early)).containsExactly(halves.id());
        assertThat(early.at("/results/0/status").asText()).isEqualTo("DRAFT");
        assertThat(ids(ok(VIDEOS + "?status=PUBLISHED&as_of=" + t0.plusSeconds(60), sa))).isEmpty();
        JsonNode dayOne = ok(VIDEOS + "?as_of=" + t0.plus(Duration.ofDays(1)), sa);
        assertThat(ids(dayOne)).containsExactly(relay.id(), halves.id());
        assertThat(dayOne.at("/results/0/title").asText()).isEqualTo("Thirds Relay");
        assertThat(dayOne.at("/filters/grades_available").toString()).isEqualTo("[\"3\",\"4\"]");
        JsonNode dayThree = ok(VIDEOS + "?as_of=" + t0.plus(Duration.ofDays(3)).plusSeconds(1), sa);
        assertThat(ids(dayThree)).containsExactly(draft.id(), relay.id(), halves.id());
        assertThat(dayThree.at("/results/1/title").asText()).isEqualTo("Quarters Relay");
        assertThat(ids(ok(VIDEOS + "?as_of=" + t0.plus(Duration.ofDays(5)), sa)))
                .containsExactly(draft.id(), halves.id());
        // the search matches the words of that moment
        assertThat(ids(ok(VIDEOS + "?search=thirds&as_of=" + t0.plus(Duration.ofDays(1)), sa)))
                .containsExactly(relay.id());
        assertThat(ids(ok(VIDEOS + "?search=thirds&as_of=" + t0.plus(Duration.ofDays(3)), sa))).isEmpty();
        // a date is the start of that day in UTC; an offset is honoured
        String dayTwo = LocalDate.ofInstant(t0.plus(Duration.ofDays(2)), ZoneOffset.UTC).toString();
        assertThat(ids(ok(VIDEOS + "?as_of=" + dayTwo, sa))).containsExactly(relay.id(), halves.id());
        assertThat(ids(ok(VIDEOS + "?as_of=" + dayTwo + "T01:00:00%2B02:00", sa)))
                .containsExactly(relay.id(), halves.id());
        // now: the deleted video is gone
        assertThat(ids(ok(VIDEOS, sa))).containsExactly(draft.id(), halves.id());

        String lastMonday = VIDEOS + "?as_of=" + t0.plus(Duration.ofDays(1)) + "&school=" + school;
        assertThat(ids(ok(lastMonday, auditor))).containsExactly(relay.id(), halves.id());
        assertThat(ids(ok(lastMonday, admin))).containsExactly(relay.id(), halves.id());
        assertThat(ids(ok("/api/library/resources/?as_of=" + t0.plus(Duration.ofDays(1)) + "&school=" + school,
                auditor))).isEmpty();

        refused(VIDEOS + "?as_of=" + t0, teacher, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}");
        refused(VIDEOS, auditor, 403, "{\"detail\":\"You do not have permission to perform this action.\"}");
        refused(VIDEOS + "?as_of=" + t0 + "&school=" + (school + 1), sa, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}");
        refused(VIDEOS + "?as_of=last%20monday", sa, 400, "{\"as_of\":[\"Enter a valid date/time.\"]}");
        refused(VIDEOS + "?as_of=" + t0 + "&school=x", admin, 400, "{\"school\":[\"Enter a whole number.\"]}");
        refused("/api/library/videos/" + halves.id() + "/", auditor, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}");
    }

    @Test
    void aRebuildDatesEveryVersionByItsEvent() {
        long school = school(unique("library-as-of-rebuild") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Instant t0 = now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(7));
        Item item = create(ContentKind.VIDEO, sa, video("Rebuilt History", "", "3", "number_line", List.of(), 60),
                t0);
        publish(item, sa, sa, t0);
        change(item, sa, video("Rebuilt History, Edited", "", "3", "number_line", List.of(), 60),
                t0.plus(Duration.ofDays(1)));
        delete(item, sa, t0.plus(Duration.ofDays(2)));
        awaitProjections();
        String before = history(item);
        assertThat(before).isEqualTo(String.join("|",
                "DRAFT,Rebuilt History," + t0 + "," + t0.plusSeconds(60),
                "PENDING,Rebuilt History," + t0.plusSeconds(60) + "," + t0.plusSeconds(120),
                "PUBLISHED,Rebuilt History," + t0.plusSeconds(120) + "," + t0.plus(Duration.ofDays(1)),
                "PUBLISHED,\"Rebuilt History, Edited\"," + t0.plus(Duration.ofDays(1)) + ","
                        + t0.plus(Duration.ofDays(2))));

        replay(ProjectionNames.CONTENT,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM content_history", Long.class)).isZero());

        assertThat(history(item)).isEqualTo(before);
    }

    /** The item's versions: status, title, valid from, valid to (UTC instants). */
    private String history(Item item) {
        return jdbc.queryForObject("""
                SELECT string_agg(format('%s,%s,%s,%s', status, CASE WHEN title LIKE '%,%' THEN '"' || title || '"'
                                         ELSE title END,
                                         to_char(valid_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                         to_char(valid_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                                  '|' ORDER BY valid_from, history_id)
                FROM content_history WHERE id = ?""", String.class, item.id);
    }
}
