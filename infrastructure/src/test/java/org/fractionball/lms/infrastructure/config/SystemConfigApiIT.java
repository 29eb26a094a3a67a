package org.fractionball.lms.infrastructure.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.20.2–§5.20.3 through HTTP with D25a–d fixed: the seeded entries, create/read/update/
 * delete, typed validation on every write path, is_editable, the change history read from the
 * events, bulk update, the dashboard, and who may call what.
 */
class SystemConfigApiIT extends ConfigApiSupport {
    private static final List<String> CONFIG_FIELDS = List.of("id", "key", "value", "typed_value", "config_type",
            "name", "description", "category", "is_public", "is_editable", "validation_regex", "min_value",
            "max_value", "created_at", "updated_at", "updated_by", "updated_by_name");

    private static Account admin;
    private static Account schoolAdmin;
    private static Account teacher;

    @BeforeEach
    void people() {
        if (admin != null) {
            return;
        }
        long school = school(unique("config") + ".edu");
        admin = account(Role.ADMIN, school);
        schoolAdmin = account(Role.SCHOOL_ADMIN, school);
        teacher = account(Role.TEACHER, school);
    }

    private Api.Response create(String body) {
        return api().post("/api/config/system/", body).token(admin.token()).send();
    }

    private String created(String key, String type, String value, String extra) {
        Api.Response response = create("""
                {"key": "%s", "value": "%s", "config_type": "%s", "name": "Setting %s", "category": "%s"%s}"""
                .formatted(key, value, type, key, key.substring(0, key.indexOf('.')), extra));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    @Test
    void theSeededEntriesAreThereInCategoryAndNameOrder() {
        JsonNode branding = ok("/api/config/system/?category=branding", admin);
        assertThat(branding.get("count").asInt()).isEqualTo(4);
        List<String> names = new ArrayList<>();
        branding.get("results").forEach(entry -> names.add(entry.get("name").asText()));
        assertThat(names).containsExactly("Logo URL", "Primary Color", "Secondary Color", "Site Name");
        JsonNode retention = ok("/api/config/system/" + configId(admin, "analytics.retention_days") + "/", admin);
        assertThat(fieldNames(retention)).isEqualTo(CONFIG_FIELDS.subList(0, CONFIG_FIELDS.size() - 1));
        assertThat(retention.get("value").asText()).isEqualTo("365");
        assertThat(retention.get("typed_value").asInt()).isEqualTo(365);
        assertThat(retention.get("config_type").asText()).isEqualTo("INTEGER");
        assertThat(retention.get("name").asText()).isEqualTo("Data Retention (days)");
        assertThat(retention.get("min_value").asDouble()).isEqualTo(30.0);
        assertThat(retention.get("max_value").asDouble()).isEqualTo(2555.0);
        assertThat(retention.get("is_public").asBoolean()).isFalse();
        assertThat(retention.get("updated_by").isNull()).isTrue();
        // other tests of the run add settings of their own (keys not under a seeded prefix)
        JsonNode integers = ok("/api/config/system/?config_type=INTEGER&is_public=false&page_size=100", admin);
        List<String> seededIntegers = new ArrayList<>();
        integers.get("results").forEach(entry -> {
            assertThat(entry.get("config_type").asText()).isEqualTo("INTEGER");
            assertThat(entry.get("is_public").asBoolean()).isFalse();
            String key = entry.get("key").asText();
            if (key.startsWith("system.") || key.startsWith("analytics.")) {
                seededIntegers.add(key);
            }
        });
        assertThat(seededIntegers).containsExactlyInAnyOrder("system.max_upload_size_mb",
                "system.session_timeout_minutes", "analytics.retention_days");
    }

    @Test
    void anAdminCreatesReadsChangesAndDeletesAnEntry() {
        String key = "test" + unique("x").substring(2).replace("-", "") + ".greeting";
        Api.Response response = create("""
                {"key": "%s", "value": "Hello", "name": "Greeting", "description": "Shown on top.",
                 "category": "test", "is_public": true}""".formatted(key));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode entry = response.json();
        assertThat(fieldNames(entry)).isEqualTo(CONFIG_FIELDS);
        assertThat(entry.get("config_type").asText()).isEqualTo("STRING");
        assertThat(entry.get("is_editable").asBoolean()).isTrue();
        assertThat(entry.get("updated_by").asLong()).isEqualTo(admin.id());
        assertThat(entry.get("updated_by_name").asText()).isEqualTo("Test ADMIN");
        String id = entry.get("id").asText();

        Api.Response changed = api().put("/api/config/system/" + id + "/", """
                {"key": "%s", "value": "Welcome", "name": "Greeting", "change_reason": "friendlier"}"""
                .formatted(key)).token(admin.token()).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("value").asText()).isEqualTo("Welcome");

        JsonNode history = ok("/api/config/system/" + id + "/change_history/", admin);
        assertThat(history.get("config").get("value").asText()).isEqualTo("Welcome");
        JsonNode changes = history.get("changes");
        assertThat(changes).hasSize(2);
        assertThat(fieldNames(changes.get(0))).containsExactly("id", "config", "config_name", "config_key",
                "old_value", "new_value", "change_reason", "changed_by", "changed_by_name", "changed_at",
                "ip_address");
        assertThat(changes.get(0).get("old_value").asText()).isEqualTo("Hello");
        assertThat(changes.get(0).get("new_value").asText()).isEqualTo("Welcome");
        assertThat(changes.get(0).get("change_reason").asText()).isEqualTo("friendlier");
        assertThat(changes.get(0).get("changed_by").asLong()).isEqualTo(admin.id());
        assertThat(changes.get(0).get("ip_address").asText()).isEqualTo("127.0.0.1");
        assertThat(changes.get(1).get("old_value").asText()).isEmpty();
        assertThat(changes.get(1).get("change_reason").asText()).isEqualTo("Configuration created");

        Api.Response renamed = api().patch("/api/config/system/" + id + "/", "{\"key\": \"other.key\"}")
                .token(admin.token()).send();
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("key").get(0).asText())
                .isEqualTo("The key of a configuration cannot be changed; create a new one instead.");

