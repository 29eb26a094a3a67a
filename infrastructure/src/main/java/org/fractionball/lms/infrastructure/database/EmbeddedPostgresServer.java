package org.fractionball.lms.infrastructure.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 16 server from the binaries zonky publishes on Maven Central, with its data
 * kept in a directory across restarts. Used when no {@code DATABASE_URL} is configured.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root the server runs as {@code nobody}
 * (through {@code setpriv}), which needs search permission on the directories above the data
 * directory. A server already running on the data directory (another process of this app, such
 * as the admin CLI next to a running server) is reused rather than started twice.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String UNPRIVILEGED_USER = "nobody";

    private final Path binaries;
    private final Path data;
    private final int port;
    private final boolean startedHere;

    private EmbeddedPostgresServer(Path binaries, Path data, int port, boolean startedHere) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.startedHere = startedHere;
    }

    /** Starts (or joins) the server whose data lives in {@code dataDirectory} and makes sure {@code database} exists. */
    public static EmbeddedPostgresServer start(Path dataDirectory, String database) throws IOException {
        return start(dataDirectory, database, 0);
    }

    /** As {@link #start(Path, String)}, listening on {@code port} when it starts the server (0: any free port). */
    public static EmbeddedPostgresServer start(Path dataDirectory, String database, int port) throws IOException {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Path binaries = extractBinaries(data.getParent().resolve("postgres-bin"));
        Integer running = runningPort(data);
        EmbeddedPostgresServer server;
        if (running != null) {
            log.info("Joining the embedded PostgreSQL already running on {} (port {})", data, running);
            server = new EmbeddedPostgresServer(binaries, data, running, false);
        } else {
            boolean root = isRoot();
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                if (root) {
                    prepareForUnprivilegedUser(data);
                }
                run(binaries, root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres",
                        "-D", data.toString(), "-E", "UTF8", "--no-locale"));
            }
            int listen = port == 0 ? freePort() : port;
            run(binaries, root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-w",
                    "-t", "60", "-l", data.resolve("server.log").toString(), "-o",
                    "-p " + listen + " -h 127.0.0.1 -c unix_socket_directories='' -c fsync=on", "start"));
            log.info("Started embedded PostgreSQL on 127.0.0.1:{} with data in {}", listen, data);
            server = new EmbeddedPostgresServer(binaries, data, listen, true);
        }
        server.createDatabaseIfMissing(database);
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        if (!startedHere) {
            return;
        }
        try {
            run(binaries, isRoot(), List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m",
                    "fast", "-w", "stop"));
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}", data, e);
        }
    }

    private void createDatabaseIfMissing(String database) throws IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "")) {
            var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IOException("Cannot create database " + database + " on the embedded PostgreSQL", e);
        }
    }

    /** The port of a live postmaster on this data directory, if any (from its postmaster.pid). */
    private static Integer runningPort(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return null;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Integer.parseInt(lines.get(3).trim());
        }
        return null;
    }

    private static Path extractBinaries(Path target) throws IOException {
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(createParent(target), "postgres-bin-");
        // readable by the unprivileged user the server may run as
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(osName(), "x86_64");
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            List<TarArchiveEntry> links = new ArrayList<>();
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("Refusing archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    links.add(entry);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            for (TarArchiveEntry link : links) {
                Path path = staging.resolve(link.getName()).normalize();
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(link.getLinkName()));
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherProcessWon) {
            if (!Files.exists(target.resolve("bin/postgres"))) {
                throw anotherProcessWon;
            }
        }
        return target;
    }

    private static Path createParent(Path target) throws IOException {
        return Files.createDirectories(target.getParent());
    }

    private static String osName() {
        return System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The data directory belongs to the unprivileged user, and every directory above it lets that user pass. */
    private static void prepareForUnprivilegedUser(Path data) throws IOException {
        exec(List.of("chown", "-R", UNPRIVILEGED_USER + ":", data.toString()));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        for (Path dir = data.getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                log.warn("Allowing other users to pass through {} so PostgreSQL (run as {}) can reach its data",
                        dir, UNPRIVILEGED_USER);
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
            }
        }
    }

    private static void run(Path binaries, boolean root, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
        }
        full.addAll(command);
        exec(full);
    }

    private static void exec(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("Command failed: " + String.join(" ", command) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
