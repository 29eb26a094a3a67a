package org.fractionball.lms.infrastructure.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.analytics.AnalyticsVersions;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.fractionball.lms.query.library.LibraryCache;
import org.fractionball.lms.query.library.LibraryCacheBreaker;
import org.fractionball.lms.query.library.LibraryFilter;
import org.fractionball.lms.query.library.LibraryPageData;
import org.fractionball.lms.query.library.LibraryReads;
import org.fractionball.lms.query.library.RedisLibraryCache;
import org.fractionball.lms.query.web.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's Redis cache: versioned keys (a repeated request is a hit; a publish, edit, rename
 * or delete shows on the next request allowed by read-your-writes), and a dead or hanging Redis
 * that costs nothing but the cache (answers stay correct, latency stays bounded, the breaker opens
 * and closes once each). Also prints cached against computed latencies for the report.
 */
@ExtendWith(OutputCaptureExtension.class)
class LibraryCacheIT extends LibraryApiSupport {
    private static final String VIDEOS = "/api/library/videos/";

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private StringRedisTemplate redis;
    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private LibraryVersions versions;
    @Autowired
    private AnalyticsVersions analyticsVersions;
    @Autowired
    private LibraryReads libraryReads;
    @Autowired
    private LibraryCache libraryCache;
    @Autowired
    private ObjectMapper objectMapper;
    @Autowired
    private PlatformTransactionManager transactions;
    @Value("${lms.redis.key-prefix}")
    private String keyPrefix;

