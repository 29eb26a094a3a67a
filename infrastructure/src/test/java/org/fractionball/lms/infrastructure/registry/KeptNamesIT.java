package org.fractionball.lms.infrastructure.registry;

import com.fasterxml.jackson.databind.JsonNode;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.database.ReadModelListener;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names command answers show are kept on the node until a registry change is heard (the
 * registry tables announce every update themselves), and read from PostgreSQL inside transactions.
 */
class KeptNamesIT extends IntegrationTest {

    @Autowired
    private UserRegistry users;

    @Autowired
    private SchoolDomains schools;

    @Autowired
    private ReadModelListener listener;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private TransactionTemplate transactions;

    private long school;
    private long teacher;

    @BeforeEach
    void setUp() {
        transactions = new TransactionTemplate(transactionManager);
        school = school(unique("names") + ".edu");
        teacher = jdbc.queryForObject("SELECT user_id FROM user_registry WHERE firebase_uid = ?", Long.class,
                user(Role.TEACHER, school));
        awaitListening(true);
    }

    @Test
    void a_name_is_kept_until_a_registry_change_is_heard() {
        String kept = users.fullNameOf(teacher);
        String school = schools.nameOf(this.school);

        silently("UPDATE user_registry SET full_name = 'Renamed Quietly' WHERE user_id = " + teacher);
        silently("UPDATE school_domain_lookup SET name = 'Quiet School' WHERE school_id = " + this.school);
        assertThat(users.fullNameOf(teacher)).isEqualTo(kept).isNotEqualTo("Renamed Quietly");
        assertThat(schools.nameOf(this.school)).isEqualTo(school).isNotEqualTo("Quiet School");

        // an ordinary statement announces itself, whichever row and column it touches
        jdbc.update("UPDATE user_registry SET active = active WHERE user_id = ?", teacher);
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(users.fullNameOf(teacher)).isEqualTo("Renamed Quietly");
        assertThat(schools.nameOf(this.school)).isEqualTo("Quiet School");
    }

    @Test
    void inside_a_transaction_the_registry_is_read() {
        assertThat(users.fullNameOf(teacher)).isNotEqualTo("In Transaction");
        silently("UPDATE user_registry SET full_name = 'In Transaction' WHERE user_id = " + teacher);
        String inTransaction = transactions.execute(status -> users.fullNameOf(teacher));
        assertThat(inTransaction).isEqualTo("In Transaction");
    }

    @Test
    void a_change_made_on_this_node_is_forgotten_here_at_its_commit_without_waiting_for_the_notice() {
        assertThat(users.fullNameOf(teacher)).isNotEqualTo("Local Change");
        transactions.executeWithoutResult(status -> {
            jdbc.execute("ALTER TABLE user_registry DISABLE TRIGGER user_registry_changed");
            users.changeNames(teacher, "Local", "Change");
            jdbc.execute("ALTER TABLE user_registry ENABLE TRIGGER user_registry_changed");
        });
        assertThat(users.fullNameOf(teacher)).isEqualTo("Local Change");
    }

    @Test
    void a_command_answer_names_the_school_as_renamed_just_before() {
        String admin = tokenFor(user(Role.ADMIN, school));
        String owner = tokenFor(user(Role.TEACHER, school));
        assertThat(playlistSchoolName(owner)).startsWith("School names-");

        Api.Response renamed = api().patch("/api/schools/" + school + "/", "{\"name\": \"Renamed Elementary\"}")
                .token(admin).send();
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(playlistSchoolName(owner)).isEqualTo("Renamed Elementary");
    }

    private String playlistSchoolName(String token) {
        Api.Response created = api().post("/api/playlists/", "{\"name\": \"Named\"}").token(token).send();
        assertThat(created.status()).isEqualTo(201);
        JsonNode playlist = created.json();
        return playlist.get("school_name").asText();
    }

    /** A registry write that announces nothing: the trigger is switched off inside its own transaction. */
    private void silently(String update) {
        String table = update.contains("school_domain_lookup") ? "school_domain_lookup" : "user_registry";
        String trigger = table + "_changed";
        transactions.executeWithoutResult(status -> {
            jdbc.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + trigger);
            jdbc.execute(update);
            jdbc.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + trigger);
        });
    }
}
