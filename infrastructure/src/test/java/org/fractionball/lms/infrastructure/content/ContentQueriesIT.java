package org.fractionball.lms.infrastructure.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content reads (contract §5.9, §5.10, §5.17, §5.17.8) over one fixture of two schools: every
 * visibility rule per role, filters, search, ordering, pagination, the review queues and their
 * figures, each answered with exact ids and numbers.
 *
 * <p>School A: teachers t1, t2, a school admin and an admin; videos (created oldest first)
 * v6 (t1, 12 days ago, submitted and approved over 10 days ago), v1 (t1, draft), v2 (t1, pending),
 * v3 (t2, published), v4 (t2, pending), v5 (t2, rejected), v7 (t2, submitted then returned to
 * draft), v8 (t1, deleted); resources r1 (t1 draft), r2 (t2 published), r3 (t2 draft), r4 (t2
 * pending). School B: teacher tb and its school admin; vb1 (tb, published), vb2 (tb, draft), vb3
 * (t1's, rejected by a reviewer no longer in the read model: t1 used to teach there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentQueriesIT extends ContentApiSupport {
    private String tag;
    private long schoolA;
    private long schoolB;
    private Account t1;
    private Account t2;
    private Account schoolAdmin;
    private Account admin;
    private Account tb;
    private Account schoolAdminB;
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
    private Item vb3;
    private Item r1;
    private Item r2;
    private Item r3;
    private Item r4;
    private Instant t;

    @BeforeAll
    void fixture() {
        tag = unique("fx");
        schoolA = school(unique("content-a") + ".edu");
        schoolB = school(unique("content-b") + ".edu");
        t1 = account(Role.TEACHER, schoolA);
        t2 = account(Role.TEACHER, schoolA);
        schoolAdmin = account(Role.SCHOOL_ADMIN, schoolA);
        admin = account(Role.ADMIN, schoolA);
        tb = account(Role.TEACHER, schoolB);
        schoolAdminB = account(Role.SCHOOL_ADMIN, schoolB);
        t = now();

        v6 = create(ContentKind.VIDEO, t1, schoolA, video("Ratio Tables", "Tables of equivalent ratios.", "8",
                "ratio_proportion", List.of(tag), 45, 2_048L), ago(Duration.ofDays(12)));
        submit(v6, t1, ago(Duration.ofDays(11)));
        approve(v6, admin, "", ago(Duration.ofDays(10)));
        v1 = create(ContentKind.VIDEO, t1, schoolA, video("Intro to Fractions", "What a part of a whole is.", "K",
                "fractions_basics", List.of(tag), null, null), minutes(60));
        v2 = create(ContentKind.VIDEO, t1, schoolA, video("Number Line Jumps", "Hop along the court.", "3",
                "number_line", List.of(tag), 120, 100_000_000L), minutes(55));
        submit(v2, t1, minutes(50));
        v3 = create(ContentKind.VIDEO, t2, schoolA, video("Word Problem Warmup", "Short stories to solve.", "3",
                "word_problems", List.of(tag, "warmup", "Team Game"), 300, 5_000_000L), minutes(45));
        submit(v3, t2, minutes(40));
        approve(v3, schoolAdmin, "Looks good", minutes(35));
        v4 = create(ContentKind.VIDEO, t2, schoolA, video("Placing Fractions on a Line", "Where does 3/4 go?", "5",
                "number_line", List.of(tag), 60, 700L), minutes(30));
        submit(v4, t2, minutes(29));
        v5 = create(ContentKind.VIDEO, t2, schoolA, video("Decimals and Percents 50%", "Convert between both.", "5",
                "decimals_percents", List.of(tag), null, 3L * 1024 * 1024 * 1024), minutes(25));
        submit(v5, t2, minutes(24));
        reject(v5, schoolAdmin, "Audio is missing in part two", minutes(20));
        v7 = create(ContentKind.VIDEO, t2, schoolA, video("Halves and Quarters", "Cutting the court in pieces.", "K",
                "number_line", List.of(tag), 600, null), minutes(15));
        submit(v7, t2, minutes(14));
        returnToDraft(v7, t2, ContentStatus.PENDING, minutes(13));
        v8 = create(ContentKind.VIDEO, t1, schoolA, video("Deleted Fractions", "Gone.", "1", "number_line",
                List.of(tag), 10, null), minutes(12));
        delete(v8, t1, minutes(11));

        vb1 = create(ContentKind.VIDEO, tb, schoolB, video("Equivalent Fractions Relay", "Team relay.", "4",
                "equivalent_fractions", List.of(tag), 200, null), minutes(40));
        submit(vb1, tb, minutes(39));
        approve(vb1, schoolAdminB, "ok", minutes(38));
        vb2 = create(ContentKind.VIDEO, tb, schoolB, video("Comparing Fractions", "Which is bigger?", "4",
                "comparing_ordering", List.of(tag), 90, null), minutes(35));
        vb3 = create(ContentKind.VIDEO, t1, schoolB, video("Old School Fractions", "From t1's old school.", "2",
                "fractions_basics", List.of(tag), 30, null), minutes(33));
        submit(vb3, t1, minutes(32));
        reject(vb3, schoolAdminB, 987_654_321L, "Not for this school.", minutes(31));

        r1 = create(ContentKind.RESOURCE, t1, schoolA, resource("Fraction Strips", "Printable strips.", "pdf", "", "",
                List.of(tag), 500L), minutes(50));
        r2 = create(ContentKind.RESOURCE, t2, schoolA, resource("Court Diagram", "Where to stand.", "docx", "3",
                "number_line", List.of(tag), 1_536L), minutes(45));
        submit(r2, t2, minutes(44));
        approve(r2, schoolAdmin, "", minutes(43));
        r3 = create(ContentKind.RESOURCE, t2, schoolA, resource("Score Sheet", "Keep the score.", "image", "5",
                "word_problems", List.of(tag), null), minutes(40));
        r4 = create(ContentKind.RESOURCE, t2, schoolA, resource("Slides", "Lesson slides.", "pptx", "5",
                "number_line", List.of(tag), 3_000_000L), minutes(39));
        submit(r4, t2, minutes(38));
        awaitProjections();
    }

    @Test
    void eachRoleSeesItsOwnSchoolOnlyAndTeachersTheirOwnPlusPublished() {
        assertThat(ids(ok("/api/videos/", t1))).isEqualTo(idsOf(v3, v2, v1, v6));
        assertThat(ids(ok("/api/videos/", t2))).isEqualTo(idsOf(v7, v5, v4, v3, v6));
        assertThat(ids(ok("/api/videos/", schoolAdmin))).isEqualTo(idsOf(v7, v5, v4, v3, v2, v1, v6));
        assertThat(ids(ok("/api/videos/", admin))).isEqualTo(idsOf(v7, v5, v4, v3, v2, v1, v6));
        assertThat(ids(ok("/api/videos/", tb))).isEqualTo(idsOf(vb2, vb1));
        assertThat(ids(ok("/api/videos/", schoolAdminB))).isEqualTo(idsOf(vb3, vb2, vb1));

        assertThat(ids(ok("/api/resources/", t1))).isEqualTo(idsOf(r2, r1));
        assertThat(ids(ok("/api/resources/", t2))).isEqualTo(idsOf(r4, r3, r2));
        assertThat(ids(ok("/api/resources/", schoolAdmin))).isEqualTo(idsOf(r4, r3, r2, r1));
        assertThat(ids(ok("/api/resources/", admin))).isEqualTo(idsOf(r4, r3, r2, r1));
        assertThat(ok("/api/resources/", tb).get("count").asLong()).isZero();
    }

    @Test
    void itemsOutsideTheCallersViewAreNotFound() {
        assertThat(ok("/api/videos/" + v3.id() + "/", t1).get("id").asText()).isEqualTo(v3.id());
        assertThat(ok("/api/videos/" + v1.id() + "/", schoolAdmin).get("id").asText()).isEqualTo(v1.id());
        assertThat(ok("/api/videos/" + v1.id() + "/", admin).get("id").asText()).isEqualTo(v1.id());
        assertNotFound("/api/videos/" + v4.id() + "/", t1, NO_VIDEO);       // a colleague's pending video
        assertNotFound("/api/videos/" + vb1.id() + "/", t1, NO_VIDEO);      // published, other school
        assertNotFound("/api/videos/" + vb3.id() + "/", t1, NO_VIDEO);      // own, but in another school
        assertNotFound("/api/videos/" + vb1.id() + "/", admin, NO_VIDEO);   // admins too see their school only
        assertNotFound("/api/videos/" + v8.id() + "/", t1, NO_VIDEO);       // deleted
        assertNotFound("/api/videos/" + r1.id() + "/", t1, NO_VIDEO);       // a resource is not a video
        assertNotFound("/api/resources/" + v1.id() + "/", t1, NO_RESOURCE);
        assertNotFound("/api/resources/" + r3.id() + "/", t1, NO_RESOURCE);
        assertNotFound("/api/videos/not-a-uuid/", t1, NOT_FOUND);
        assertNotFound("/api/videos/12345/", t1, NOT_FOUND);
        assertNotFound("/api/resources/" + r1.id() + "0/", t1, NOT_FOUND);
        // Django's UUID lookup also takes the 32 hex digits without hyphens, in any case
        String plain = v3.id().replace("-", "").toUpperCase();
        assertThat(ok("/api/videos/" + plain + "/", t1).get("id").asText()).isEqualTo(v3.id());
    }

    @Test
    void aVideoIsTheContractsVideo() {
        JsonNode video = ok("/api/videos/" + v3.id() + "/", t1);
        assertThat(fieldNames(video)).isEqualTo(VIDEO_FIELDS);
        assertThat(video.get("title").asText()).isEqualTo("Word Problem Warmup");
        assertThat(video.get("description").asText()).isEqualTo("Short stories to solve.");
        assertThat(video.get("grade").asText()).isEqualTo("3");
        assertThat(video.get("grade_display").asText()).isEqualTo("Grade 3");
        assertThat(video.get("topic").asText()).isEqualTo("word_problems");
        assertThat(video.get("topic_display").asText()).isEqualTo("Word Problems");
        assertThat(video.get("tags").toString()).isEqualTo("[\"" + tag + "\",\"warmup\",\"Team Game\"]");
        assertThat(video.get("duration").asInt()).isEqualTo(300);
        assertThat(video.get("duration_formatted").asText()).isEqualTo("05:00");
        assertThat(video.get("file_size").asLong()).isEqualTo(5_000_000L);
        assertThat(video.get("file_size_formatted").asText()).isEqualTo("4.8 MB");
        assertThat(video.get("storage_uri").asText()).startsWith("https://storage.example.edu/videos/");
        assertThat(video.get("thumbnail_uri").asText()).isEqualTo("https://storage.example.edu/thumbs/19.png");
        assertThat(video.get("owner").asLong()).isEqualTo(t2.id());
        assertThat(video.get("owner_name").asText()).isEqualTo("Test TEACHER");
        assertThat(video.get("school").asLong()).isEqualTo(schoolA);
        assertThat(video.get("school_name").asText()).startsWith("School content-a-");
        assertThat(video.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(video.get("status_display").asText()).isEqualTo("Published");
        assertThat(video.get("created_at").asText()).isEqualTo(datetime(minutes(45)));
        assertThat(video.get("updated_at").asText()).isEqualTo(datetime(minutes(35)));

        JsonNode unknown = ok("/api/videos/" + v1.id() + "/", t1);
        assertThat(unknown.get("duration").isNull()).isTrue();
        assertThat(unknown.get("duration_formatted").asText()).isEqualTo("Unknown");
        assertThat(unknown.get("file_size").isNull()).isTrue();
        assertThat(unknown.get("file_size_formatted").asText()).isEqualTo("Unknown");
        assertThat(unknown.get("grade_display").asText()).isEqualTo("Kindergarten");
        assertThat(unknown.get("status_display").asText()).isEqualTo("Draft");
        assertThat(ok("/api/videos/" + v5.id() + "/", t2).get("file_size_formatted").asText()).isEqualTo("3.0 GB");
        assertThat(ok("/api/videos/" + v4.id() + "/", t2).get("file_size_formatted").asText()).isEqualTo("0.7 KB");
        assertThat(ok("/api/videos/" + v4.id() + "/", t2).get("status_display").asText()).isEqualTo("Pending Review");
        assertThat(ok("/api/videos/" + v7.id() + "/", t2).get("duration_formatted").asText()).isEqualTo("10:00");
    }

    @Test
    void aResourceIsTheContractsResource() {
        JsonNode resource = ok("/api/resources/" + r2.id() + "/", t1);
        assertThat(fieldNames(resource)).isEqualTo(RESOURCE_FIELDS);
        assertThat(resource.get("file_uri").asText()).startsWith("https://storage.example.edu/resources/");
        assertThat(resource.get("file_type").asText()).isEqualTo("docx");
        assertThat(resource.get("file_type_display").asText()).isEqualTo("Word Document (DOCX)");
        assertThat(resource.get("file_size_formatted").asText()).isEqualTo("1.5 KB");
        assertThat(resource.get("grade_display").asText()).isEqualTo("Grade 3");
        assertThat(resource.get("topic_display").asText()).isEqualTo("Number Line");
        assertThat(resource.get("owner_name").asText()).isEqualTo("Test TEACHER");
        assertThat(resource.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(resource.get("created_at").asText()).isEqualTo(datetime(minutes(45)));
        assertThat(resource.get("updated_at").asText()).isEqualTo(datetime(minutes(43)));

        JsonNode blank = ok("/api/resources/" + r1.id() + "/", t1);
        assertThat(blank.get("grade").asText()).isEmpty();
        assertThat(blank.get("grade_display").asText()).isEmpty();
        assertThat(blank.get("topic_display").asText()).isEmpty();
        assertThat(blank.get("file_type_display").asText()).isEqualTo("PDF Document");
        assertThat(blank.get("file_size_formatted").asText()).isEqualTo("500 B");
        assertThat(ok("/api/resources/" + r4.id() + "/", t2).get("file_size_formatted").asText()).isEqualTo("2.9 MB");
        assertThat(ok("/api/resources/" + r3.id() + "/", t2).get("file_type_display").asText()).isEqualTo("Image File");
    }

    @Test
    void listingsFilterByGradeTopicStatusOwnerAndFileType() {
        assertThat(ids(ok("/api/videos/?grade=3", schoolAdmin))).isEqualTo(idsOf(v3, v2));
        assertThat(ids(ok("/api/videos/?topic=number_line", schoolAdmin))).isEqualTo(idsOf(v7, v4, v2));
        assertThat(ids(ok("/api/videos/?status=PENDING", schoolAdmin))).isEqualTo(idsOf(v4, v2));
        assertThat(ids(ok("/api/videos/?owner=" + t1.id(), schoolAdmin))).isEqualTo(idsOf(v2, v1, v6));
        assertThat(ids(ok("/api/videos/?grade=5&topic=number_line", schoolAdmin))).isEqualTo(idsOf(v4));
        assertThat(ids(ok("/api/videos/?grade=&status=", schoolAdmin))).hasSize(7);   // blank = no filter
        assertThat(ids(ok("/api/videos/?status=DRAFT", t1))).isEqualTo(idsOf(v1));
        assertThat(ids(ok("/api/videos/?owner=" + t2.id(), t1))).isEqualTo(idsOf(v3));
        assertThat(ok("/api/videos/?owner=" + tb.id(), schoolAdmin).get("count").asLong()).isZero();

        assertThat(ids(ok("/api/resources/?file_type=pdf", schoolAdmin))).isEqualTo(idsOf(r1));
        assertThat(ids(ok("/api/resources/?grade=5", schoolAdmin))).isEqualTo(idsOf(r4, r3));
        assertThat(ids(ok("/api/resources/?topic=number_line&status=PUBLISHED", schoolAdmin))).isEqualTo(idsOf(r2));
        assertThat(ids(ok("/api/resources/?owner=" + t2.id() + "&file_type=image", schoolAdmin)))
                .isEqualTo(idsOf(r3));
    }

    @Test
    void invalidFilterValuesAreRefusedWithDjangoFiltersMessages() {
        assertBadRequest("/api/videos/?grade=9",
                "{\"grade\":[\"Select a valid choice. 9 is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?topic=algebra",
                "{\"topic\":[\"Select a valid choice. algebra is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?status=DONE&grade=9", "{\"grade\":[\"Select a valid choice. 9 is not one of "
                + "the available choices.\"],\"status\":[\"Select a valid choice. DONE is not one of the available "
                + "choices.\"]}");
        String owner = "{\"owner\":[\"Select a valid choice. That choice is not one of the available choices.\"]}";
        assertBadRequest("/api/videos/?owner=987654321", owner);
        assertBadRequest("/api/videos/?owner=abc", owner);
        assertBadRequest("/api/resources/?owner=-1", owner);
        assertBadRequest("/api/resources/?file_type=exe",
                "{\"file_type\":[\"Select a valid choice. exe is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?file_type=exe&status=draft",
                "{\"status\":[\"Select a valid choice. draft is not one of the available choices.\"]}");
        assertBadRequest("/api/approval/videos/?grade=13",
                "{\"grade\":[\"Select a valid choice. 13 is not one of the available choices.\"]}");
    }

    @Test
    void searchMatchesTitleDescriptionAndTagsCaseInsensitivelyEveryTermRequired() {
        assertThat(ids(ok("/api/videos/?search=FRACTIONS", schoolAdmin))).isEqualTo(idsOf(v4, v1));
        assertThat(ids(ok("/api/videos/?search=court", schoolAdmin))).isEqualTo(idsOf(v7, v2));    // descriptions
        assertThat(ids(ok("/api/videos/?search=team%20game", schoolAdmin))).isEqualTo(idsOf(v3));  // a tag
        assertThat(ids(ok("/api/videos/?search=line,jumps", schoolAdmin))).isEqualTo(idsOf(v2));
        assertThat(ids(ok("/api/videos/?search=50%25", schoolAdmin))).isEqualTo(idsOf(v5));        // % is literal
        assertThat(ok("/api/videos/?search=_", schoolAdmin).get("count").asLong()).isZero();        // _ too
        assertThat(ids(ok("/api/videos/?search=fractions", t2))).isEqualTo(idsOf(v4));              // within view
        assertThat(ids(ok("/api/resources/?search=strips", t1))).isEqualTo(idsOf(r1));
        assertThat(ids(ok("/api/videos/?search=%20", schoolAdmin))).hasSize(7);
    }

    @Test
    void orderingNamesAColumnOrSeveralAndUnknownOnesAreRefused() {
        assertThat(ids(ok("/api/videos/?ordering=title", schoolAdmin))).isEqualTo(idsOf(v5, v7, v1, v2, v4, v6, v3));
        assertThat(ids(ok("/api/videos/?ordering=-title", schoolAdmin))).isEqualTo(idsOf(v3, v6, v4, v2, v1, v7, v5));
        assertThat(ids(ok("/api/videos/?ordering=duration", schoolAdmin))).isEqualTo(idsOf(v5, v1, v6, v4, v2, v3, v7));
        assertThat(ids(ok("/api/videos/?ordering=-duration", schoolAdmin)))
                .isEqualTo(idsOf(v7, v3, v2, v4, v6, v5, v1));
        assertThat(ids(ok("/api/videos/?ordering=grade,-created_at", schoolAdmin)))
                .isEqualTo(idsOf(v3, v2, v5, v4, v6, v7, v1));
        assertThat(ids(ok("/api/videos/?ordering=created_at", schoolAdmin)))
                .isEqualTo(idsOf(v6, v1, v2, v3, v4, v5, v7));
        assertThat(ids(ok("/api/videos/?ordering=-updated_at", t1))).isEqualTo(idsOf(v3, v2, v1, v6));
        assertThat(ids(ok("/api/resources/?ordering=-file_size", schoolAdmin))).isEqualTo(idsOf(r4, r2, r1, r3));
        assertThat(ids(ok("/api/resources/?ordering=file_type", schoolAdmin))).isEqualTo(idsOf(r2, r3, r1, r4));
        assertThat(ids(ok("/api/approval/videos/?ordering=status,title", schoolAdmin)))
                .isEqualTo(idsOf(v7, v1, v2, v4, v6, v3, v5));

        assertBadRequest("/api/videos/?ordering=bogus",
                "{\"ordering\":[\"Select a valid choice. bogus is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?ordering=title,-nope",
                "{\"ordering\":[\"Select a valid choice. title,-nope is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?ordering=file_type",
                "{\"ordering\":[\"Select a valid choice. file_type is not one of the available choices.\"]}");
        assertBadRequest("/api/resources/?ordering=duration",
                "{\"ordering\":[\"Select a valid choice. duration is not one of the available choices.\"]}");
        assertBadRequest("/api/videos/?ordering=submitted_at",
                "{\"ordering\":[\"Select a valid choice. submitted_at is not one of the available choices.\"]}");
    }

    @Test
    void reviewQueuesAreSchoolAdminsOwnSchoolAndAdminsEverySchoolNewestSubmissionFirst() {
        assertThat(ids(ok("/api/approval/videos/", schoolAdmin))).isEqualTo(idsOf(v5, v4, v3, v2, v6, v7, v1));
        assertThat(ids(ok("/api/approval/videos/", schoolAdminB))).isEqualTo(idsOf(vb3, vb1, vb2));
        assertThat(ids(ok("/api/approval/videos/?search=" + tag, admin)))
                .isEqualTo(idsOf(v5, v4, vb3, vb1, v3, v2, v6, v7, vb2, v1));
        assertThat(ids(ok("/api/approval/videos/?status=REJECTED&search=" + tag, admin))).isEqualTo(idsOf(v5, vb3));
        assertThat(ids(ok("/api/approval/videos/?owner=" + t1.id(), schoolAdmin))).isEqualTo(idsOf(v2, v6, v1));
        assertThat(ids(ok("/api/approval/resources/", schoolAdmin))).isEqualTo(idsOf(r4, r2, r3, r1));

        assertThat(ids(ok("/api/approval/videos/pending/", schoolAdmin))).isEqualTo(idsOf(v4, v2));
        assertThat(ids(ok("/api/approval/videos/pending/?grade=3", schoolAdmin))).isEqualTo(idsOf(v2));
        assertThat(ok("/api/approval/videos/pending/?status=DRAFT", schoolAdmin).get("count").asLong()).isZero();
        assertThat(ids(ok("/api/approval/videos/pending/?search=" + tag, admin))).isEqualTo(idsOf(v4, v2));
        assertThat(ok("/api/approval/videos/pending/", schoolAdminB).get("count").asLong()).isZero();
        assertThat(ids(ok("/api/approval/resources/pending/", schoolAdmin))).isEqualTo(idsOf(r4));

        assertThat(fieldNames(ok("/api/approval/videos/" + v1.id() + "/", schoolAdmin))).isEqualTo(VIDEO_FIELDS);
        assertThat(ok("/api/approval/videos/" + vb3.id() + "/", admin).get("owner").asLong()).isEqualTo(t1.id());
        assertThat(fieldNames(ok("/api/approval/resources/" + r3.id() + "/", schoolAdmin)))
                .isEqualTo(RESOURCE_FIELDS);
        assertNotFound("/api/approval/videos/" + vb1.id() + "/", schoolAdmin, NO_VIDEO);
        assertNotFound("/api/approval/videos/" + r1.id() + "/", schoolAdmin, NO_VIDEO);
        assertNotFound("/api/approval/resources/" + r1.id() + "/", schoolAdminB, NO_RESOURCE);
        assertNotFound("/api/approval/videos/nope/", admin, NOT_FOUND);
    }

    @Test
    void teachersMayNotReadReviewQueues() {
        for (String path : List.of("/api/approval/videos/", "/api/approval/videos/pending/",
                "/api/approval/videos/approval_stats/", "/api/approval/videos/" + v1.id() + "/",
                "/api/approval/resources/", "/api/approval/resources/pending/",
                "/api/approval/resources/approval_stats/", "/api/approval/resources/" + r1.id() + "/")) {
            Api.Response refused = get(path, t1);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.text()).isEqualTo(FORBIDDEN);
        }
    }

    @Test
    void approvalResourcesAreReadOnly() {
        for (String path : List.of("/api/approval/videos/", "/api/approval/videos/" + v1.id() + "/",
                "/api/approval/resources/", "/api/approval/resources/" + r1.id() + "/")) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                Api.Request request = switch (method) {
                    case "POST" -> api().post(path, "{\"title\": \"x\"}");
                    case "PUT" -> api().put(path, "{\"title\": \"x\"}");
                    case "PATCH" -> api().patch(path, "{\"title\": \"x\"}");
                    default -> api().delete(path);
                };
                Api.Response refused = request.token(schoolAdmin.token()).send();
                assertThat(refused.status()).as(method + " " + path).isEqualTo(405);
                assertThat(refused.text()).isEqualTo("{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}");
            }
        }
        assertThat(ok("/api/videos/" + v1.id() + "/", schoolAdmin).get("title").asText())
                .isEqualTo("Intro to Fractions");
    }

    @Test
    void approvalStatsCountTheCallersReviewScope() {
        JsonNode school = ok("/api/approval/videos/approval_stats/", schoolAdmin);
        assertThat(fieldNames(school)).containsExactly("status_breakdown", "recent_activity", "top_contributors",
                "generated_at");
        assertThat(school.get("status_breakdown").toString()).isEqualTo("{\"total_content\":7,\"draft_count\":2,"
                + "\"pending_count\":2,\"published_count\":2,\"rejected_count\":1}");
        assertThat(school.get("recent_activity").toString())
                .isEqualTo("{\"recent_submissions\":4,\"recent_approvals\":1,\"recent_rejections\":1}");
        assertThat(school.get("top_contributors").toString()).isEqualTo("[" + contributor(t2, 3) + ","
                + contributor(t1, 2) + "]");
        assertThat(school.get("generated_at").asText()).matches(GENERATED_AT);

        JsonNode other = ok("/api/approval/videos/approval_stats/", schoolAdminB);
        assertThat(other.get("status_breakdown").toString()).isEqualTo("{\"total_content\":3,\"draft_count\":1,"
                + "\"pending_count\":0,\"published_count\":1,\"rejected_count\":1}");
        assertThat(other.get("recent_activity").toString())
                .isEqualTo("{\"recent_submissions\":2,\"recent_approvals\":1,\"recent_rejections\":1}");
        // t1 submitted vb3 in school B while teaching there; its school is now A
        List<String> names = new ArrayList<>();
        other.get("top_contributors").forEach(c -> names.add(c.get("username").asText() + ":"
                + c.get("submission_count").asLong() + ":" + c.get("school").asText()));
        assertThat(names).containsExactlyInAnyOrder(tb.uid() + ":1:" + schoolName(schoolB),
                t1.uid() + ":1:" + schoolName(schoolA));

        JsonNode resources = ok("/api/approval/resources/approval_stats/", schoolAdmin);
        assertThat(resources.get("status_breakdown").toString()).isEqualTo("{\"total_content\":4,\"draft_count\":2,"
                + "\"pending_count\":1,\"published_count\":1,\"rejected_count\":0}");
        assertThat(resources.get("top_contributors").toString()).isEqualTo("[" + contributor(t2, 2) + "]");

        JsonNode everywhere = ok("/api/approval/videos/approval_stats/", admin);
        Long allVideos = jdbc.queryForObject("SELECT count(*) FROM content_view WHERE kind = 'video'", Long.class);
        assertThat(everywhere.at("/status_breakdown/total_content").asLong()).isEqualTo(allVideos)
                .isGreaterThanOrEqualTo(10);
    }

    @Test
    void myContentStatusCoversTheCallersOwnVideosInEverySchool() {
        JsonNode mine = ok("/api/approval/my-content-status/", t2);
        assertThat(fieldNames(mine)).containsExactly("status_breakdown", "recent_activity", "pending_items",
                "recently_rejected", "generated_at");
        assertThat(mine.get("status_breakdown").toString()).isEqualTo("{\"total_content\":4,\"draft_count\":1,"
                + "\"pending_count\":1,\"published_count\":1,\"rejected_count\":1}");
        assertThat(mine.get("recent_activity").toString()).isEqualTo("{\"recent_submissions\":3,\"recent_reviews\":2}");
        assertThat(ids(pageOf(mine.get("pending_items")))).isEqualTo(idsOf(v4));
        assertThat(fieldNames(mine.get("pending_items").get(0))).isEqualTo(VIDEO_FIELDS);
        JsonNode rejected = mine.get("recently_rejected").get(0);
        List<String> rejectedFields = new ArrayList<>(VIDEO_FIELDS);
        rejectedFields.addAll(List.of("rejection_reason", "reviewed_by_name"));
        assertThat(fieldNames(rejected)).isEqualTo(rejectedFields);
        assertThat(rejected.get("id").asText()).isEqualTo(v5.id());
        assertThat(rejected.get("rejection_reason").asText()).isEqualTo("Audio is missing in part two");
        assertThat(rejected.get("reviewed_by_name").asText()).isEqualTo("Test SCHOOL_ADMIN");
        assertThat(mine.get("generated_at").asText()).matches(GENERATED_AT);

        JsonNode other = ok("/api/approval/my-content-status/", t1);
        assertThat(other.get("status_breakdown").toString()).isEqualTo("{\"total_content\":4,\"draft_count\":1,"
                + "\"pending_count\":1,\"published_count\":1,\"rejected_count\":1}");
        assertThat(other.get("recent_activity").toString()).isEqualTo("{\"recent_submissions\":2,\"recent_reviews\":1}");
        assertThat(ids(pageOf(other.get("pending_items")))).isEqualTo(idsOf(v2));
        JsonNode elsewhere = other.get("recently_rejected").get(0);
        assertThat(elsewhere.get("id").asText()).isEqualTo(vb3.id());
        assertThat(elsewhere.get("school").asLong()).isEqualTo(schoolB);
        assertThat(elsewhere.get("rejection_reason").asText()).isEqualTo("Not for this school.");
        assertThat(elsewhere.get("reviewed_by_name").isNull()).isTrue();

        JsonNode none = ok("/api/approval/my-content-status/", schoolAdmin);
        assertThat(none.get("status_breakdown").toString()).isEqualTo("{\"total_content\":0,\"draft_count\":0,"
                + "\"pending_count\":0,\"published_count\":0,\"rejected_count\":0}");
        assertThat(none.get("pending_items").size()).isZero();
        assertThat(none.get("recently_rejected").size()).isZero();
    }

    @Test
    void listingsPageByTwentyWithAbsoluteLinks() {
        long school = school(unique("content-pages") + ".edu");
        Account teacher = account(Role.TEACHER, school);
        Instant start = now().minus(Duration.ofHours(2));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(create(ContentKind.VIDEO, teacher, school, video("Page item " + i, "", "1", "number_line",
                    List.of(), null, null), start.plusSeconds(i)));
        }
        awaitProjections();
        String base = "http://127.0.0.1:" + port;

        JsonNode first = ok("/api/videos/", teacher);
        assertThat(fieldNames(first)).isEqualTo(PAGE_FIELDS);
        assertThat(first.get("count").asLong()).isEqualTo(25);
        assertThat(first.get("next").asText()).isEqualTo(base + "/api/videos/?page=2");
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(ids(first)).hasSize(20).startsWith(items.get(24).id());

        JsonNode second = ok("/api/videos/?status=DRAFT&page=2", teacher);
        assertThat(ids(second)).isEqualTo(idsOf(items.get(4), items.get(3), items.get(2), items.get(1), items.get(0)));
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.get("previous").asText()).isEqualTo(base + "/api/videos/?status=DRAFT");
        assertThat(ids(ok("/api/videos/?page=last", teacher))).hasSize(5);

        for (String page : List.of("3", "0", "-1", "x")) {
            Api.Response invalid = get("/api/videos/?page=" + page, teacher);
            assertThat(invalid.status()).as(page).isEqualTo(404);
            assertThat(invalid.text()).isEqualTo(INVALID_PAGE);
        }
        JsonNode empty = ok("/api/resources/", teacher);
        assertThat(empty.toString()).isEqualTo("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}");
        assertThat(ok("/api/videos/?page_size=5", teacher).get("results").size()).isEqualTo(20);
    }

    private String contributor(Account account, long submissions) {
        return "{\"name\":\"Test TEACHER\",\"username\":\"" + account.uid() + "\",\"submission_count\":" + submissions
                + ",\"school\":\"" + schoolName(account.school()) + "\"}";
    }

    private String schoolName(long schoolId) {
        return jdbc.queryForObject("SELECT name FROM school_view WHERE id = ?", String.class, schoolId);
    }

    private void assertNotFound(String path, Account caller, String body) {
        Api.Response response = get(path, caller);
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.text()).isEqualTo(body);
    }

    private void assertBadRequest(String path, String body) {
        Api.Response response = get(path, schoolAdmin);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.text()).isEqualTo(body);
    }

    /** A plain list of items wrapped like a page, for {@link #ids(JsonNode)}. */
    private static JsonNode pageOf(JsonNode list) {
        return JsonNodeFactory.instance.objectNode().set("results", list);
    }

    private Instant minutes(int minutes) {
        return t.minus(Duration.ofMinutes(minutes));
    }

    private Instant ago(Duration duration) {
        return t.minus(duration);
    }
}
