package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit API: who may read what, each filter, cursor pages, one aggregate's history and its state
 * at a past moment, and the runbook's checks ("who changed this video and when", failed logins in
 * 24 h, security monitoring) as audit calls.
 */
class AuditApiIT extends AuditApiSupport {
    private long home;
    private long elsewhere;
    private Account admin;
    private Account auditor;
    private Account teacher;
    private Account schoolAdmin;
    private Account otherSchoolAdmin;
    private UUID videoId;
    private String video;
    private Instant created;
    private Instant changed;
    private Instant submitted;
    private Instant approved;
    private List<Long> positions;

    @BeforeEach
    void videoWithAHistory() {
        home = school(unique("audit") + ".edu");
        elsewhere = school(unique("audit-other") + ".edu");
        admin = account(Role.ADMIN, elsewhere);
        auditor = account(Role.AUDITOR, elsewhere);
        teacher = account(Role.TEACHER, home);
        schoolAdmin = account(Role.SCHOOL_ADMIN, home);
        otherSchoolAdmin = account(Role.SCHOOL_ADMIN, elsewhere);
        videoId = UUID.randomUUID();
        video = videoAggregate(videoId);
        Instant start = now().minus(Duration.ofMinutes(10));
        created = start;
        changed = start.plusSeconds(60);
        submitted = start.plusSeconds(120);
        approved = start.plusSeconds(180);
        positions = List.of(
                position(append(video, 0, new ContentCreated(videoId, ContentKind.VIDEO, teacher.id(), home,
                        video("Halves"), "videos/" + home + "/" + videoId), teacher, created)),
                position(append(video, 1, new ContentDetailsChanged(videoId, ContentKind.VIDEO,
                        video("Halves and quarters")), teacher, changed)),
                position(append(video, 2, new ContentSubmittedForReview(videoId, ContentKind.VIDEO,
                        "Halves and quarters", teacher.id()), teacher, submitted)),
                position(append(video, 3, new ContentApproved(videoId, ContentKind.VIDEO, "Halves and quarters",
                        teacher.id(), admin.id(), "Clear"), admin, approved)));
        awaitProjections();
    }

