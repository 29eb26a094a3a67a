package org.fractionball.lms.infrastructure.database;

import io.micrometer.core.instrument.MeterRegistry;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.infrastructure.security.CachedUsers;
import org.fractionball.lms.infrastructure.support.Api;
import org.fractionball.lms.infrastructure.support.IntegrationTest;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users requests authenticate as, and the schools' versions that cached answers are keyed by,
 * are kept on the node until a projection commits a change to them, which every node hears through
 * PostgreSQL's {@code NOTIFY}; with the listening connection gone, every lookup reads PostgreSQL
 * until it listens again.
 */
class ReadModelListenerIT extends IntegrationTest {
    private static final String LISTENER = "lms read-model listener";

    @Autowired
    private ReadModelListener listener;

    @Autowired
    private CachedUsers users;

    @Autowired
    private LibraryVersions libraryVersions;

    @Autowired
    private MeterRegistry meters;

    private long school;

    @BeforeEach
    void setUp() {
        school = school(unique("listen") + ".edu");
        awaitListening();
    }

    @Test
    void aUserIsKeptUntilAChangeToTheAccountsTablesIsHeard() {
        String uid = user(Role.TEACHER, school);
        String provisioned = users.find(uid).orElseThrow().phone();

        // written behind the projection's back, announcing nothing: the kept user is served
        jdbc.update("UPDATE user_view SET phone = '555-0100' WHERE firebase_uid = ?", uid);
        assertThat(users.find(uid).orElseThrow().phone()).isEqualTo(provisioned).isNotEqualTo("555-0100");

        ReadModelChanges.send(jdbc, ProjectionNames.ACCOUNTS);
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(users.find(uid).orElseThrow().phone()).isEqualTo("555-0100");
    }

    @Test
    void aSchoolsLibraryVersionIsKeptUntilARaiseIsHeard() {
        libraryVersions.raise(new TreeSet<>(List.of(school)));
        awaitProjections();
        long known = libraryVersions.known(school);
        assertThat(known).isEqualTo(libraryVersions.current(school));

        jdbc.update("UPDATE library_version SET version = version + 100 WHERE school_id = ?", school);
        assertThat(libraryVersions.known(school)).isEqualTo(known);
        assertThat(libraryVersions.current(school)).isEqualTo(known + 100);

        libraryVersions.raise(new TreeSet<>(List.of(school)));
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();
        assertThat(libraryVersions.known(school)).isEqualTo(known + 101);
    }

    @Test
    void anotherGroupsChangesDoNotDropTheUsers() {
        String uid = user(Role.TEACHER, school);
        String provisioned = users.find(uid).orElseThrow().phone();
        jdbc.update("UPDATE user_view SET phone = '555-0101' WHERE firebase_uid = ?", uid);

        ReadModelChanges.send(jdbc, ProjectionNames.CONTENT);
        assertThat(listener.awaitHeard(Duration.ofSeconds(5))).isTrue();

        assertThat(users.find(uid).orElseThrow().phone()).isEqualTo(provisioned);
    }

    @Test
    void aDeactivatedUserIsRefusedOnItsNextRequestOnceTheProjectionsHavePassedTheChange() {
        String admin = user(Role.ADMIN, school);
        String teacher = user(Role.TEACHER, school);
        assertThat(api().get("/api/me/").token(tokenFor(teacher)).send().status()).isEqualTo(200);
        long id = users.find(teacher).orElseThrow().id();

        Api.Response deactivated = api().post("/api/admin/users/" + id + "/deactivate/", "{\"reason\":\"Left\"}")
                .token(tokenFor(admin)).send();
        assertThat(deactivated.status()).isEqualTo(200);
        awaitProjections();

        Api.Response refused = api().get("/api/me/").token(tokenFor(teacher)).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).isEqualTo("User account is disabled.");
    }

    @Test
    void withoutItsConnectionTheNodeReadsEveryUserFromPostgresqlUntilItListensAgain() {
        String uid = user(Role.TEACHER, school);
        users.find(uid);

        List<Integer> ended = jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ? "
                + "AND datname = current_database()", Integer.class, LISTENER);
        assertThat(ended).hasSize(1);
        assertThat(listeningGauge()).isEqualTo(1.0);
        jdbc.queryForList("SELECT pg_terminate_backend(?)", ended.get(0));
        awaitNotListening();
        assertThat(listeningGauge()).isEqualTo(0.0);

        jdbc.update("UPDATE user_view SET phone = '555-0102' WHERE firebase_uid = ?", uid);
        assertThat(users.find(uid).orElseThrow().phone()).isEqualTo("555-0102");
        jdbc.update("UPDATE user_view SET phone = '555-0103' WHERE firebase_uid = ?", uid);
        assertThat(users.find(uid).orElseThrow().phone()).isEqualTo("555-0103");

        awaitListening();
        assertThat(listeningGauge()).isEqualTo(1.0);
        assertThat(jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ? "
                + "AND datname = current_database()", Integer.class, LISTENER)).hasSize(1).doesNotContain(ended.get(0));
        users.find(uid);
        jdbc.update("UPDATE user_view SET phone = '555-0104' WHERE firebase_uid = ?", uid);
        assertThat(users.find(uid).orElseThrow().phone()).as("kept again").isEqualTo("555-0103");
    }

    private double listeningGauge() {
        return meters.get("lms.read_model.listening").gauge().value();
    }

    private void awaitListening() {
        awaitListening(true);
    }

    private void awaitNotListening() {
        awaitListening(false);
    }
}
