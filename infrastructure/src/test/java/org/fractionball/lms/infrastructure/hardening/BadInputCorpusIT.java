package org.fractionball.lms.infrastructure.hardening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.dao.DataAccessException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Hardening: a corpus of bad inputs thrown at every identity-and-access endpoint (contract §4
 * rows 2–18, §5.2–§5.7), first as an ADMIN, then as a SCHOOL_ADMIN on the endpoints it may use.
 * Every case must answer below 500, with a JSON body of one of the contract's three error
 * families (§0.4) when refused, and a refused request must not have appended a single event
 * (events are joined to the request by the {@code requestId} of their metadata). A hostile
 * string the API accepts must come back unchanged, in the command's answer and from the read
 * side, and must not change anything it was not meant to (role, school).
 *
 * <p>The corpus is generated: malformed and non-object JSON bodies, wrong content types, every
 * writable field set to each value of {@link #fieldValues()}, malformed path ids, malformed
 * query parameters and unsupported methods. Callers are rotated (a fresh user before one has
 * sent {@value #ADMIN_BUDGET} requests to {@code /api/admin/**} or {@value #USER_BUDGET} in all)
 * so the per-user throttles (200 and 1000 an hour) rarely answer first; a 429 is accepted.
 * Text PostgreSQL cannot store (NUL, lone surrogates) comes last: once accepted, it can stop the
 * read side for everything after it.
 */
class BadInputCorpusIT extends IntegrationTest {
    /** Requests per caller to /api/admin/** (throttle: 200 an hour) and in all (1000 an hour). */
    private static final int ADMIN_BUDGET = 180;
    private static final int USER_BUDGET = 900;
    /** Accepted writes to one target user or school before a fresh one (each command replays its events). */
    private static final int FIXTURE_WRITES = 100;
    /** The values an alias path (same handler as its primary path) is given. */
    private static final Set<String> ALIAS_VALUES = Set.of("number", "object", "null", "empty", "10000-chars",
            "sql-drop", "html-script", "emoji", "enum-GOD", "id-long-overflow");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PLACEHOLDER = "\"__corpus_value__\"";
    private static final Set<String> UNIQUE_FIELDS = Set.of("username", "firebase_uid", "domain");
    private static final Set<String> USER_TEXT = Set.of("username", "email", "first_name", "last_name", "phone");
    private static final Set<String> SCHOOL_TEXT = Set.of("name", "domain", "address", "phone");
    private static final Set<String> ME_TEXT = Set.of("email", "first_name", "last_name", "phone");
    /** A guard against hangs (a stopped read side makes every read wait): later cases are skipped. */
    private static final Duration TIME_BUDGET = Duration.ofMinutes(8);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private final Map<String, List<String>> kinds = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private int cases;
    private int requests;
    /** The newest event position known to be stored before the next request is sent. */
    private long knownHead = -1;
    private long httpNanos;
    private final long started = System.nanoTime();
    /** Set once the read side stopped following the event store (then nothing is read back). */
    private String readSideStopped;

    private long home;
    private long other;
    private Pass admin;
    private Pass schoolAdmin;
    private Target outsider;

    enum Kind { ME, SCHOOL_CREATE, SCHOOL_UPDATE, USER_CREATE, USER_UPDATE, CHANGE_ROLE, DEACTIVATE, ACTIVATE }

    @TestFactory
    Stream<DynamicNode> bad_inputs_never_cause_a_server_error_or_a_write() {
        home = school(unique("corpus-home") + ".edu");
        other = school(unique("corpus-other") + ".edu");
        admin = new Pass("ADMIN", Role.ADMIN);
        schoolAdmin = new Pass("SCHOOL_ADMIN", Role.SCHOOL_ADMIN);
        String outsiderUid = user(Role.TEACHER, other);
        outsider = new Target(userIdOf(outsiderUid), outsiderUid);

        List<DynamicNode> groups = new ArrayList<>();
        groups.addAll(passGroups(admin, adminWrites()));
        groups.addAll(passGroups(schoolAdmin, schoolAdminWrites()));
        groups.add(container("SCHOOL_ADMIN outside its rights", forbiddenToSchoolAdmins()));
        // last: text PostgreSQL cannot store may stop the read side for everything after it
        groups.add(DynamicTest.dynamicTest("reserve callers for the NUL and lone-surrogate cases", this::reserve));
        groups.add(container("ADMIN field values with lone surrogates", poisonCases(admin, adminWrites(), false)));
        groups.add(container("SCHOOL_ADMIN field values with lone surrogates",
                poisonCases(schoolAdmin, schoolAdminWrites(), false)));
        groups.add(container("ADMIN field values with NUL", poisonCases(admin, adminWrites(), true)));
        groups.add(container("SCHOOL_ADMIN field values with NUL", poisonCases(schoolAdmin, schoolAdminWrites(), true)));
        groups.add(DynamicTest.dynamicTest("summary", this::summary));
        return groups.stream();
    }

    // ------------------------------------------------------------------ the corpus

    private record Value(String label, String json) {
        /** The text the API should keep for this value (trimmed), or null when it is not a string. */
        String text() {
            try {
                JsonNode node = JSON.readTree(json);
                return node.isTextual() ? node.asText().strip() : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        /** Text PostgreSQL cannot store as given: NUL (rejected) or a lone surrogate (not UTF-8). */
        boolean poison() {
            return json.contains("\\u0000") || json.toLowerCase().contains("\\ud8");
        }

        boolean nul() {
            return json.contains("\\u0000");
        }

        /** The same string made unique (uniqueness checks would otherwise hide the second use). */
        Value unique(int n) {
            String text = text();
            if (text == null || text.isEmpty()) {
                return this;
            }
            return new Value(label, json.substring(0, json.length() - 1) + "-" + n + "\"");
        }
    }

    /** Every writable field is set to each of these (plus e-mail shaped ones for {@code email}). */
    static List<Value> fieldValues() {
        return List.of(
                new Value("number", "12345"),
                new Value("float", "1.5"),
                new Value("boolean", "true"),
                new Value("object", "{\"a\":1}"),
                new Value("array", "[\"x\"]"),
                new Value("null", "null"),
                new Value("empty", "\"\""),
                new Value("whitespace", "\"  \\t\\n  \""),
                new Value("10000-chars", quote("x".repeat(10_000))),
                new Value("sql-drop", quote("'; DROP TABLE user_view; --")),
                new Value("sql-or", quote("1 OR 1=1")),
                new Value("html-script", quote("<script>alert(1)</script>")),
                new Value("nul-inside", "\"a\\u0000b\""),
                new Value("nul-only", "\"\\u0000\""),
                new Value("emoji", quote("😀👍🏽")),
                new Value("rtl", quote("\u202Eevil\u202C مرحبا")),
                new Value("combining", quote("Z\u0351\u0352\u0353 e\u0301\u0301")),
                new Value("lone-surrogate", "\"a\\ud800b\""),
                new Value("enum-GOD", "\"GOD\""),
                new Value("enum-lowercase-admin", "\"admin\""),
                new Value("id-1e308", "1e308"),
                new Value("id-1e999", "1e999"),
                new Value("id-negative", "-1"),
                new Value("id-long-overflow", "9223372036854775808"),
                new Value("id-12abc", "\"12abc\""));
    }

    /** Well-formed addresses with hostile local parts: these pass the format check and must be stored as sent. */
    static List<Value> emailValues(int n) {
        return List.of(
                new Value("email-nul", "\"a\\u0000b-" + n + "@example.com\""),
                new Value("email-html", quote("<script>alert(1)</script>-" + n + "@example.com")),
                new Value("email-sql", quote("'OR'1'='1-" + n + "@example.com")),
                new Value("email-emoji", quote("😀-" + n + "@example.com")),
                new Value("email-rtl", quote("\u202Eevil-" + n + "@example.com")),
                new Value("email-lone-surrogate", "\"a\\ud800-" + n + "@example.com\""),
                new Value("email-too-long", quote("a".repeat(250) + "@example.com")));
    }

    /** Bodies that are not JSON objects, or not JSON at all (sent as application/json). */
    /** The bodies an alias path gets. */
    private static final Set<String> ALIAS_BODIES = Set.of("open-brace", "1MB-string-value", "nested-arrays-10000",
            "invalid-utf8-c3-28", "non-object-empty-array", "non-object-null");
    private static final Set<String> ALIAS_TYPES = Set.of("text/plain", "multipart/form-data", "*/*", "");
    /** The query strings for endpoints without filters, and for alias lists. */
    private static final Set<String> FEW_QUERIES = Set.of("page=0", "page=abc", "page=99999", "page_size=abc",
            "is_active=maybe", "role=GOD", "school=abc", "ordering=password", "active=maybe", "%00=1", "q=%00",
            "search=%00", "format=xml");

    static List<Map.Entry<String, byte[]>> malformedBodies(String field) {
        List<Map.Entry<String, byte[]>> bodies = new ArrayList<>();
        add(bodies, "open-brace", "{");
        add(bodies, "unfinished-member", "{\"a\":");
        add(bodies, "nul-literal-typo", "nul");
        add(bodies, "trailing-comma-object", "{\"first_name\": \"x\",}");
        add(bodies, "trailing-comma-array", "[1, 2,]");
        add(bodies, "1MB-string-value", "{\"" + field + "\": \"" + "x".repeat(1 << 20) + "\"}");
        add(bodies, "1MB-unterminated-string", "{\"name\": \"" + "x".repeat(1 << 20));
        add(bodies, "nested-arrays-10000", "[".repeat(10_000) + "]".repeat(10_000));
        add(bodies, "nested-objects-10000", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        bodies.add(Map.entry("invalid-utf8-c3-28", bytes("{\"first_name\": \"", new byte[]{(byte) 0xC3, 0x28}, "\"}")));
        bodies.add(Map.entry("invalid-utf8-ff-fe", bytes("{\"first_name\": \"", new byte[]{(byte) 0xFF, (byte) 0xFE}, "\"}")));
        bodies.add(Map.entry("invalid-utf8-overlong", bytes("{\"first_name\": \"", new byte[]{(byte) 0xC0, (byte) 0xAF}, "\"}")));
        bodies.add(Map.entry("raw-nul-byte-in-string", bytes("{\"first_name\": \"a", new byte[]{0}, "b\"}")));
        add(bodies, "single-quotes", "{'first_name': 'x'}");
        add(bodies, "bare-word", "hello");
        add(bodies, "trailing-garbage", "{} garbage");
        add(bodies, "two-documents", "{}{}");
        add(bodies, "whitespace-only", "   \n ");
        add(bodies, "nan-literal", "{\"first_name\": NaN}");
        add(bodies, "comment", "{/* c */}");
        add(bodies, "non-object-empty-array", "[]");
        add(bodies, "non-object-string", "\"x\"");
        add(bodies, "non-object-number", "1");
        add(bodies, "non-object-null", "null");
        add(bodies, "non-object-true", "true");
        return bodies;
    }

    /** Content types the API does not parse (the body itself is a valid request). */
    static List<String> contentTypes() {
        return Arrays.asList("text/plain", "application/xml", "multipart/form-data",
                "application/x-www-form-urlencoded", null, "application/json; charset=nonexistent-charset",
                "application/json; charset=utf-16", "json", "*/*", "application/json;;;=", "");
    }

    static List<String> pathIds() {
        return List.of("0", "-1", "abc", "99999999999999999999", "%00", "..%2f", "9223372036854775807",
                "999999999", "1.0", "%20", "1%3BDROP", "%2e%2e", "1e3", "-0", "%F0%9F%98%80", "%C3%28");
    }

    /** Query strings for the list endpoints (already URL-encoded). */
    static List<String> queries() {
        String longText = URLEncoder.encode("x".repeat(10_000), StandardCharsets.UTF_8);
        String sql = URLEncoder.encode("'; DROP TABLE user_view; --", StandardCharsets.UTF_8);
        String wildcards = URLEncoder.encode("%_\\", StandardCharsets.UTF_8);
        String emoji = URLEncoder.encode("😀", StandardCharsets.UTF_8);
        List<String> queries = new ArrayList<>(List.of(
                "page=0", "page=-1", "page=abc", "page=99999999999", "page=last", "page=", "page=1.5", "page=%00",
                "page=2147483648", "page=99999", "page=1&page=abc",
                "page_size=0", "page_size=-5", "page_size=abc", "page_size=1e9", "page_size=99999999999",
                "page_size=2147483647", "page_size=%00",
                "is_active=maybe", "is_active=%00",
                "role=GOD", "role=admin", "role=%00", "role=",
                "school=abc", "school=-1", "school=99999999999999999999", "school=%00", "school=0",
                "ordering=%3Bdrop", "ordering=password", "ordering=-", "ordering=--last_name",
                "ordering=last_name%3BDROP%20TABLE%20user_view", "ordering=firebase_uid", "ordering=%00",
                "active=maybe", "active=", "active=%00",
                "format=xml", "%00=1", "page=%C3%28"));
        for (String name : List.of("search", "q")) {
            queries.addAll(List.of(name + "=" + longText, name + "=" + sql, name + "=" + wildcards,
                    name + "=%00", name + "=a%00b", name + "=" + emoji, name + "=1%20OR%201%3D1",
                    name + "=%ED%A0%80"));
        }
        return queries;
    }

    // ------------------------------------------------------------------ endpoints

    /** A write endpoint: its fields, and the valid body the corpus value is put into. */
    private record Write(Kind kind, String method, String path, List<String> fields,
                         BiFunction<Pass, Integer, ObjectNode> base) {
        /**
         * A path served by the same handler as another one (the /api/admin/ twins of the school and
         * user paths; PUT /api/me/ = PATCH): it gets a subset of the corpus.
         */
        boolean alias() {
            return path.startsWith("/api/admin/") && kind != Kind.CHANGE_ROLE && kind != Kind.DEACTIVATE
                    && kind != Kind.ACTIVATE && kind != Kind.USER_CREATE
                    || kind == Kind.ME && method.equals("PUT");
        }

        String label() {
            return method + " " + path;
        }
    }

    private static final List<String> ME_FIELDS = List.of("email", "first_name", "last_name", "phone", "is_active",
            "role", "school", "username");
    private static final List<String> SCHOOL_FIELDS = List.of("name", "domain", "address", "phone", "is_active");
    private static final List<String> USER_CREATE_FIELDS = List.of("username", "email", "first_name", "last_name",
            "role", "school", "phone", "is_active", "firebase_uid", "password");
    private static final List<String> USER_UPDATE_FIELDS = List.of("username", "email", "first_name", "last_name",
            "role", "school", "phone", "is_active");

    private List<Write> adminWrites() {
        List<Write> writes = new ArrayList<>();
        for (String method : List.of("PUT", "PATCH")) {
            writes.add(new Write(Kind.ME, method, "/api/me/", ME_FIELDS, (p, n) -> JSON.createObjectNode()));
        }
        for (String prefix : List.of("/api/schools/", "/api/admin/schools/")) {
            writes.add(new Write(Kind.SCHOOL_CREATE, "POST", prefix, SCHOOL_FIELDS, (p, n) -> newSchool(n)));
            writes.add(new Write(Kind.SCHOOL_UPDATE, "PUT", prefix + "{victim}/", SCHOOL_FIELDS,
                    (p, n) -> JSON.createObjectNode().put("name", "Victim " + n).put("domain", p.victim().domain)));
            writes.add(new Write(Kind.SCHOOL_UPDATE, "PATCH", prefix + "{victim}/", SCHOOL_FIELDS,
                    (p, n) -> JSON.createObjectNode()));
        }
        for (String prefix : List.of("/api/users/", "/api/admin/users/")) {
            writes.add(new Write(Kind.USER_CREATE, "POST", prefix, USER_CREATE_FIELDS, (p, n) -> newUser(n)));
            writes.addAll(userUpdates(prefix));
        }
        writes.add(new Write(Kind.CHANGE_ROLE, "POST", "/api/admin/users/{target}/change_role/", List.of("role"),
                (p, n) -> JSON.createObjectNode()));
        writes.add(new Write(Kind.DEACTIVATE, "POST", "/api/admin/users/{target}/deactivate/", List.of("reason"),
                (p, n) -> JSON.createObjectNode()));
        writes.add(new Write(Kind.ACTIVATE, "POST", "/api/admin/users/{target}/activate/", List.of(),
                (p, n) -> JSON.createObjectNode()));
        return writes;
    }

    private List<Write> schoolAdminWrites() {
        List<Write> writes = new ArrayList<>();
        for (String method : List.of("PUT", "PATCH")) {
            writes.add(new Write(Kind.ME, method, "/api/me/", ME_FIELDS, (p, n) -> JSON.createObjectNode()));
        }
        writes.add(new Write(Kind.USER_CREATE, "POST", "/api/users/", USER_CREATE_FIELDS, (p, n) -> newUser(n)));
        writes.addAll(userUpdates("/api/users/"));
        return writes;
    }

    private List<Write> userUpdates(String prefix) {
        return List.of(
                new Write(Kind.USER_UPDATE, "PUT", prefix + "{target}/", USER_UPDATE_FIELDS,
                        (p, n) -> JSON.createObjectNode().put("username", p.target().username).put("school", home)),
                new Write(Kind.USER_UPDATE, "PATCH", prefix + "{target}/", USER_UPDATE_FIELDS,
                        (p, n) -> JSON.createObjectNode()));
    }

    private ObjectNode newSchool(int n) {
        return JSON.createObjectNode().put("name", "Corpus School " + n).put("domain", unique("corpus") + "-" + n + ".edu");
    }

    private ObjectNode newUser(int n) {
        String name = unique("corpus") + "-" + n;
        return JSON.createObjectNode().put("username", name).put("firebase_uid", name + "-uid").put("school", home);
    }

    /** Every endpoint path with the methods it supports (for the unsupported-method cases). */
    private Map<String, Set<String>> adminEndpoints() {
        Map<String, Set<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/me/", Set.of("GET", "PUT", "PATCH"));
        endpoints.put("/api/schools/", Set.of("GET", "POST"));
        endpoints.put("/api/schools/{victim}/", Set.of("GET", "PUT", "PATCH", "DELETE"));
        endpoints.put("/api/schools/{home}/users/", Set.of("GET"));
        endpoints.put("/api/users/", Set.of("GET", "POST"));
        endpoints.put("/api/users/{target}/", Set.of("GET", "PUT", "PATCH", "DELETE"));
        endpoints.put("/api/admin/users/", Set.of("GET", "POST"));
        endpoints.put("/api/admin/users/{target}/", Set.of("GET", "PUT", "PATCH", "DELETE"));
        endpoints.put("/api/admin/users/{target}/change_role/", Set.of("POST"));
        endpoints.put("/api/admin/users/{target}/activate/", Set.of("POST"));
        endpoints.put("/api/admin/users/{target}/deactivate/", Set.of("POST"));
        endpoints.put("/api/admin/users/search/", Set.of("GET"));
        endpoints.put("/api/admin/schools/", Set.of("GET", "POST"));
        endpoints.put("/api/admin/schools/{victim}/", Set.of("GET", "PUT", "PATCH", "DELETE"));
        endpoints.put("/api/admin/schools/{home}/users/", Set.of("GET"));
        endpoints.put("/api/admin/schools/{home}/stats/", Set.of("GET"));
        endpoints.put("/api/admin/dashboard/", Set.of("GET"));
        return endpoints;
    }

    private Map<String, Set<String>> schoolAdminEndpoints() {
        Map<String, Set<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/me/", Set.of("GET", "PUT", "PATCH"));
        endpoints.put("/api/users/", Set.of("GET", "POST"));
        endpoints.put("/api/users/{target}/", Set.of("GET", "PUT", "PATCH", "DELETE"));
        endpoints.put("/api/schools/{home}/users/", Set.of("GET"));
        return endpoints;
    }

    /** Paths with an id segment, per method, with the body sent (ids are all bad: nothing may be found). */
    private List<String[]> idPaths(boolean asAdmin) {
        List<String[]> paths = new ArrayList<>();
        List<String> prefixes = asAdmin ? List.of("/api/users/", "/api/admin/users/") : List.of("/api/users/");
        for (String prefix : prefixes) {
            for (String method : METHODS) {
                if (!method.equals("POST")) {
                    paths.add(new String[]{method, prefix + "{id}/", method.startsWith("P") ? "{\"first_name\":\"x\"}" : null});
                }
            }
        }
        paths.add(new String[]{"GET", "/api/schools/{id}/users/", null});
        if (asAdmin) {
            for (String prefix : List.of("/api/schools/", "/api/admin/schools/")) {
                for (String method : METHODS) {
                    if (!method.equals("POST")) {
                        paths.add(new String[]{method, prefix + "{id}/", method.startsWith("P") ? "{\"name\":\"x\"}" : null});
                    }
                }
            }
            paths.add(new String[]{"POST", "/api/admin/users/{id}/change_role/", "{\"role\":\"TEACHER\"}"});
            paths.add(new String[]{"POST", "/api/admin/users/{id}/activate/", null});
            paths.add(new String[]{"POST", "/api/admin/users/{id}/deactivate/", "{\"reason\":\"x\"}"});
            paths.add(new String[]{"GET", "/api/admin/schools/{id}/users/", null});
            paths.add(new String[]{"GET", "/api/admin/schools/{id}/stats/", null});
        }
        return paths;
    }

    private List<String> listPaths(boolean asAdmin) {
        return asAdmin ? List.of("/api/schools/", "/api/admin/schools/", "/api/schools/{home}/users/", "/api/users/",
                "/api/admin/users/", "/api/admin/users/search/", "/api/admin/schools/{home}/users/",
                "/api/admin/dashboard/")
                : List.of("/api/users/", "/api/schools/{home}/users/", "/api/me/");
    }

    // ------------------------------------------------------------------ groups of cases

    private List<DynamicNode> passGroups(Pass pass, List<Write> writes) {
        List<DynamicNode> groups = new ArrayList<>();
        boolean asAdmin = pass.role == Role.ADMIN;

        List<DynamicTest> malformed = new ArrayList<>();
        for (Write write : writes) {
            for (Map.Entry<String, byte[]> body : malformedBodies(write.fields.isEmpty() ? "name" : write.fields.get(0))) {
                if (write.alias() && !ALIAS_BODIES.contains(body.getKey())) {
                    continue;
                }
                malformed.add(test(pass.label + " " + write.label() + " body " + body.getKey(),
                        () -> run(pass, write, write.method, write.path, body.getValue(), "application/json", null)));
            }
        }
        groups.add(container(pass.label + " malformed and non-object bodies", malformed));

        List<DynamicTest> types = new ArrayList<>();
        for (Write write : writes) {
            for (String type : contentTypes()) {
                if (write.alias() && !ALIAS_TYPES.contains(type == null ? "" : type)) {
                    continue;
                }
                types.add(test(pass.label + " " + write.label() + " Content-Type " + (type == null ? "(none)" : "'" + type + "'"),
                        () -> {
                            int n = sequence.incrementAndGet();
                            byte[] body = JSON.writeValueAsBytes(write.base.apply(pass, n));
                            run(pass, write, write.method, write.path, body, type, null);
                        }));
            }
        }
        groups.add(container(pass.label + " unsupported content types", types));

        List<DynamicTest> fields = new ArrayList<>();
        for (Write write : writes) {
            for (String field : write.fields) {
                List<Value> values = new ArrayList<>(fieldValues());
                if (field.equals("email")) {
                    values.addAll(emailValues(sequence.incrementAndGet()));
                }
                for (Value value : values) {
                    if (value.poison() || write.alias() && !ALIAS_VALUES.contains(value.label)) {
                        continue;
                    }
                    fields.add(test(pass.label + " " + write.label() + " " + field + "=" + value.label,
                            () -> runField(pass, write, field, value)));
                }
            }
        }
        groups.add(container(pass.label + " field values", fields));

        List<DynamicTest> ids = new ArrayList<>();
        for (String[] path : idPaths(asAdmin)) {
            for (String id : pathIds()) {
                ids.add(test(pass.label + " " + path[0] + " " + path[1].replace("{id}", id),
                        () -> run(pass, null, path[0], path[1].replace("{id}", id),
                                path[2] == null ? null : path[2].getBytes(StandardCharsets.UTF_8),
                                path[2] == null ? null : "application/json", null)));
            }
        }
        groups.add(container(pass.label + " malformed path ids", ids));

        List<DynamicTest> queries = new ArrayList<>();
        for (String path : listPaths(asAdmin)) {
            boolean fewer = path.startsWith("/api/admin/schools/") && !path.contains("users")
                    || path.equals("/api/admin/dashboard/") || path.equals("/api/me/");
            for (String query : queries()) {
                if (fewer && !FEW_QUERIES.contains(query)) {
                    continue;
                }
                String shown = query.length() > 60 ? query.substring(0, 60) + "…" : query;
                queries.add(test(pass.label + " GET " + path + "?" + shown,
                        () -> run(pass, null, "GET", path + "?" + query, null, null, null)));
            }
        }
        groups.add(container(pass.label + " malformed query parameters", queries));

        List<DynamicTest> methods = new ArrayList<>();
        Map<String, Set<String>> endpoints = asAdmin ? adminEndpoints() : schoolAdminEndpoints();
        endpoints.forEach((path, supported) -> {
            List<String> unsupported = new ArrayList<>(METHODS.stream().filter(m -> !supported.contains(m)).toList());
            unsupported.addAll(List.of("OPTIONS", "TRACE", "FOO"));
            if (supported.contains("GET")) {
                unsupported.add("HEAD");
            }
            for (String method : unsupported) {
                boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
                methods.add(test(pass.label + " " + method + " " + path,
                        () -> run(pass, null, method, path, body ? "{}".getBytes(StandardCharsets.UTF_8) : null,
                                body ? "application/json" : null, null)));
            }
        });
        groups.add(container(pass.label + " unsupported methods", methods));
        return groups;
    }

    /** The NUL and lone-surrogate values of every field (run last, see the factory). */
    private List<DynamicTest> poisonCases(Pass pass, List<Write> writes, boolean nul) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Write write : writes) {
            for (String field : write.fields) {
                List<Value> values = new ArrayList<>(fieldValues());
                if (field.equals("email")) {
                    values.addAll(emailValues(sequence.incrementAndGet()));
                }
                for (Value value : values) {
                    if (value.poison() && value.json.contains("\\u0000") == nul) {
                        tests.add(test(pass.label + " " + write.label() + " " + field + "=" + value.label,
                                () -> runField(pass, write, field, value)));
                    }
                }
            }
        }
        return tests;
    }

    /** Callers provisioned while the read side still works, for when it no longer does. */
    private void reserve() {
        admin.callers.reserve(4);
        schoolAdmin.callers.reserve(2);
    }

    private List<DynamicTest> forbiddenToSchoolAdmins() {
        Pass pass = schoolAdmin;
        List<String[]> requests = new ArrayList<>(List.of(
                new String[]{"GET", "/api/schools/", null},
                new String[]{"POST", "/api/schools/", "{\"name\":\"x\",\"domain\":\"sa-forbidden.edu\"}"},
                new String[]{"POST", "/api/schools/", "{"},
                new String[]{"PATCH", "/api/schools/{other}/", "{\"name\":\"<script>alert(1)</script>\"}"},
                new String[]{"PUT", "/api/admin/schools/{other}/", "{\"name\":\"x\",\"domain\":\"y\"}"},
                new String[]{"DELETE", "/api/schools/{other}/", null},
                new String[]{"GET", "/api/schools/{other}/users/", null},
                new String[]{"GET", "/api/schools/{other}/users/?page=abc", null},
                new String[]{"GET", "/api/users/?school={other}", null, "only the own school's users"},
                new String[]{"GET", "/api/users/{outsider}/", null},
                new String[]{"PATCH", "/api/users/{outsider}/", "{\"first_name\":\"\\u0000\"}"},
                new String[]{"DELETE", "/api/users/{outsider}/", null},
                new String[]{"GET", "/api/admin/users/", null},
                new String[]{"POST", "/api/admin/users/", "[]"},
                new String[]{"POST", "/api/admin/users/{target}/change_role/", "{\"role\":\"ADMIN\"}"},
                new String[]{"POST", "/api/admin/users/{target}/deactivate/", "{\"reason\":\"\\u0000\"}"},
                new String[]{"GET", "/api/admin/users/search/?q=%00", null},
                new String[]{"GET", "/api/admin/schools/{home}/users/?page_size=abc", null},
                new String[]{"GET", "/api/admin/dashboard/", null},
                new String[]{"POST", "/api/users/", "{\"username\":\"sa-escalate-{n}\",\"firebase_uid\":\"sa-escalate-{n}\","
                        + "\"school\":{home},\"role\":\"ADMIN\"}"},
                new String[]{"PATCH", "/api/users/{target}/", "{\"role\":\"ADMIN\"}"},
                new String[]{"PATCH", "/api/users/{target}/", "{\"school\":{other}}", "school validated, then ignored"}));
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] request : requests) {
            tests.add(test(pass.label + " " + request[0] + " " + request[1] + (request[2] == null ? "" : " " + request[2]),
                    () -> {
                        String body = request[2] == null ? null : pass.resolve(request[2]
                                .replace("{n}", Integer.toString(sequence.incrementAndGet())));
                        Response response = run(pass, null, request[0], request[1],
                                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                                body == null ? null : "application/json", null);
                        boolean success = response.status >= 200 && response.status < 300;
                        if (request.length > 3) {
                            // contract §5.4: a school admin's school value is validated and then ignored;
                            // a list answers only users of its own school
                            JsonNode users = response.json == null ? null : response.json.has("results")
                                    ? response.json.get("results") : JSON.createArrayNode().add(response.json);
                            if (success && users != null) {
                                for (JsonNode user : users) {
                                    if (!Long.toString(home).equals(user.path("school").asText())) {
                                        fail(response, "a SCHOOL_ADMIN reached a user of another school");
                                    }
                                }
                            }
                        } else if (success) {
                            fail(response, "a SCHOOL_ADMIN was allowed this");
                        }
                    }));
        }
        return tests;
    }

    // ------------------------------------------------------------------ running a case

    /** One field of one write set to one corpus value, inside an otherwise valid body. */
    private void runField(Pass pass, Write write, String field, Value raw) throws IOException {
        int n = sequence.incrementAndGet();
        Value value = UNIQUE_FIELDS.contains(field) ? raw.unique(n) : raw;
        ObjectNode base = write.base.apply(pass, n);
        base.put(field, "__corpus_value__");
        String body = JSON.writeValueAsString(base).replace(PLACEHOLDER, value.json);
        Response response = run(pass, write, write.method, write.path, body.getBytes(StandardCharsets.UTF_8),
                "application/json", null);
        if (response.status < 200 || response.status >= 300) {
            return;
        }
        List<String> problems = new ArrayList<>();
        // (role, school and is_active have their own checks; a password is ignored; /api/me/ ignores username)
        if (value.json.contains("\\u0000")
                && !Set.of("is_active", "role", "school", "username", "password").contains(field)) {
            // DRF's CharField refuses it: 400 {"<field>": ["Null characters are not allowed."]}
            problems.add("a NUL character was accepted (PostgreSQL text cannot hold it; DRF answers 400 "
                    + "\"Null characters are not allowed.\")");
        }
        if (value.poison() && readSideStopped == null) {
            String stopped = stoppedProjections();
            if (stopped != null) {
                readSideStopped = stopped + " after " + response.request;
                problems.add("accepted, but then the " + stopped + " projection(s) stopped following the event store "
                        + "(no further event is projected: reads and sign-ins of new users fail from here on)");
            }
        }
        if (readSideStopped != null) {
            if (!problems.isEmpty()) {
                fail(response, String.join("; ", problems));
            }
            return;
        }
        boolean invalidReference = (field.equals("role") || field.equals("school"))
                && (write.kind == Kind.USER_CREATE || write.kind == Kind.USER_UPDATE || write.kind == Kind.CHANGE_ROLE);
        if (invalidReference) {
            problems.add("an invalid " + field + " was accepted");
        }
        String expected = value.text();
        JsonNode answer = response.json;
        switch (write.kind) {
            case ME -> {
                if (expected != null && ME_TEXT.contains(field)) {
                    same(problems, "answer", answer, field, expected);
                }
                Response me = send(response.caller, "GET", "/api/me/", null, null, response.position);
                if (expected != null && ME_TEXT.contains(field)) {
                    same(problems, "GET /api/me/", me.json, field, expected);
                }
                same(problems, "GET /api/me/ (read-only role)", me.json, "role", pass.role.name());
                same(problems, "GET /api/me/ (read-only school)", me.json, "school", Long.toString(home));
                if (value.nul() && ME_TEXT.contains(field)) {
                    pass.callers.retire(response.caller);
                }
            }
            case USER_CREATE, USER_UPDATE -> {
                if (expected != null && USER_TEXT.contains(field)) {
                    same(problems, "answer", answer, field, expected);
                }
                long id = write.kind == Kind.USER_UPDATE ? pass.target().id
                        : answer != null && answer.path("id").canConvertToLong() ? answer.path("id").asLong() : -1;
                if (id > 0) {
                    Response read = send(response.caller, "GET", "/api/users/" + id + "/", null, null, response.position);
                    if (expected != null && USER_TEXT.contains(field)) {
                        same(problems, "GET /api/users/" + id + "/", read.json, field, expected);
                    }
                    same(problems, "GET /api/users/" + id + "/", read.json, "role", "TEACHER");
                    same(problems, "GET /api/users/" + id + "/", read.json, "school", Long.toString(home));
                } else if (write.kind == Kind.USER_CREATE) {
                    notes.add("no id in the answer of " + write.label() + ": created user not read back");
                }
                if (write.kind == Kind.USER_UPDATE && (value.nul() || ++pass.targetWrites >= FIXTURE_WRITES)) {
                    pass.renewTarget();
                }
            }
            case SCHOOL_CREATE, SCHOOL_UPDATE -> {
                if (expected != null && SCHOOL_TEXT.contains(field)) {
                    same(problems, "answer", answer, field, expected);
                }
                long id = write.kind == Kind.SCHOOL_UPDATE ? pass.victim().id
                        : answer != null && answer.path("id").canConvertToLong() ? answer.path("id").asLong() : -1;
                if (id > 0) {
                    Response read = send(response.caller, "GET", "/api/schools/" + id + "/", null, null,
                            response.position);
                    if (expected != null && SCHOOL_TEXT.contains(field)) {
                        same(problems, "GET /api/schools/" + id + "/", read.json, field, expected);
                    }
                }
                if (write.kind == Kind.SCHOOL_UPDATE && (value.nul() || ++pass.victimWrites >= FIXTURE_WRITES)) {
                    pass.renewVictim();
                }
            }
            case CHANGE_ROLE, DEACTIVATE, ACTIVATE -> {
                if (value.nul() || ++pass.targetWrites >= FIXTURE_WRITES) {
                    pass.renewTarget();
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(response, String.join("; ", problems));
        }
    }

    /**
     * Sends one corpus request (resolving {@code {target}}, {@code {victim}}, … first) and checks
     * what every case must satisfy. Deactivation cases start from an active target and leave it
     * active again.
     */
    private Response run(Pass pass, Write write, String method, String template, byte[] body, String contentType,
                         Long minPosition) throws IOException {
        if (System.nanoTime() - started > TIME_BUDGET.toNanos()) {
            notes.add("time budget spent: cases skipped");
            org.junit.jupiter.api.Assumptions.abort("the corpus' time budget (" + TIME_BUDGET + ") is spent");
        }
        Account caller = pass.callers.lease();
        String path = pass.resolve(template);
        boolean deactivating = write != null && write.kind == Kind.DEACTIVATE;
        if (deactivating) {
            send(caller, "POST", pass.resolve("/api/admin/users/{target}/activate/"), null, null, null);
        }
        Response response = send(caller, method, path, body, contentType, minPosition);
        response.caller = caller;
        response.write = write;
        cases++;
        statuses.computeIfAbsent(groupOf(pass, method, template), k -> new TreeMap<>())
                .merge(response.status, 1, Integer::sum);
        List<String> problems = new ArrayList<>();
        if (response.status >= 500) {
            problems.add("server error");
        }
        boolean bodyExpected = !method.equals("HEAD") && response.status != 204 && response.status != 304
                && !(method.equals("OPTIONS") && response.status < 300);
        if (bodyExpected) {
            if (response.json == null) {
                problems.add(response.bytes.length == 0 ? "empty body" : "body is not JSON");
            } else if (response.contentType == null || !response.contentType.startsWith("application/json")) {
                problems.add("JSON body with Content-Type " + response.contentType);
            }
            if (response.status >= 400 && response.json != null && !errorFamily(response.json)) {
                problems.add("error body is none of the contract's three families");
            }
        }
        if (response.status >= 400 || response.status < 200) {
            long written = eventsOf(response);
            if (written != 0) {
                problems.add(written + " event(s) appended by a refused request: " + eventTypesOf(response));
            }
        }
        if (response.requestIdHeader == null) {
            notes.add("no X-Request-Id header: " + response.kind());
        }
        if (deactivating) {
            send(caller, "POST", pass.resolve("/api/admin/users/{target}/activate/"), null, null, null);
        }
        if (!problems.isEmpty()) {
            fail(response, String.join("; ", problems));
        }
        return response;
    }

    private static String groupOf(Pass pass, String method, String template) {
        String path = template.replaceAll("\\?.*", "");
        for (String id : pathIds()) {
            path = path.replace("/" + id + "/", "/{bad-id}/");
        }
        return pass.label + " " + method + " " + path;
    }

    /** {"detail": text} | {"field": [text, …], …} | {"error": text, …} (contract §0.4). */
    static boolean errorFamily(JsonNode body) {
        if (!body.isObject() || body.isEmpty()) {
            return false;
        }
        if (body.size() == 1 && body.path("detail").isTextual()) {
            return true;
        }
        if (body.path("error").isTextual()) {
            return true;
        }
        for (var fields = body.fields(); fields.hasNext(); ) {
            JsonNode messages = fields.next().getValue();
            if (!messages.isArray() || messages.isEmpty()) {
                return false;
            }
            for (JsonNode message : messages) {
                if (!message.isTextual()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void same(List<String> problems, String where, JsonNode body, String field, String expected) {
        JsonNode actual = body == null ? null : body.get(field);
        String text = actual == null || actual.isNull() ? null : actual.asText();
        if (!expected.equals(text)) {
            problems.add(where + ": " + field + " is " + (actual == null ? "missing" : show(actual.toString(), 120))
                    + ", sent " + show(JSON.valueToTree(expected).toString(), 120));
        }
    }

    private void fail(Response response, String problem) {
        String finding = problem + "\n    request:  " + response.request + "\n    response: " + response.describe();
        findings.add(finding);
        kinds.computeIfAbsent(problem.replaceAll("\\d+", "#") + "\n    " + response.kind(), k -> new ArrayList<>())
                .add(finding);
        throw new AssertionError(finding);
    }

    /** A request's shape without its particulars: path ids and numbers as #, query values dropped. */
    private static String shape(String method, String path, String contentType, int status) {
        String[] parts = path.split("\\?", 2);
        String shape = parts[0];
        for (String id : pathIds()) {
            shape = shape.replace("/" + id + "/", "/{bad-id}/");
        }
        shape = shape.replaceAll("/\\d+/", "/#/");
        if (parts.length > 1) {
            shape += "?" + parts[1].replaceAll("=[^&]*", "=…");
        }
        return method + " " + shape + (contentType == null ? "" : " [" + contentType + "]") + " -> " + status;
    }

    // ------------------------------------------------------------------ HTTP and the event store

    private final class Response {
        final String request;
        String shape;
        final int status;
        final byte[] bytes;
        final JsonNode json;
        final String contentType;
        final String requestId;
        final String requestIdHeader;
        final Long position;
        final long headBefore;
        Account caller;
        Write write;

        Response(String request, HttpResponse<byte[]> raw, String requestId, long headBefore) {
            this.request = request;
            this.status = raw.statusCode();
            this.bytes = raw.body() == null ? new byte[0] : raw.body();
            this.json = parse(bytes);
            this.contentType = raw.headers().firstValue("Content-Type").orElse(null);
            this.requestIdHeader = raw.headers().firstValue("X-Request-Id").orElse(null);
            this.requestId = requestIdHeader != null ? requestIdHeader : requestId;
            this.position = raw.headers().firstValue("X-Event-Position").map(Long::parseLong).orElse(null);
            this.headBefore = headBefore;
        }

        String kind() {
            return shape;
        }

        String describe() {
            return status + " " + (contentType == null ? "(no Content-Type)" : contentType) + " "
                    + show(new String(bytes, StandardCharsets.UTF_8), 400) + " [X-Request-Id " + requestIdHeader + "]";
        }
    }

    private Response send(Account caller, String method, String path, byte[] body, String contentType,
                          Long minPosition) {
        String requestId = "corpus-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + caller.token)
                .header("X-Request-Id", requestId);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (minPosition != null) {
            request.header("X-Min-Position", Long.toString(minPosition));
        }
        caller.used++;
        if (path.startsWith("/api/admin/")) {
            caller.adminUsed++;
        }
        String shown = caller.role + " " + method + " " + show(path, 200) + (contentType == null ? "" : " [Content-Type: "
                + contentType + "]") + (body == null ? "" : " body(" + body.length + " bytes): "
                + show(new String(body, StandardCharsets.UTF_8), 300));
        // a lower bound of this request's event positions: requests are sent one after the other
        long head = knownHead >= 0 ? knownHead : head();
        try {
            long sent = System.nanoTime();
            HttpResponse<byte[]> raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            httpNanos += System.nanoTime() - sent;
            requests++;
            Response response = new Response(shown, raw, requestId, head);
            response.shape = caller.role + " " + shape(method, path, contentType, response.status);
            knownHead = Math.max(head, response.position == null ? -1 : response.position);
            return response;
        } catch (IOException e) {
            throw new AssertionError("no answer (" + e + ") to " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The projections that do not reach the current head of the event store within 10 s, or null. */
    private String stoppedProjections() {
        long head = head();
        List<String> stopped = new ArrayList<>();
        for (String processor : List.of(org.fractionball.lms.projections.ProjectionNames.ACCOUNTS,
                org.fractionball.lms.projections.ProjectionNames.AUDIT)) {
            if (!projections.awaitPassed(List.of(processor), head, Duration.ofSeconds(10))) {
                stopped.add(processor);
            }
        }
        return stopped.isEmpty() ? null : String.join(" and ", stopped);
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Events whose metadata carries this request's id (only events stored after the request
     * was sent are looked at: an event of this request cannot have an older position).
     */
    private long eventsOf(Response response) {
        try {
            long[] found = jdbc.queryForObject("""
                    SELECT count(*) FILTER (WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'requestId' = ?),
                           coalesce(max(global_index), ?)
                    FROM domain_event_entry WHERE global_index > ?""", (rs, n) -> new long[]{rs.getLong(1),
                    rs.getLong(2)}, response.requestId, response.headBefore, response.headBefore);
            knownHead = Math.max(knownHead, found[1]);
            return found[0];
        } catch (DataAccessException notJsonb) {
            notes.add("metadata not castable to jsonb after position " + response.headBefore + ": " + notJsonb
                    .getMostSpecificCause().getMessage());
            Long count = jdbc.queryForObject("""
                    SELECT count(*) FROM domain_event_entry WHERE global_index > ?
                      AND convert_from(meta_data, 'UTF8') LIKE ?""", Long.class, response.headBefore,
                    "%\"" + response.requestId + "\"%");
            return count == null ? 0 : count;
        }
    }

    private String eventTypesOf(Response response) {
        return String.join(", ", jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE global_index > ?
                  AND convert_from(meta_data, 'UTF8') LIKE ?""", String.class, response.headBefore,
                "%\"" + response.requestId + "\"%"));
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    // ------------------------------------------------------------------ callers and fixtures

    private final class Account {
        final Role role;
        final String uid;
        final String token;
        int used;
        int adminUsed;

        Account(Role role) {
            this.role = role;
            this.uid = user(role, home);
            this.token = tokenFor(uid);
            // the first authenticated request records the sign-in (an event): make it now, outside the corpus
            Response warm = send(this, "GET", "/api/me/", null, null, null);
            if (warm.status != 200) {
                throw new IllegalStateException("fresh " + role + " cannot sign in: " + warm.describe());
            }
        }
    }

    /** Callers of one role, a fresh one before the throttles would refuse the current one (they count per user). */
    private final class Callers {
        private final Role role;
        private Account current;
        int provisioned;

        Callers(Role role) {
            this.role = role;
        }

        private final java.util.Deque<Account> reserved = new java.util.ArrayDeque<>();
        private Account last;

        Account lease() {
            if (current == null || current.used >= USER_BUDGET || current.adminUsed >= ADMIN_BUDGET) {
                if (readSideStopped != null) {
                    // new users cannot sign in any more: use the reserve, then the last one (429s are accepted)
                    current = reserved.isEmpty() ? (current == null ? last : current) : reserved.pop();
                } else {
                    current = reserved.isEmpty() ? provision() : reserved.pop();
                }
            }
            last = current;
            return current;
        }

        void reserve(int count) {
            for (int i = 0; i < count; i++) {
                reserved.add(provision());
            }
        }

        private Account provision() {
            provisioned++;
            return new Account(role);
        }

        void retire(Account account) {
            if (current == account && readSideStopped == null) {
                current = null;
            }
        }
    }

    private record Target(long id, String username) {
    }

    private record Victim(long id, String domain) {
    }

    /** One caller role's run: its callers, the user it edits and the school it edits (renewed when spoilt). */
    private final class Pass {
        final String label;
        final Role role;
        final Callers callers;
        private Target target;
        private Victim victim;
        int targets;
        int victims;
        int targetWrites;
        int victimWrites;
        private boolean targetStale;
        private boolean victimStale;

        Pass(String label, Role role) {
            this.label = label;
            this.role = role;
            this.callers = new Callers(role);
        }

        /**
         * The user this pass edits; a fresh one after {@link #renewTarget()} while the read side
         * works (a new user needs it), else the old one.
         */
        Target target() {
            if (target == null || targetStale && readSideStopped == null) {
                try {
                    String uid = user(Role.TEACHER, home);
                    target = new Target(userIdOf(uid), uid);
                    targets++;
                } catch (AssertionError readSideBehind) {
                    if (target == null) {
                        throw readSideBehind;
                    }
                }
                targetStale = false;
                targetWrites = 0;
            }
            return target;
        }

        Victim victim() {
            if (victim == null || victimStale && readSideStopped == null) {
                String domain = unique("corpus-victim") + ".edu";
                try {
                    victim = new Victim(school(domain), domain);
                    victims++;
                } catch (AssertionError readSideBehind) {
                    if (victim == null) {
                        throw readSideBehind;
                    }
                }
                victimStale = false;
                victimWrites = 0;
            }
            return victim;
        }

        void renewTarget() {
            targetStale = true;
        }

        void renewVictim() {
            victimStale = true;
        }

        String resolve(String template) {
            String path = template.replace("{home}", Long.toString(home)).replace("{other}", Long.toString(other))
                    .replace("{outsider}", Long.toString(outsider.id));
            if (path.contains("{target}")) {
                path = path.replace("{target}", Long.toString(target().id));
            }
            if (path.contains("{victim}")) {
                path = path.replace("{victim}", Long.toString(victim().id));
            }
            return path;
        }
    }

    private long userIdOf(String uid) {
        Long id = jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
        return id == null ? -1 : id;
    }

    // ------------------------------------------------------------------ summary

    private void summary() throws IOException {
        StringBuilder report = new StringBuilder();
        report.append("Bad-input corpus: ").append(cases).append(" cases; callers provisioned: ADMIN ")
                .append(admin.callers.provisioned).append(", SCHOOL_ADMIN ").append(schoolAdmin.callers.provisioned)
                .append("; targets ").append(admin.targets + schoolAdmin.targets).append("; victim schools ")
                .append(admin.victims).append('\n');
        report.append("requests: ").append(requests).append(" in ").append(Duration.ofNanos(System.nanoTime() - started)
                .toSeconds()).append(" s, of which waiting for answers ").append(httpNanos / 1_000_000_000).append(" s\n");
        Map<Integer, Integer> total = new TreeMap<>();
        statuses.values().forEach(byStatus -> byStatus.forEach((s, c) -> total.merge(s, c, Integer::sum)));
        report.append("statuses: ").append(total).append('\n');
        statuses.forEach((group, byStatus) -> report.append("  ").append(group).append(": ").append(byStatus)
                .append('\n'));
        if (readSideStopped != null) {
            report.append("READ SIDE STOPPED: ").append(readSideStopped).append('\n');
        }
        report.append(findings.size()).append(" finding(s) in ").append(kinds.size())
                .append(" kinds (problem, then the request's shape; one example each):\n");
        kinds.forEach((kind, all) -> {
            String[] example = all.get(0).split("\n");
            report.append("* ").append(all.size()).append("x ").append(kind).append("\n      e.g. ")
                    .append(example[1].strip()).append("\n           ").append(example[2].strip()).append('\n');
        });
        report.append("all findings:\n");
        findings.forEach(f -> report.append("- ").append(f).append('\n'));
        report.append(notes.stream().distinct().count()).append(" distinct note(s)\n");
        notes.stream().distinct().limit(200).forEach(n -> report.append("- ").append(n).append('\n'));
        System.out.println(report);
        Path file = Path.of("target", "bad-input-corpus-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
    }

    // ------------------------------------------------------------------ small helpers

    private static DynamicTest test(String name, org.junit.jupiter.api.function.Executable executable) {
        return DynamicTest.dynamicTest(show(name, 200), executable);
    }

    private static DynamicContainer container(String name, List<DynamicTest> tests) {
        return DynamicContainer.dynamicContainer(name + " (" + tests.size() + ")", tests.stream());
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Map.Entry<String, byte[]>> bodies, String label, String body) {
        bodies.add(Map.entry(label, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    /** Printable, shortened text: control characters and lone surrogates as escapes. */
    static String show(String text, int max) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                    && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (shown.length() >= max && text.length() > max) {
            shown.append("…(").append(text.length()).append(" chars)");
        }
        return shown.toString();
    }
}
