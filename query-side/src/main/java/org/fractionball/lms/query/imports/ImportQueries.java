package org.fractionball.lms.query.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers import job queries from {@code import_job_view}, uploader and school names joined from the accounts tables. */
@Component
public class ImportQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<ImportJobResult> RESULT = (rs, n) -> new ImportJobResult(
            rs.getObject("id", UUID.class), rs.getLong("uploader_id"), rs.getLong("school_id"),
            rs.getString("status"), rs.getInt("total_rows"), rs.getInt("processed_rows"),
            rs.getInt("successful_imports"), rs.getInt("failed_imports"), json(rs.getString("errors")),
            json(rs.getString("warnings")), json(rs.getString("created_items")), instant(rs.getTimestamp("started_at")),
            instant(rs.getTimestamp("completed_at")));
    private static final RowMapper<ImportJobSummary> SUMMARY = (rs, n) -> new ImportJobSummary(
            rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("file_name"), rs.getInt("total_rows"),
            instant(rs.getTimestamp("started_at")), rs.getString("status"), rs.getInt("successful_imports"),
            rs.getInt("failed_imports"), rs.getString("user_name"), rs.getString("user_email"),
            rs.getString("school_name"));

    private final JdbcTemplate jdbc;

    public ImportQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<ImportJobResult> handle(FindImportJob query) {
        return jdbc.query("""
                SELECT id, uploader_id, school_id, status, total_rows, processed_rows, successful_imports,
                       failed_imports, errors::text AS errors, warnings::text AS warnings,
                       created_items::text AS created_items, started_at, completed_at
                FROM import_job_view WHERE id = ?""", RESULT, query.jobId()).stream().findFirst();
    }

    @QueryHandler
    public List<ImportJobSummary> handle(FindImportJobs query) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (query.uploaderId() != null) {
            where.append(" AND j.uploader_id = ?");
            args.add(query.uploaderId());
        }
        if (query.schoolId() != null) {
            where.append(" AND j.school_id = ?");
            args.add(query.schoolId());
        }
        args.add(query.limit());
        return jdbc.query("""
                SELECT j.id, j.kind, j.file_name, j.total_rows, j.started_at, j.status, j.successful_imports,
                       j.failed_imports,
                       CASE WHEN u.id IS NULL THEN '' WHEN u.first_name <> '' AND u.last_name <> ''
                            THEN u.first_name || ' ' || u.last_name ELSE u.username END AS user_name,
                       coalesce(u.email, '') AS user_email, coalesce(s.name, '') AS school_name
                FROM import_job_view j
                     LEFT JOIN user_view u ON u.id = j.uploader_id
                     LEFT JOIN school_view s ON s.id = j.school_id
                WHERE %s
                ORDER BY j.started_at DESC, j.id
                LIMIT ?""".formatted(where), SUMMARY, args.toArray());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