        assertThat(api().delete("/api/config/system/" + id + "/").token(admin.token()).send().status())
                .isEqualTo(204);
        Api.Response gone = get("/api/config/system/" + id + "/", admin);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text()).isEqualTo("{\"detail\":\"No SystemConfig matches the given query.\"}");
        String again = created(key, "STRING", "Hi", "");
        assertThat(again).isNotEqualTo(id);
        assertThat(ok("/api/config/system/" + again + "/change_history/", admin).get("changes")).hasSize(1);
    }

    @Test
    void everyWritePathValidatesTheValueByItsTypeBoundsAndPattern() {
        String suffix = unique("v").substring(2).replace("-", "");
        Api.Response outOfRange = create("""
                {"key": "test%s.size", "value": "0", "config_type": "INTEGER", "name": "Size", "min_value": 1,
                 "max_value": 10}""".formatted(suffix));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.text()).isEqualTo("{\"value\":[\"Value must be at least 1.0\"]}");
        Api.Response badUrl = create("""
                {"key": "test%s.logo", "value": "logo", "config_type": "URL", "name": "Logo"}""".formatted(suffix));
        assertThat(badUrl.text()).isEqualTo("{\"value\":[\"Enter a valid URL.\"]}");
        Api.Response badKey = create("{\"key\": \"9lives\", \"value\": \"x\", \"name\": \"X\"}");
        assertThat(badKey.text()).isEqualTo("{\"key\":[\"Key must start with a letter and contain only letters, "
                + "numbers, underscores, and dots\"]}");
        Api.Response taken = create("{\"key\": \"system.maintenance_mode\", \"value\": \"x\", \"name\": \"X\"}");
        assertThat(taken.text()).isEqualTo("{\"key\":[\"System Configuration with this key already exists.\"]}");
        Api.Response badPattern = create("""
                {"key": "test%s.p", "value": "x", "name": "P", "validation_regex": "(unclosed"}""".formatted(suffix));
        assertThat(badPattern.text()).isEqualTo("{\"validation_regex\":[\"Enter a valid regular expression.\"]}");

        // D25c: a PATCH of the value alone is checked against the stored type and bounds
        String size = created("test" + suffix + ".limit", "INTEGER", "5", ", \"min_value\": 1, \"max_value\": 10");
        Api.Response tooBig = api().patch("/api/config/system/" + size + "/", "{\"value\": \"11\"}")
                .token(admin.token()).send();
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.text()).isEqualTo("{\"value\":[\"Value must be at most 10.0\"]}");
        String quality = created("test" + suffix + ".quality", "STRING", "720p",
                ", \"validation_regex\": \"^\\\\d{3,4}p$\"");
        Api.Response notAQuality = api().patch("/api/config/system/" + quality + "/", "{\"value\": \"best\"}")
                .token(admin.token()).send();
        assertThat(notAQuality.text())
                .isEqualTo("{\"value\":[\"Value does not match the required pattern: ^\\\\d{3,4}p$\"]}");
        assertThat(ok("/api/config/system/" + size + "/", admin).get("value").asText()).isEqualTo("5");
    }

    @Test
    void anEntryThatIsNotEditableKeepsItsValueOnEveryPath() {
        String suffix = unique("e").substring(2).replace("-", "");
        String key = "test" + suffix + ".locked";
        String id = created(key, "STRING", "fixed", ", \"is_editable\": false");
        Api.Response patched = api().patch("/api/config/system/" + id + "/", "{\"value\": \"other\"}")
                .token(admin.token()).send();
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.text()).isEqualTo("{\"error\":\"Configuration " + key + " is not editable\"}");
        Api.Response bulk = api().post("/api/config/system/bulk_update/", """
                {"configs": [{"key": "%s", "value": "other"}]}""".formatted(key)).token(admin.token()).send();
        assertThat(bulk.json().get("errors").get(0).get("error").asText())
                .isEqualTo("Configuration " + key + " is not editable");
        Api.Response deleted = api().delete("/api/config/system/" + id + "/").token(admin.token()).send();
        assertThat(deleted.status()).isEqualTo(400);
        assertThat(ok("/api/config/system/" + id + "/", admin).get("value").asText()).isEqualTo("fixed");
    }

    @Test
    void bulkUpdateChangesWhatItCanAndReportsEveryRefusedItem() {
        String suffix = unique("b").substring(2).replace("-", "");
        String flagKey = "test" + suffix + ".flag";
        String countKey = "test" + suffix + ".count";
        created(flagKey, "BOOLEAN", "false", "");
        created(countKey, "INTEGER", "3", ", \"max_value\": 5");
        Api.Response bulk = api().post("/api/config/system/bulk_update/", """
                {"configs": [{"key": "%s", "value": true}, {"key": "%s", "value": 9}, {"value": 1},
                             {"key": "test%s.none", "value": 1}, "not an object"],
                 "reason": "spring setup"}""".formatted(flagKey, countKey, suffix)).token(admin.token()).send();
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        JsonNode answer = bulk.json();
        assertThat(fieldNames(answer)).containsExactly("updated", "errors", "total_updated", "total_errors");
        assertThat(answer.get("total_updated").asInt()).isEqualTo(1);
        assertThat(answer.get("updated").get(0).get("value").asText()).isEqualTo("true");
        assertThat(answer.get("updated").get(0).get("typed_value").asBoolean()).isTrue();
        assertThat(answer.get("total_errors").asInt()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        answer.get("errors").forEach(error -> errors.add(error.get("error").asText()));
        assertThat(errors).containsExactly("Failed to update " + countKey + ": Value must be at most 5.0",
                "key is required", "Configuration test" + suffix + ".none not found",
                "Each item must be an object with key and value");
        assertThat(answer.get("errors").get(0).get("data").get("value").asInt()).isEqualTo(9);
        String flagId = configId(admin, flagKey);
        assertThat(ok("/api/config/system/" + flagId + "/change_history/", admin).get("changes").get(0)
                .get("change_reason").asText()).isEqualTo("Bulk update: spring setup");

        Api.Response empty = api().post("/api/config/system/bulk_update/", "{\"configs\": []}")
                .token(admin.token()).send();
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text()).isEqualTo("{\"error\":\"configs array is required\"}");
    }

    @Test
    void theDashboardCountsAndListsTheLastWeeksChanges() {
        String suffix = unique("d").substring(2).replace("-", "");
        String id = created("test" + suffix + ".note", "STRING", "short", "");
        String longValue = "x".repeat(60);
        assertThat(api().patch("/api/config/system/" + id + "/", "{\"value\": \"" + longValue + "\"}")
                .token(admin.token()).send().status()).isEqualTo(200);
        JsonNode dashboard = ok("/api/config/dashboard/", admin);
        assertThat(fieldNames(dashboard)).containsExactly("config_stats", "flag_stats", "recent_changes",
                "categories", "generated_at");
        long total = ok("/api/config/system/", admin).get("count").asLong();
        assertThat(dashboard.get("config_stats").get("total_configs").asLong()).isEqualTo(total);
        assertThat(dashboard.get("flag_stats").get("permanent_flags").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode newest = dashboard.get("recent_changes").get(0);
        assertThat(newest.get("config_key").asText()).isEqualTo("test" + suffix + ".note");
        assertThat(newest.get("old_value").asText()).isEqualTo("short");
        assertThat(newest.get("new_value").asText()).isEqualTo("x".repeat(50) + "...");
        assertThat(newest.get("changed_by").asText()).isEqualTo("Test ADMIN");
        assertThat(dashboard.get("generated_at").asText()).endsWith("+00:00");
        JsonNode byCategory = ok("/api/config/system/by_category/", admin);
        assertThat(byCategory.get("total_configs").asLong()).isEqualTo(total);
        assertThat(byCategory.get("categories").get("legal")).hasSize(3);
    }

    @Test
    void onlyAdminsReachTheConfigurationEndpoints() {
        for (Account caller : List.of(schoolAdmin, teacher)) {
            assertThat(get("/api/config/", caller).status()).isEqualTo(200);
            for (String path : List.of("/api/config/system/", "/api/config/features/",
                    "/api/config/dashboard/", "/api/config/system/by_category/")) {
                Api.Response refused = get(path, caller);
                assertThat(refused.status()).as(path).isEqualTo(403);
                assertThat(refused.text())
                        .isEqualTo("{\"detail\":\"You do not have permission to perform this action.\"}");
            }
            String configId = configId(admin, "branding.site_name");
            String flagId = flagId(admin, "bulk_upload_enabled");
            List<Api.Request> writes = List.of(
                    api().post("/api/config/system/bulk_update/", "{\"configs\": []}"),
                    api().post("/api/config/system/", "{}"),
                    api().patch("/api/config/system/" + configId + "/", "{\"value\": \"Mine\"}"),
                    api().put("/api/config/system/" + configId + "/", "{}"),
                    api().delete("/api/config/system/" + configId + "/"),
                    api().post("/api/config/features/", "{}"),
                    api().patch("/api/config/features/" + flagId + "/", "{\"is_enabled\": false}"),
                    api().delete("/api/config/features/" + flagId + "/"),
                    api().post("/api/config/features/" + flagId + "/toggle/", null));
            for (Api.Request write : writes) {
                assertThat(write.token(caller.token()).send().status()).isEqualTo(403);
            }
            assertThat(get("/api/config/system/" + configId + "/change_history/", caller).status()).isEqualTo(403);
            assertThat(get("/api/config/features/" + flagId + "/", caller).status()).isEqualTo(403);
            assertThat(get("/api/public-config/", caller).status()).isEqualTo(200);
        }
        assertThat(ok("/api/config/system/" + configId(admin, "branding.site_name") + "/", admin).get("value")
                .asText()).isEqualTo("Fraction Ball LMS");
        assertThat(api().get("/api/public-config/").token("not-a-token").send().status()).isEqualTo(401);
        assertThat(api().get("/api/config/system/").send().status()).isEqualTo(401);
        assertThat(api().post("/api/config/features/", "{}").send().status()).isEqualTo(401);
        assertThat(get("/api/config/system/not-a-uuid/", admin).text()).isEqualTo("{\"detail\":\"Not found.\"}");
        JsonNode root = ok("/api/config/", admin);
        assertThat(root.get("system").asText()).isEqualTo("http://127.0.0.1:" + port + "/api/config/system/");
        Api.Response badType = get("/api/config/system/?config_type=DATE", admin);
        assertThat(badType.text()).isEqualTo(
                "{\"config_type\":[\"Select a valid choice. DATE is not one of the available choices.\"]}");
    }
}
