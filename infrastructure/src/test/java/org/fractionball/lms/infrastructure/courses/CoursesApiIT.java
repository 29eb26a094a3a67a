package org.fractionball.lms.infrastructure.courses;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/courses/} end to end with real tokens per role: SCHOOL_ADMINs manage their school's
 * courses, ADMINs every course and the global ones, teachers read published ones; items must be
 * live; the draft → published → archived life; filters and pagination.
 */
class CoursesApiIT extends CourseApiSupport {
    private static long school;
    private static long otherSchool;
    private static Account admin;
    private static Account schoolAdmin;
    private static Account teacher;
    private static Account otherSchoolAdmin;
    private static Account otherTeacher;
    private static UUID relay;
    private static UUID clip;
    private static UUID sheet;
    private static UUID otherClip;

    @BeforeEach
    void accounts() {
        if (admin != null) {
            return;
        }
        school = school(unique("courses") + ".edu");
        otherSchool = school(unique("courses-other") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        teacher = account(Role.TEACHER, school);
        otherSchoolAdmin = account(Role.SCHOOL_ADMIN, otherSchool);
        otherTeacher = account(Role.TEACHER, otherSchool);
        relay = activity(admin, unique("Fraction Relay"));
        clip = video(teacher, "Relay walkthrough");
        sheet = resource(teacher, "Score card");
        otherClip = video(otherTeacher, "Other school's clip");
    }

    @Test
    void aSchoolAdminWritesPublishesAndArchivesACourseOfItsSchool() {
        String title = unique("Fraction Ball unit");
        Api.Response created = post("/api/courses/", fields("title", title, "description", "Sixteen lessons.",
                "grade_band", "3-5", "school", otherSchool, "items", List.of(item("activity", relay),
                        item("video", clip), item("resource", sheet))), schoolAdmin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Event-Position")).matches("\\d+");
        JsonNode course = created.json();
        String id = course.get("id").asText();
        assertThat(fieldNames(course)).containsExactlyElementsOf(COURSE_FIELDS);
        assertThat(course.get("school").asLong()).as("a SCHOOL_ADMIN's course is its school's").isEqualTo(school);
        assertThat(course.get("status").asText()).isEqualTo("draft");
        assertThat(course.get("grade_band").asText()).isEqualTo("3-5");
        assertThat(course.get("items").toString()).isEqualTo("[{\"position\":1,\"type\":\"activity\",\"id\":\""
                + relay + "\",\"title\":\"" + jdbc.queryForObject("SELECT title FROM activity_view WHERE id = ?",
                String.class, relay) + "\"},{\"position\":2,\"type\":\"video\",\"id\":\"" + clip
                + "\",\"title\":\"Relay walkthrough\"},{\"position\":3,\"type\":\"resource\",\"id\":\"" + sheet
                + "\",\"title\":\"Score card\"}]");
        assertThat(course.get("item_count").asInt()).isEqualTo(3);
        assertThat(course.get("created_by").asLong()).isEqualTo(schoolAdmin.id());
        assertThat(ok("/api/courses/" + id + "/", schoolAdmin)).as("read-your-writes, as answered").isEqualTo(course);
        assertThat(get("/api/courses/" + id + "/", teacher).text()).as("a draft is not the teachers'")
                .isEqualTo(NO_COURSE);

        Api.Response reordered = patch("/api/courses/" + id + "/", fields("items", List.of(item("resource", sheet),
                item("activity", relay))), schoolAdmin);
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(texts(reordered.json().get("items"), "id")).containsExactly(sheet.toString(), relay.toString());
        assertThat(reordered.json().get("title").asText()).isEqualTo(title);
        Api.Response incomplete = put("/api/courses/" + id + "/", fields("description", "x"), schoolAdmin);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.text()).isEqualTo("{\"title\":[\"This field is required.\"]}");
        Api.Response replaced = put("/api/courses/" + id + "/", fields("title", title + " v2"), schoolAdmin);
        assertThat(replaced.json().get("item_count").asInt()).as("PUT keeps what it does not name").isEqualTo(2);

        Api.Response published = post("/api/courses/" + id + "/publish/", null, schoolAdmin);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("status").asText()).isEqualTo("published");
        succeeds(post("/api/courses/" + id + "/publish/", null, schoolAdmin));
        // other readers than the writer see the write once the projection has it
        awaitProjections();
        assertThat(ok("/api/courses/" + id + "/", teacher).get("title").asText()).isEqualTo(title + " v2");
        assertThat(get("/api/courses/" + id + "/", otherTeacher).text()).isEqualTo(NO_COURSE);
        assertThat(delete("/api/courses/" + id + "/", schoolAdmin).text())
                .isEqualTo("{\"error\":\"Only draft courses can be deleted; archive a published course instead.\"}");

        Api.Response archived = post("/api/courses/" + id + "/archive/", null, schoolAdmin);
        assertThat(archived.json().get("status").asText()).isEqualTo("archived");
        awaitProjections();
        assertThat(get("/api/courses/" + id + "/", teacher).text()).isEqualTo(NO_COURSE);
        assertThat(patch("/api/courses/" + id + "/", fields("title", "Again"), schoolAdmin).text())
                .isEqualTo("{\"error\":\"An archived course cannot be changed.\"}");
        assertThat(post("/api/courses/" + id + "/publish/", null, schoolAdmin).text())
                .isEqualTo("{\"error\":\"An archived course cannot be published again.\"}");
        assertThat(eventTypes(AggregateIds.course(UUID.fromString(id)))).containsExactly("CourseCreated",
                "CourseChanged", "CourseChanged", "CoursePublished", "CourseArchived");
    }

