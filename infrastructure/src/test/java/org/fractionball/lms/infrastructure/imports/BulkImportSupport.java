package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared vocabulary of the bulk import tests: multipart uploads as a browser sends them, and waiting for jobs. */
abstract class BulkImportSupport extends IntegrationTest {
    static final String VIDEO_HEADER = "title,description,grade,topic,tags,duration,storage_uri,owner_email\r\n";
    static final String RESOURCE_HEADER = "title,description,file_uri,file_type,grade,topic,tags,owner_email\r\n";
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** POSTs {@code content} as the {@code file} part named {@code fileName}, with a {@code type} part unless null. */
    Api.Response upload(String token, String fileName, byte[] content, String type) {
        String boundary = "----bulk" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (type != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n");
        }
        if (content != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: text/csv\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return post(token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    Api.Response upload(String token, String fileName, String csv, String type) {
        return upload(token, fileName, csv.getBytes(StandardCharsets.UTF_8), type);
    }

    Api.Response post(String token, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/bulk/upload/"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Api.Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls the job's status as {@code token} until it is COMPLETED or FAILED; answers the final status object. */
    JsonNode awaitFinished(String token, String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Api.Response response = api().get("/api/bulk/jobs/" + jobId + "/status/").token(token).send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode status = response.json().get("status");
            String state = status.get("status").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " still " + status);
            }
            sleep(100);
        }
    }

    long userId(String uid) {
        return jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
