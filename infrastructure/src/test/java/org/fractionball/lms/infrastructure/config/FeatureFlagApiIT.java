package org.fractionball.lms.infrastructure.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract §5.20.4 and §5.20.1 through HTTP with D25d–f fixed: flags created, changed, toggled and
 * deleted, permanence kept on every path, the audit of toggles, and the public configuration that
 * shows a change on the next request and lists only the flags that apply to the caller.
 */
class FeatureFlagApiIT extends ConfigApiSupport {
    private static final List<String> FLAG_FIELDS = List.of("id", "name", "display_name", "description", "is_enabled",
            "is_permanent", "applies_to_schools", "applies_to_roles", "school_count", "created_at", "updated_at",
            "created_by", "created_by_name", "updated_by", "updated_by_name");

    @Autowired
    private StringRedisTemplate redis;

    @Value("${lms.redis.key-prefix}")
    private String keyPrefix;

    private static Account admin;
    private static Account teacher;
    private static long school;

    @BeforeEach
    void people() {
        if (admin != null) {
            return;
        }
        school = school(unique("flags") + ".edu");
        admin = account(Role.ADMIN, school);
        teacher = account(Role.TEACHER, school);
    }

    private Api.Response create(String body) {
        return api().post("/api/config/features/", body).token(admin.token()).send();
    }

    private String flagName() {
        return "test_" + unique("f").substring(2).replace("-", "");
    }

    @Test
    void theSeededFlagsAreListedByDisplayName() {
        JsonNode permanent = ok("/api/config/features/?is_permanent=true", admin);
        assertThat(permanent.get("count").asInt()).isEqualTo(1);
        JsonNode downloads = permanent.get("results").get(0);
        assertThat(downloads.get("name").asText()).isEqualTo("video_downloads_disabled");
        assertThat(fieldNames(downloads)).isEqualTo(List.of("id", "name", "display_name", "description",
                "is_enabled", "is_permanent", "applies_to_schools", "applies_to_roles", "school_count", "created_at",
                "updated_at", "created_by", "updated_by"));
        JsonNode bulk = ok("/api/config/features/" + flagId(admin, "bulk_upload_enabled") + "/", admin);
        assertThat(bulk.get("applies_to_roles").toString()).isEqualTo("[\"TEACHER\",\"SCHOOL_ADMIN\",\"ADMIN\"]");
        assertThat(bulk.get("school_count").asInt()).isZero();
        JsonNode disabled = ok("/api/config/features/?is_enabled=false", admin);
        List<String> names = new ArrayList<>();
        disabled.get("results").forEach(flag -> names.add(flag.get("name").asText()));
        assertThat(names).contains("user_registration_enabled");
    }

    @Test
    void anAdminCreatesTogglesChangesAndDeletesAFlagAndTheToggleIsAudited() {
        String name = flagName();
        Api.Response created = create("""
                {"name": "%s", "display_name": "Trial", "description": "A trial feature.",
                 "applies_to_schools": [%d], "applies_to_roles": ["TEACHER"]}""".formatted(name, school));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode flag = created.json();
        assertThat(fieldNames(flag)).isEqualTo(FLAG_FIELDS);
        assertThat(flag.get("is_enabled").asBoolean()).isFalse();
        assertThat(flag.get("school_count").asInt()).isEqualTo(1);
        assertThat(flag.get("created_by_name").asText()).isEqualTo("Test ADMIN");
        String id = flag.get("id").asText();

        Api.Response toggled = api().post("/api/config/features/" + id + "/toggle/", null).token(admin.token()).send();
        assertThat(toggled.status()).as(toggled.toString()).isEqualTo(200);
        assertThat(toggled.json().get("message").asText()).isEqualTo("Feature flag enabled");
        assertThat(toggled.json().get("feature_flag").get("is_enabled").asBoolean()).isTrue();
        awaitProjections();
        assertThat(jdbc.queryForObject("""
                SELECT metadata->>'flag_name' FROM audit_log_view WHERE action = 'FEATURE_FLAG_TOGGLED'
                  AND metadata->>'flag_id' = ?""", String.class, id)).isEqualTo(name);

        Api.Response changed = api().put("/api/config/features/" + id + "/", """
                {"name": "%s", "display_name": "Trial run", "description": "Still a trial.", "applies_to_roles": []}"""
                .formatted(name)).token(admin.token()).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("display_name").asText()).isEqualTo("Trial run");
        assertThat(changed.json().get("applies_to_roles")).isEmpty();
        assertThat(changed.json().get("applies_to_schools").get(0).asLong()).isEqualTo(school);

