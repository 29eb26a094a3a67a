package org.fractionball.lms.command.config;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.events.config.FeatureFlagChanged;
import org.fractionball.lms.events.config.FeatureFlagCreated;
import org.fractionball.lms.events.config.FeatureFlagDeleted;
import org.fractionball.lms.events.config.FeatureFlagToggled;
import org.fractionball.lms.events.config.FlagDefinition;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

class FeatureFlagTest {
    private static final UUID FLAG_ID = UUID.fromString("00000000-0000-4000-8000-000000000011");
    private static final UUID NEW_ID = UUID.fromString("00000000-0000-4000-8000-000000000012");
    private static final String NAME = "playlist_sharing_enabled";
    private static final Long ADMIN = 1L;
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant TOGGLED_AT = Instant.parse("2025-03-02T10:00:00Z");
    private static final FlagDefinition SHARING = new FlagDefinition("Playlist Sharing Enabled",
            "Users may share playlists through links.", true, false, List.of(), List.of("TEACHER"));
    private static final FeatureFlagCreated CREATED = new FeatureFlagCreated(FLAG_ID, NAME, SHARING, null);
    private static final FlagDefinition PERMANENT = new FlagDefinition("Video Downloads Disabled",
            "Videos can only be streamed.", true, true, List.of(), List.of());
    private static final FeatureFlagCreated PERMANENT_CREATED = new FeatureFlagCreated(FLAG_ID, NAME, PERMANENT,
            null);

    private InMemoryConfigRegistry registry;
    private FixtureConfiguration<FeatureFlag> fixture;

    @BeforeEach
    void setUp() {
        registry = new InMemoryConfigRegistry();
        fixture = new AggregateTestFixture<>(FeatureFlag.class);
        fixture.registerInjectableResource(registry);
        fixture.registerAnnotatedCommandHandler(new ConfigCreation(
                new AggregateTestFixture<>(SystemConfig.class).getRepository(), fixture.getRepository(), registry));
    }

    private void givenNameHeld(FlagDefinition flag) {
        registry.claimName(NAME, FLAG_ID, flag.enabled(), flag.schools(), flag.roles());
    }

    private boolean onFor(Role role, long schoolId) {
        return registry.snapshot().flags().get(NAME).appliesTo(new Caller(9, "uid", role, schoolId));
    }

