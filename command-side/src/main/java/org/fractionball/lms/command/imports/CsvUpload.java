package org.fractionball.lms.command.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.content.ContentKind;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an uploaded bulk CSV with the file checks of contract §5.18, in its order: UTF-8 (a
 * byte-order mark is dropped and header names are trimmed — D20d; NUL bytes count as binary, not
 * text), 1–1000 data rows, parsable (RFC 4180: quoted cells may hold commas, quotes and newlines),
 * the required headers present. Rows keep the known columns only, cells trimmed.
 */
public final class CsvUpload {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MAX_ROWS = 1000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private CsvUpload() {
    }

    /** The header names as found (trimmed, empty ones dropped) and the data rows. */
    public record Parsed(List<String> headers, List<Map<String, String>> rows) {
    }

    public static Parsed parse(byte[] bytes, ContentKind kind) {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> headers = new ArrayList<>();
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Iterator<CSVRecord> lines = parser.iterator();
            List<String> rawHeaders = lines.hasNext() ? lines.next().toList() : List.of();
            while (lines.hasNext()) {
                if (records.size() == MAX_ROWS) {
                    throw CommandRejected.error(400, "CSV file too large. Maximum " + MAX_ROWS + " rows allowed");
                }
                records.add(lines.next().toList());
            }
            rawHeaders.stream().filter(name -> !name.isEmpty()).forEach(headers::add);
            if (records.isEmpty()) {
                throw CommandRejected.error(400, "CSV file is empty");
            }
            List<String> missing = ImportRowRules.required(kind).stream().filter(h -> !headers.contains(h)).toList();
            if (!missing.isEmpty()) {
                throw CommandRejected.error(400, "Missing required CSV headers: " + String.join(", ", missing),
                        "required_headers", ImportRowRules.required(kind), "found_headers", headers);
            }
            return new Parsed(headers, rows(rawHeaders, records, kind));
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException unreadable) {
            throw CommandRejected.error(400, "Invalid CSV format: " + unreadable.getMessage());
        }
    }

    private static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw notUtf8();
            }
            return text;
        } catch (CharacterCodingException notUtf8) {
            throw notUtf8();
        }
    }

    private static List<Map<String, String>> rows(List<String> rawHeaders, List<List<String>> records,
                                                  ContentKind kind) {
        List<String> known = ImportRowRules.known(kind);
        List<Map<String, String>> rows = new ArrayList<>(records.size());
        for (List<String> record : records) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int column = 0; column < rawHeaders.size() && column < record.size(); column++) {
                String name = rawHeaders.get(column);
                // the first of duplicate columns wins, as a header lookup would find it
                if (known.contains(name) && !row.containsKey(name)) {
                    row.put(name, record.get(column));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static CommandRejected notUtf8() {
        return CommandRejected.error(400, "File must be UTF-8 encoded");
    }
}
