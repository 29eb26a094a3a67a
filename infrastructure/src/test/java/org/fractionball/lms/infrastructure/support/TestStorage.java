package org.fractionball.lms.infrastructure.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh storage directory for the filesystem adapter, one per test JVM, removed when it exits. */
public final class TestStorage {
    private static Path directory;

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

    private static void delete() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit: the directory is under the system temp directory
        }
    }
}
