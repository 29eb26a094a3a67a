package org.fractionball.lms.command.uploads;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Component
public class JdbcPendingUploads implements PendingUploads {
    private final JdbcTemplate jdbc;

    public JdbcPendingUploads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(UUID uploadId, Instant expiresAt) {
        jdbc.update("INSERT INTO pending_upload (upload_id, expires_at) VALUES (?, ?)", uploadId,
                Timestamp.from(expiresAt));
    }

    @Override
    public void remove(UUID uploadId) {
        jdbc.update("DELETE FROM pending_upload WHERE upload_id = ?", uploadId);
    }

    @Override
    public List<UUID> expiredBefore(Instant before, int limit) {
        return jdbc.queryForList("SELECT upload_id FROM pending_upload WHERE expires_at < ? ORDER BY expires_at LIMIT ?",
                UUID.class, Timestamp.from(before), limit);
    }
}