    @Test
    void creatingAFlagClaimsItsNameAndScope() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(CREATED_AT)
                .when(new CreateFeatureFlag(FLAG_ID, NAME, SHARING, ADMIN))
                .expectEvents(new FeatureFlagCreated(FLAG_ID, NAME, SHARING, ADMIN))
                .expectResultMessagePayload(new FeatureFlagState(FLAG_ID, NAME, SHARING, CREATED_AT, CREATED_AT,
                        ADMIN, ADMIN));
        assertThat(registry.nameOf(FLAG_ID)).isEqualTo(NAME);
        assertThat(onFor(Role.TEACHER, 3)).isTrue();
        assertThat(onFor(Role.SCHOOL_ADMIN, 3)).isFalse();
    }

    @Test
    void aTakenNameIsRefusedWithTheContractsMessage() {
        fixture.given(CREATED)
                .when(new CreateFeatureFlag(NEW_ID, NAME, SHARING, ADMIN))
                .expectException(rejected(400, Map.of("name", List.of(ConfigRegistry.NAME_TAKEN))))
                .expectNoEvents();
    }

    @Test
    void togglingSwitchesTheFlagAndItsLookup() {
        givenNameHeld(SHARING);
        fixture.given(CREATED)
                .andGivenCurrentTime(TOGGLED_AT)
                .when(new ToggleFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectEvents(new FeatureFlagToggled(FLAG_ID, NAME, false, ADMIN))
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<FeatureFlagState>("switched off by the admin") {
                    @Override
                    protected boolean matchesSafely(FeatureFlagState state) {
                        return state.definition().equals(SHARING.withEnabled(false)) && state.createdBy() == null
                                && ADMIN.equals(state.updatedBy()) && state.updatedAt().equals(TOGGLED_AT);
                    }
                });
        assertThat(onFor(Role.TEACHER, 3)).isFalse();
    }

    @Test
    void togglingTwiceSwitchesItBackOn() {
        fixture.given(CREATED, new FeatureFlagToggled(FLAG_ID, NAME, false, ADMIN))
                .when(new ToggleFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectEvents(new FeatureFlagToggled(FLAG_ID, NAME, true, ADMIN));
    }

    @Test
    void aPermanentFlagCannotBeToggled() {
        fixture.given(PERMANENT_CREATED)
                .when(new ToggleFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectException(rejected(400, Map.of("error", FeatureFlag.PERMANENT_TOGGLE)))
                .expectNoEvents();
    }

    @Test
    void aPermanentFlagCannotBeSwitchedByAChange() {
        fixture.given(PERMANENT_CREATED)
                .when(new ChangeFeatureFlag(FLAG_ID, NAME, new FlagEdit(null, null, false, null, null, null), ADMIN))
                .expectException(rejected(400, Map.of("error", FeatureFlag.PERMANENT_SWITCH)))
                .expectNoEvents();
    }

    @Test
    void aPermanentFlagCannotBeDeleted() {
        fixture.given(PERMANENT_CREATED)
                .when(new DeleteFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectException(rejected(400, Map.of("error", FeatureFlag.PERMANENT_DELETE)))
                .expectNoEvents();
    }

    @Test
    void clearingPermanentOnItsOwnIsAllowedAndThenTheFlagToggles() {
        FlagDefinition unlocked = new FlagDefinition("Video Downloads Disabled", "Videos can only be streamed.",
                true, false, List.of(), List.of());
        fixture.given(PERMANENT_CREATED)
                .when(new ChangeFeatureFlag(FLAG_ID, NAME, new FlagEdit(null, null, null, false, null, null), ADMIN))
                .expectEvents(new FeatureFlagChanged(FLAG_ID, NAME, unlocked, ADMIN));
        fixture.given(PERMANENT_CREATED, new FeatureFlagChanged(FLAG_ID, NAME, unlocked, ADMIN))
                .when(new ToggleFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectEvents(new FeatureFlagToggled(FLAG_ID, NAME, false, ADMIN));
    }

    @Test
    void aChangeOfScopeUpdatesTheLookup() {
        givenNameHeld(SHARING);
        FlagDefinition scoped = new FlagDefinition("Playlist Sharing Enabled",
                "Users may share playlists through links.", true, false, List.of(3L), List.of());
        fixture.given(CREATED)
                .when(new ChangeFeatureFlag(FLAG_ID, NAME, new FlagEdit(null, null, null, null, List.of(3L),
                        List.of()), ADMIN))
                .expectEvents(new FeatureFlagChanged(FLAG_ID, NAME, scoped, ADMIN));
        assertThat(onFor(Role.SCHOOL_ADMIN, 3)).isTrue();
        assertThat(onFor(Role.TEACHER, 4)).isFalse();
    }

    @Test
    void deletingReleasesTheNameAndTheDeletedFlagIsNotFound() {
        givenNameHeld(SHARING);
        fixture.given(CREATED)
                .when(new DeleteFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectEvents(new FeatureFlagDeleted(FLAG_ID, NAME, ADMIN));
        assertThat(registry.nameOf(FLAG_ID)).isNull();
        fixture.given(CREATED, new FeatureFlagDeleted(FLAG_ID, NAME, ADMIN))
                .when(new ToggleFeatureFlag(FLAG_ID, NAME, ADMIN))
                .expectException(rejected(404, Map.of("detail", "No FeatureFlag matches the given query.")))
                .expectNoEvents();
    }

    @Test
    void aDeletedNameIsCreatedAgainWithANewId() {
        fixture.given(CREATED, new FeatureFlagDeleted(FLAG_ID, NAME, ADMIN))
                .when(new CreateFeatureFlag(NEW_ID, NAME, SHARING, ADMIN))
                .expectEvents(new FeatureFlagCreated(NEW_ID, NAME, SHARING, ADMIN));
    }

    @Test
    void anAnonymousCallerGetsOnlyAFlagWithoutScope() {
        assertThat(new LiveConfiguration.FlagScope(true, List.of(), List.of()).appliesTo(null)).isTrue();
        assertThat(new LiveConfiguration.FlagScope(true, List.of(), List.of("TEACHER")).appliesTo(null)).isFalse();
        assertThat(new LiveConfiguration.FlagScope(false, List.of(), List.of()).appliesTo(null)).isFalse();
    }
}
