package org.fractionball.lms.infrastructure.support.cluster;

import org.fractionball.lms.infrastructure.support.Api;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's nginx on loopback running the configuration files of ops/nginx unchanged but for what
 * is machine-specific: listen addresses, paths, and each upstream server {@code <host>:8000}
 * expanded to the loopback ports of the nodes standing for that host.
 */
public final class Nginx implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path OPS = Path.of("..", "ops", "nginx").toAbsolutePath().normalize();
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*)server ([a-z][a-z0-9-]*):8000(.*);$");

    private final Path dir;
    private final Process process;
    private final int https;

    private Nginx(Path dir, Process process, int https) {
        this.dir = dir;
        this.process = process;
        this.https = https;
    }

    /**
     * @param confFiles files of ops/nginx (e.g. {@code conf.d/lms.conf}) placed in conf.d
     * @param hosts     for each upstream host name of those files, the loopback ports standing for it
     */
    public static Nginx start(List<String> confFiles, Map<String, List<Integer>> hosts) throws Exception {
        Path dir = Files.createTempDirectory("lms-nginx-");
        Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("conf.d"));
        int http = AppNode.freePort();
        int https = AppNode.freePort();
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("certs/privkey.pem").toString(), "-out", dir.resolve("certs/fullchain.pem").toString());
        String prefix = dir + "/";
        Files.writeString(dir.resolve("nginx.conf"), Files.readString(OPS.resolve("nginx.conf"))
                .replace("pid /tmp/nginx.pid;", "pid " + prefix + "nginx.pid;")
                .replace("worker_processes auto;", "worker_processes 1;")
                .replace("/var/log/nginx/", prefix)
                .replace("/etc/nginx/", prefix));
        Files.copy(Path.of("/etc/nginx/mime.types"), dir.resolve("mime.types"));
        for (String file : confFiles) {
            String text = Files.readString(OPS.resolve(file))
                    .replace("listen 80;", "listen 127.0.0.1:" + http + ";")
                    .replace("listen 443 ssl", "listen 127.0.0.1:" + https + " ssl")
                    .replace("/etc/nginx/", prefix);
            Files.writeString(dir.resolve("conf.d").resolve(Path.of(file).getFileName()), expand(text, hosts));
        }
        exec(BINARY.toString(), "-t", "-p", prefix, "-c", dir.resolve("nginx.conf").toString());
        Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix, "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(https)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
            }
            Thread.sleep(50);
        }
        return new Nginx(dir, process, https);
    }

    private static String expand(String text, Map<String, List<Integer>> hosts) {
        Matcher server = UPSTREAM_SERVER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (server.find()) {
            List<Integer> ports = hosts.getOrDefault(server.group(2), List.of());
            String lines = ports.stream().map(port -> server.group(1) + "server 127.0.0.1:" + port + server.group(3) + ";")
                    .collect(Collectors.joining("\n"));
            server.appendReplacement(out, Matcher.quoteReplacement(lines));
        }
        server.appendTail(out);
        return out.toString();
    }

    /** The API through nginx's TLS listener (its certificate is self-signed, so any is trusted). */
    public Api api() {
        return new Api("https://127.0.0.1:" + https, CLIENT);
    }

    public String accessLog() throws IOException {
        return Files.readString(dir.resolve("access.log"));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).sslContext(trustingEveryCertificate()).build();

    private static SSLContext trustingEveryCertificate() {
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