    @Test
    void aDraftIsDeletedAndGone() {
        String id = createCourse(schoolAdmin, fields("title", unique("Draft"))).get("id").asText();
        Api.Response deleted = delete("/api/courses/" + id + "/", schoolAdmin);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(get("/api/courses/" + id + "/", admin).text()).isEqualTo(NO_COURSE);
        assertThat(patch("/api/courses/" + id + "/", fields("title", "x"), admin).text()).isEqualTo(NO_COURSE);
        assertThat(post("/api/courses/" + id + "/publish/", null, admin).status()).isEqualTo(404);
    }

    @Test
    void globalCoursesAreTheAdminsAndEverySchoolReadsThemOncePublished() {
        String title = unique("Global unit");
        JsonNode course = createCourse(admin, fields("title", title, "items", List.of(item("activity", relay))));
        String id = course.get("id").asText();
        assertThat(course.get("school").isNull()).isTrue();
        for (Account reader : List.of(schoolAdmin, teacher, otherTeacher)) {
            assertThat(get("/api/courses/" + id + "/", reader).text()).isEqualTo(NO_COURSE);
        }
        assertThat(patch("/api/courses/" + id + "/", fields("title", "Mine"), schoolAdmin).text()).isEqualTo(NO_COURSE);
        succeeds(post("/api/courses/" + id + "/publish/", null, admin));
        awaitProjections();
        for (Account reader : List.of(schoolAdmin, teacher, otherSchoolAdmin, otherTeacher)) {
            assertThat(ok("/api/courses/" + id + "/", reader).get("title").asText()).isEqualTo(title);
        }
        Api.Response refused = patch("/api/courses/" + id + "/", fields("title", "Mine"), schoolAdmin);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).isEqualTo(FORBIDDEN);
        assertThat(post("/api/courses/" + id + "/archive/", null, otherSchoolAdmin).text()).isEqualTo(FORBIDDEN);
        Api.Response withSchoolContent = post("/api/courses/", fields("title", "Global with a video", "items",
                List.of(item("video", clip))), admin);
        assertThat(withSchoolContent.text()).isEqualTo("{\"items\":[\"Videos and resources must belong to the "
                + "course's school; a global course holds activities only.\"]}");
        JsonNode schoolCourse = createCourse(admin, fields("title", unique("Chosen school"), "school", otherSchool));
        assertThat(schoolCourse.get("school").asLong()).isEqualTo(otherSchool);
    }

    @Test
    void teachersCannotWriteAndOtherSchoolsCannotSee() {
        String id = publishedCourse(schoolAdmin, unique("Ours"), List.of(item("video", clip)));
        long events = eventCount();
        for (Api.Response refused : List.of(post("/api/courses/", fields("title", "Mine"), teacher),
                patch("/api/courses/" + id + "/", fields("title", "Mine"), teacher),
                put("/api/courses/" + id + "/", fields("title", "Mine"), teacher),
                delete("/api/courses/" + id + "/", teacher),
                post("/api/courses/" + id + "/archive/", null, teacher),
                post("/api/courses/" + id + "/publish/", null, teacher))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).isEqualTo(FORBIDDEN);
        }
        assertThat(get("/api/courses/" + id + "/", otherSchoolAdmin).text()).isEqualTo(NO_COURSE);
        assertThat(patch("/api/courses/" + id + "/", fields("title", "Theirs"), otherSchoolAdmin).text())
                .isEqualTo(NO_COURSE);
        assertThat(post("/api/courses/" + id + "/archive/", null, otherSchoolAdmin).status()).isEqualTo(404);
        assertThat(get("/api/courses/not-a-uuid/", teacher).text()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(patch("/api/courses/not-a-uuid/", fields("title", "x"), schoolAdmin).text())
                .isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void badInputIsRefusedWithEveryFieldAndNothingIsWritten() {
        long events = eventCount();
        UUID unknown = UUID.randomUUID();
        Map<String, String> refusals = Map.of(
                json(fields("title", " ", "grade_band", "5-3", "items", "x")),
                "{\"title\":[\"This field may not be blank.\"],\"grade_band\":[\"Enter a grade (K, 1 … 8) or a range "
                        + "of grades such as 3-5.\"],\"items\":[\"Expected a list of items but got type \\\"str\\\".\"]}",
                json(fields("title", "T", "items", List.of(fields("type", "lesson", "id", relay.toString())))),
                "{\"items\":[\"Each item must be an object with a type (activity, video or resource) and an id "
                        + "(UUID).\"]}",
                json(fields("title", "T", "items", List.of(item("activity", unknown)))),
                "{\"items\":[\"Invalid pk \\\"" + unknown + "\\\" - object does not exist.\"]}",
                json(fields("title", "T", "items", List.of(item("resource", clip)))),
                "{\"items\":[\"Invalid pk \\\"" + clip + "\\\" - object does not exist.\"]}",
                json(fields("title", "T", "items", List.of(item("activity", relay), item("activity", relay)))),
                "{\"items\":[\"Each item may appear only once.\"]}",
                json(fields("title", "T", "items", List.of(item("video", otherClip)))),
                "{\"items\":[\"Videos and resources must belong to the course's school; a global course holds "
                        + "activities only.\"]}",
                "[1]", "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        refusals.forEach((body, answer) -> {
            Api.Response refused = api().post("/api/courses/", body).token(schoolAdmin.token()).send();
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.text()).as(body).isEqualTo(answer);
        });
        Api.Response unknownSchool = post("/api/courses/", fields("title", "T", "school", 999_999), admin);
        assertThat(unknownSchool.text()).isEqualTo("{\"school\":[\"Invalid pk \\\"999999\\\" - object does not exist.\"]}");
        String id = createCourse(schoolAdmin, fields("title", unique("Empty"))).get("id").asText();
        assertThat(post("/api/courses/" + id + "/publish/", null, schoolAdmin).text())
                .isEqualTo("{\"error\":\"A course needs at least one item to be published.\"}");
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void theListingShowsEachRoleItsCoursesWithFiltersAndPages() {
        String tag = unique("listing");
        for (int i = 0; i < 21; i++) {
            createCourse(schoolAdmin, fields("title", String.format("%s %02d", tag, i), "grade_band", i < 3 ? "K-2"
                    : "6-8"));
        }
        String published = publishedCourse(schoolAdmin, tag + " published", List.of(item("activity", relay)),
                "description", "Halves and quarters");
        String global = publishedCourse(admin, tag + " global", List.of(item("activity", relay)));
        publishedCourse(otherSchoolAdmin, tag + " elsewhere", List.of(item("activity", relay)));
        awaitProjections();

        JsonNode first = ok("/api/courses/?search=" + tag, schoolAdmin);
        assertThat(first.get("count").asLong()).isEqualTo(23);
        assertThat(first.get("results").size()).isEqualTo(20);
        assertThat(first.get("next").asText()).endsWith("/api/courses/?search=" + tag + "&page=2");
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(texts(first.get("results"), "title").get(0)).isEqualTo(tag + " 00");
        JsonNode last = ok("/api/courses/?search=" + tag + "&page=last", schoolAdmin);
        assertThat(texts(last.get("results"), "title")).containsExactly(tag + " 20", tag + " global",
                tag + " published");
        assertThat(get("/api/courses/?page=9", schoolAdmin).text()).isEqualTo("{\"detail\":\"Invalid page.\"}");

        assertThat(texts(ok("/api/courses/?search=" + tag, teacher).get("results"), "id"))
                .containsExactly(global, published);
        assertThat(texts(ok("/api/courses/?search=quarters", teacher).get("results"), "id")).contains(published);
        assertThat(ok("/api/courses/?search=" + tag, admin).get("count").asLong()).isEqualTo(24);
        assertThat(texts(ok("/api/courses/?search=" + tag + "&school=global", admin).get("results"), "id"))
                .containsExactly(global);
        assertThat(ok("/api/courses/?search=" + tag + "&school=" + otherSchool, admin).get("count").asLong())
                .isEqualTo(1);
        assertThat(ok("/api/courses/?search=" + tag + "&status=draft", schoolAdmin).get("count").asLong())
                .isEqualTo(21);
        assertThat(ok("/api/courses/?search=" + tag + "&grade_band=K-2", schoolAdmin).get("count").asLong())
                .isEqualTo(3);
        Api.Response bad = get("/api/courses/?status=open&school=x", schoolAdmin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).isEqualTo("{\"status\":[\"Select a valid choice. open is not one of the available "
                + "choices.\"],\"school\":[\"Enter a number.\"]}");
    }

}