        assertThat(api().delete("/api/config/features/" + id + "/").token(admin.token()).send().status())
                .isEqualTo(204);
        Api.Response gone = get("/api/config/features/" + id + "/", admin);
        assertThat(gone.text()).isEqualTo("{\"detail\":\"No FeatureFlag matches the given query.\"}");
    }

    @Test
    void badFlagsAreRefusedWithTheContractsMessages() {
        Api.Response badName = create("{\"name\": \"1st\", \"display_name\": \"X\", \"description\": \"X.\"}");
        assertThat(badName.text()).isEqualTo("{\"name\":[\"Name must start with a letter and contain only letters, "
                + "numbers, and underscores\"]}");
        Api.Response taken = create("""
                {"name": "bulk_upload_enabled", "display_name": "X", "description": "X."}""");
        assertThat(taken.text()).isEqualTo("{\"name\":[\"Feature Flag with this name already exists.\"]}");
        Api.Response roles = create("""
                {"name": "%s", "display_name": "X", "description": "X.", "applies_to_roles": "TEACHER"}"""
                .formatted(flagName()));
        assertThat(roles.text()).isEqualTo("{\"applies_to_roles\":[\"Roles must be a list\"]}");
        Api.Response role = create("""
                {"name": "%s", "display_name": "X", "description": "X.", "applies_to_roles": ["JANITOR"]}"""
                .formatted(flagName()));
        assertThat(role.text()).isEqualTo("{\"applies_to_roles\":[\"Invalid role: JANITOR\"]}");
        Api.Response school = create("""
                {"name": "%s", "display_name": "X", "description": "X.", "applies_to_schools": [987654321]}"""
                .formatted(flagName()));
        assertThat(school.text()).isEqualTo("{\"applies_to_schools\":[\"Invalid pk \\\"987654321\\\" - object does "
                + "not exist.\"]}");
        Api.Response blank = create("{\"name\": \"%s\", \"display_name\": \"X\", \"description\": \"\"}"
                .formatted(flagName()));
        assertThat(blank.text()).isEqualTo("{\"description\":[\"This field may not be blank.\"]}");
    }

    @Test
    void aPermanentFlagKeepsItsSwitchOnEveryPath() {
        String id = flagId(admin, "video_downloads_disabled");
        Api.Response toggle = api().post("/api/config/features/" + id + "/toggle/", null).token(admin.token()).send();
        assertThat(toggle.status()).isEqualTo(400);
        assertThat(toggle.text()).isEqualTo("{\"error\":\"Cannot toggle permanent feature flag\"}");
        Api.Response patch = patchFlag(admin, "video_downloads_disabled", "{\"is_enabled\": false}");
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.text()).isEqualTo("{\"error\":\"Cannot switch a permanent feature flag on or off; clear "
                + "is_permanent in a change of its own first\"}");
        Api.Response delete = api().delete("/api/config/features/" + id + "/").token(admin.token()).send();
        assertThat(delete.text()).isEqualTo("{\"error\":\"Cannot delete permanent feature flag\"}");
        assertThat(ok("/api/config/features/" + id + "/", admin).get("is_enabled").asBoolean()).isTrue();
    }

    @Test
    void thePublicConfigurationHasTheSeededShapeAndShowsAChangeOnTheNextRequest() {
        JsonNode anonymous = api().get("/api/public-config/").send().json();
        assertThat(fieldNames(anonymous)).containsExactly("config", "features", "generated_at");
        assertThat(anonymous.get("config").get("branding").toString()).isEqualTo("{\"branding.logo_url\":null,"
                + "\"branding.primary_color\":\"#3B82F6\",\"branding.secondary_color\":\"#6B7280\","
                + "\"branding.site_name\":\"Fraction Ball LMS\"}");
        assertThat(anonymous.get("config").get("system").toString()).isEqualTo("{\"system.maintenance_mode\":false}");
        assertThat(anonymous.get("config").get("content").toString())
                .isEqualTo("{\"content.default_video_quality\":\"720p\"}");
        // D25f: anonymously only the flags without scope; a teacher also those scoped to teachers
        assertThat(fieldNames(anonymous.get("features"))).containsExactly("api_rate_limiting_enabled",
                "content_approval_required", "video_downloads_disabled");
        JsonNode asTeacher = api().get("/api/config/public/").token(teacher.token()).send().json();
        assertThat(fieldNames(asTeacher.get("features"))).containsExactly("api_rate_limiting_enabled",
                "bulk_upload_enabled", "content_approval_required", "playlist_sharing_enabled",
                "video_downloads_disabled");
        assertThat(asTeacher.get("features").get("bulk_upload_enabled").toString()).isEqualTo("{\"enabled\":true,"
                + "\"display_name\":\"Bulk Upload Enabled\",\"description\":\"Users may import content from CSV "
                + "files.\"}");

        // D25e: the cached answer is replaced as soon as the projection applies a change
        String siteName = "branding.site_name";
        try {
            setValue(admin, siteName, "Fraction Ball Academy");
            awaitProjections();
            assertThat(api().get("/api/public-config/").send().json().get("config").get("branding")
                    .get(siteName).asText()).isEqualTo("Fraction Ball Academy");
            assertThat(api().post("/api/config/features/" + flagId(admin, "content_approval_required") + "/toggle/",
                    null).token(admin.token()).send().status()).isEqualTo(200);
            awaitProjections();
            assertThat(fieldNames(api().get("/api/public-config/").send().json().get("features")))
                    .containsExactly("api_rate_limiting_enabled", "video_downloads_disabled");
        } finally {
            setValue(admin, siteName, "Fraction Ball LMS");
            switchFlag(admin, "content_approval_required", true);
        }
    }

    @Test
    void thePublicConfigurationIsCachedInRedisUnderTheReadModelsVersionUntilAChange() {
        awaitProjections();
        long version = jdbc.queryForObject("SELECT version FROM config_version", Long.class);
        String first = api().get("/api/public-config/").send().text();
        String key = keyPrefix + "public_config:" + version + ":anonymous";
        assertThat(redis.opsForValue().get(key)).isEqualTo(first);
        assertThat(redis.getExpire(key)).isBetween(1L, 300L);
        assertThat(api().get("/api/config/public/").send().text()).isEqualTo(first);
        String quality = "content.default_video_quality";
        try {
            setValue(admin, quality, "1080p");
            awaitProjections();
            assertThat(jdbc.queryForObject("SELECT version FROM config_version", Long.class)).isGreaterThan(version);
            String changed = api().get("/api/public-config/").send().text();
            assertThat(changed).isNotEqualTo(first).contains("\"content.default_video_quality\":\"1080p\"");
        } finally {
            setValue(admin, quality, "720p");
        }
    }
}
