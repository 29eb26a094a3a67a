package org.fractionball.lms.infrastructure.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The export formats: one JSON item per line, or CSV with the payload as a JSON column. */
public enum AuditExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CSV_HEADER = {"position", "timestamp", "action", "event_type", "actor_id",
            "actor_uid", "actor_role", "actor_school", "aggregate_type", "aggregate_id", "aggregate_sequence",
            "ip_address", "user_agent", "correlation_id", "payload"};

    private final String contentType;
    private final String extension;

    AuditExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** The format named by {@code ?format=} (default ndjson); null when it names none. */
    static AuditExportFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return NDJSON;
        }
        for (AuditExportFormat format : values()) {
            if (format.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return null;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** Writes every event {@code reader} streams for {@code filter} to {@code out}; returns how many. */
    long write(AuditEventReader reader, AuditFilter filter, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long[] count = new long[1];
        try {
            if (this == NDJSON) {
                JsonGenerator json = JSON.getFactory().createGenerator(writer);
                json.setRootValueSeparator(null);
                reader.stream(filter, item -> io(() -> {
                    JSON.writeTree(json, item);
                    json.writeRaw('\n');
                    count[0]++;
                }));
                json.flush();
            } else {
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get().print(writer);
                reader.stream(filter, item -> io(() -> {
                    csv.printRecord(row(item));
                    count[0]++;
                }));
                csv.flush();
            }
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
        writer.flush();
        return count[0];
    }

    private static Object[] row(ObjectNode item) throws IOException {
        JsonNode actor = item.get("actor");
        JsonNode aggregate = item.get("aggregate");
        return new Object[]{item.get("position").asLong(), text(item.get("timestamp")), text(item.get("action")),
                text(item.get("event_type")), text(actor.get("id")), text(actor.get("uid")), text(actor.get("role")),
                text(actor.get("school")), text(aggregate.get("type")), text(aggregate.get("id")),
                aggregate.get("sequence").asLong(), text(item.get("ip_address")), text(item.get("user_agent")),
                text(item.get("correlation_id")), JSON.writeValueAsString(item.get("payload"))};
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
