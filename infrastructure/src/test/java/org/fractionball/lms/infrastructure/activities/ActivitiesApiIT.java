package org.fractionball.lms.infrastructure.activities;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/activities/} end to end with real tokens per role: ADMINs write (create, PUT, PATCH,
 * publish, unpublish, delete), every signed-in teacher and school admin reads published activities,
 * slugs are unique case-insensitively, every filter, the order and the pagination.
 */
class ActivitiesApiIT extends ActivityApiSupport {
    // one set of accounts for the class (the application and its database live as long as the run)
    private static Account admin;
    private static Account schoolAdmin;
    private static Account teacher;

    @BeforeEach
    void accounts() {
        if (admin != null) {
            return;
        }
        long school = school(unique("activities") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        teacher = account(Role.TEACHER, school);
    }

    @Test
    void anAdminCreatesChangesPublishesAndDeletesAnActivity() {
        String title = unique("Fraction Relay");
        Api.Response created = post("/api/activities/", activity(title, "4", 3,
                "topics", List.of("Number Line", "Halves"), "location", "court", "prerequisites", List.of("Halves"),
                "learning_objectives", "Students will be able to:\n• place fractions on a line\n- compare halves\n",
                "materials", List.of("8 cones"), "game_rules", List.of("Line up", "Run"),
                "key_terms", fields("numerator", "top number", "denominator", "equal parts", "whole", "all parts"),
                "icon_type", "running", "thumbnail_uri", "https://img.example.org/relay.png", "order", 2), admin);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("X-Event-Position")).matches("\\d+");
        JsonNode answer = created.json();
        String slug = answer.get("slug").asText();
        assertThat(fieldNames(answer)).containsExactlyElementsOf(ACTIVITY_FIELDS);
        assertThat(slug).isEqualTo(title.toLowerCase().replace(' ', '-'));
        assertThat(answer.get("grade_display").asText()).isEqualTo("Grade 4");
        assertThat(answer.get("location_display").asText()).isEqualTo("Court");
        assertThat(answer.get("learning_objectives_list").toString())
                .isEqualTo("[\"place fractions on a line\",\"compare halves\"]");
        assertThat(fieldNames(answer.get("key_terms"))).containsExactly("numerator", "denominator", "whole");
        assertThat(answer.get("video_asset").isNull()).isTrue();
        assertThat(answer.get("video").isNull()).isTrue();
        assertThat(answer.get("teacher_resources").toString()).isEqualTo("[]");
        assertThat(answer.get("is_published").asBoolean()).isTrue();
        assertThat(answer.get("order").asInt()).isEqualTo(2);
        assertThat(answer.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        // the admin reads its own write at once, identical to the command's answer
        assertThat(ok("/api/activities/" + slug + "/", admin)).isEqualTo(answer);

        Api.Response patched = patch("/api/activities/" + slug + "/", fields("title", title + " Sprint"), admin);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("slug").asText()).as("a new title keeps the slug").isEqualTo(slug);
        assertThat(patched.json().get("topics")).isEqualTo(answer.get("topics"));

        Api.Response incomplete = put("/api/activities/" + slug + "/", fields("title", "Only a title"), admin);
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.text()).isEqualTo("{\"description\":[\"This field is required.\"],"
                + "\"activity_number\":[\"This field is required.\"],\"grade\":[\"This field is required.\"]}");

