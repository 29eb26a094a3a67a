package org.fractionball.lms.command.schools;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.events.schools.SchoolDeactivated;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.schools.SchoolDetailsChanged;
import org.fractionball.lms.events.schools.SchoolReactivated;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

class SchoolTest {
    private static final long SCHOOL_ID = 7;
    private static final long OTHER_SCHOOL_ID = 8;
    private static final Instant REGISTERED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant CHANGED_AT = Instant.parse("2025-03-02T10:30:00Z");
    private static final Map<String, List<String>> DOMAIN_TAKEN =
            Map.of("domain", List.of("School with this domain already exists."));

    private static final SchoolRegistered REGISTERED = new SchoolRegistered(SCHOOL_ID, "Lincoln Elementary",
            "lincoln.edu", "1 Main St", "555-0100", true);

    private InMemorySchoolDomains domains;
    private FixtureConfiguration<School> fixture;

    @BeforeEach
    void setUp() {
        domains = new InMemorySchoolDomains();
        fixture = new AggregateTestFixture<>(School.class);
        // resources first: the fixture refuses them once a command handler is registered
        fixture.registerInjectableResource(domains);
        fixture.registerAnnotatedCommandHandler(new SchoolRegistration(fixture.getRepository(), domains));
    }

    /** The exception's own class, not a subclass (expectException(Class) accepts subclasses). */
    private static Matcher<Throwable> exactly(Class<? extends Throwable> type) {
        return new CustomTypeSafeMatcher<>("exactly " + type.getName()) {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return actual.getClass() == type;
            }
        };
    }

    /** The lookup table as it is once {@link #REGISTERED} (and anything else given) was committed. */
    private void givenDomainHeld(String domain, long schoolId) {
        domains.claim(domain, schoolId);
    }

    // --- registration ---------------------------------------------------------------------------

    @Test
    void registeringASchoolPublishesSchoolRegisteredWithTheCommandsFields() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(REGISTERED_AT)
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "1 Main St", "555-0100",
                        true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SchoolRegistered(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "1 Main St",
                        "555-0100", true));
    }

    @Test
    void registeringAnInactiveSchoolKeepsActiveFalse() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "", "", false))
                .expectEvents(new SchoolRegistered(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "", "", false));
    }

    @Test
    void registrationAnswersWithTheNewSchoolsState() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(REGISTERED_AT)
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "1 Main St", "555-0100",
                        true))
                .expectResultMessagePayload(new SchoolState(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu",
                        "1 Main St", "555-0100", true, REGISTERED_AT, REGISTERED_AT));
    }

    @Test
    void registrationClaimsTheDomainForTheSchool() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "", "", true))
                .expectSuccessfulHandlerExecution();

        assertThat(domains.schoolIdFor("lincoln.edu")).isEqualTo(SCHOOL_ID);
        assertThat(domains.isRegistered(SCHOOL_ID)).isTrue();
    }

    @Test
    void registeringADomainHeldByAnotherSchoolIsRefusedWith400AndNoEvents() {
        givenDomainHeld("lincoln.edu", OTHER_SCHOOL_ID);

        fixture.givenNoPriorActivity()
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "", "", true))
                .expectException(DomainAlreadyRegistered.class)
                .expectException(rejected(DomainAlreadyRegistered.class, 400, DOMAIN_TAKEN))
                .expectNoEvents();

        assertThat(domains.schoolIdFor("lincoln.edu")).isEqualTo(OTHER_SCHOOL_ID);
        assertThat(domains.isRegistered(SCHOOL_ID)).isFalse();
    }

    @Test
    void domainsAreComparedCaseInsensitivelyOnRegistration() {
        givenDomainHeld("lincoln.edu", OTHER_SCHOOL_ID);

        fixture.givenNoPriorActivity()
                .when(new RegisterSchool(SCHOOL_ID, "Lincoln Elementary", "LINCOLN.Edu", "", "", true))
                .expectException(rejected(DomainAlreadyRegistered.class, 400, DOMAIN_TAKEN))
                .expectNoEvents();
    }

    // --- changing details -----------------------------------------------------------------------

    @Test
    void changingAllDetailsPublishesSchoolDetailsChangedWithTheNewValues() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Middle", "lincoln-middle.edu", "2 Oak Ave",
                        "555-0199", true))
                .expectEvents(new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Middle", "lincoln-middle.edu",
                        "2 Oak Ave", "555-0199"));
    }

    @Test
    void changingTheDomainMovesTheSchoolsClaim() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, "lincoln-middle.edu", null, null, null))
                .expectSuccessfulHandlerExecution();

        assertThat(domains.schoolIdFor("lincoln-middle.edu")).isEqualTo(SCHOOL_ID);
        assertThat(domains.schoolIdFor("lincoln.edu")).isNull();
    }

    @Test
    void aPartialChangeKeepsTheCurrentValueOfEveryNullField() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, "2 Oak Ave", null, null))
                .expectEvents(new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "2 Oak Ave",
                        "555-0100"));
    }

    @Test
    void aChangeBuildsOnEarlierChanges() {
        givenDomainHeld("lincoln-middle.edu", SCHOOL_ID);

        fixture.given(REGISTERED,
                        new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Middle", "lincoln-middle.edu", "2 Oak Ave",
                                "555-0199"))
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, "555-0200", null))
                .expectEvents(new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Middle", "lincoln-middle.edu",
                        "2 Oak Ave", "555-0200"));
    }

    @Test
    void aChangeWithIdenticalValuesPublishesNothing() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "1 Main St",
                        "555-0100", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEmptyPatchPublishesNothing() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changingTheDomainToOneHeldByAnotherSchoolIsRefusedWith400AndNoEvents() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);
        givenDomainHeld("washington.edu", OTHER_SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Middle", "Washington.EDU", null, null, false))
                .expectException(rejected(DomainAlreadyRegistered.class, 400, DOMAIN_TAKEN))
                .expectNoEvents();

        assertThat(domains.schoolIdFor("lincoln.edu")).isEqualTo(SCHOOL_ID);
        assertThat(domains.schoolIdFor("washington.edu")).isEqualTo(OTHER_SCHOOL_ID);
    }

    @Test
    void changingOnlyTheCaseOfTheOwnDomainIsADetailsChange() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, "Lincoln.EDU", null, null, null))
                .expectEvents(new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Elementary", "Lincoln.EDU", "1 Main St",
                        "555-0100"));

        assertThat(domains.schoolIdFor("lincoln.edu")).isEqualTo(SCHOOL_ID);
    }

    @Test
    void aChangeAnswersWithTheMergedState() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.givenCurrentTime(REGISTERED_AT)
                .andGiven(REGISTERED)
                .andGivenCurrentTime(CHANGED_AT)
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Middle", null, null, "555-0199", false))
                .expectResultMessagePayload(new SchoolState(SCHOOL_ID, "Lincoln Middle", "lincoln.edu", "1 Main St",
                        "555-0199", false, REGISTERED_AT, CHANGED_AT));
    }

    @Test
    void aChangeWithoutEventsAnswersWithTheUnchangedState() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.givenCurrentTime(REGISTERED_AT)
                .andGiven(REGISTERED)
                .andGivenCurrentTime(CHANGED_AT)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, true))
                .expectResultMessagePayload(new SchoolState(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu",
                        "1 Main St", "555-0100", true, REGISTERED_AT, REGISTERED_AT));
    }

    // --- activation -----------------------------------------------------------------------------

    @Test
    void settingActiveFalseDeactivatesTheSchool() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, false))
                .expectEvents(new SchoolDeactivated(SCHOOL_ID));
    }

    @Test
    void settingActiveTrueReactivatesADeactivatedSchool() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED, new SchoolDeactivated(SCHOOL_ID))
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, true))
                .expectEvents(new SchoolReactivated(SCHOOL_ID));
    }

    @Test
    void settingActiveFalseOnAnInactiveSchoolPublishesNothing() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED, new SchoolDeactivated(SCHOOL_ID))
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settingActiveTrueOnASchoolRegisteredInactivePublishesSchoolReactivated() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(new SchoolRegistered(SCHOOL_ID, "Lincoln Elementary", "lincoln.edu", "1 Main St",
                        "555-0100", false))
                .when(new ChangeSchoolDetails(SCHOOL_ID, null, null, null, null, true))
                .expectEvents(new SchoolReactivated(SCHOOL_ID));
    }

    @Test
    void changingDetailsAndActivityTogetherPublishesBothEventsDetailsFirst() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Middle", null, null, null, false))
                .expectEvents(new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Middle", "lincoln.edu", "1 Main St",
                                "555-0100"),
                        new SchoolDeactivated(SCHOOL_ID));
    }

    // --- deletion -------------------------------------------------------------------------------

    @Test
    void deletingASchoolPublishesSchoolDeletedWithItsDomain() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new DeleteSchool(SCHOOL_ID))
                .expectEvents(new SchoolDeleted(SCHOOL_ID, "lincoln.edu"))
                .expectMarkedDeleted();
    }

    @Test
    void deletingASchoolPublishesItsCurrentDomainAfterAChange() {
        givenDomainHeld("lincoln-middle.edu", SCHOOL_ID);

        fixture.given(REGISTERED,
                        new SchoolDetailsChanged(SCHOOL_ID, "Lincoln Middle", "lincoln-middle.edu", "2 Oak Ave",
                                "555-0199"))
                .when(new DeleteSchool(SCHOOL_ID))
                .expectEvents(new SchoolDeleted(SCHOOL_ID, "lincoln-middle.edu"));
    }

    @Test
    void deletingASchoolFreesItsDomain() {
        givenDomainHeld("lincoln.edu", SCHOOL_ID);

        fixture.given(REGISTERED)
                .when(new DeleteSchool(SCHOOL_ID))
                .expectSuccessfulHandlerExecution();

        assertThat(domains.schoolIdFor("lincoln.edu")).isNull();
        assertThat(domains.isRegistered(SCHOOL_ID)).isFalse();
        assertThatCode(() -> domains.claim("lincoln.edu", OTHER_SCHOOL_ID)).doesNotThrowAnyException();
    }

    @Test
    void aDeletedSchoolRefusesChanges() {
        fixture.given(REGISTERED, new SchoolDeleted(SCHOOL_ID, "lincoln.edu"))
                .when(new ChangeSchoolDetails(SCHOOL_ID, "Lincoln Middle", null, null, null, null))
                .expectException(exactly(AggregateDeletedException.class))
                .expectExceptionMessage("Aggregate with identifier [school-7] not found. It has been deleted.")
                .expectNoEvents();
    }

    @Test
    void aDeletedSchoolCannotBeDeletedAgain() {
        fixture.given(REGISTERED, new SchoolDeleted(SCHOOL_ID, "lincoln.edu"))
                .when(new DeleteSchool(SCHOOL_ID))
                .expectException(exactly(AggregateDeletedException.class))
                .expectExceptionMessage("Aggregate with identifier [school-7] not found. It has been deleted.")
                .expectNoEvents();
    }
}
