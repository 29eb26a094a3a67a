package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill for the filesystem storage adapter: its directory is a 512 KiB tmpfs of this test.
 * An upload that fills the disk is refused (507, clear message), one to a read-only (failed)
 * filesystem too (503); neither leaves a file behind, and completing either is refused (404, the
 * file is not in storage), so no content item ever refers to a half-written object. Once storage
 * is back an upload succeeds. Mounting needs root (CAP_SYS_ADMIN), as the test environment has.
 */
class StorageFullIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void uploads_fail_clearly_and_leave_nothing_referenced_when_storage_is_full_or_unavailable() throws Exception {
        Path storage = Files.createTempDirectory("drill-storage-full");
        mount(List.of("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", storage.toString()));
        String database = TestServices.get().freshDatabase("storage_full");
        try (DrillNode node = DrillNode.start(database, TestServices.get().redisUrl,
                Map.of("lms.storage.filesystem.directory", storage.toString()))) {
            String teacher = node.user(Role.TEACHER, node.school("storage-full.edu"));
            node.awaitProjections(Duration.ofSeconds(30));
            Api api = node.api();

            Upload tooBig = sign(api, teacher, 1_000_000);
            HttpResponse<String> full = put(tooBig, mp4(1_000_000));
            assertThat(full.statusCode()).isEqualTo(507);
            assertThat(full.body()).isEqualTo("{\"detail\":\"Storage is full: the file was not stored. Try again "
                    + "later.\"}");
            assertThat(files(storage)).as("files left in storage").isEmpty();
            assertNotCompleted(api, teacher, tooBig);

            mount(List.of("mount", "-o", "remount,ro", storage.toString()));
            Upload small = sign(api, teacher, 100_000);
            HttpResponse<String> unavailable = put(small, mp4(100_000));
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.body()).isEqualTo("{\"detail\":\"Storage is unavailable: the file was not stored. "
                    + "Try again later.\"}");
            assertNotCompleted(api, teacher, small);

            mount(List.of("mount", "-o", "remount,rw", storage.toString()));
            assertThat(put(small, mp4(100_000)).statusCode()).isEqualTo(200);
            Api.Response completed = api.post("/api/uploads/complete/", """
                    {"storage_path": "%s", "title": "Fits", "duration": 30}""".formatted(small.path()))
                    .token(teacher).send();
            assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
            assertThat(files(storage)).hasSize(2);
            assertThat(node.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = "
                    + "'org.fractionball.lms.events.content.ContentCreated'", Long.class)).isEqualTo(1);
        } finally {
            mount(List.of("umount", storage.toString()));
        }
    }

    private record Upload(String url, String path) {
    }

    private static Upload sign(Api api, String token, int size) {
        Api.Response signed = api.post("/api/uploads/sign/", """
                {"filename": "drill.mp4", "file_size": %d, "content_type": "video/mp4", "category": "video",
                 "title": "Drill"}""".formatted(size)).token(token).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        return new Upload(signed.json().get("upload_url").asText(), signed.json().get("storage_path").asText());
    }

    private static void assertNotCompleted(Api api, String token, Upload upload) {
        Api.Response refused = api.post("/api/uploads/complete/", """
                {"storage_path": "%s", "title": "Half", "duration": 30}""".formatted(upload.path()))
                .token(token).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.text()).isEqualTo("{\"error\":\"File not found in storage\"}");
    }

    private static HttpResponse<String> put(Upload upload, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upload.url())).header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An MP4 header (so the type check passes) followed by filler. */
    private static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm',
                'm', 'p', '4', '1'};
        System.arraycopy(ftyp, 0, bytes, 0, ftyp.length);
        for (int i = ftyp.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static void mount(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output
                + " (the drill needs root to mount a tmpfs)").isZero();
    }
}
