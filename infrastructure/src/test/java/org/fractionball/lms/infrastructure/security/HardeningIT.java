package org.fractionball.lms.infrastructure.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.security.hardening.ContentSecurityPolicies;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestFirebase;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP hardening end to end: Host validation, the security headers and CSP, CORS, and — in a
 * second application started with the production transport variables — the HTTPS redirect, HSTS
 * behind a trusted proxy and secure session cookies.
 */
class HardeningIT extends IntegrationTest {
    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String ALLOWED_ORIGIN = "http://localhost:3000";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The second application: SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, TRUSTED_PROXIES, SESSION_COOKIE_SECURE. */
    private static ConfigurableApplicationContext secure;
    private static int securePort;
    private static String secureDatabase;

    @BeforeAll
    static void startSecureApplication() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        TestServices services = TestServices.get();
        // a database of its own: sharing the suite's would make this second node compete for the
        // tracking processors' segments with the shared application while it runs
        secureDatabase = services.databaseName + "_https";
        admin(services, "CREATE DATABASE " + secureDatabase);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.profiles.active", "test");
        properties.put("spring.datasource.url", withDatabase(services.jdbcUrl(), secureDatabase));
        properties.put("spring.datasource.username", services.username);
        properties.put("spring.datasource.password", services.password);
        properties.put("spring.data.redis.url", services.redisUrl);
        properties.put("lms.redis.key-prefix", services.redisKeyPrefix + "https:");
        properties.put("lms.firebase.project-id", TestFirebase.PROJECT_ID);
        properties.put("spring.datasource.hikari.maximum-pool-size", "3");
        properties.put("SECURE_SSL_REDIRECT", "true");
        properties.put("SECURE_HSTS_SECONDS", "31536000");
        properties.put("TRUSTED_PROXIES", "127.0.0.1,::1");
        properties.put("SESSION_COOKIE_SECURE", "true");
        // command-line arguments: they outrank application.yml (which sets server.port), unlike default properties
        secure = new SpringApplicationBuilder(LmsApplication.class).logStartupInfo(false)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        securePort = ((ServletWebServerApplicationContext) secure).getWebServer().getPort();
    }

    @AfterAll
    static void stopSecureApplication() {
        if (secure != null) {
            secure.close();
        }
        if (secureDatabase != null) {
            admin(TestServices.get(), "DROP DATABASE IF EXISTS " + secureDatabase + " WITH (FORCE)");
        }
    }

    // ---- Host header ------------------------------------------------------------------------

    @Test
    void a_host_not_in_allowed_hosts_gets_the_json_400_on_every_path() throws Exception {
        for (String path : List.of("/api/healthz/", "/api/healthz", "/api/schools/", "/api/me/", "/api/docs/",
                "/api/schema/", "/actuator/health", "/no/such/path")) {
            for (String host : List.of("evil.example.com", "evil.example.com:" + port, "127.0.0.1.nip.io:" + port,
                    "localhost.evil.example", "[::2]:" + port)) {
                Raw response = raw(port, "GET", path, host, Map.of());
                assertThat(response.status()).as(host + " " + path).isEqualTo(400);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"detail\": \"Invalid host header.\"}"));
                assertThat(response.header("X-Request-Id")).as("runs after the request-id filter").isNotBlank();
                assertThat(response.header("Content-Security-Policy")).isEqualTo(API_CSP);
                assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
                assertThat(response.header("Location")).as("refused before the trailing-slash redirect").isNull();
            }
        }
        // a syntactically invalid Host is already refused by Tomcat (its own 400 page) before any filter
        Raw malformed = raw(port, "POST", "/api/schools/", "evil.example.com@127.0.0.1:" + port, Map.of());
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void the_loopback_names_are_allowed_by_default() throws Exception {
        for (String host : List.of("127.0.0.1:" + port, "127.0.0.1", "localhost:" + port, "LocalHost:" + port,
                "docs.localhost:" + port, "localhost.:" + port, "[::1]:" + port)) {
            Raw response = raw(port, "GET", "/api/healthz/", host, Map.of());
            assertThat(response.status()).as(host).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"healthy\"");
        }
    }

    // ---- security headers -------------------------------------------------------------------

    @Test
    void json_responses_carry_the_security_headers_and_the_strict_csp_but_no_hsts_on_plain_http() {
        Api.Response health = api().get("/api/healthz/").send();
        assertThat(health.status()).isEqualTo(200);
        assertSectionZeroEightHeaders(health.raw(), API_CSP);

        Api.Response refused = api().get("/api/me/").header("X-Forwarded-Proto", "https").send();
        assertThat(refused.status()).isEqualTo(401);
        assertSectionZeroEightHeaders(refused.raw(), API_CSP);

        Api.Response schema = api().get("/api/schema/?format=json").send();
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.header("Content-Security-Policy")).isEqualTo(API_CSP);
    }

    @Test
    void the_documentation_pages_get_their_own_csp_and_need_no_inline_script() {
        Api.Response docs = api().get("/api/docs/").send();
        assertThat(docs.status()).isEqualTo(302);
        String location = docs.header("Location").replaceFirst("^https?://[^/]+", "");
        Api.Response swagger = api().get(location).send();
        assertThat(swagger.status()).isEqualTo(200);
        assertSectionZeroEightHeaders(swagger.raw(), ContentSecurityPolicies.DOCUMENTATION);
        assertThat(swagger.header("Content-Security-Policy")).isEqualTo("default-src 'none'; script-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        List<String> swaggerScripts = scriptSources(swagger.text());
        assertThat(swaggerScripts).as("every script of Swagger UI is a file").doesNotContainNull()
                .anyMatch(src -> src.endsWith("swagger-initializer.js"));
        for (String src : swaggerScripts) {
            String base = location.substring(0, location.lastIndexOf('/') + 1);
            String path = src.startsWith("/") ? src : base + src.replaceFirst("^\\./", "");
            Api.Response script = api().get(path).send();
            assertThat(script.status()).as(path).isEqualTo(200);
            assertThat(script.header("Content-Security-Policy")).isEqualTo(ContentSecurityPolicies.DOCUMENTATION);
        }

        Api.Response redoc = api().get("/api/redoc/").send();
        assertThat(redoc.status()).isEqualTo(200);
        assertSectionZeroEightHeaders(redoc.raw(), ContentSecurityPolicies.DOCUMENTATION);
        List<String> redocScripts = scriptSources(redoc.text());
        assertThat(redocScripts).as("ReDoc's page loads its bundle from a file").doesNotContainNull().isNotEmpty();
        for (String src : redocScripts) {
            assertThat(api().get(src).send().status()).as(src).isEqualTo(200);
        }
    }

    // ---- CORS -------------------------------------------------------------------------------

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_authentication() throws Exception {
        HttpResponse<String> preflight = options("/api/schools/", ALLOWED_ORIGIN);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).isEqualTo("GET,POST,PUT,PATCH,DELETE,OPTIONS");
        assertThat(header(preflight, "Access-Control-Allow-Headers").toLowerCase(Locale.ROOT))
                .isEqualTo("authorization, content-type, x-request-id");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("86400");
        assertThat(header(preflight, "Content-Security-Policy")).isEqualTo(API_CSP);

        Api.Response actual = api().get("/api/healthz/").header("Origin", "http://127.0.0.1:8000").send();
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:8000");
        assertThat(actual.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(actual.header("Access-Control-Expose-Headers"))
                .isEqualTo("X-Request-Id, X-Event-Position, Retry-After");
    }

    @Test
    void another_origin_gets_no_cors_headers() throws Exception {
        HttpResponse<String> preflight = options("/api/schools/", "https://evil.example");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().map().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT)
                .startsWith("access-control-"));

        Api.Response actual = api().get("/api/healthz/").header("Origin", "https://evil.example").send();
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.raw().headers().map().keySet()).noneMatch(name -> name.toLowerCase(Locale.ROOT)
                .startsWith("access-control-"));
    }

    // ---- HTTPS (second application) ---------------------------------------------------------

    @Test
    void with_ssl_redirect_plain_http_is_sent_to_https_except_the_health_check() throws Exception {
        Raw get = raw(securePort, "GET", "/api/schools/?page=2", "127.0.0.1:" + securePort, Map.of());
        assertThat(get.status()).isEqualTo(301);
        assertThat(get.header("Location")).isEqualTo("https://127.0.0.1:" + securePort + "/api/schools/?page=2");
        assertThat(get.header("X-Request-Id")).isNotBlank();
        assertThat(get.header("Content-Security-Policy")).isEqualTo(API_CSP);
        assertThat(get.header("Strict-Transport-Security")).as("never on plain HTTP").isNull();

        Raw post = raw(securePort, "POST", "/api/schools/", "localhost:" + securePort, Map.of());
        assertThat(post.status()).isEqualTo(301);
        assertThat(post.header("Location")).isEqualTo("https://localhost:" + securePort + "/api/schools/");

        Raw health = raw(securePort, "GET", "/api/healthz/", "127.0.0.1:" + securePort, Map.of());
        assertThat(health.status()).as("load-balancer probes stay on HTTP").isEqualTo(200);
        assertThat(health.header("Strict-Transport-Security")).isNull();

        Raw badHost = raw(securePort, "GET", "/api/schools/", "evil.example.com", Map.of());
        assertThat(badHost.status()).as("the host is checked before any redirect is built").isEqualTo(400);
    }

    @Test
    void behind_a_trusted_proxy_forwarded_https_is_served_with_hsts() throws Exception {
        Map<String, String> https = Map.of("X-Forwarded-Proto", "https");
        Raw health = raw(securePort, "GET", "/api/healthz/", "127.0.0.1:" + securePort, https);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains; preload");

        Raw me = raw(securePort, "GET", "/api/me/", "127.0.0.1:" + securePort, https);
        assertThat(me.status()).as("not redirected: the proxy says the client used https").isEqualTo(401);
        assertThat(me.header("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains; preload");
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Raw forwardedHttp = raw(securePort, "GET", "/api/me/", "127.0.0.1:" + securePort,
                Map.of("X-Forwarded-Proto", "http"));
        assertThat(forwardedHttp.status()).isEqualTo(301);
    }

    @Test
    void session_cookie_secure_reaches_the_containers_session_cookie() {
        var servletContext = ((ServletWebServerApplicationContext) secure).getServletContext();
        assertThat(servletContext.getSessionCookieConfig().isSecure()).isTrue();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void assertSectionZeroEightHeaders(HttpResponse<String> response, String csp) {
        assertThat(header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(response, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(response, "Referrer-Policy")).isEqualTo("same-origin");
        assertThat(header(response, "Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(header(response, "Content-Security-Policy")).isEqualTo(csp);
        assertThat(response.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(header(response, "Strict-Transport-Security")).isNull();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The src of every script element; null for an inline one. */
    private static List<String> scriptSources(String html) {
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(html);
        List<String> sources = new ArrayList<>();
        while (scripts.find()) {
            Matcher src = Pattern.compile("\\bsrc=\"([^\"]+)\"").matcher(scripts.group(1));
            sources.add(src.find() ? src.group(1) : null);
        }
        return sources;
    }

    private HttpResponse<String> options(String path, String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-request-id")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One HTTP/1.1 request over a plain socket, so the Host header is exactly {@code host}. */
    private static Raw raw(int port, String method, String path, String host, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (method.equals("POST")) {
                request.append("Content-Type: application/json\r\nContent-Length: 2\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            if (method.equals("POST")) {
                request.append("{}");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            String text = buffer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> parsed = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(parsed.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Raw(status, parsed, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    private static void admin(TestServices services, String sql) {
        try (Connection connection = DriverManager.getConnection(services.adminJdbcUrl, services.username,
                services.password)) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "'", e);
        }
    }
}
