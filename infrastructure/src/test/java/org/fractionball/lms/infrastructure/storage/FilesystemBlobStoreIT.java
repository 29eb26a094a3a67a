package org.fractionball.lms.infrastructure.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.command.storage.BlobStore;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.command.storage.StoredBlob;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store end to end: URLs signed by the {@link BlobStore} bean, used over real HTTP
 * against the running application. Objects live in this test run's storage directory
 * ({@link TestStorage}, set for every integration test by {@link IntegrationTest}).
 */
class FilesystemBlobStoreIT extends IntegrationTest {
    private static final Path DIRECTORY = Path.of(TestStorage.directory()).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long MiB = 1024 * 1024;

    @Autowired
    private BlobStore blobStore;

    @Autowired
    private FilesystemBlobStore store;

    @AfterEach
    void noTemporaryFilesLeft() {
        assertThat(files(DIRECTORY)).noneMatch(file -> file.getFileName().toString().endsWith(".part"));
    }

    @Test
    void theStoreIsTheFilesystemOneInThisRunsDirectory() {
        assertThat(blobStore).isSameAs(store);
        assertThat(store.directory()).isEqualTo(DIRECTORY);
    }

    @Test
    void putThenGetReturnsTheBytesWithTheStoredContentType() throws Exception {
        String path = path("videos", "mp4");
        byte[] bytes = pattern(0, 300_000);

        SignedUrl upload = store.signUpload(path, "video/mp4", 1_000_000, HOUR);
        HttpResponse<String> put = put(upload.url(), "video/mp4", bytes);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEmpty();
        assertThat(upload.url()).startsWith("http://localhost:" + port + "/storage/o/" + path + "?");
        assertThat(upload.expiresAt()).isBetween(Instant.now().plusSeconds(3598), Instant.now().plusSeconds(3600));
        assertThat(filesOf(path)).containsExactlyInAnyOrder(path, path + ".meta");
        assertThat(JSON.readTree(DIRECTORY.resolve(path + ".meta").toFile()).toString())
                .isEqualTo("{\"contentType\":\"video/mp4\",\"size\":300000}");

        HttpResponse<byte[]> get = get(store.signDownload(path, null, HOUR).url());

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(bytes);
        assertThat(header(get, "Content-Type")).isEqualTo("video/mp4");
        assertThat(header(get, "Content-Length")).isEqualTo("300000");
        assertThat(header(get, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(get, "Content-Disposition")).isNull();
        assertThat(header(get, "Cache-Control")).matches("max-age=(3599|3600), private");
        // the application's hardening headers still apply
        assertThat(header(get, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(get, "Content-Security-Policy")).startsWith("default-src 'none'");
    }

    @Test
    void findReportsSizeContentTypeAndHeadAndDeleteIsIdempotent() {
        String path = path("resources", "pdf");
        byte[] bytes = pattern(7, 20_000);
        assertThat(put(store.signUpload(path, "application/pdf", 50 * MiB, HOUR).url(), "application/pdf", bytes)
                .statusCode()).isEqualTo(200);

        StoredBlob found = store.find(path).orElseThrow();

        assertThat(found.path()).isEqualTo(path);
        assertThat(found.size()).isEqualTo(20_000);
        assertThat(found.contentType()).isEqualTo("application/pdf");
        assertThat(found.head()).isEqualTo(Arrays.copyOf(bytes, StoredBlob.HEAD_BYTES));

        store.delete(path);
        store.delete(path);

        assertThat(store.find(path)).isEmpty();
        assertThat(filesOf(path)).isEmpty();
        assertThat(get(store.signDownload(path, null, HOUR).url()).statusCode()).isEqualTo(404);
    }

    @Test
    void findOfASmallObjectReturnsAllOfItAndOfAMissingOneNothing() {
        String path = path("resources", "txt");
        put(store.signUpload(path, "text/plain", 100, HOUR).url(), "text/plain", "one half".getBytes(StandardCharsets.UTF_8));

        StoredBlob found = store.find(path).orElseThrow();

        assertThat(found.size()).isEqualTo(8);
        assertThat(found.contentType()).isEqualTo("text/plain");
        assertThat(new String(found.head(), StandardCharsets.UTF_8)).isEqualTo("one half");
        assertThat(store.find(path("resources", "txt"))).isEmpty();
    }

    @Test
    void anUploadOfExactlyTheMaximumIsStoredAndReplacesTheEarlierObject() {
        String path = path("resources", "png");
        put(store.signUpload(path, "image/png", 1000, HOUR).url(), "image/png", pattern(0, 10));

        HttpResponse<String> put = put(store.signUpload(path, "image/png", 1000, HOUR).url(), "image/png", pattern(1, 1000));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(get(store.signDownload(path, null, HOUR).url()).body()).isEqualTo(pattern(1, 1000));
    }

    @Test
    void publicUrlIsTheUnsignedAppUrlThatReadsBackAsThePath() throws Exception {
        String path = path("videos", "webm");
        put(store.signUpload(path, "video/webm", 100, HOUR).url(), "video/webm", pattern(0, 100));

        String publicUrl = store.publicUrl(path);

        assertThat(publicUrl).isEqualTo("http://localhost:" + port + "/storage/o/" + path);
        assertThat(StoragePaths.fromUri(publicUrl)).contains(path);
        assertDetail(get(publicUrl), 403, "Missing signature.");
    }

    @Test
    void insideARequestUrlsStartWithTheRequestsOwnUrl() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/uploads/sign/");
        request.setScheme("https");
        request.setServerName("lms.example.edu");
        request.setServerPort(443);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            String path = path("videos", "mp4");

            assertThat(store.publicUrl(path)).isEqualTo("https://lms.example.edu/storage/o/" + path);
            assertThat(store.signUpload(path, "video/mp4", 10, HOUR).url())
                    .startsWith("https://lms.example.edu/storage/o/" + path + "?expires=");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void signedDownloadsOfferTheFileName() {
        String path = path("resources", "pdf");
        put(store.signUpload(path, "application/pdf", 100, HOUR).url(), "application/pdf", pattern(0, 100));

        HttpResponse<byte[]> plain = get(store.signDownload(path, "Equivalent fractions.pdf", HOUR).url());
        HttpResponse<byte[]> quoted = get(store.signDownload(path, "say \"half\".pdf", HOUR).url());
        HttpResponse<byte[]> unicode = get(store.signDownload(path, "Brüche ½.pdf", HOUR).url());
        HttpResponse<byte[]> symbols = get(store.signDownload(path, "a+b&c=d #1.pdf", HOUR).url());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(pattern(0, 100));
        assertThat(header(plain, "Content-Type")).isEqualTo("application/pdf");
        assertThat(header(plain, "Content-Disposition")).isEqualTo("attachment; filename=\"Equivalent fractions.pdf\"");
        assertThat(header(quoted, "Content-Disposition")).isEqualTo("attachment; filename=\"say \\\"half\\\".pdf\"");
        assertThat(header(unicode, "Content-Disposition")).isEqualTo(
                "attachment; filename=\"=?UTF-8?Q?Br=C3=BCche_=C2=BD.pdf?=\"; filename*=UTF-8''Br%C3%BCche%20%C2%BD.pdf");
        assertThat(header(symbols, "Content-Disposition")).isEqualTo("attachment; filename=\"a+b&c=d #1.pdf\"");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        String path = path("videos", "mp4");
        put(store.signUpload(path, "video/mp4", 5000, HOUR).url(), "video/mp4", pattern(0, 5000));

        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(store.signDownload(path, null, HOUR).url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Length")).isEqualTo("5000");
        assertThat(header(head, "Content-Type")).isEqualTo("video/mp4");
        assertThat(header(head, "Accept-Ranges")).isEqualTo("bytes");
    }

    @Test
    void rangeRequestsAnswerPartialContent() {
        String path = path("videos", "mp4");
        byte[] bytes = pattern(3, 1000);
        put(store.signUpload(path, "video/mp4", 1000, HOUR).url(), "video/mp4", bytes);
        String url = store.signDownload(path, null, HOUR).url();

        HttpResponse<byte[]> first = get(url, "Range", "bytes=0-99");
        HttpResponse<byte[]> suffix = get(url, "Range", "bytes=-100");
        HttpResponse<byte[]> open = get(url, "Range", "bytes=100-");
        HttpResponse<byte[]> last = get(url, "Range", "bytes=999-999");
        HttpResponse<byte[]> past = get(url, "Range", "bytes=1000-");
        HttpResponse<byte[]> beyond = get(url, "Range", "bytes=5000-6000");
        HttpResponse<byte[]> two = get(url, "Range", "bytes=0-9,20-29");

        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(header(first, "Content-Range")).isEqualTo("bytes 0-99/1000");
        assertThat(header(first, "Content-Length")).isEqualTo("100");
        assertThat(header(first, "Content-Type")).isEqualTo("video/mp4");
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(bytes, 0, 100));

        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(header(suffix, "Content-Range")).isEqualTo("bytes 900-999/1000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, 900, 1000));

        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(header(open, "Content-Range")).isEqualTo("bytes 100-999/1000");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1000));

        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(header(last, "Content-Range")).isEqualTo("bytes 999-999/1000");
        assertThat(last.body()).isEqualTo(new byte[]{bytes[999]});

        for (HttpResponse<byte[]> unsatisfiable : List.of(past, beyond)) {
            assertThat(unsatisfiable.statusCode()).isEqualTo(416);
            assertThat(header(unsatisfiable, "Content-Range")).isEqualTo("bytes */1000");
            assertThat(new String(unsatisfiable.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"detail\":\"Requested range not satisfiable.\"}");
        }

        assertThat(two.statusCode()).isEqualTo(206);
        assertThat(header(two, "Content-Type")).startsWith("multipart/byteranges; boundary=");
    }

    @Test
    void expiredUrlsAreRefused() throws Exception {
        String path = path("videos", "mp4");
        put(store.signUpload(path, "video/mp4", 100, HOUR).url(), "video/mp4", pattern(0, 100));
        SignedUrl download = store.signDownload(path, null, Duration.ofSeconds(1));
        SignedUrl upload = store.signUpload(path, "video/mp4", 100, Duration.ofSeconds(1));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), download.expiresAt()).toMillis()) + 50);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), upload.expiresAt()).toMillis()) + 50);

        assertDetail(get(download.url()), 403, "Signed URL has expired.");
        assertDetail(put(upload.url(), "video/mp4", pattern(9, 100)), 403, "Signed URL has expired.");
        assertThat(store.find(path).orElseThrow().head()).isEqualTo(pattern(0, 100));
    }

    @Test
    void changedUrlsAreRefused() {
        String path = path("videos", "mp4");
        String other = path("videos", "mp4");
        put(store.signUpload(path, "video/mp4", 100, HOUR).url(), "video/mp4", pattern(0, 100));
        String upload = store.signUpload(path, "video/mp4", 100, HOUR).url();
        String download = store.signDownload(path, "lesson.mp4", HOUR).url();
        long expires = Long.parseLong(param(download, "expires"));

        assertDetail(put(withParam(upload, "signature", flipped(param(upload, "signature"))), "video/mp4",
                pattern(1, 100)), 403, "Invalid signature.");
        assertDetail(put(upload.replace(path, other), "video/mp4", pattern(1, 100)), 403, "Invalid signature.");
        assertDetail(put(withParam(upload, "content_type", "video%2Fwebm"), "video/webm", pattern(1, 100)), 403,
                "Invalid signature.");
        assertDetail(put(withParam(upload, "max_bytes", "1000"), "video/mp4", pattern(1, 1000)), 403,
                "Invalid signature.");
        assertDetail(put(withParam(upload, "expires", Long.toString(expires + 86400)), "video/mp4", pattern(1, 100)),
                403, "Invalid signature.");
        assertDetail(put(withParam(upload, "expires", "soon"), "video/mp4", pattern(1, 100)), 403, "Invalid signature.");
        assertDetail(put(download, "video/mp4", pattern(1, 100)), 403, "Missing signature.");

        assertDetail(get(withParam(download, "signature", flipped(param(download, "signature")))), 403,
                "Invalid signature.");
        assertDetail(get(download.replace(path, other)), 403, "Invalid signature.");
        assertDetail(get(withParam(download, "expires", Long.toString(expires + 86400))), 403, "Invalid signature.");
        assertDetail(get(withParam(download, "filename", "other.mp4")), 403, "Invalid signature.");
        assertDetail(get(upload), 403, "Invalid signature.");
        assertDetail(get(download.substring(0, download.indexOf("&signature="))), 403, "Missing signature.");

        assertThat(store.find(path).orElseThrow().head()).isEqualTo(pattern(0, 100));
        assertThat(store.find(other)).isEmpty();
    }

    @Test
    void anUploadMustCarryTheSignedContentType() {
        String path = path("resources", "pdf");
        String upload = store.signUpload(path, "application/pdf", 100, HOUR).url();

        assertDetail(put(upload, "text/plain", pattern(0, 10)), 403, "Content-Type does not match the signed upload.");
        assertDetail(put(upload, "application/pdf; charset=utf-8", pattern(0, 10)), 403,
                "Content-Type does not match the signed upload.");
        assertDetail(put(upload, null, pattern(0, 10)), 403, "Content-Type does not match the signed upload.");
        assertThat(store.find(path)).isEmpty();
        assertThat(filesOf(path)).isEmpty();
    }

    @Test
    void anUploadOverItsMaximumIsRefusedAndLeavesNothing() {
        String path = path("resources", "png");
        String fresh = path("resources", "png");
        put(store.signUpload(path, "image/png", 1000, HOUR).url(), "image/png", pattern(0, 10));

        HttpResponse<String> declared = put(store.signUpload(path, "image/png", 1000, HOUR).url(), "image/png",
                pattern(1, 1001));
        HttpResponse<String> streamed = send(HttpRequest.newBuilder(URI.create(store.signUpload(fresh, "image/png", 1000,
                        HOUR).url())).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(5000, null))).build());

        assertDetail(declared, 413, "Upload exceeds the signed maximum of 1000 bytes.");
        assertDetail(streamed, 413, "Upload exceeds the signed maximum of 1000 bytes.");
        assertThat(store.find(path).orElseThrow().size()).isEqualTo(10);
        assertThat(filesOf(fresh)).isEmpty();
    }

    @Test
    void anInterruptedUploadLeavesNothing() throws Exception {
        String path = path("videos", "mp4");
        URI upload = URI.create(store.signUpload(path, "video/mp4", 100_000, HOUR).url());

        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + upload.getRawPath() + "?" + upload.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: video/mp4\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(pattern(0, 1000));
            out.flush();
            awaitUntil(() -> files(DIRECTORY).stream().anyMatch(file -> file.getFileName().toString().endsWith(".part")));
        }

        awaitUntil(() -> files(DIRECTORY).stream().noneMatch(file -> file.getFileName().toString().endsWith(".part")));
        assertThat(filesOf(path)).isEmpty();
        assertThat(store.find(path)).isEmpty();
    }

    @Test
    void unknownObjectsAreNotFound() {
        assertDetail(get(store.signDownload(path("videos", "mp4"), null, HOUR).url()), 404, "Not found.");
    }

    @Test
    void namesThatAreNotStoragePathsAreRefused() {
        String valid = path("videos", "mp4");
        String outside = DIRECTORY.resolveSibling("evil.mp4").toString();
        for (String bad : new String[]{"../evil.mp4", "videos/2026/11/29/../../../../../evil.mp4", "/videos/2026/11/29/"
                + UUID.randomUUID() + ".mp4", "videos\\2026\\11\\29\\" + UUID.randomUUID() + ".mp4", outside,
                "etc/passwd", valid + "/../x.mp4", valid.toUpperCase(), valid + "\n", "", null}) {
            assertThatThrownBy(() -> store.signUpload(bad, "video/mp4", 10, HOUR))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.signDownload(bad, null, HOUR))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.find(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.publicUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void traversalOverHttpWritesNothingOutsideTheDirectory() throws Exception {
        String valid = path("videos", "mp4");
        String query = URI.create(store.signUpload(valid, "video/mp4", 100, HOUR).url()).getRawQuery();
        String base = "http://localhost:" + port + "/storage/o/";
        Path outside = DIRECTORY.resolveSibling("evil.mp4");
        List<Path> before = files(DIRECTORY);

        // dot segments (as sent, before Tomcat resolves them), encoded dots, backslashes, slashes and
        // empty segments: refused by Spring Security's firewall or by Tomcat
        assertDetail(put(base + "videos/2026/11/29/../../../../../evil.mp4?" + query, "video/mp4", pattern(0, 10)),
                400, "Bad request: The request was rejected because the URL was not normalized.");
        assertDetail(put(base + "videos/2026/11/29/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/evil.mp4?" + query, "video/mp4",
                pattern(0, 10)), 400, "Bad request: The request was rejected because the URL contained a potentially "
                + "malicious String \"%2e\"");
        assertDetail(put(base + "videos%5C2026%5C11%5C29%5Cevil.mp4?" + query, "video/mp4", pattern(0, 10)), 400,
                "Bad request.");
        assertDetail(put(base + "%2Ftmp%2Fevil.mp4?" + query, "video/mp4", pattern(0, 10)), 400, "Bad request.");
        assertDetail(put(base + "/" + outside + "?" + query, "video/mp4", pattern(0, 10)), 400,
                "Bad request: The request was rejected because the URL contained a potentially malicious String \"//\"");
        // names that get through but are not of the storage paths' shape: not ours
        assertDetail(put(base + "etc/passwd?" + query, "video/mp4", pattern(0, 10)), 404, "Not found.");
        assertDetail(put(base + valid.replace(".mp4", ".mp4.meta") + "?" + query, "video/mp4", pattern(0, 10)), 404,
                "Not found.");
        assertDetail(get(base + valid + ".meta?" + query), 404, "Not found.");

        assertThat(files(DIRECTORY)).isEqualTo(before);
        assertThat(outside).doesNotExist();
        assertThat(filesOf(valid)).isEmpty();
    }

    @Test
    void browsersMayUploadCrossOriginFromTheAllowedOrigins() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(store.signUpload(path("videos", "mp4"),
                        "video/mp4", 100, HOUR).url()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("PUT");
    }

    /**
     * The contract's largest upload, 500 MiB, streamed from a generator: the heap after a full
     * collection, sampled while the body is still arriving, must stay far below the body's size.
     */
    @Test
    void a500MegabyteUploadIsStreamedToDiskNotHeldInMemory() throws Exception {
        long size = 500 * MiB;
        String path = path("videos", "mp4");
        String upload = store.signUpload(path, "video/mp4", size, HOUR).url();
        long baseline = heapAfterCollection();
        List<Long> samples = new ArrayList<>();

        long started = System.nanoTime();
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(upload)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new PatternStream(size, position -> samples.add(heapAfterCollection()))), size))
                .build());
        double seconds = (System.nanoTime() - started) / 1e9;

        long growth = samples.stream().mapToLong(Long::longValue).max().orElseThrow() - baseline;
        System.out.printf("500 MiB upload: %.1f s (%.0f MiB/s), heap growth at most %.1f MiB over %d samples%n",
                seconds, size / MiB / seconds, growth / (double) MiB, samples.size());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(samples).hasSize(7);
        assertThat(growth).isLessThan(64 * MiB);

        StoredBlob found = store.find(path).orElseThrow();
        assertThat(found.size()).isEqualTo(524_288_000L);
        assertThat(found.head()).isEqualTo(pattern(0, StoredBlob.HEAD_BYTES));
        String download = store.signDownload(path, null, HOUR).url();
        HttpResponse<byte[]> tail = get(download, "Range", "bytes=-4096");
        assertThat(header(tail, "Content-Range")).isEqualTo("bytes 524283904-524287999/524288000");
        assertThat(tail.body()).isEqualTo(pattern(size - 4096, 4096));
        // neither reads the object: HEAD has no body to produce, a 416 carries only its JSON
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(download))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(header(head, "Content-Length")).isEqualTo("524288000");
        HttpResponse<byte[]> unsatisfiable = get(download, "Range", "bytes=600000000-");
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.body()).hasSize(45);

        store.delete(path);
        assertThat(filesOf(path)).isEmpty();
    }

    /**
     * The bytes {@code patternByte(i)} for i in [0, size), computed as they are read, never held as a
     * whole; calls {@code probe} at each eighth of the way (the sender reads ahead of the server by a
     * few buffers only, so the server is then that far into the body).
     */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final LongConsumer probe;
        private long position;
        private long nextProbe;

        PatternStream(long size, LongConsumer probe) {
            this.size = size;
            this.probe = probe;
            this.nextProbe = size / 8;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (probe != null && position >= nextProbe && nextProbe < size) {
                probe.accept(position);
                nextProbe += size / 8;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = patternByte(position + i);
            }
            position += count;
            return count;
        }
    }

    private static long heapAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte patternByte(long i) {
        return (byte) (i * 31 + (i >>> 11));
    }

    private static byte[] pattern(long from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = patternByte(from + i);
        }
        return bytes;
    }

    private static String path(String folder, String extension) {
        return folder + "/2026/11/29/" + UUID.randomUUID() + "." + extension;
    }

    private static HttpResponse<String> put(String url, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private static HttpResponse<byte[]> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertDetail(HttpResponse<?> response, int status, String detail) {
        String body = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : (String) response.body();
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        try {
            assertThat(JSON.readValue(body, Map.class)).isEqualTo(Map.of("detail", detail));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + url);
    }

    private static String withParam(String url, String name, String rawValue) {
        return url.replace(name + "=" + param(url, name), name + "=" + rawValue);
    }

    private static String flipped(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }

    /** The object's files (data, sidecar) as storage paths relative to the directory. */
    private static List<String> filesOf(String path) {
        Path day = DIRECTORY.resolve(path).getParent();
        String id = StoragePaths.idOf(path).orElseThrow().toString();
        return files(DIRECTORY).stream().filter(file -> file.getParent().equals(day)
                        && file.getFileName().toString().startsWith(id))
                .map(file -> DIRECTORY.relativize(file).toString()).toList();
    }

    /** The regular files under {@code directory}; walked again when a file vanishes during the walk. */
    private static List<Path> files(Path directory) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(directory)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                return walk.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException | UncheckedIOException vanished) {
                if (attempt == 5) {
                    throw new IllegalStateException(vanished);
                }
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
