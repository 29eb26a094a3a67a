package org.fractionball.lms.infrastructure.library;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library listings and details (contract §5.12.1–§5.12.4 with D9, D10, D11, D31 fixed) over one
 * fixture, each answer checked with exact ids in order.
 *
 * <p>School A: teachers t1, t2, school admin sa, admin ad, an auditor. Videos, created one day
 * apart (d0 … d7) at noon UTC: v1 t1 draft (edited on d8), v2 t1 pending, v3 t2 published, v4 t2
 * published, v5 t2 rejected, v6 t2 draft, v7 sa published, v8 t1 published then deleted.
 * Resources (d0 … d4): r1 t1 draft pdf, r2 t2 published docx, r3 t2 draft txt, r4 t2 pending pptx,
 * r5 sa published image. School B: teacher tb with vb1 published, vb2 draft, rb1 published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryListingIT extends LibraryApiSupport {
    private static final String VIDEOS = "/api/library/videos/";
    private static final String RESOURCES = "/api/library/resources/";

    private LocalDate base;
    private Account t1;
    private Account t2;
    private Account sa;
    private Account ad;
    private Account auditor;
    private Account tb;
    private Account saB;
    private Item v1;
    private Item v2;
    private Item v3;
    private Item v4;
    private Item v5;
    private Item v6;
    private Item v7;
    private Item v8;
    private Item vb1;
    private Item vb2;
    private Item r1;
    private Item r2;
    private Item r3;
    private Item r4;
    private Item r5;
    private Item rb1;

    @BeforeAll
    void fixture() {
        long schoolA = school(unique("library-a") + ".edu");
        long schoolB = school(unique("library-b") + ".edu");
        t1 = account(Role.TEACHER, schoolA);
        t2 = account(Role.TEACHER, schoolA);
        sa = account(Role.SCHOOL_ADMIN, schoolA);
        ad = account(Role.ADMIN, schoolA);
        auditor = account(Role.AUDITOR, schoolA);
        tb = account(Role.TEACHER, schoolB);
        saB = account(Role.SCHOOL_ADMIN, schoolB);
        base = LocalDate.now(ZoneOffset.UTC).minusDays(30);

        v1 = create(ContentKind.VIDEO, t1, video("Intro to Fractions", "A fraction names part of a whole.", "K",
                "fractions_basics", List.of("Intro", "basics"), null), at(0));
        v2 = create(ContentKind.VIDEO, t1, video("Number Line Jumps", "Hop along the number line in halves.", "3",
                "number_line", List.of("court"), 120), at(1));
        submit(v2, t1, at(1).plusSeconds(60));
        v3 = create(ContentKind.VIDEO, t2, video("Equivalent Fractions Relay", "Teams race to match equal parts.",
                "4", "equivalent_fractions", List.of("relay", "teamwork"), 300), at(2));
        publish(v3, t2, sa, at(2));
        v4 = create(ContentKind.VIDEO, t2, video("Court Geometry", "Adding fractions while racing on the court.",
                "5", "add_subtract_fractions", List.of("fraction-ball"), 45), at(3));
        publish(v4, t2, sa, at(3));
        v5 = create(ContentKind.VIDEO, t2, video("Decimal Dash", "Percents and decimals at speed.", "6",
                "decimals_percents", List.of("game"), 600), at(4));
        submit(v5, t2, at(4).plusSeconds(60));
        reject(v5, sa, at(4).plusSeconds(120));
        v6 = create(ContentKind.VIDEO, t2, video("Ratio Tables", "Tables of equivalent ratios.", "8",
                "ratio_proportion", List.of("tables"), 90), at(5));
        v7 = create(ContentKind.VIDEO, sa, video("Word Problems Warmup", "Stories to warm up before a game.", "3",
                "word_problems", List.of("warmup", "court"), 200), at(6));
        publish(v7, sa, ad, at(6));
        v8 = create(ContentKind.VIDEO, t1, video("Gone Video", "Deleted fractions.", "3", "number_line", List.of(),
                10), at(7));
        publish(v8, t1, sa, at(7));
        delete(v8, t1, at(7).plusSeconds(600));
        change(v1, t1, video("Intro to Fractions", "A fraction names part of a whole.", "K", "fractions_basics",
                List.of("Intro", "basics"), null), at(8));
        vb1 = create(ContentKind.VIDEO, tb, video("Fractions in School B", "Court fractions.", "3", "number_line",
                List.of("court"), 100), at(2));
        publish(vb1, tb, saB, at(2));
        vb2 = create(ContentKind.VIDEO, tb, video("B Draft", "", "4", "number_line", List.of(), 100), at(3));

        r1 = create(ContentKind.RESOURCE, t1, resource("Fraction Worksheet", "Practice sheet.", "pdf", "3",
                "number_line", List.of("worksheet"), 2_048L), at(0));
        r2 = create(ContentKind.RESOURCE, t2, resource("Relay Score Sheet", "", "docx", "4", "equivalent_fractions",
                List.of("relay"), 10_000L), at(1));
        publish(r2, t2, sa, at(1));
        r3 = create(ContentKind.RESOURCE, t2, resource("Teacher Notes", "Notes about fractions.", "txt", "", "",
                List.of(), null), at(2));
        r4 = create(ContentKind.RESOURCE, t2, resource("Slides for Halves", "", "pptx", "5", "add_subtract_fractions",
                List.of(), 500_000L), at(3));
        submit(r4, t2, at(3).plusSeconds(60));
        r5 = create(ContentKind.RESOURCE, sa, resource("Court Diagram", "", "image", "", "", List.of("court"), 700L),
                at(4));
        publish(r5, sa, ad, at(4));
        rb1 = create(ContentKind.RESOURCE, tb, resource("B Sheet", "", "pdf", "3", "number_line", List.of(), 1L),
                at(1));
        publish(rb1, tb, saB, at(1));
        awaitProjections();
    }

    @Test
    void eachRoleSeesItsOwnSchoolWithTheContractsVisibility() {
        assertThat(ids(ok(VIDEOS, t1))).isEqualTo(idsOf(v7, v4, v3, v2, v1));
        assertThat(ids(ok(VIDEOS, t2))).isEqualTo(idsOf(v7, v6, v5, v4, v3));
        assertThat(ids(ok(VIDEOS, sa))).isEqualTo(idsOf(v7, v6, v5, v4, v3, v2, v1));
        assertThat(ids(ok(VIDEOS, ad))).isEqualTo(idsOf(v7, v6, v5, v4, v3, v2, v1));
        assertThat(ids(ok(VIDEOS, tb))).isEqualTo(idsOf(vb2, vb1));
        assertThat(ids(ok(VIDEOS, saB))).isEqualTo(idsOf(vb2, vb1));
        assertThat(ids(ok(RESOURCES, t1))).isEqualTo(idsOf(r5, r2, r1));
        assertThat(ids(ok(RESOURCES, t2))).isEqualTo(idsOf(r5, r4, r3, r2));
        assertThat(ids(ok(RESOURCES, sa))).isEqualTo(idsOf(r5, r4, r3, r2, r1));
        assertThat(ids(ok(RESOURCES, tb))).isEqualTo(idsOf(rb1));
        for (String path : List.of(VIDEOS, RESOURCES, "/api/library/stats/", VIDEOS + v3.id() + "/")) {
            refused(path, auditor, 403, FORBIDDEN);
            Api.Response anonymous = api().get(path).send();
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    @Test
    void itemsHaveTheContractsShapes() {
        JsonNode page = ok(VIDEOS + "?ordering=title", sa);
        assertThat(fieldNames(page)).containsExactly("count", "next", "previous", "results", "filters");
        JsonNode court = page.get("results").get(0);
        assertThat(fieldNames(court)).isEqualTo(VIDEO_FIELDS);
        assertThat(court.get("id").asText()).isEqualTo(v4.id());
        assertThat(court.get("grade_display").asText()).isEqualTo("Grade 5");
        assertThat(court.get("topic_display").asText()).isEqualTo("Add/Subtract Fractions");
        assertThat(court.get("tags").toString()).isEqualTo("[\"fraction-ball\"]");
        assertThat(court.get("duration_formatted").asText()).isEqualTo("00:45");
        assertThat(court.get("owner").asLong()).isEqualTo(t2.id());
        assertThat(court.get("owner_name").asText()).isEqualTo("Test TEACHER");
        assertThat(court.get("school").asLong()).isEqualTo(sa.school());
        assertThat(court.get("school_name").asText()).startsWith("School library-a-");
        assertThat(court.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(court.get("status_display").asText()).isEqualTo("Published");
        assertThat(court.get("created_at").asText()).isEqualTo(at(3).toString());
        assertThat(court.get("updated_at").asText()).isEqualTo(at(3).plusSeconds(120).toString());

        JsonNode resources = ok(RESOURCES + "?ordering=title", sa);
        assertThat(fieldNames(resources)).containsExactly("count", "next", "previous", "results");
        JsonNode diagram = resources.get("results").get(0);
        assertThat(fieldNames(diagram)).isEqualTo(RESOURCE_FIELDS);
        assertThat(diagram.get("file_type_display").asText()).isEqualTo("Image File");
        assertThat(diagram.get("owner_name").asText()).isEqualTo("Test SCHOOL_ADMIN");
    }

    @Test
    void eachVideoFilterAloneSelectsExactlyItsItems() {
        assertVideos(sa, "grade=3", v7, v2);
        assertVideos(sa, "grade=K", v1);
        assertVideos(sa, "topic=number_line", v2);
        assertVideos(sa, "tags=court", v7, v2);
        assertVideos(sa, "tags=COURT", v7, v2);
        assertVideos(sa, "tags=relay,%20warmup", v7, v3);
        assertVideos(sa, "tags=ball", v4);
        assertVideos(sa, "tags=nothing-like-it");
        assertVideos(sa, "owner=" + t1.id(), v2, v1);
        assertVideos(sa, "owner=%20" + sa.id() + "%20", v7);
        assertVideos(sa, "status=PUBLISHED", v7, v4, v3);
        assertVideos(sa, "status=DRAFT", v6, v1);
        assertVideos(sa, "status=PENDING", v2);
        assertVideos(sa, "min_duration=100", v7, v5, v3, v2);
        assertVideos(sa, "min_duration=119.5", v7, v5, v3, v2);
        assertVideos(sa, "max_duration=100", v6, v4);
        assertVideos(sa, "max_duration=1.209e2", v6, v4, v2);
        assertVideos(sa, "created_after=" + day(3), v7, v6, v5, v4);
        // D11: created_before includes the whole day it names
        assertVideos(sa, "created_before=" + day(3), v4, v3, v2, v1);
        assertVideos(sa, "created_after=" + day(2) + "&created_before=" + day(4), v5, v4, v3);
        assertVideos(sa, "search=relay", v3);
        assertVideos(sa, "grade=&topic=&status=&owner=&search=%20%20&ordering=", v7, v6, v5, v4, v3, v2, v1);
        assertVideos(sa, "unknown=1&format=json", v7, v6, v5, v4, v3, v2, v1);
        assertVideos(sa, "grade=4&grade=3", v7, v2);
    }

    @Test
    void filtersCombineAndKeepTheCallersVisibility() {
        assertVideos(sa, "grade=3&status=PUBLISHED", v7);
        assertVideos(sa, "topic=number_line&owner=" + t1.id(), v2);
        assertVideos(sa, "tags=court&min_duration=150", v7);
        assertVideos(sa, "status=PUBLISHED&ordering=duration", v4, v7, v3);
        assertVideos(sa, "owner=" + t2.id() + "&created_before=" + day(4) + "&ordering=-duration", v5, v3, v4);
        assertVideos(sa, "search=court&grade=5", v4);
        assertVideos(sa, "min_duration=90&max_duration=200", v7, v6, v2);
        assertVideos(t1, "status=DRAFT", v1);
        assertVideos(t1, "owner=" + t2.id(), v4, v3);
        assertVideos(t1, "status=PENDING", v2);
        assertVideos(t2, "status=PENDING");
        assertVideos(t2, "grade=3", v7);
        assertVideos(tb, "grade=3", vb1);
    }

    @Test
    void everyOrderingKeySortsBothWays() {
        assertVideos(sa, "ordering=created_at", v1, v2, v3, v4, v5, v6, v7);
        assertVideos(sa, "ordering=-created_at", v7, v6, v5, v4, v3, v2, v1);
        assertVideos(sa, "ordering=updated_at", v2, v3, v4, v5, v6, v7, v1);
        assertVideos(sa, "ordering=-updated_at", v1, v7, v6, v5, v4, v3, v2);
        assertVideos(sa, "ordering=title", v4, v5, v3, v1, v2, v6, v7);
        assertVideos(sa, "ordering=-title", v7, v6, v2, v1, v3, v5, v4);
        // PostgreSQL's (and so the original's) null placement: last ascending, first descending
        assertVideos(sa, "ordering=duration", v4, v6, v2, v7, v3, v5, v1);
        assertVideos(sa, "ordering=-duration", v1, v5, v3, v7, v2, v6, v4);
        // equal grades: newest first
        assertVideos(sa, "ordering=grade", v7, v2, v3, v4, v5, v6, v1);
        assertVideos(sa, "ordering=-grade", v1, v6, v5, v4, v3, v7, v2);
        assertVideos(sa, "ordering=grade,duration", v2, v7, v3, v4, v5, v6, v1);
        assertVideos(sa, "ordering=grade,%20-duration", v7, v2, v3, v4, v5, v6, v1);
        assertVideos(t1, "ordering=title", v4, v3, v1, v2, v7);

        assertResources(sa, "ordering=created_at", r1, r2, r3, r4, r5);
        assertResources(sa, "ordering=-created_at", r5, r4, r3, r2, r1);
        assertResources(sa, "ordering=title", r5, r1, r2, r4, r3);
        assertResources(sa, "ordering=-title", r3, r4, r2, r1, r5);
        assertResources(sa, "ordering=file_type", r2, r5, r1, r4, r3);
        assertResources(sa, "ordering=-file_type", r3, r4, r1, r5, r2);
        assertResources(sa, "ordering=file_size", r5, r1, r2, r4, r3);
        assertResources(sa, "ordering=-file_size", r3, r4, r2, r1, r5);
    }

    @Test
    void invalidValuesAreRefusedWithDjangoFiltersMessages() {
        refused(VIDEOS + "?grade=13", sa, 400,
                "{\"grade\":[\"Select a valid choice. 13 is not one of the available choices.\"]}");
        refused(VIDEOS + "?topic=algebra", sa, 400,
                "{\"topic\":[\"Select a valid choice. algebra is not one of the available choices.\"]}");
        for (String owner : List.of("abc", "0", "999999999999", "99999999999999999999", "1.0",
                Long.toString(ad.id()), Long.toString(auditor.id()), Long.toString(tb.id()))) {
            refused(VIDEOS + "?owner=" + owner, sa, 400, "{\"owner\":[\"" + INVALID_ID + "\"]}");
        }
        refused(VIDEOS + "?status=REJECTED", sa, 400,
                "{\"status\":[\"Select a valid choice. REJECTED is not one of the available choices.\"]}");
        refused(VIDEOS + "?status=published", sa, 400,
                "{\"status\":[\"Select a valid choice. published is not one of the available choices.\"]}");
        refused(VIDEOS + "?min_duration=ten", sa, 400, "{\"min_duration\":[\"Enter a number.\"]}");
        refused(VIDEOS + "?max_duration=1e", sa, 400, "{\"max_duration\":[\"Enter a number.\"]}");
        refused(VIDEOS + "?created_after=2024-02-30", sa, 400, "{\"created_after\":[\"Enter a valid date.\"]}");
        refused(VIDEOS + "?created_before=05/03/2024", sa, 400, "{\"created_before\":[\"Enter a valid date.\"]}");
        refused(VIDEOS + "?ordering=-bogus", sa, 400,
                "{\"ordering\":[\"Select a valid choice. -bogus is not one of the available choices.\"]}");
        refused(VIDEOS + "?ordering=title,file_size", sa, 400,
                "{\"ordering\":[\"Select a valid choice. file_size is not one of the available choices.\"]}");
        // every error at once, in the filter set's order whatever the query string's
        refused(VIDEOS + "?ordering=nope&max_duration=x&grade=Z&owner=0&page=99", sa, 400,
                "{\"grade\":[\"Select a valid choice. Z is not one of the available choices.\"],"
                        + "\"owner\":[\"" + INVALID_ID + "\"],\"max_duration\":[\"Enter a number.\"],"
                        + "\"ordering\":[\"Select a valid choice. nope is not one of the available choices.\"]}");
        refused(RESOURCES + "?file_type=exe", sa, 400,
                "{\"file_type\":[\"Select a valid choice. exe is not one of the available choices.\"]}");
        refused(RESOURCES + "?status=PENDING", sa, 400,
                "{\"status\":[\"Select a valid choice. PENDING is not one of the available choices.\"]}");
        refused(RESOURCES + "?ordering=duration", sa, 400,
                "{\"ordering\":[\"Select a valid choice. duration is not one of the available choices.\"]}");
    }

    @Test
    void eachResourceFilterSelectsExactlyItsItems() {
        assertResources(sa, "file_type=pdf", r1);
        assertResources(sa, "grade=4", r2);
        assertResources(sa, "topic=number_line", r1);
        assertResources(sa, "tags=court", r5);
        assertResources(sa, "tags=sheet", r1);
        assertResources(sa, "owner=" + t2.id(), r4, r3, r2);
        assertResources(sa, "status=PUBLISHED", r5, r2);
        assertResources(sa, "status=DRAFT", r3, r1);
        assertResources(sa, "created_after=" + day(3), r5, r4);
        assertResources(sa, "created_before=" + day(1), r2, r1);
        assertResources(sa, "search=fractions", r1, r3);
        assertResources(sa, "min_duration=1000", r5, r4, r3, r2, r1);
        assertResources(sa, "file_type=pdf&status=PUBLISHED");
        assertResources(t1, "owner=" + t2.id(), r2);
        assertResources(t1, "status=DRAFT", r1);
    }

    @Test
    void fullTextSearchStemsAndRanksTitleHitsFirst() {
        // titles (v1 also in its description, so it ranks higher), then description and tag hits
        assertVideos(sa, "search=fractions", v1, v3, v4);
        assertVideos(sa, "search=fraction", v1, v3, v4);
        assertVideos(sa, "search=FRACTIONS", v1, v3, v4);
        assertVideos(t2, "search=fractions", v3, v4);
        assertVideos(sa, "search=jumping", v2);
        assertVideos(sa, "search=raced", v4, v3);
        assertVideos(sa, "search=table", v6);
        // every word must match
        assertVideos(sa, "search=court%20fractions", v4);
        // a title hit first, then tag hits (weight B) ahead of description hits (C), newest first among equals
        assertVideos(sa, "search=court", v4, v7, v2);
        assertVideos(sa, "search=game", v5, v7);
        // an explicit ordering wins over the rank
        assertVideos(sa, "search=fractions&ordering=title", v4, v3, v1);
        assertVideos(sa, "search=fractions&status=PUBLISHED", v3, v4);
        // only stop words: nothing to match
        assertVideos(sa, "search=the");
        assertVideos(sa, "search=%22fractions%22%20%26%20!", v1, v3, v4);
        assertThat(ok(VIDEOS + "?search=fractions", sa).at("/filters/total_results").asLong()).isEqualTo(3);
    }

    @Test
    void pagesFollowTheLibraryPagination() {
        String url = "http://127.0.0.1:" + port + VIDEOS;
        JsonNode first = ok(VIDEOS + "?page_size=3", sa);
        assertThat(first.get("count").asLong()).isEqualTo(7);
        assertThat(ids(first)).isEqualTo(idsOf(v7, v6, v5));
        assertThat(first.get("next").asText()).isEqualTo(url + "?page_size=3&page=2");
        assertThat(first.get("previous").isNull()).isTrue();
        JsonNode second = ok(VIDEOS + "?page_size=3&page=2", sa);
        assertThat(ids(second)).isEqualTo(idsOf(v4, v3, v2));
        assertThat(second.get("next").asText()).isEqualTo(url + "?page_size=3&page=3");
        assertThat(second.get("previous").asText()).isEqualTo(url + "?page_size=3");
        JsonNode third = ok(VIDEOS + "?page=3&page_size=3", sa);
        assertThat(ids(third)).isEqualTo(idsOf(v1));
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(third.get("previous").asText()).isEqualTo(url + "?page_size=3&page=2");
        assertThat(ids(ok(VIDEOS + "?page=last&page_size=3", sa))).isEqualTo(idsOf(v1));
        for (String page : List.of("4", "0", "-1", "x", "1.0")) {
            refused(VIDEOS + "?page_size=3&page=" + page, sa, 404, INVALID_PAGE);
        }
        for (String size : List.of("0", "-5", "abc", "2.5", "")) {
            JsonNode all = ok(VIDEOS + "?page_size=" + size, sa);
            assertThat(ids(all)).as("page_size=" + size).hasSize(7);
            assertThat(all.get("next").isNull()).isTrue();
        }
        assertThat(ids(ok(VIDEOS + "?page_size=%202%20", sa))).isEqualTo(idsOf(v7, v6));
        assertThat(ids(ok(VIDEOS + "?page_size=+2", sa))).isEqualTo(idsOf(v7, v6));
        JsonNode empty = ok(VIDEOS + "?search=nowhere", sa);
        assertThat(empty.get("count").asLong()).isZero();
        assertThat(empty.get("results").size()).isZero();
        refused(VIDEOS + "?search=nowhere&page=2", sa, 404, INVALID_PAGE);
        JsonNode resources = ok(RESOURCES + "?page_size=2&page=2", sa);
        assertThat(ids(resources)).isEqualTo(idsOf(r3, r2));
        assertThat(resources.get("next").asText()).isEqualTo("http://127.0.0.1:" + port + RESOURCES
                + "?page_size=2&page=3");
    }

    @Test
    void pageSizeIsClampedToOneHundred() {
        Account admin = account(Role.SCHOOL_ADMIN, school(unique("library-volume") + ".edu"));
        Instant start = now().minusSeconds(3_600);
        for (int i = 0; i < 105; i++) {
            create(ContentKind.VIDEO, admin, video("Volume " + i, "", "1", "number_line", List.of(), i),
                    start.plusSeconds(i));
        }
        awaitProjections();
        assertThat(ok(VIDEOS, admin).get("results").size()).isEqualTo(20);
        for (String size : List.of("1000", "101", "100", "99999999999999999999999")) {
            JsonNode page = ok(VIDEOS + "?page_size=" + size, admin);
            assertThat(page.get("count").asLong()).isEqualTo(105);
            assertThat(page.get("results").size()).as("page_size=" + size).isEqualTo(100);
            assertThat(page.get("next").asText()).endsWith("?page_size=" + size + "&page=2");
            assertThat(ok(VIDEOS + "?page=2&page_size=" + size, admin).get("results").size()).isEqualTo(5);
        }
        assertThat(ok(VIDEOS + "?page_size=99", admin).get("results").size()).isEqualTo(99);
    }

    @Test
    void videoListingsCarryTheFiltersBlock() {
        JsonNode all = ok(VIDEOS + "?page_size=2", sa);
        assertThat(all.get("filters").toString()).isEqualTo("{\"total_results\":7,"
                + "\"grades_available\":[\"3\",\"4\",\"5\",\"6\",\"8\",\"K\"],"
                + "\"topics_available\":[\"add_subtract_fractions\",\"decimals_percents\",\"equivalent_fractions\","
                + "\"fractions_basics\",\"number_line\",\"ratio_proportion\",\"word_problems\"],"
                + "\"applied_filters\":{\"page_size\":[\"2\"]}}");
        JsonNode narrowed = ok(VIDEOS + "?grade=3&foo=bar&foo=baz&page=1", sa);
        assertThat(narrowed.get("filters").toString()).isEqualTo("{\"total_results\":2,"
                + "\"grades_available\":[\"3\"],\"topics_available\":[\"number_line\",\"word_problems\"],"
                + "\"applied_filters\":{\"grade\":[\"3\"],\"foo\":[\"bar\",\"baz\"],\"page\":[\"1\"]}}");
        assertThat(ok(VIDEOS, t1).get("filters").toString()).isEqualTo("{\"total_results\":5,"
                + "\"grades_available\":[\"3\",\"4\",\"5\",\"K\"],\"topics_available\":[\"add_subtract_fractions\","
                + "\"equivalent_fractions\",\"fractions_basics\",\"number_line\",\"word_problems\"],"
                + "\"applied_filters\":{}}");
        assertThat(ok(VIDEOS + "?search=nowhere", sa).get("filters").toString()).isEqualTo("{\"total_results\":0,"
                + "\"grades_available\":[],\"topics_available\":[],\"applied_filters\":{\"search\":[\"nowhere\"]}}");
    }

    @Test
    void detailsFollowTheSameVisibility() {
        JsonNode listed = ok(VIDEOS + "?search=relay", t1).get("results").get(0);
        assertThat(ok(VIDEOS + v3.id() + "/", t1)).isEqualTo(listed);
        assertThat(ok(VIDEOS + v1.id() + "/", t1).get("status").asText()).isEqualTo("DRAFT");
        assertThat(ok(VIDEOS + v6.id() + "/", sa).get("status").asText()).isEqualTo("DRAFT");
        assertThat(ok(VIDEOS + v5.id() + "/", ad).get("status").asText()).isEqualTo("REJECTED");
        refused(VIDEOS + v6.id() + "/", t1, 403, "{\"detail\":\"You don't have permission to view this video.\"}");
        refused(VIDEOS + v5.id() + "/", t1, 403, "{\"detail\":\"You don't have permission to view this video.\"}");
        refused(VIDEOS + vb1.id() + "/", sa, 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        refused(VIDEOS + v3.id() + "/", tb, 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        refused(VIDEOS + v8.id() + "/", sa, 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        refused(VIDEOS + r2.id() + "/", sa, 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        for (String malformed : List.of("not-a-uuid", v3.id().toUpperCase(), v3.id().replace("-", ""),
                "%7B" + v3.id() + "%7D")) {
            refused(VIDEOS + malformed + "/", sa, 404, NOT_FOUND);
        }
        JsonNode resource = ok(RESOURCES + r2.id() + "/", t1);
        assertThat(fieldNames(resource)).isEqualTo(RESOURCE_FIELDS);
        assertThat(resource.get("title").asText()).isEqualTo("Relay Score Sheet");
        refused(RESOURCES + r3.id() + "/", t1, 403,
                "{\"detail\":\"You don't have permission to view this resource.\"}");
        refused(RESOURCES + rb1.id() + "/", sa, 404, "{\"detail\":\"No Resource matches the given query.\"}");
        refused(RESOURCES + "x/", sa, 404, NOT_FOUND);
    }

    private void assertVideos(Account caller, String query, Item... expected) {
        assertThat(ids(ok(VIDEOS + "?" + query, caller))).as(query).isEqualTo(idsOf(expected));
    }

    private void assertResources(Account caller, String query, Item... expected) {
        assertThat(ids(ok(RESOURCES + "?" + query, caller))).as(query).isEqualTo(idsOf(expected));
    }

    private Instant at(int day) {
        return base.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private String day(int day) {
        return base.plusDays(day).toString();
    }
}