    @Test
    void aRepeatedRequestIsServedFromTheNearCacheOrRedisUnderAVersionedKey() {
        long school = school(unique("library-cache") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        Instant start = now().minusSeconds(600);
        Item video = create(ContentKind.VIDEO, sa, video("Cached Fractions", "Halves.", "3", "number_line",
                List.of(), 60), start);
        publish(video, sa, sa, start);
        create(ContentKind.VIDEO, sa, video("Other", "", "4", "number_line", List.of(), 60), start.plusSeconds(1));
        awaitProjections();
        long version = versions.current(school);
        String keys = keyPrefix + "library:" + school + ":v" + version + ":";

        double[] before = counts();
        JsonNode first = ok(VIDEOS + "?grade=3&ordering=title", sa);
        assertThat(delta(before)).containsExactly(0, 0, 1, 0);
        JsonNode second = ok(VIDEOS + "?ordering=title&grade=3&page=1", sa);
        assertThat(delta(before)).containsExactly(1, 0, 1, 0);
        assertThat(second.get("results")).isEqualTo(first.get("results"));
        assertThat(ids(second)).containsExactly(video.id());
        // the envelope is the request's own
        assertThat(second.at("/filters/applied_filters").toString())
                .isEqualTo("{\"ordering\":[\"title\"],\"grade\":[\"3\"],\"page\":[\"1\"]}");
        List<String> staffKeys = scan(keys + "staff:videos:*");
        assertThat(staffKeys).hasSize(1);
        assertThat(redis.getExpire(staffKeys.get(0))).isBetween(1L, 600L);
        // another node (its own near cache, the same Redis) reads the entry from Redis
        LibraryReads otherNode = new LibraryReads(queryGateway, versions, analyticsVersions, libraryCache,
                objectMapper, transactions, keyPrefix, 64, meters);
        LibraryFilter gradeThree = new LibraryFilter(ContentKind.VIDEO, school, null, null, "3", null, null,
                List.of(), null, null, null, null, null, null, List.of("title"), null);
        assertThat(ids(otherNode.page(gradeThree, firstPage()))).containsExactly(video.id());
        assertThat(delta(before)).containsExactly(1, 1, 1, 0);

        // teachers who own no unpublished videos share one published-only answer (the staff's draft is not in it)
        JsonNode teachers = ok(VIDEOS + "?grade=3&ordering=title", teacher);
        assertThat(delta(before)).containsExactly(1, 1, 2, 0);
        assertThat(ok(VIDEOS + "?ordering=title&grade=3", colleague)).isEqualTo(teachers);
        assertThat(delta(before)).containsExactly(2, 1, 2, 0);
        assertThat(ids(teachers)).containsExactly(video.id());
        assertThat(scan(keys + "staff:videos:*")).hasSize(2);
        assertThat(scan(keys + "u*")).isEmpty();
        ok(VIDEOS + video.id() + "/", teacher);
        ok(VIDEOS + video.id() + "/", sa);
        assertThat(delta(before)).containsExactly(3, 1, 3, 0);
        ok("/api/library/stats/", teacher);
        ok("/api/library/stats/", sa);
        assertThat(delta(before)).containsExactly(4, 1, 4, 0);
        assertThat(scan(keys + "all:*")).hasSize(2);
        // refusals are not cached
        get(VIDEOS + "?grade=3&page=9", sa);
        get(VIDEOS + "?grade=3&page=9", sa);
        assertThat(delta(before)).containsExactly(4, 1, 6, 0);
    }

    @Test
    void aTeacherWithADraftHasItsOwnAnswer() {
        long school = school(unique("library-own") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Account teacher = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        Instant start = now().minusSeconds(600);
        Item published = create(ContentKind.VIDEO, sa, video("Published Halves", "", "3", "number_line", List.of(),
                60), start);
        publish(published, sa, sa, start);
        Item draft = create(ContentKind.VIDEO, teacher, video("My Draft", "", "3", "number_line", List.of(), 60),
                start.plusSeconds(1));
        awaitProjections();
        String keys = keyPrefix + "library:" + school + ":v" + versions.current(school) + ":";

        assertThat(ids(ok(VIDEOS, teacher))).containsExactly(draft.id(), published.id());
        assertThat(ids(ok(VIDEOS, colleague))).containsExactly(published.id());
        assertThat(scan(keys + "u" + teacher.id() + ":videos:*")).hasSize(1);
        assertThat(scan(keys + "u" + colleague.id() + ":videos:*")).isEmpty();
        assertThat(ids(ok(VIDEOS + "?status=DRAFT", colleague))).isEmpty();
        assertThat(ids(ok(VIDEOS + "?status=DRAFT", teacher))).containsExactly(draft.id());
    }

    @Test
    void publishingEditingRenamingAndDeletingShowOnTheNextRequest() {
        long school = school(unique("library-fresh") + ".edu");
        Account owner = account(Role.TEACHER, school);
        Account colleague = account(Role.TEACHER, school);
        Account sa = account(Role.SCHOOL_ADMIN, school);
        assertThat(ok(VIDEOS, colleague).get("count").asLong()).isZero();
        double[] before = counts();
        assertThat(ok(VIDEOS, colleague).get("count").asLong()).isZero();
        assertThat(delta(before)[0]).as("near-cache hits").isEqualTo(1);

        Api.Response created = api().post("/api/videos/", """
                {"title": "Fresh Lesson", "description": "Thirds on the court, step by step.", "grade": "4",
                 "topic": "number_line", "storage_uri": "https://example.org/fresh.mp4"}""")
                .token(owner.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(action(owner, id, "submit_for_review").status()).isEqualTo(200);
        Api.Response approved = action(sa, id, "approve");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        JsonNode published = after(approved, VIDEOS, colleague);
        assertThat(ids(published)).containsExactly(id);
        assertThat(published.at("/results/0/status").asText()).isEqualTo("PUBLISHED");
        // the writer itself waits for its own write (read-your-writes), no header needed
        assertThat(ids(ok(VIDEOS + "?status=PUBLISHED", sa))).containsExactly(id);

        Api.Response edited = api().patch("/api/videos/" + id + "/", "{\"title\": \"Fresh Lesson about Thirds\"}")
                .token(sa.token()).send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(after(edited, VIDEOS, colleague).at("/results/0/title").asText())
                .isEqualTo("Fresh Lesson about Thirds");
        assertThat(ok(VIDEOS + id + "/", colleague).get("title").asText()).isEqualTo("Fresh Lesson about Thirds");
        assertThat(ids(ok(VIDEOS + "?search=third", colleague))).containsExactly(id);

        Api.Response renamed = api().patch("/api/users/" + owner.id() + "/",
                "{\"first_name\": \"Renata\", \"last_name\": \"Lopez\"}").token(sa.token()).send();
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(after(renamed, VIDEOS, colleague).at("/results/0/owner_name").asText()).isEqualTo("Renata Lopez");
        assertThat(ok(VIDEOS + id + "/", colleague).get("owner_name").asText()).isEqualTo("Renata Lopez");
        assertThat(ok("/api/library/stats/", colleague).at("/active_teachers/0/name").asText())
                .isEqualTo("Renata Lopez");

        Api.Response deleted = api().delete("/api/videos/" + id + "/").token(sa.token()).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(after(deleted, VIDEOS, colleague).get("count").asLong()).isZero();
        refused(VIDEOS + id + "/", colleague, 404, "{\"detail\":\"No VideoAsset matches the given query.\"}");
        // the stats count in the analytics group: waiting for the videos' group is not enough
        assertThat(after(deleted, "/api/library/stats/", colleague).get("total_published_videos").asLong()).isZero();
    }

    @Test
    void aStoppedRedisCostsOnlyTheCache(CapturedOutput output) throws Exception {
        long school = school(unique("library-outage") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Instant start = now().minusSeconds(600);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(0, create(ContentKind.VIDEO, sa, video("Outage " + i, "", "3", "number_line", List.of(), i),
                    start.plusSeconds(i)).id());
        }
        awaitProjections();
        int port = freePort();
        RedisServer server = new RedisServer(port);
        server.start();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1",
                port));
        factory.afterPropertiesSet();
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        RedisLibraryCache cache = new RedisLibraryCache(factory, Duration.ofMillis(100), Duration.ofMinutes(10),
                new LibraryCacheBreaker(3, Duration.ofMillis(500), System::nanoTime), own);
        LibraryReads reads = reads(cache);
        LibraryFilter staff = staffVideos(school);
        try {
            // the cache connects on its first command, which may not finish within the 100 ms timeout on a
            // loaded machine; one failure does not open the breaker, and the counts below start after it
            cache.get("warm-up");
            Thread.sleep(500);
            assertThat(cache.get("warm-up")).isEmpty();
            double[] warm = counts(own);
            assertThat(ids(reads.page(staff, firstPage()))).isEqualTo(expected);
            assertThat(ids(reads.page(staff, firstPage()))).isEqualTo(expected);
            assertThat(since(warm, own)).containsExactly(1, 1, 0);

            server.stop();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                assertThat(ids(timed(latencies, () -> reads.page(staff, firstPage())))).isEqualTo(expected);
            }
            // a change made while Redis is down shows at once: the answers come from PostgreSQL
            expected.add(0, create(ContentKind.VIDEO, sa, video("During the outage", "", "3", "number_line",
                    List.of(), 1), now()).id());
            awaitProjections();
            for (int i = 0; i < 10; i++) {
                assertThat(ids(timed(latencies, () -> reads.page(staff, firstPage())))).isEqualTo(expected);
            }
            assertThat(since(warm, own)).containsExactly(1, 1, 40);
            report("Redis stopped", latencies);
            assertThat(Collections.max(latencies)).isLessThan(500);
            assertThat(median(latencies)).isLessThan(50);

            server = new RedisServer(port);
            server.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (since(warm, own)[0] < 2 && System.nanoTime() < deadline) {
                assertThat(ids(reads.page(staff, firstPage()))).isEqualTo(expected);
                Thread.sleep(100);
            }
            assertThat(since(warm, own)[0]).as("hits once Redis is back").isEqualTo(2);
            assertThat(output.getOut()).containsOnlyOnce("Library cache: Redis failed 3 times in a row")
                    .containsOnlyOnce("Library cache: Redis answers again; caching resumed");
        } finally {
            cache.destroy();
            factory.destroy();
            server.stop();
        }
    }

