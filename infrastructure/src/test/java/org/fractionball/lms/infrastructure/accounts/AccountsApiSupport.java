package org.fractionball.lms.infrastructure.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.privacy.PersonalDataProtection;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared vocabulary of the black-box tests of the user and identity endpoints (contract §1, §3.2–
 * §3.4, §5.2, §5.4–§5.7): signed-in accounts per role, exact-body assertions and raw event-store
 * reads (the audit trail).
 */
abstract class AccountsApiSupport extends ApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NO_CREDENTIALS = "{\"detail\":\"Authentication credentials were not provided.\"}";
    static final String NO_USER = "{\"detail\":\"No User matches the given query.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String UNKNOWN_USER = "{\"detail\":\"User not found. Please contact your administrator to create "
            + "your account.\"}";
    static final String DISABLED = "{\"detail\":\"User account is disabled.\"}";
    static final String REQUIRED = "This field is required.";
    static final String INVALID_SCHOOL_FILTER = "Select a valid choice. That choice is not one of the available "
            + "choices.";
    static final String INVALID_USERNAME = "Enter a valid username. This value may contain only letters, numbers, "
            + "and @/./+/-/_ characters.";

    /** Contract §3.2, in order. */
    static final List<String> USER_FIELDS = List.of("id", "username", "email", "first_name", "last_name", "full_name",
            "role", "role_display", "school", "school_name", "phone", "is_active", "created_at", "updated_at",
            "last_login");
    /** Contract §3.3 plus the {@code id} (D17 fix), id first. */
    static final List<String> USER_CREATE_FIELDS = List.of("id", "username", "email", "first_name", "last_name",
            "role", "school", "phone", "firebase_uid");
    /** Contract §3.4, in order. */
    static final List<String> ME_FIELDS = List.of("id", "username", "email", "first_name", "last_name", "full_name",
            "role", "role_display", "school", "school_name", "phone", "permissions", "is_active", "created_at",
            "last_login");
    /** Contract §3.1, in order. */
    static final List<String> SCHOOL_FIELDS = List.of("id", "name", "domain", "address", "phone", "user_count",
            "is_active", "created_at", "updated_at");
    /** Contract §0.5 default envelope. */
    static final List<String> PAGE_FIELDS = List.of("count", "next", "previous", "results");
    static final String DATETIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z";

    static final String PROVISIONED = "org.fractionball.lms.events.accounts.UserProvisioned";
    static final String ROLE_CHANGED = "org.fractionball.lms.events.accounts.UserRoleChanged";
    static final String DEACTIVATED = "org.fractionball.lms.events.accounts.UserDeactivated";
    static final String REACTIVATED = "org.fractionball.lms.events.accounts.UserReactivated";
    static final String REMOVED = "org.fractionball.lms.events.accounts.UserRemoved";
    static final String SIGNED_IN = "org.fractionball.lms.events.accounts.UserSignedIn";
    static final String LOGIN_FAILED = "org.fractionball.lms.events.security.LoginFailed";

    /** Provisions a user, signs it in once ({@code GET /api/me/}) and learns its id. */
    @Override
    protected Account account(Role role, long schoolId) {
        String uid = user(role, schoolId);
        String token = tokenFor(uid);
        Api.Response me = api().get("/api/me/").token(token).send();
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        return new Account(uid, token, me.json().get("id").asLong(), schoolId, role);
    }

    /** Creates a user through {@code POST /api/admin/users/} and returns the full User answered. */
    JsonNode createUser(Account admin, long schoolId, String username, String extraJson) {
        Api.Response created = api().post("/api/admin/users/", "{\"username\":\"" + username + "\",\"firebase_uid\":\""
                + username + "-uid\",\"school\":" + schoolId + (extraJson.isEmpty() ? "" : "," + extraJson) + "}")
                .token(admin.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    @Autowired
    private PersonalDataProtection personalData;

    /** A stored event as SQL sees it, its personal values decrypted as the audit API shows them. */
    record StoredEvent(long position, String aggregateId, JsonNode payload, JsonNode metadata, String timestamp) {
    }

    private final RowMapper<StoredEvent> storedEvents = (rs, n) -> {
        JsonNode payload = readTree(rs.getString("p"));
        JsonNode metadata = readTree(rs.getString("m"));
        personalData.revealPayload(rs.getString("payload_type"), payload);
        personalData.revealMetadata(metadata);
        return new StoredEvent(rs.getLong(1), rs.getString(2), payload, metadata, rs.getString(5));
    };

    /** The events of one user's aggregate of the given payload type, oldest first. */
    List<StoredEvent> userEvents(long userId, String payloadType) {
        return jdbc.query("""
                SELECT global_index, aggregate_identifier, convert_from(payload, 'UTF8') AS p,
                       convert_from(meta_data, 'UTF8') AS m, time_stamp, payload_type
                FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = ?
                ORDER BY global_index""", storedEvents, "user-" + userId, payloadType);
    }

    /** The LoginFailed events whose metadata carries {@code userAgent}, oldest first. */
    List<StoredEvent> loginFailures(String userAgent) {
        return jdbc.query("""
                SELECT global_index, aggregate_identifier, convert_from(payload, 'UTF8') AS p,
                       convert_from(meta_data, 'UTF8') AS m, time_stamp, payload_type
                FROM domain_event_entry
                WHERE payload_type = ? AND convert_from(meta_data, 'UTF8')::jsonb ->> 'userAgent' = ?
                ORDER BY global_index""", storedEvents, LOGIN_FAILED, userAgent);
    }

    static void assertError(Api.Response response, int status, String body) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json()).as(response.toString()).isNotNull();
        assertThat(response.json().toString()).isEqualTo(body);
    }

    static void assertStatus(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        return values;
    }

    static JsonNode readTree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}