    @Test
    void an_item_names_its_action_event_actor_aggregate_origin_and_payload() {
        JsonNode page = ok("/api/audit/events/?aggregate_id=" + video, auditor);
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("next_after_position").isNull()).isTrue();
        JsonNode results = page.get("results");
        assertThat(texts(results, "action")).containsExactly("CONTENT_CREATED", "CONTENT_UPDATED",
                "CONTENT_SUBMITTED", "CONTENT_APPROVED");
        assertThat(texts(results, "event_type")).containsExactly("ContentCreated", "ContentDetailsChanged",
                "ContentSubmittedForReview", "ContentApproved");
        assertThat(texts(results, "position")).containsExactlyElementsOf(positions.stream().map(String::valueOf)
                .toList());
        JsonNode approval = results.get(3);
        assertThat(fieldNames(approval)).containsExactly("position", "timestamp", "action", "event_type", "actor",
                "aggregate", "ip_address", "user_agent", "correlation_id", "payload");
        assertThat(approval.get("timestamp").asText()).isEqualTo(approved.toString());
        assertThat(approval.get("actor").toString()).isEqualTo("{\"id\":" + admin.id() + ",\"uid\":\""
                + admin.uid() + "\",\"role\":\"ADMIN\",\"school\":" + elsewhere + "}");
        assertThat(approval.get("aggregate").toString()).isEqualTo("{\"type\":\"ContentItem\",\"id\":\"" + video
                + "\",\"sequence\":3}");
        assertThat(approval.get("ip_address").asText()).isEqualTo("203.0.113.7");
        assertThat(approval.get("user_agent").asText()).isEqualTo("audit-it");
        assertThat(approval.get("correlation_id").asText()).startsWith("corr-");
        assertThat(approval.get("payload").toString()).isEqualTo("{\"contentId\":\"" + videoId
                + "\",\"kind\":\"VIDEO\",\"title\":\"Halves and quarters\",\"ownerId\":" + teacher.id()
                + ",\"reviewerId\":" + admin.id() + ",\"notes\":\"Clear\"}");
    }

    @Test
    void who_changed_this_video_and_when() {
        JsonNode results = ok("/api/audit/events/?aggregate_id=" + video + "&action=CONTENT_UPDATED", admin)
                .get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("actor").get("id").asLong()).isEqualTo(teacher.id());
        assertThat(results.get(0).get("actor").get("uid").asText()).isEqualTo(teacher.uid());
        assertThat(results.get(0).get("timestamp").asText()).isEqualTo(changed.toString());
        assertThat(results.get(0).get("payload").get("details").get("title").asText())
                .isEqualTo("Halves and quarters");
    }

    @Test
    void filters_by_actor_id_or_uid_school_type_and_time() {
        String base = "/api/audit/events/?aggregate_id=" + video;
        assertThat(texts(ok(base + "&actor=" + admin.id(), auditor).get("results"), "action"))
                .containsExactly("CONTENT_APPROVED");
        assertThat(texts(ok(base + "&actor=" + teacher.uid(), auditor).get("results"), "action"))
                .containsExactly("CONTENT_CREATED", "CONTENT_UPDATED", "CONTENT_SUBMITTED");
        assertThat(texts(ok(base + "&school=" + elsewhere, auditor).get("results"), "action"))
                .containsExactly("CONTENT_APPROVED");
        assertThat(texts(ok(base + "&event_type=ContentSubmittedForReview&aggregate_type=ContentItem", auditor)
                .get("results"), "action")).containsExactly("CONTENT_SUBMITTED");
        assertThat(texts(ok(base + "&from=" + changed + "&to=" + submitted, auditor).get("results"), "action"))
                .containsExactly("CONTENT_UPDATED", "CONTENT_SUBMITTED");
        assertThat(ok(base + "&actor=" + schoolAdmin.uid(), auditor).get("results")).isEmpty();
    }

    @Test
    void pages_follow_the_position_cursor() {
        String base = "/api/audit/events/?aggregate_id=" + video + "&limit=3";
        JsonNode first = ok(base, admin);
        assertThat(texts(first.get("results"), "position")).containsExactly(String.valueOf(positions.get(0)),
                String.valueOf(positions.get(1)), String.valueOf(positions.get(2)));
        assertThat(first.get("next_after_position").asLong()).isEqualTo(positions.get(2));
        assertThat(first.get("next").asText()).endsWith("/api/audit/events/?aggregate_id=" + video
                + "&limit=3&after_position=" + positions.get(2));
        JsonNode second = ok(base + "&after_position=" + positions.get(2), admin);
        assertThat(texts(second.get("results"), "action")).containsExactly("CONTENT_APPROVED");
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void school_admins_see_only_their_school_and_teachers_nothing() {
        assertThat(texts(ok("/api/audit/events/?aggregate_id=" + video, schoolAdmin).get("results"), "action"))
                .as("the approval was by an admin of another school").containsExactly("CONTENT_CREATED",
                        "CONTENT_UPDATED", "CONTENT_SUBMITTED");
        assertThat(ok("/api/audit/events/?aggregate_id=" + video, otherSchoolAdmin).get("results").size())
                .isEqualTo(1);
        Api.Response otherSchool = get("/api/audit/events/?school=" + elsewhere, schoolAdmin);
        assertThat(otherSchool.status()).isEqualTo(403);
        assertThat(otherSchool.text()).isEqualTo("{\"error\":\"School admins see only their own school's events\"}");

        assertThat(ok("/api/audit/aggregates/ContentItem/" + video + "/history/", schoolAdmin)).hasSize(4);
        Api.Response foreignHistory = get("/api/audit/aggregates/ContentItem/" + video + "/history/",
                otherSchoolAdmin);
        assertThat(foreignHistory.status()).isEqualTo(404);
        assertThat(get("/api/audit/aggregates/ContentItem/" + video + "/state/", otherSchoolAdmin).status())
                .isEqualTo(404);
        assertThat(get("/api/audit/verify/", schoolAdmin).status()).isEqualTo(403);

        for (String path : List.of("/api/audit/events/", "/api/audit/events/export/", "/api/audit/verify/",
                "/api/audit/aggregates/ContentItem/" + video + "/history/")) {
            Api.Response refused = get(path, teacher);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.text()).isEqualTo("{\"detail\":\"You do not have permission to perform this action.\"}");
            assertThat(api().get(path).send().status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void bad_filters_are_one_400_naming_each() {
        Api.Response bad = get("/api/audit/events/?action=content_updated&school=abc&from=yesterday"
                + "&after_position=-1&aggregate_type=Content-Item", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).isEqualTo("{\"action\":[\"Enter an audit action code such as CONTENT_APPROVED.\"],"
                + "\"aggregate_type\":[\"Enter an aggregate type name such as ContentItem.\"],"
                + "\"school\":[\"A valid integer is required.\"],"
                + "\"from\":[\"Enter an ISO-8601 time with a zone, e.g. 2026-01-31T12:00:00Z.\"],"
                + "\"after_position\":[\"A valid integer is required.\"]}");
        Api.Response limit = get("/api/audit/events/?limit=0", admin);
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.text()).isEqualTo("{\"limit\":[\"Ensure this value is an integer from 1 to 1000.\"]}");
        Api.Response backwards = get("/api/audit/events/?from=" + approved + "&to=" + created, admin);
        assertThat(backwards.text()).isEqualTo("{\"to\":[\"Must not be before from.\"]}");
        Api.Response format = get("/api/audit/events/export/?format=xml", admin);
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.text()).isEqualTo("{\"format\":[\"Select a valid choice: ndjson or csv.\"]}");
        Api.Response at = get("/api/audit/aggregates/ContentItem/" + video + "/state/?at=noon", admin);
        assertThat(at.status()).isEqualTo(400);
        assertThat(at.text()).isEqualTo("{\"at\":[\"Enter an ISO-8601 time with a zone, e.g. 2026-01-31T12:00:00Z.\"]}");
        Api.Response range = get("/api/audit/verify/?from=5&to=2", admin);
        assertThat(range.text()).isEqualTo("{\"to\":[\"Must not be below from.\"]}");
        assertThat(get("/api/audit/verify/?from=zero", admin).text())
                .isEqualTo("{\"from\":[\"Enter a positive event position.\"]}");
    }

    @Test
    void history_lists_every_event_of_one_aggregate_in_order() {
        JsonNode history = ok("/api/audit/aggregates/ContentItem/" + video + "/history/", auditor);
        assertThat(texts(history, "aggregate", "sequence")).containsExactly("0", "1", "2", "3");
        assertThat(texts(history, "action")).containsExactly("CONTENT_CREATED", "CONTENT_UPDATED",
                "CONTENT_SUBMITTED", "CONTENT_APPROVED");
        assertThat(get("/api/audit/aggregates/ContentItem/video-" + UUID.randomUUID() + "/history/", admin).text())
                .isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(get("/api/audit/aggregates/Playlist/" + video + "/history/", admin).status()).isEqualTo(404);
    }

    @Test
    void state_at_a_moment_replays_the_events_up_to_it() {
        String path = "/api/audit/aggregates/ContentItem/" + video + "/state/?at=";
        JsonNode draft = ok(path + changed.plusSeconds(1), auditor);
        assertThat(draft.get("aggregate").toString()).isEqualTo("{\"type\":\"ContentItem\",\"id\":\"" + video
                + "\"}");
        assertThat(draft.get("at").asText()).isEqualTo(changed.plusSeconds(1).toString());
        assertThat(draft.get("sequence").asLong()).isEqualTo(1);
        assertThat(draft.get("event_count").asInt()).isEqualTo(2);
        assertThat(draft.get("last_event_at").asText()).isEqualTo(changed.toString());
        assertThat(draft.get("deleted").asBoolean()).isFalse();
        assertThat(draft.get("state").get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("state").get("details").get("title").asText()).isEqualTo("Halves and quarters");
        assertThat(draft.get("state").get("reviewedBy").isNull()).isTrue();

        JsonNode created = ok(path + this.created, auditor);
        assertThat(created.get("state").get("details").get("title").asText()).isEqualTo("Halves");

        JsonNode now = ok("/api/audit/aggregates/ContentItem/" + video + "/state/", admin);
        assertThat(now.get("sequence").asLong()).isEqualTo(3);
        assertThat(now.get("state").get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(now.get("state").get("reviewedBy").asLong()).isEqualTo(admin.id());

        assertThat(get(path + this.created.minusSeconds(1), admin).text()).isEqualTo("{\"detail\":\"Not found.\"}");
        Api.Response unknown = get("/api/audit/aggregates/Spaceship/" + video + "/state/", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("Unknown aggregate type.");
        assertThat(unknown.json().get("known_types").toString()).contains("\"ContentItem\"", "\"UserAccount\"");
    }

    @Test
    void exports_stream_ndjson_and_csv() {
        Api.Response ndjson = get("/api/audit/events/export/?aggregate_id=" + video, auditor);
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Type")).isEqualTo("application/x-ndjson;charset=UTF-8");
        assertThat(ndjson.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit-events.ndjson\"");
        List<String> lines = ndjson.text().lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode listed = ok("/api/audit/events/?aggregate_id=" + video, auditor).get("results");
        for (int i = 0; i < 4; i++) {
            assertThat(lines.get(i)).isEqualTo(listed.get(i).toString());
        }

        Api.Response csv = get("/api/audit/events/export/?format=csv&aggregate_id=" + video + "&action=CONTENT_APPROVED",
                auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.text().lines().toList()).containsExactly(
                "position,timestamp,action,event_type,actor_id,actor_uid,actor_role,actor_school,aggregate_type,"
                        + "aggregate_id,aggregate_sequence,ip_address,user_agent,correlation_id,payload",
                positions.get(3) + "," + approved + ",CONTENT_APPROVED,ContentApproved," + admin.id() + ","
                        + admin.uid() + ",ADMIN," + elsewhere + ",ContentItem," + video + ",3,203.0.113.7,audit-it,"
                        + listed.get(3).get("correlation_id").asText() + ",\"{\"\"contentId\"\":\"\"" + videoId
                        + "\"\",\"\"kind\"\":\"\"VIDEO\"\",\"\"title\"\":\"\"Halves and quarters\"\",\"\"ownerId\"\":"
                        + teacher.id() + ",\"\"reviewerId\"\":" + admin.id() + ",\"\"notes\"\":\"\"Clear\"\"}\"");
    }

    @Test
    void failed_logins_in_the_last_24_hours() {
        String marker = unique("audit-failed-login");
        Instant since = now().minus(Duration.ofHours(24));
        JsonNode failures = null;
        for (int attempt = 0; attempt < 30 && (failures == null || failures.isEmpty()); attempt++) {
            Api.Response refused = api().get("/api/me/").token("not-a-token").header("User-Agent", marker).send();
            assertThat(refused.status()).isEqualTo(401);
            awaitProjections();
            failures = stream(ok("/api/audit/events/?action=LOGIN_FAILED&from=" + since + "&limit=1000", auditor)
                    .get("results"), marker);
            if (failures.isEmpty()) {
                // failed logins are stored at most 20 a minute per client; the budget refills every 3 s
                sleep(3_100);
            }
        }
        assertThat(failures).hasSize(1);
        JsonNode failure = failures.get(0);
        assertThat(failure.get("event_type").asText()).isEqualTo("LoginFailed");
        assertThat(failure.get("ip_address").asText()).isEqualTo("127.0.0.1");
        assertThat(failure.get("actor").toString()).isEqualTo("{\"id\":null,\"uid\":null,\"role\":null,\"school\":null}");
        assertThat(failure.get("payload").toString()).isEqualTo("{\"reason\":\"Invalid Firebase token\",\"firebaseUid\":null}");
    }

    @Test
    void security_monitoring_lists_role_changes_by_actor() {
        Api.Response promoted = api().post("/api/admin/users/" + teacher.id() + "/change_role/",
                "{\"role\":\"SCHOOL_ADMIN\"}").token(admin.token()).send();
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        // the auditor reads another actor's write: read-your-writes does not cover it, the projection must catch up
        awaitProjections();
        JsonNode changes = ok("/api/audit/events/?action=USER_ROLE_CHANGED&actor=" + admin.uid(), auditor)
                .get("results");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("aggregate").get("id").asText()).isEqualTo("user-" + teacher.id());
        assertThat(changes.get(0).get("payload").toString()).isEqualTo("{\"userId\":" + teacher.id()
                + ",\"oldRole\":\"TEACHER\",\"newRole\":\"SCHOOL_ADMIN\"}");
        assertThat(changes.get(0).get("ip_address").asText()).isEqualTo("127.0.0.1");
    }

    private static JsonNode stream(JsonNode results, String userAgent) {
        ArrayNode matching = JsonNodeFactory.instance.arrayNode();
        results.forEach(item -> {
            if (userAgent.equals(item.get("user_agent").asText())) {
                matching.add(item);
            }
        });
        return matching;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
