package org.fractionball.lms.infrastructure.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh storage directory for the filesystem adapter, and one for backups (whose age the health
 * checks report), one each per test JVM, removed when it exits.
 */
public final class TestStorage {
    private static Path directory;
    private static Path backups;

    private TestStorage() {
    }

    public static synchronized String directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("lms-storage-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestStorage::delete));
        }
        return directory.toString();
    }

    public static synchronized String backupDirectory() {
        if (backups == null) {
            try {
                backups = Files.createTempDirectory("lms-backups-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(backups)));
        }
        return backups.toString();
    }

    private static void delete() {
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit: the directory is under the system temp directory
        }
    }
}