        String newSlug = unique("relay-sprint");
        Api.Response replaced = put("/api/activities/" + slug.toUpperCase() + "/", activity(title, "K", 1,
                "slug", newSlug, "location", "both"), admin);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("grade_display").asText()).isEqualTo("Kindergarten");
        assertThat(replaced.json().get("materials").toString()).as("PUT keeps what it does not name")
                .isEqualTo("[\"8 cones\"]");
        assertThat(get("/api/activities/" + slug + "/", admin).text()).isEqualTo(NOT_FOUND);
        assertThat(ok("/api/activities/" + newSlug.toUpperCase() + "/", admin).get("slug").asText()).isEqualTo(newSlug);

        Api.Response hidden = post("/api/activities/" + newSlug + "/unpublish/", null, admin);
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(hidden.json().get("is_published").asBoolean()).isFalse();
        assertThat(post("/api/activities/" + newSlug + "/unpublish/", null, admin).status()).isEqualTo(200);
        awaitProjections();
        for (Account reader : List.of(teacher, schoolAdmin)) {
            Api.Response invisible = get("/api/activities/" + newSlug + "/", reader);
            assertThat(invisible.status()).isEqualTo(404);
            assertThat(invisible.text()).isEqualTo(NOT_FOUND);
            assertThat(slugs(ok("/api/activities/?q=" + encode(title), reader))).isEmpty();
        }
        assertThat(ok("/api/activities/" + newSlug + "/", admin).get("is_published").asBoolean()).isFalse();
        assertThat(slugs(ok("/api/activities/?q=" + encode(title), admin))).isEmpty();
        assertThat(slugs(ok("/api/activities/?include_unpublished=true&q=" + encode(title), admin))).containsExactly(newSlug);

        assertThat(post("/api/activities/" + newSlug + "/publish/", null, admin).json().get("is_published")
                .asBoolean()).isTrue();
        awaitProjections();
        assertThat(ok("/api/activities/" + newSlug + "/", teacher).get("title").asText()).isEqualTo(title);

        Api.Response deleted = delete("/api/activities/" + newSlug + "/", admin);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(get("/api/activities/" + newSlug + "/", admin).text()).isEqualTo(NOT_FOUND);
        assertThat(patch("/api/activities/" + newSlug + "/", fields("order", 1), admin).text()).isEqualTo(NOT_FOUND);
        assertThat(post("/api/activities/" + newSlug + "/publish/", null, admin).status()).isEqualTo(404);
        assertThat(create(admin, activity("Again", "2", 1, "slug", newSlug)).get("slug").asText())
                .as("a deleted activity's slug is free").isEqualTo(newSlug);
    }

    @Test
    void onlyAdminsWriteAndTheRefusalComesBeforeAnyLookupOrValidation() {
        String slug = create(admin, activity(unique("Guarded"), "3", 1)).get("slug").asText();
        awaitProjections();
        for (Account caller : List.of(schoolAdmin, teacher)) {
            for (String target : List.of(slug, "no-such-activity")) {
                String path = "/api/activities/" + target + "/";
                assertRefused(post("/api/activities/", fields("title", ""), caller), 403, FORBIDDEN);
                assertRefused(put(path, activity("Mine", "3", 1), caller), 403, FORBIDDEN);
                assertRefused(patch(path, fields("grade", "nope"), caller), 403, FORBIDDEN);
                assertRefused(delete(path, caller), 403, FORBIDDEN);
                assertRefused(post(path + "publish/", null, caller), 403, FORBIDDEN);
                assertRefused(post(path + "unpublish/", null, caller), 403, FORBIDDEN);
            }
            assertThat(ok("/api/activities/" + slug + "/", caller).get("slug").asText()).isEqualTo(slug);
        }
        Account auditor = account(Role.AUDITOR, admin.school());
        assertRefused(get("/api/activities/", auditor), 403, FORBIDDEN);
        assertRefused(get("/api/activities/" + slug + "/", auditor), 403, FORBIDDEN);
        assertThat(api().get("/api/activities/").send().status()).isEqualTo(401);
        assertThat(api().post("/api/activities/", "{}").send().status()).isEqualTo(401);
        assertThat(ok("/api/activities/" + slug + "/", admin).get("is_published").asBoolean()).isTrue();
    }

    @Test
    void slugsAreUniqueInAnyCaseAndDerivedSlugsTakeTheFirstFreeSuffix() {
        String title = unique("Pizza Parts");
        String base = title.toLowerCase().replace(' ', '-');
        assertThat(create(admin, activity(title, "1", 1)).get("slug").asText()).isEqualTo(base);
        assertThat(create(admin, activity(title, "1", 2)).get("slug").asText()).isEqualTo(base + "-2");
        assertThat(create(admin, activity(title, "1", 3)).get("slug").asText()).isEqualTo(base + "-3");

        Api.Response taken = post("/api/activities/", activity("Other", "1", 4, "slug", base.toUpperCase()), admin);
        assertRefused(taken, 400, SLUG_TAKEN);
        Api.Response renamed = patch("/api/activities/" + base + "-2/", fields("slug", base + "-3"), admin);
        assertRefused(renamed, 400, SLUG_TAKEN);
        Api.Response ownInOtherCase = patch("/api/activities/" + base + "/", fields("slug", base.toUpperCase()), admin);
        assertThat(ownInOtherCase.status()).as(ownInOtherCase.toString()).isEqualTo(200);
        assertThat(ownInOtherCase.json().get("slug").asText()).isEqualTo(base.toUpperCase());
        assertRefused(post("/api/activities/", activity("Bad", "1", 1, "slug", "not a slug"), admin), 400,
                "{\"slug\":[\"Enter a valid \\\"slug\\\" consisting of letters, numbers, underscores or hyphens.\"]}");
    }

    @Test
    void racingWritesOfOneSlugLeaveExactlyOneWinner() throws Exception {
        String chosen = unique("contested");
        List<Api.Response> answers = concurrently(8, i -> post("/api/activities/",
                activity("Contested " + i, "2", i, "slug", chosen), admin));
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).hasSize(1);
        for (Api.Response loser : answers.stream().filter(answer -> answer.status() != 201).toList()) {
            // 400 when the winner had committed, 409 when the two were in flight together
            assertThat(loser.status()).as(loser.toString()).isIn(400, 409);
            assertThat(loser.text()).isEqualTo(SLUG_TAKEN);
        }

        String title = unique("Same Title");
        List<Api.Response> derived = concurrently(8, i -> post("/api/activities/", activity(title, "2", i), admin));
        Set<String> slugs = new HashSet<>();
        for (Api.Response answer : derived) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            slugs.add(answer.json().get("slug").asText());
        }
        String base = title.toLowerCase().replace(' ', '-');
        assertThat(slugs).containsExactlyInAnyOrder(base, base + "-2", base + "-3", base + "-4", base + "-5",
                base + "-6", base + "-7", base + "-8");
    }

    @Test
    void everyFilterAndTheDefaultOrder() {
        String topic = unique("Court Fractions");
        String k = create(admin, activity("Kick Halves", "K", 2, "topics", List.of(topic), "location", "court"))
                .get("slug").asText();
        String fiveB = create(admin, activity("Decimal Dash", "5", 1, "topics", List.of(topic, "Decimals"),
                "location", "both", "order", 1)).get("slug").asText();
        String fiveA = create(admin, activity("Percent Pass", "5", 7, "topics", List.of(topic), "location",
                "classroom", "description", "Students pass the PIZZA around.")).get("slug").asText();
        String three = create(admin, activity("Number Line Run", "3", 1, "topics", List.of(topic.toUpperCase()),
                "location", "court")).get("slug").asText();
        String k1 = create(admin, activity("Kinder Pizza", "K", 1, "topics", List.of(topic), "location",
                "classroom")).get("slug").asText();
        String hidden = create(admin, activity("Hidden Court", "3", 2, "topics", List.of(topic), "location", "court",
                "is_published", false)).get("slug").asText();
        create(admin, activity("Other topic", "3", 1, "topics", List.of(topic + " extra")));
        awaitProjections();
        String byTopic = "/api/activities/?topic=" + encode(topic.toLowerCase());

        // grade K first, then 1 … 8; within a grade by order, then activity_number
        assertThat(slugs(ok(byTopic, teacher))).containsExactly(k1, k, three, fiveA, fiveB);
        assertThat(slugs(ok(byTopic + "&grade=5", teacher))).containsExactly(fiveA, fiveB);
        assertThat(slugs(ok(byTopic + "&grade=K", schoolAdmin))).containsExactly(k1, k);
        assertThat(slugs(ok(byTopic + "&location=court", teacher))).containsExactly(k, three);
        assertThat(slugs(ok(byTopic + "&location=both", teacher))).containsExactly(fiveB);
        assertThat(slugs(ok(byTopic + "&q=pizza", teacher))).as("title or description, any case")
                .containsExactly(k1, fiveA);
        assertThat(slugs(ok(byTopic + "&q=%25", teacher))).as("wildcards are literal").isEmpty();
        assertThat(slugs(ok(byTopic + "&grade=&location=&q=", teacher))).as("blank filters do not filter")
                .hasSize(5);
        assertThat(slugs(ok("/api/activities/?topic=" + encode(topic.substring(0, 8)), teacher)))
                .as("a topic matches whole entries only").isEmpty();
        assertThat(slugs(ok(byTopic + "&include_unpublished=true", teacher))).doesNotContain(hidden);
        assertThat(slugs(ok(byTopic + "&include_unpublished=true&location=court", admin)))
                .containsExactly(k, three, hidden);

        assertRefused(get("/api/activities/?grade=9&location=gym", teacher), 400,
                "{\"grade\":[\"Select a valid choice. 9 is not one of the available choices.\"],"
                        + "\"location\":[\"Select a valid choice. gym is not one of the available choices.\"]}");
    }

    @Test
    void theListingIsPagedTwentyAtATime() {
        String topic = unique("paging");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add(create(admin, activity("Page " + i, "6", i, "topics", List.of(topic))).get("slug").asText());
        }
        awaitProjections();
        JsonNode first = ok("/api/activities/?topic=" + topic + "&page_size=5", teacher);
        assertThat(fieldNames(first)).containsExactlyElementsOf(PAGE_FIELDS);
        assertThat(first.get("count").asInt()).isEqualTo(23);
        assertThat(slugs(first)).containsExactlyElementsOf(expected.subList(0, 20));
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(first.get("next").asText()).startsWith("http://").endsWith("page=2");
        JsonNode last = ok("/api/activities/?topic=" + topic + "&page=last", teacher);
        assertThat(slugs(last)).containsExactlyElementsOf(expected.subList(20, 23));
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("previous").asText()).doesNotContain("page=");
        for (String page : List.of("3", "0", "x")) {
            assertRefused(get("/api/activities/?topic=" + topic + "&page=" + page, teacher), 404,
                    "{\"detail\":\"Invalid page.\"}");
        }
    }

    @Test
    void badBodiesAreRefusedWithEveryFieldError() {
        Api.Response refused = post("/api/activities/", fields("title", "x", "description", "y",
                "activity_number", -1, "grade", "9", "location", "gym", "topics", "Halves", "key_terms", List.of(),
                "video_asset", "not-a-uuid", "teacher_resources", List.of(12), "order", "first"), admin);
        assertRefused(refused, 400, "{\"activity_number\":[\"Ensure this value is greater than or equal to 0.\"],"
                + "\"grade\":[\"\\\"9\\\" is not a valid choice.\"],"
                + "\"topics\":[\"Expected a list of items but got type \\\"str\\\".\"],"
                + "\"location\":[\"\\\"gym\\\" is not a valid choice.\"],"
                + "\"key_terms\":[\"Expected a dictionary of items but got type \\\"list\\\".\"],"
                + "\"video_asset\":[\"Must be a valid UUID.\"],"
                + "\"teacher_resources\":[\"Incorrect type. Expected pk value, received int.\"],"
                + "\"order\":[\"A valid integer is required.\"]}");
        assertRefused(api().post("/api/activities/", "[]").token(admin.token()).send(), 400,
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        assertRefused(get("/api/activities/no%20such/", teacher), 404, NOT_FOUND);
    }

    private static void assertRefused(Api.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(body);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code n} requests started together; their answers in start order. */
    private static List<Api.Response> concurrently(int n, IntFunction<Api.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Api.Response> call = () -> {
                    start.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
