package org.fractionball.lms.infrastructure.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Age of the newest backup ({@code *.dump} written by ops/scripts/backup_database.sh) in
 * {@code BACKUP_DIR}: backups run daily, so older than 26 h is a WARNING (one run missed, with
 * slack), older than 50 h CRITICAL. None at all is a WARNING: a fresh installation has none yet.
 */
@Component("backupsHealthIndicator")
public class BackupCheck extends OpsCheck {
    private final Path directory;
    private final Duration warning;
    private final Duration critical;

    public BackupCheck(@Value("${lms.backups.directory:/backups/postgresql}") String directory,
                       @Value("${lms.health.backups.warning:26h}") Duration warning,
                       @Value("${lms.health.backups.critical:50h}") Duration critical) {
        this.directory = Path.of(directory);
        this.warning = warning;
        this.critical = critical;
    }

    @Override
    public String name() {
        return "backups";
    }

    @Override
    protected CheckResult measure() throws IOException {
        CheckResult.Builder result = CheckResult.healthy().detail("directory", directory.toString());
        Optional<Path> newest = newest();
        if (newest.isEmpty()) {
            return result.raise(HealthLevel.WARNING, "no backup in " + directory).build();
        }
        Instant written = Files.getLastModifiedTime(newest.get()).toInstant();
        Duration age = Duration.between(written, Instant.now());
        return result.detail("newest", newest.get().getFileName().toString())
                .detail("newest_at", written.toString())
                .detail("age_hours", Math.round(age.toMinutes() / 6.0) / 10.0)
                .raise(HealthLevel.of(age.toSeconds(), warning.toSeconds(), critical.toSeconds()),
                        "newest backup is " + age.toHours() + " h old")
                .build();
    }

    private Optional<Path> newest() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".dump") && Files.isRegularFile(file))
                    .max(Comparator.comparing(BackupCheck::modified));
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException gone) {
            return Instant.MIN;
        }
    }
}
