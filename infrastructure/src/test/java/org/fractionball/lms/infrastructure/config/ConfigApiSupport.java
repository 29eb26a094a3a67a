package org.fractionball.lms.infrastructure.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.ApiTest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers of the configuration ITs: signed-in accounts, and reading and setting the seeded entries
 * and flags through the API. Settings are shared by every test of the run, so a test that changes
 * one puts it back in a {@code finally}.
 */
abstract class ConfigApiSupport extends ApiTest {

    /** A signed-in user (its first request, and so its sign-in event, is behind it). */
    @Override
    protected Account account(Role role, long schoolId) {
        Account account = super.account(role, schoolId);
        assertThat(get("/api/me/", account).status()).isEqualTo(200);
        return account;
    }

    /** The id of the configuration entry with this key, read through the by_category listing. */
    String configId(Account admin, String key) {
        for (JsonNode entries : ok("/api/config/system/by_category/", admin).get("categories")) {
            for (JsonNode entry : entries) {
                if (entry.get("key").asText().equals(key)) {
                    return entry.get("id").asText();
                }
            }
        }
        throw new AssertionError("no configuration entry " + key);
    }

    /** The id of the flag with this name, read through the flag listing. */
    String flagId(Account admin, String name) {
        for (int page = 1; ; page++) {
            JsonNode listing = ok("/api/config/features/?page=" + page, admin);
            for (JsonNode flag : listing.get("results")) {
                if (flag.get("name").asText().equals(name)) {
                    return flag.get("id").asText();
                }
            }
            if (listing.get("next").isNull()) {
                throw new AssertionError("no feature flag " + name);
            }
        }
    }

    Api.Response patchConfig(Account admin, String key, String body) {
        return api().patch("/api/config/system/" + configId(admin, key) + "/", body).token(admin.token()).send();
    }

    /** Sets a value through PATCH and checks it was taken. */
    void setValue(Account admin, String key, String value) {
        Api.Response changed = patchConfig(admin, key, "{\"value\": \"" + value + "\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("value").asText()).isEqualTo(value);
    }

    Api.Response patchFlag(Account admin, String name, String body) {
        return api().patch("/api/config/features/" + flagId(admin, name) + "/", body).token(admin.token()).send();
    }

    /** Switches a flag through PATCH and checks it was taken. */
    void switchFlag(Account admin, String name, boolean enabled) {
        Api.Response changed = patchFlag(admin, name, "{\"is_enabled\": " + enabled + "}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("is_enabled").asBoolean()).isEqualTo(enabled);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> fields = node.fieldNames();
        fields.forEachRemaining(names::add);
        return names;
    }
}
