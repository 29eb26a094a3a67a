package org.fractionball.lms.infrastructure.bootstrap;

import org.fractionball.lms.infrastructure.LmsApplication;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.infrastructure.support.TestServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code admin create} bootstraps the first ADMIN with the server's own configuration (here: the
 * same database the running test server uses), and running it again changes nothing.
 */
class AdminCommandIT extends IntegrationTest {

    @Test
    void admin_create_provisions_an_admin_once_and_the_admin_can_call_the_api() {
        String uid = unique("bootstrap-admin");
        TestServices services = TestServices.get();
        Map<String, String> configuration = Map.of(
                "spring.datasource.url", services.jdbcUrl(),
                "spring.datasource.username", services.username,
                "spring.datasource.password", services.password,
                "spring.data.redis.url", services.redisUrl,
                "lms.redis.key-prefix", services.redisKeyPrefix,
                "spring.profiles.active", "test");
        configuration.forEach(System::setProperty);
        try {
            Run first = run("admin", "create", "--uid", uid, "--email", "boot@fractionball.edu");
            assertThat(first.exitCode).as(first.output).isZero();
            assertThat(first.output).startsWith("Created ADMIN user ");

            Run second = run("admin", "create", "--uid", uid, "--email", "boot@fractionball.edu");
            assertThat(second.exitCode).as(second.output).isZero();
            assertThat(second.output).startsWith("User already provisioned: id ");

            Run usage = run("admin", "create", "--uid", uid);
            assertThat(usage.exitCode).isEqualTo(2);
            assertThat(usage.output).startsWith("usage: admin create");
        } finally {
            configuration.keySet().forEach(System::clearProperty);
        }
        Long provisioned = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'org.fractionball.lms.events.accounts.UserProvisioned'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'firebaseUid' = ?""", Long.class, uid);
        assertThat(provisioned).isEqualTo(1);
        String actor = jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUid' FROM domain_event_entry
                WHERE payload_type = 'org.fractionball.lms.events.accounts.UserProvisioned'
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'firebaseUid' = ?""", String.class, uid);
        assertThat(actor).isEqualTo("system:admin-cli");

        awaitProjections();
        var me = api().get("/api/me/").token(tokenFor(uid)).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(me.json().get("email").asText()).isEqualTo("boot@fractionball.edu");
        assertThat(me.json().get("school_name").asText()).isEqualTo("System Administration");
        assertThat(api().get("/api/schools/").token(tokenFor(uid)).send().status()).isEqualTo(200);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = AdminCommand.run(LmsApplication.class, args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Run(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
