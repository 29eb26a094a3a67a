package org.fractionball.lms.infrastructure.deployment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.LocalKeys;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.infrastructure.support.TestStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ops/nginx run for real by Debian's nginx, in front of two instances of the app (the test server
 * and a second one on the same database): TLS with HSTS, the request id passed through, plain-HTTP
 * probes, the redirect to HTTPS, actuator kept internal, requests spread over both instances, and
 * a stopped instance's requests served by the other.
 */
class NginxProxyIT extends IntegrationTest {
    private static final Path OPS = Path.of("..", "ops", "nginx").toAbsolutePath().normalize();

    @Autowired
    private MeterRegistry meters;

    private ConfigurableApplicationContext second;
    private Process nginx;
    private Path dir;
    private int http;
    private int https;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")),
                "Debian's nginx is not installed (apt-get install nginx-light; .ci/run does): the proxy test is skipped");
        second = secondInstance();
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        dir = Files.createTempDirectory("lms-nginx-");
        Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("conf.d"));
        http = freePort();
        https = freePort();
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("certs/privkey.pem").toString(), "-out", dir.resolve("certs/fullchain.pem").toString());
        String prefix = dir + "/";
        Files.writeString(dir.resolve("nginx.conf"), Files.readString(OPS.resolve("nginx.conf"))
                .replace("pid /tmp/nginx.pid;", "pid " + prefix + "nginx.pid;")
                .replace("/var/log/nginx/", prefix)
                .replace("/etc/nginx/", prefix));
        Files.copy(Path.of("/etc/nginx/mime.types"), dir.resolve("mime.types"));
        Files.writeString(dir.resolve("conf.d/lms.conf"), Files.readString(OPS.resolve("conf.d/lms.conf"))
                .replace("listen 80;", "listen 127.0.0.1:" + http + ";")
                .replace("listen 443 ssl", "listen 127.0.0.1:" + https + " ssl")
                .replace("/etc/nginx/", prefix));
        Files.writeString(dir.resolve("conf.d/upstream.conf"), Files.readString(OPS.resolve("conf.d/upstream.conf"))
                .replace("server web:8000 max_fails=3 fail_timeout=10s;",
                        "server 127.0.0.1:" + port + " max_fails=3 fail_timeout=10s;\n"
                                + "    server 127.0.0.1:" + secondPort + " max_fails=3 fail_timeout=10s;"));
        Files.copy(OPS.resolve("conf.d/proxy_headers.inc"), dir.resolve("conf.d/proxy_headers.inc"));

        exec("/usr/sbin/nginx", "-t", "-p", prefix, "-c", dir.resolve("nginx.conf").toString());
        nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", prefix, "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(https) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(listening(https)).as(Files.readString(dir.resolve("nginx.out"))).isTrue();
    }

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (second != null && second.isActive()) {
            second.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void nginx_terminates_tls_and_spreads_requests_over_both_instances() throws Exception {
        String requestId = "nginx-it-" + UUID.randomUUID();
        Curl health = curl("-H", "X-Request-Id: " + requestId, "https://127.0.0.1:" + https + "/api/healthz/");
        assertThat(health.status).isEqualTo(200);
        assertThat(health.body).isEqualTo("{\"status\":\"healthy\",\"message\":\"Fraction Ball LMS API is running\"}");
        assertThat(health.header("strict-transport-security")).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(health.header("x-request-id")).isEqualTo(requestId);
        assertThat(health.header("server")).isEqualTo("nginx");

        assertThat(curl("http://127.0.0.1:" + http + "/api/readyz/").status).isEqualTo(200);
        Curl redirected = curl("http://127.0.0.1:" + http + "/api/videos/?page=2");
        assertThat(redirected.status).isEqualTo(301);
        assertThat(redirected.header("location")).isEqualTo("https://127.0.0.1/api/videos/?page=2");
        assertThat(curl("https://127.0.0.1:" + https + "/actuator/health").status).isEqualTo(404);
        assertThat(curl("https://127.0.0.1:" + https + "/api/me/").status).isEqualTo(401);

        MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
        double firstBefore = healthRequests(meters);
        double secondBefore = healthRequests(secondMeters);
        for (int i = 0; i < 20; i++) {
            assertThat(curl("https://127.0.0.1:" + https + "/api/healthz/").status).isEqualTo(200);
        }
        assertThat(healthRequests(meters) - firstBefore).isEqualTo(10);
        assertThat(healthRequests(secondMeters) - secondBefore).isEqualTo(10);

        second.close();
        for (int i = 0; i < 10; i++) {
            assertThat(curl("https://127.0.0.1:" + https + "/api/healthz/").status).as("request %d", i).isEqualTo(200);
        }
    }

    private static double healthRequests(MeterRegistry registry) {
        return registry.find("http.server.requests").tag("uri", "/api/healthz/").timers().stream()
                .mapToDouble(Timer::count).sum();
    }

    /** A second instance of the app with the test server's configuration, on a port of its own. */
    private static ConfigurableApplicationContext secondInstance() {
        TestServices services = TestServices.get();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", services.jdbcUrl());
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.data.redis.url", services.redisUrl);
        properties.put("lms.redis.key-prefix", services.redisKeyPrefix);
        properties.put("spring.profiles.active", "test");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        properties.put("lms.storage.backend", "filesystem");
        properties.put("lms.storage.filesystem.directory", TestStorage.directory());
        properties.put("lms.backups.directory", TestStorage.backupDirectory());
        properties.put("lms.scheduling.enabled", "false");
        if (!TestFirebase.EMULATOR) {
            properties.put("lms.firebase.credentials-path", LocalKeys.serviceAccountFile());
            properties.put("lms.firebase.check-revoked", "false");
        }
        return new SpringApplicationBuilder(LmsApplication.class).properties(properties).run();
    }

    private record Curl(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Curl curl(String... args) throws Exception {
        Path headers = dir.resolve("headers-" + UUID.randomUUID());
        Path body = dir.resolve("body-" + UUID.randomUUID());
        List<String> command = new ArrayList<>(List.of("curl", "-sk", "-m", "10", "-D", headers.toString(), "-o",
                body.toString(), "-w", "%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
        Map<String, String> parsed = new HashMap<>();
        for (String line : Files.readAllLines(headers)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                parsed.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        return new Curl(Integer.parseInt(status), parsed, Files.readString(body));
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
