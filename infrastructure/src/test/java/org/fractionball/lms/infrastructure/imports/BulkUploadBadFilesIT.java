package org.fractionball.lms.infrastructure.imports;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.imports.ImportJob;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file checks of contract §5.18, in its order, each a 400 with the contract's body and no job
 * stored; a byte-order mark and spaces around header names are accepted (D20d).
 */
class BulkUploadBadFilesIT extends BulkImportSupport {
    private static final String ONE_ROW = VIDEO_HEADER
            + "Halves drill,,,,,,https://videos.example.org/h.mp4,\r\n";

    private String teacher;

    @BeforeEach
    void teacher() {
        teacher = user(Role.TEACHER, school(unique("bulk-bad") + ".edu"));
    }

    @Test
    void every_bad_file_is_refused_with_the_contracts_error_and_nothing_is_stored() {
        long jobsBefore = jobs();

        refused(upload(token(), null, (byte[]) null, "video"), "{\"error\":\"No file provided\"}");
        refused(post(token(), "application/x-www-form-urlencoded", "type=video".getBytes(StandardCharsets.UTF_8)),
                "{\"error\":\"No file provided\"}");
        refused(upload(token(), "videos.csv", ONE_ROW, "pdf"),
                "{\"error\":\"Invalid type. Must be \\\"video\\\" or \\\"resource\\\"\"}");
        refused(upload(token(), "videos.csv", ONE_ROW, ""),
                "{\"error\":\"Invalid type. Must be \\\"video\\\" or \\\"resource\\\"\"}");
        refused(upload(token(), "videos.txt", ONE_ROW, null), "{\"error\":\"File must be a CSV file\"}");
        refused(upload(token(), "videos", ONE_ROW, null), "{\"error\":\"File must be a CSV file\"}");
        refused(upload(token(), "videos.csv", tenMebibytesPlusOne(), null),
                "{\"error\":\"File too large. Maximum size is 10MB\"}");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff};
        refused(upload(token(), "image.csv", png, null), "{\"error\":\"File must be UTF-8 encoded\"}");
        refused(upload(token(), "latin1.csv", (VIDEO_HEADER + "Caf\u00e9 drill,,,,,,https://v.example.org/c.mp4,\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), null), "{\"error\":\"File must be UTF-8 encoded\"}");
        refused(upload(token(), "nul.csv", "title,storage_uri\r\nA\0B,https://v.example.org/n.mp4\r\n", null),
                "{\"error\":\"File must be UTF-8 encoded\"}");
        refused(upload(token(), "empty.csv", "", null), "{\"error\":\"CSV file is empty\"}");
        refused(upload(token(), "header.csv", VIDEO_HEADER, null), "{\"error\":\"CSV file is empty\"}");
        refused(upload(token(), "rows.csv", rows(1001), null),
                "{\"error\":\"CSV file too large. Maximum 1000 rows allowed\"}");
        Api.Response unterminated = upload(token(), "quote.csv",
                "title,storage_uri\r\n\"Halves,https://v.example.org/h.mp4\r\n", null);
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(unterminated.json().get("error").asText()).startsWith("Invalid CSV format: ")
                .contains("EOF reached before encapsulated token finished");
        refused(upload(token(), "headers.csv", "name,url\r\nHalves,https://v.example.org/h.mp4\r\n", null),
                "{\"error\":\"Missing required CSV headers: title, storage_uri\",\"required_headers\":[\"title\","
                        + "\"storage_uri\"],\"found_headers\":[\"name\",\"url\"]}");
        refused(upload(token(), "headers.csv", "title,file_uri,Title\r\nSheet,https://d.example.org/s.pdf,x\r\n",
                "resource"), "{\"error\":\"Missing required CSV headers: file_type\",\"required_headers\":[\"title\","
                + "\"file_uri\",\"file_type\"],\"found_headers\":[\"title\",\"file_uri\",\"Title\"]}");
        Api.Response json = api().post("/api/bulk/upload/", "{\"type\": \"video\"}").token(token()).send();
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.text()).isEqualTo("{\"detail\":\"Unsupported media type \\\"application/json\\\" in request.\"}");

        assertThat(jobs()).isEqualTo(jobsBefore);
    }

    @Test
    void a_byte_order_mark_and_spaces_around_header_names_are_accepted() {
        String csv = "\uFEFF title , storage_uri ,grade\r\n Halves drill , https://videos.example.org/h.mp4 , 3 \r\n";

        Api.Response response = upload(token(), "excel.csv", csv, "video");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("file_info").get("headers").toString())
                .isEqualTo("[\"title\",\"storage_uri\",\"grade\"]");
        String jobId = response.json().get("job_id").asText();
        assertThat(awaitFinished(token(), jobId, Duration.ofSeconds(30)).get("successful_imports").asInt())
                .isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT title, grade, uri FROM content_view WHERE id = ?",
                ImportJob.contentIdOf(UUID.fromString(jobId), 1)))
                .containsEntry("title", "Halves drill").containsEntry("grade", "3")
                .containsEntry("uri", "https://videos.example.org/h.mp4");
    }

    @Test
    void a_file_of_exactly_ten_mebibytes_passes_the_size_check() {
        byte[] exactly = Arrays.copyOf(tenMebibytesPlusOne(), 10 * 1024 * 1024);
        Api.Response response = upload(token(), "big.csv", exactly, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("file_info").get("size").asLong()).isEqualTo(10L * 1024 * 1024);
        // the one row's description pads the file, far beyond what an item may hold
        JsonNode status = awaitFinished(token(), response.json().get("job_id").asText(), Duration.ofSeconds(60));
        assertThat(status.get("failed_imports").asInt()).isEqualTo(1);
        assertThat(status.get("errors").toString()).isEqualTo("[{\"row\":1,\"type\":\"VALIDATION_ERROR\","
                + "\"message\":\"Description must be at most 10000 characters\"}]");
    }

    private String token() {
        return tokenFor(teacher);
    }

    private long jobs() {
        return count("SELECT count(*) FROM domain_event_entry WHERE payload_type = ?",
                "org.fractionball.lms.events.imports.ImportStarted");
    }

    private static void refused(Api.Response response, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).isEqualTo(body);
    }

    /** A header and one row whose description pads the file to 10 MiB + 1 byte. */
    private static byte[] tenMebibytesPlusOne() {
        String head = "title,storage_uri,description\r\nBig file,https://videos.example.org/big.mp4,";
        int padding = 10 * 1024 * 1024 + 1 - head.length() - 2;
        return (head + "a".repeat(padding) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String rows(int count) {
        StringBuilder csv = new StringBuilder("title,storage_uri\r\n");
        for (int row = 1; row <= count; row++) {
            csv.append("Video ").append(row).append(",https://videos.example.org/").append(row).append(".mp4\r\n");
        }
        return csv.toString();
    }
}
