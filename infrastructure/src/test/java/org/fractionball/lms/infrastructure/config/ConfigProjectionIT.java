package org.fractionball.lms.infrastructure.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.projections.ProjectionNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code config} read model is rebuilt from the event store alone: after a reset to the tail
 * it holds the same rows as before, and its version only ever grows, so a cached public
 * configuration of before the rebuild is never served again.
 */
class ConfigProjectionIT extends ConfigApiSupport {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildingTheConfigurationReadModelReproducesTheSameRows() {
        Account admin = account(Role.ADMIN, school(unique("config-rebuild") + ".edu"));
        String suffix = unique("r").substring(2).replace("-", "");
        Api.Response created = api().post("/api/config/system/", """
                {"key": "rebuild%s.limit", "value": "5", "config_type": "INTEGER", "name": "Limit", "max_value": 9}"""
                .formatted(suffix)).token(admin.token()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String config = created.json().get("id").asText();
        assertThat(api().patch("/api/config/system/" + config + "/", "{\"value\": \"7\", \"change_reason\": \"more\"}")
                .token(admin.token()).send().status()).isEqualTo(200);
        Api.Response gone = api().post("/api/config/system/", """
                {"key": "rebuild%s.gone", "value": "x", "name": "Gone"}""".formatted(suffix)).token(admin.token()).send();
        assertThat(api().delete("/api/config/system/" + gone.json().get("id").asText() + "/").token(admin.token())
                .send().status()).isEqualTo(204);
        JsonNode flag = api().post("/api/config/features/", """
                {"name": "rebuild_%s", "display_name": "Rebuild", "description": "A flag to rebuild.",
                 "applies_to_roles": ["TEACHER"]}""".formatted(suffix)).token(admin.token()).send().json();
        assertThat(api().post("/api/config/features/" + flag.get("id").asText() + "/toggle/", null)
                .token(admin.token()).send().status()).isEqualTo(200);
        awaitProjections();
        String before = checksum();
        long versionBefore = version();

        TrackingEventProcessor processor = processing.eventProcessor(ProjectionNames.CONFIG,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(processor.getMessageSource().createTailToken());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_config_view", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_flag_view", Long.class)).isZero();
        processor.start();
        awaitProjections();

        assertThat(checksum()).isEqualTo(before);
        assertThat(version()).isGreaterThan(versionBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM config_change_view WHERE config_key = ?", Long.class,
                "rebuild" + suffix + ".limit")).isEqualTo(2);
    }

    private long version() {
        return jdbc.queryForObject("SELECT version FROM config_version", Long.class);
    }

    private String checksum() {
        return jdbc.queryForObject("""
                SELECT md5((SELECT coalesce(string_agg(c::text, '|' ORDER BY c.id), '') FROM system_config_view c)
                           || '#' || (SELECT coalesce(string_agg(h::text, '|' ORDER BY h.event_id), '')
                                      FROM config_change_view h)
                           || '#' || (SELECT coalesce(string_agg(f::text, '|' ORDER BY f.id), '')
                                      FROM feature_flag_view f))""", String.class);
    }
}
