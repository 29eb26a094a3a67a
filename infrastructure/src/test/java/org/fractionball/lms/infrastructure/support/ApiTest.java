package org.fractionball.lms.infrastructure.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.events.shared.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** An integration test that calls the HTTP API as signed-in accounts of its own making. */
public abstract class ApiTest extends IntegrationTest {
    private static final ObjectMapper BODIES = new ObjectMapper();

    /** A signed-in user: its Firebase uid, a token, its id and school. */
    public record Account(String uid, String token, long id, long school, Role role) {
    }

    protected Account account(Role role, long schoolId) {
        String uid = user(role, schoolId);
        Long id = jdbc.queryForObject("SELECT id FROM user_view WHERE firebase_uid = ?", Long.class, uid);
        return new Account(uid, tokenFor(uid), id, schoolId, role);
    }

    protected Api.Response get(String path, Account caller) {
        return api().get(path).token(caller.token()).send();
    }

    protected JsonNode ok(String path, Account caller) {
        Api.Response response = get(path, caller);
        assertThat(response.status()).as("GET " + path + ": " + response).isEqualTo(200);
        return response.json();
    }

    protected Api.Response post(String path, Object body, Account caller) {
        return api().post(path, body == null ? null : json(body)).token(caller.token()).send();
    }

    protected Api.Response put(String path, Object body, Account caller) {
        return api().put(path, json(body)).token(caller.token()).send();
    }

    protected Api.Response patch(String path, Object body, Account caller) {
        return api().patch(path, json(body)).token(caller.token()).send();
    }

    protected Api.Response delete(String path, Account caller) {
        return api().delete(path).token(caller.token()).send();
    }

    protected static String json(Object value) {
        try {
            return BODIES.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