    @Test
    void aRedisThatNeverAnswersAddsAtMostOneTimeoutPerProbe() throws Exception {
        long school = school(unique("library-hang") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        String id = create(ContentKind.VIDEO, sa, video("Hanging", "", "3", "number_line", List.of(), 1),
                now().minusSeconds(60)).id();
        awaitProjections();
        // computed once through the working cache first, so the timings below are Redis's, not a cold first query's
        assertThat(ids(reads(libraryCache).page(staffVideos(school), firstPage()))).containsExactly(id);
        try (ServerSocket blackHole = new ServerSocket(0)) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(blackHole.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                    "127.0.0.1", blackHole.getLocalPort()));
            factory.afterPropertiesSet();
            SimpleMeterRegistry own = new SimpleMeterRegistry();
            RedisLibraryCache cache = new RedisLibraryCache(factory, Duration.ofMillis(100), Duration.ofMinutes(10),
                    new LibraryCacheBreaker(3, Duration.ofMillis(500), System::nanoTime), own);
            LibraryReads reads = reads(cache);
            try {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    assertThat(ids(timed(latencies, () -> reads.page(staffVideos(school), firstPage()))))
                            .containsExactly(id);
                    Thread.sleep(25);
                }
                report("Redis hanging", latencies);
                assertThat(counts(own)).containsExactly(0, 0, 40);
                assertThat(Collections.max(latencies)).isLessThan(500);
                // three timeouts open the breaker; afterwards one probe per half second waits for Redis
                assertThat(latencies.stream().filter(ms -> ms >= 90).count()).isBetween(3L, 8L);
            } finally {
                cache.destroy();
                factory.destroy();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void cachedAnswersAgainstComputedOnes() {
        long school = school(unique("library-timing") + ".edu");
        Account sa = account(Role.SCHOOL_ADMIN, school);
        Instant start = now().minus(Duration.ofDays(30));
        String[] topics = {"fractions_basics", "number_line", "equivalent_fractions", "word_problems"};
        for (int i = 0; i < 1_000; i++) {
            create(ContentKind.VIDEO, sa, video("Lesson " + i + (i % 3 == 0 ? " on fractions" : ""),
                    "Practice number " + i + " with halves, thirds and quarters on the court.",
                    Integer.toString(1 + i % 8), topics[i % topics.length], List.of("tag" + i % 10), 30 + i),
                    start.plusSeconds(i * 60L));
        }
        awaitProjections();
        LibraryReads uncached = reads(LibraryCache.NONE);
        LibraryFilter all = staffVideos(school);
        LibraryFilter search = new LibraryFilter(ContentKind.VIDEO, school, null, "fractions", null, null, null,
                List.of(), null, null, null, null, null, null, List.of(), null);
        for (LibraryFilter filter : List.of(all, search)) {
            String what = filter.search() == null ? "list page" : "search page";
            List<Long> computed = new ArrayList<>();
            List<Long> cached = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                timedMicros(computed, () -> uncached.page(filter, firstPage()));
            }
            libraryReads.page(filter, firstPage());
            for (int i = 0; i < 50; i++) {
                timedMicros(cached, () -> libraryReads.page(filter, firstPage()));
            }
            System.out.printf("[library cache] %s of 1000 videos, server side: computed median %d µs, cached "
                    + "median %d µs%n", what, median(computed), median(cached));
        }
        List<Long> misses = new ArrayList<>();
        List<Long> hits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int size = 21 + i;
            timed(misses, () -> ok(VIDEOS + "?page_size=" + size, sa));
        }
        ok(VIDEOS + "?page_size=20", sa);
        for (int i = 0; i < 30; i++) {
            timed(hits, () -> ok(VIDEOS + "?page_size=20", sa));
        }
        List<Long> me = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            timed(me, () -> ok("/api/me/", sa));
        }
        System.out.printf("[library cache] GET %s of 1000 videos over HTTP: miss median %d ms, hit median %d ms "
                + "(GET /api/me/: %d ms)%n", VIDEOS, median(misses), median(hits), median(me));
    }

    private LibraryReads reads(LibraryCache cache) {
        // no near cache: every read goes to the given cache
        return new LibraryReads(queryGateway, versions, analyticsVersions, cache, objectMapper, transactions,
                "lms-test-own-" + UUID.randomUUID() + ":", 0, new SimpleMeterRegistry());
    }

    private static LibraryFilter staffVideos(long school) {
        return new LibraryFilter(ContentKind.VIDEO, school, null, null, null, null, null, List.of(), null, null, null,
                null, null, null, List.of(), null);
    }

    private static PageRequest firstPage() {
        return new PageRequest(1, false, 20);
    }

    private static List<String> ids(LibraryPageData page) {
        List<String> ids = new ArrayList<>();
        try {
            new ObjectMapper().readTree(page.results().toString()).forEach(item -> ids.add(item.get("id").asText()));
        } catch (JsonProcessingException unreadable) {
            throw new AssertionError("the page's items are not JSON: " + page.results(), unreadable);
        }
        return ids;
    }

    /** The response after a write, asked with the write's position (read-your-writes for another user). */
    private JsonNode after(Api.Response write, String path, Account caller) {
        String position = write.header("X-Event-Position");
        assertThat(position).as("X-Event-Position of " + write).isNotNull();
        Api.Response response = api().get(path).token(caller.token()).header("X-Min-Position", position).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response action(Account caller, String id, String action) {
        return api().post("/api/approval/videos/" + id + "/" + action + "/", null).token(caller.token()).send();
    }

    private List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(pattern).count(1_000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }

    /** hit, miss, error counts of the application's cache. */
    /** Near-cache hits, Redis hits, misses, Redis errors of the application's own library reads. */
    private double[] counts() {
        double[] redis = counts(meters);
        return new double[]{count(meters, "near"), redis[0], redis[1], redis[2]};
    }

    private static double[] since(double[] before, MeterRegistry registry) {
        double[] now = counts(registry);
        return new double[]{now[0] - before[0], now[1] - before[1], now[2] - before[2]};
    }

    private static double[] counts(MeterRegistry registry) {
        return new double[]{count(registry, "hit"), count(registry, "miss"), count(registry, "error")};
    }

    private static double count(MeterRegistry registry, String result) {
        return registry.get("lms.library.cache").tag("result", result).counter().count();
    }

    private double[] delta(double[] before) {
        double[] now = counts();
        return new double[]{now[0] - before[0], now[1] - before[1], now[2] - before[2], now[3] - before[3]};
    }

    private static <T> T timed(List<Long> millis, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        return result;
    }

    private static void timedMicros(List<Long> micros, Runnable call) {
        long start = System.nanoTime();
        call.run();
        micros.add((System.nanoTime() - start) / 1_000);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, List<Long> latencies) {
        System.out.printf("[library cache] %s: %d calls, max %d ms, median %d ms%n", what, latencies.size(),
                Collections.max(latencies), median(latencies));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
