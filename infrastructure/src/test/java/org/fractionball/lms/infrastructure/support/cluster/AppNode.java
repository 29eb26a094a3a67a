package org.fractionball.lms.infrastructure.support.cluster;

import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.Api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own (the test's classpath), so {@link #kill()} is a real SIGKILL:
 * no shutdown hook runs, its segment claims stay in {@code token_entry} until they time out.
 */
public final class AppNode implements AutoCloseable {
    private final String name;
    private final List<String> profiles;
    private final int port;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;

    AppNode(String name, List<String> profiles, Map<String, String> properties, Map<String, String> environment,
            Path log) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.profiles = List.copyOf(profiles);
        this.port = freePort();
        this.log = log;
        List<String> active = new ArrayList<>(List.of("test"));
        active.addAll(profiles);
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), LmsApplication.class.getName(),
                "--spring.profiles.active=" + String.join(",", active), "--server.port=" + port,
                "--lms.node-id=" + name));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    }

    /** Starts the JVM (again, after a kill or stop) without waiting for it to serve. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the database and Redis are given as properties; the runbook's variables would point elsewhere
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("REDIS_URL");
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start node " + name, e);
        }
    }

    /** Waits until the node answers its health check. */
    public void awaitServing(Duration timeout) {
        Api api = api();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api.get("/api/healthz/").send().status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException("node " + name + " did not serve within " + timeout + "; see " + log);
    }

    /** SIGKILL, as when the machine or the container dies. */
    public void kill() {
        end(true);
    }

    /** SIGTERM: Spring's graceful shutdown, segments released. */
    public void stop() {
        end(false);
    }

    private synchronized void end(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public List<String> profiles() {
        return profiles;
    }

    /** Serves HTTP traffic through the proxy: every node but a projections-only one. */
    boolean servesHttp() {
        return profiles.isEmpty() || profiles.contains("command") || profiles.contains("query");
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** This node directly, bypassing the proxy. */
    public Api api() {
        return new Api(port);
    }

    @Override
    public void close() {
        kill();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path logDirectory() {
        try {
            return Files.createDirectories(Path.of("target", "cluster"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
