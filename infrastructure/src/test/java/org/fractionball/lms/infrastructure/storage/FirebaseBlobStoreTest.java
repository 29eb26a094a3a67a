package org.fractionball.lms.infrastructure.storage;

import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.fractionball.lms.command.storage.SignedUrl;
import org.fractionball.lms.command.storage.StoragePaths;
import org.fractionball.lms.command.storage.StoredBlob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FirebaseBlobStore} against Google's in-memory Cloud Storage fake ({@code LocalStorageHelper})
 * with a locally generated service-account key. The fake answers the JSON API's object calls
 * (create, get, read, delete); it never sees signed URLs, which Google's client computes locally, so
 * those are checked here against the V4 signing specification, signature included.
 */
class FirebaseBlobStoreTest {
    private static final String BUCKET = "demo-fractionball.appspot.com";
    private static final String CLIENT_EMAIL = ServiceAccountKey.CLIENT_EMAIL;
    private static final DateTimeFormatter GOOG_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final PublicKey publicKey = ServiceAccountKey.keys().getPublic();
    private Storage storage;
    private FirebaseBlobStore store;

    @BeforeEach
    void fakeBucket() {
        storage = LocalStorageHelper.getOptions().toBuilder().setCredentials(ServiceAccountKey.credentials()).build()
                .getService();
        store = new FirebaseBlobStore(storage, BUCKET);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void publicUrlIsFirebasesDownloadUrlAndReadsBackAsThePath() {
        String path = "videos/2026/11/29/0b5c3f0e-7a47-4c1e-9d1e-3c2b5a6d7e8f.mp4";

        String url = store.publicUrl(path);

        assertThat(url).isEqualTo("https://firebasestorage.googleapis.com/v0/b/demo-fractionball.appspot.com/o/"
                + "videos%2F2026%2F11%2F29%2F0b5c3f0e-7a47-4c1e-9d1e-3c2b5a6d7e8f.mp4?alt=media");
        assertThat(StoragePaths.fromUri(url)).contains(path);
    }

    @Test
    void findReportsSizeStoredContentTypeAndTheFirstBytes() {
        String path = path("videos", "mp4");
        byte[] bytes = pattern(20_000);
        storage.create(BlobInfo.newBuilder(BUCKET, path).setContentType("video/mp4").build(), bytes);

        StoredBlob found = store.find(path).orElseThrow();

        assertThat(found.path()).isEqualTo(path);
        assertThat(found.size()).isEqualTo(20_000);
        assertThat(found.contentType()).isEqualTo("video/mp4");
        assertThat(found.head()).hasSize(StoredBlob.HEAD_BYTES).isEqualTo(Arrays.copyOf(bytes, StoredBlob.HEAD_BYTES));
    }

    @Test
    void findOfAnObjectSmallerThanTheHeadReturnsAllOfIt() {
        String path = path("resources", "txt");
        storage.create(BlobInfo.newBuilder(BUCKET, path).setContentType("text/plain").build(),
                "one half".getBytes(StandardCharsets.UTF_8));

        StoredBlob found = store.find(path).orElseThrow();

        assertThat(found.size()).isEqualTo(8);
        assertThat(found.contentType()).isEqualTo("text/plain");
        assertThat(new String(found.head(), StandardCharsets.UTF_8)).isEqualTo("one half");
    }

    @Test
    void findOfAnEmptyObjectHasAnEmptyHead() {
        String path = path("resources", "txt");
        storage.create(BlobInfo.newBuilder(BUCKET, path).setContentType("text/plain").build(), new byte[0]);

        StoredBlob found = store.find(path).orElseThrow();

        assertThat(found.size()).isZero();
        assertThat(found.head()).isEmpty();
    }

    @Test
    void findOfAMissingObjectIsEmpty() {
        assertThat(store.find(path("videos", "mp4"))).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectAndIsIdempotent() {
        String path = path("resources", "pdf");
        storage.create(BlobInfo.newBuilder(BUCKET, path).setContentType("application/pdf").build(), pattern(10));

        store.delete(path);
        store.delete(path);
        store.delete(path("resources", "pdf"));

        assertThat(store.find(path)).isEmpty();
        assertThat(storage.get(BUCKET, path)).isNull();
    }

    @Test
    void refusesNamesThatAreNotStoragePaths() {
        for (String bad : new String[]{"../etc/passwd", "videos/2026/11/29/../../../../x.mp4", "/videos/2026/11/29/"
                + UUID.randomUUID() + ".mp4", "videos\\2026\\11\\29\\" + UUID.randomUUID() + ".mp4", "etc/passwd",
                "videos/2026/11/29/" + UUID.randomUUID() + ".mp4/../x.mp4", "", null}) {
            assertThatThrownBy(() -> store.signUpload(bad, "video/mp4", 10, Duration.ofHours(1)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.signDownload(bad, null, Duration.ofHours(1)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.find(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.publicUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void uploadUrlIsAV4SignedPutBoundToTheContentType() throws Exception {
        String path = path("videos", "mp4");

        SignedUrl signed = store.signUpload(path, "video/mp4", 524_288_000, Duration.ofHours(1));

        URI url = URI.create(signed.url());
        Map<String, String> query = query(url);
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getHost()).isEqualTo("storage.googleapis.com");
        assertThat(url.getRawPath()).isEqualTo("/" + BUCKET + "/" + path);
        assertThat(query).containsOnlyKeys("X-Goog-Algorithm", "X-Goog-Credential", "X-Goog-Date", "X-Goog-Expires",
                "X-Goog-SignedHeaders", "X-Goog-Signature");
        assertThat(query.get("X-Goog-Algorithm")).isEqualTo("GOOG4-RSA-SHA256");
        assertThat(query.get("X-Goog-Expires")).isEqualTo("3600");
        assertThat(query.get("X-Goog-SignedHeaders")).isEqualTo("content-type;host");
        String day = query.get("X-Goog-Date").substring(0, 8);
        assertThat(query.get("X-Goog-Credential")).isEqualTo(CLIENT_EMAIL + "/" + day + "/auto/storage/goog4_request");
        assertThat(signed.expiresAt()).isEqualTo(signedAt(query).plus(Duration.ofHours(1)));
        assertThat(signed.expiresAt()).isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3601));

        assertV4Signature(url, "PUT", Map.of("content-type", "video/mp4"), publicKey);
    }

    @Test
    void downloadUrlIsAV4SignedGetNamingTheFile() throws Exception {
        String path = path("resources", "pdf");

        SignedUrl signed = store.signDownload(path, "Equivalent fractions.pdf", Duration.ofHours(24));

        URI url = URI.create(signed.url());
        Map<String, String> query = query(url);
        assertThat(url.getRawPath()).isEqualTo("/" + BUCKET + "/" + path);
        assertThat(query.get("X-Goog-Algorithm")).isEqualTo("GOOG4-RSA-SHA256");
        assertThat(query.get("X-Goog-Expires")).isEqualTo("86400");
        assertThat(query.get("X-Goog-SignedHeaders")).isEqualTo("host");
        assertThat(query.get("response-content-disposition"))
                .isEqualTo("attachment; filename=\"Equivalent fractions.pdf\"");
        assertThat(signed.expiresAt()).isEqualTo(signedAt(query).plus(Duration.ofHours(24)));

        assertV4Signature(url, "GET", Map.of(), publicKey);
    }

    @Test
    void downloadUrlWithoutANameHasNoDisposition() throws Exception {
        URI url = URI.create(store.signDownload(path("videos", "webm"), null, Duration.ofHours(24)).url());

        assertThat(query(url)).doesNotContainKey("response-content-disposition");
        assertV4Signature(url, "GET", Map.of(), publicKey);
    }

    @Test
    void aChangedUrlNoLongerMatchesItsSignature() throws Exception {
        String url = store.signDownload(path("resources", "pdf"), "a.pdf", Duration.ofHours(24)).url();

        URI longer = URI.create(url.replace("X-Goog-Expires=86400", "X-Goog-Expires=604800"));

        assertThatThrownBy(() -> assertV4Signature(longer, "GET", Map.of(), publicKey))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void buildsFromAServiceAccountKeyFile(@TempDir Path directory) throws Exception {
        Path keyFile = ServiceAccountKey.writeTo(directory.resolve("service-account.json"));

        try (FirebaseBlobStore fromFile = FirebaseBlobStore.fromServiceAccount(keyFile, BUCKET, null)) {
            URI url = URI.create(fromFile.signUpload(path("resources", "png"), "image/png", 100, Duration.ofHours(1)).url());

            assertThat(fromFile.bucket()).isEqualTo(BUCKET);
            assertV4Signature(url, "PUT", Map.of("content-type", "image/png"), publicKey);
        }
    }

    /**
     * Recomputes the V4 string to sign from the URL alone (cloud.google.com/storage/docs/authentication/signatures)
     * and checks {@code X-Goog-Signature} against it with the public key.
     */
    private static void assertV4Signature(URI url, String method, Map<String, String> headers, PublicKey key)
            throws Exception {
        Map<String, String> query = new TreeMap<>(query(url));
        String signature = query.remove("X-Goog-Signature");
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((name, value) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&")
                .append(rfc3986(name)).append('=').append(rfc3986(value)));
        TreeMap<String, String> signedHeaders = new TreeMap<>(headers);
        signedHeaders.put("host", url.getHost());
        StringBuilder canonicalHeaders = new StringBuilder();
        signedHeaders.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaderNames = String.join(";", signedHeaders.keySet());
        assertThat(query.get("X-Goog-SignedHeaders")).isEqualTo(signedHeaderNames);

        String canonicalRequest = String.join("\n", method, url.getRawPath(), canonicalQuery, canonicalHeaders,
                signedHeaderNames, "UNSIGNED-PAYLOAD");
        String credential = query.get("X-Goog-Credential");
        String scope = credential.substring(credential.indexOf('/') + 1);
        String stringToSign = String.join("\n", "GOOG4-RSA-SHA256", query.get("X-Goog-Date"), scope,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(HexFormat.of().parseHex(signature)))
                .as("signature over:\n%s", stringToSign).isTrue();
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Percent-encoding of the V4 canonical query: everything but RFC 3986's unreserved characters. */
    private static String rfc3986(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static Instant signedAt(Map<String, String> query) {
        return LocalDateTime.parse(query.get("X-Goog-Date"), GOOG_DATE).toInstant(ZoneOffset.UTC);
    }

    private static String path(String folder, String extension) {
        return folder + "/2026/11/29/" + UUID.randomUUID() + "." + extension;
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }
}
