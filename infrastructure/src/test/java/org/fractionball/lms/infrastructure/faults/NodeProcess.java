package org.fractionball.lms.infrastructure.faults;

import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.Api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application in a JVM of its own (as {@code BulkImportRestartIT} runs it), so a drill can
 * kill it with SIGKILL: no shutdown hook, no released claim, no finished transaction.
 */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A web node on {@code jdbcUrl} and {@code redisUrl}, answering once this returns. */
    static NodeProcess web(String jdbcUrl, String redisUrl, Map<String, String> overrides, String log)
            throws IOException, InterruptedException {
        Map<String, String> properties = DrillNode.properties(jdbcUrl, redisUrl, overrides);
        NodeProcess node = new NodeProcess(launch(properties, List.of(), log),
                Integer.parseInt(properties.get("server.port")));
        node.awaitHealthy(Duration.ofSeconds(180), log);
        return node;
    }

    /** The operations command {@code arguments} (e.g. {@code projections rebuild audit}) on {@code jdbcUrl}. */
    static NodeProcess command(String jdbcUrl, String redisUrl, Map<String, String> overrides, String log,
                               String... arguments) throws IOException {
        // the command builds its own application from system properties, not from arguments
        return new NodeProcess(launch(DrillNode.properties(jdbcUrl, redisUrl, overrides), List.of(arguments), log), 0);
    }

    private static Process launch(Map<String, String> properties, List<String> arguments, String log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LmsApplication.class.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + log));
        // the database and Redis are given above; the runbook's variables would point elsewhere
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("REDIS_URL");
        return builder.start();
    }

    Api api() {
        return new Api(port);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed node is gone").isTrue();
    }

    private void awaitHealthy(Duration timeout, String log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assertThat(process.isAlive()).as("the node is running (see target/" + log + ")").isTrue();
            try {
                if (api().get("/api/healthz/").send().status() == 200) {
                    return;
                }
            } catch (IllegalStateException notListening) {
                assertThat(System.nanoTime()).as("the node started in time (see target/" + log + ")")
                        .isLessThan(deadline);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
