package org.fractionball.lms.command.config;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.events.config.SystemConfigChanged;
import org.fractionball.lms.events.config.SystemConfigCreated;
import org.fractionball.lms.events.config.SystemConfigDeleted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fractionball.lms.command.schools.CommandRejectedMatcher.rejected;

class SystemConfigTest {
    private static final UUID CONFIG_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID NEW_ID = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final String KEY = "system.max_upload_size_mb";
    private static final Long ADMIN = 1L;
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final ConfigDefinition UPLOAD_LIMIT = new ConfigDefinition("500", ConfigType.INTEGER,
            "Maximum Upload Size (MB)", "", "system", false, true, "", 1.0, 2000.0);
    private static final SystemConfigCreated CREATED = new SystemConfigCreated(CONFIG_ID, KEY, UPLOAD_LIMIT,
            "Configuration created", null);

    private InMemoryConfigRegistry registry;
    private FixtureConfiguration<SystemConfig> fixture;

    @BeforeEach
    void setUp() {
        registry = new InMemoryConfigRegistry();
        fixture = new AggregateTestFixture<>(SystemConfig.class);
        fixture.registerInjectableResource(registry);
        fixture.registerAnnotatedCommandHandler(new ConfigCreation(fixture.getRepository(),
                new AggregateTestFixture<>(FeatureFlag.class).getRepository(), registry));
    }

    private static ConfigDefinition with(String value, ConfigType type, Double min, Double max, String regex) {
        return new ConfigDefinition(value, type, "Setting", "", "general", false, true, regex, min, max);
    }

    private static Map<String, List<String>> valueError(String message) {
        return Map.of("value", List.of(message));
    }

    private static ChangeSystemConfig changeValue(String value) {
        return new ChangeSystemConfig(CONFIG_ID, KEY, ConfigEdit.value(value), "smaller files", ADMIN);
    }

    /** The lookups as they are once {@link #CREATED} was committed. */
    private void givenKeyHeld() {
        registry.claimKey(KEY, CONFIG_ID, "INTEGER", "500");
    }

    // --- creation -------------------------------------------------------------------------------

    @Test
    void creatingAnEntryClaimsItsKeyAndRecordsTheCreation() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new CreateSystemConfig(CONFIG_ID, KEY, UPLOAD_LIMIT, null, ADMIN))
                .expectEvents(new SystemConfigCreated(CONFIG_ID, KEY, UPLOAD_LIMIT, "Configuration created", ADMIN))
                .expectResultMessagePayload(new SystemConfigState(CONFIG_ID, KEY, UPLOAD_LIMIT, NOW, NOW, ADMIN));
        assertThat(registry.idOfKey(KEY)).isEqualTo(CONFIG_ID);
        assertThat(registry.snapshot().values()).containsEntry(KEY, "500");
    }

    @Test
    void aTakenKeyIsRefusedWithTheContractsMessage() {
        givenKeyHeld();
        fixture.given(CREATED)
                .when(new CreateSystemConfig(NEW_ID, KEY, UPLOAD_LIMIT, null, ADMIN))
                .expectException(rejected(400, Map.of("key", List.of(ConfigRegistry.KEY_TAKEN))))
                .expectNoEvents();
    }

    @Test
    void aDeletedKeyIsCreatedAgainWithANewId() {
        fixture.given(CREATED, new SystemConfigDeleted(CONFIG_ID, KEY, "500", ADMIN))
                .when(new CreateSystemConfig(NEW_ID, KEY, UPLOAD_LIMIT, null, ADMIN))
                .expectEvents(new SystemConfigCreated(NEW_ID, KEY, UPLOAD_LIMIT, "Configuration created", ADMIN));
        assertThat(registry.idOfKey(KEY)).isEqualTo(NEW_ID);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INTEGER | 12.5     | Value must be a valid integer",
            "INTEGER | 0        | Value must be at least 1.0",
            "INTEGER | 2001     | Value must be at most 2000.0",
            "FLOAT   | abc      | Value must be a valid number",
            "FLOAT   | 0.5      | Value must be at least 1.0",
            "BOOLEAN | maybe    | Boolean value must be true/false, 1/0, yes/no, or on/off",
            "JSON    | {broken  | Value must be valid JSON",
            "URL     | not a url | Enter a valid URL.",
            "EMAIL   | nobody@  | Enter a valid email address.",
            "COLOR   | blue     | Color must be in hex format (#RRGGBB)"})
    void aValueThatDoesNotReadAsItsTypeIsRefusedUnderValue(ConfigType type, String value, String message) {
        fixture.givenNoPriorActivity()
                .when(new CreateSystemConfig(CONFIG_ID, "some.key", with(value, type, 1.0, 2000.0, ""), null, ADMIN))
                .expectException(rejected(400, valueError(message)))
                .expectNoEvents();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INTEGER | 2000", "FLOAT | 1.5", "BOOLEAN | Off", "JSON | {\"a\": [1, 2]}", "URL | https://example.com/logo.png",
            "EMAIL | help@school.edu", "COLOR | #3b82F6", "STRING | anything", "FILE | /media/logo.png"})
    void aValueOfItsTypeWithinItsBoundsIsAccepted(ConfigType type, String value) {
        ConfigDefinition definition = with(value, type, 1.0, 2000.0, "");
        fixture.givenNoPriorActivity()
                .when(new CreateSystemConfig(CONFIG_ID, "some.key", definition, null, ADMIN))
                .expectEvents(new SystemConfigCreated(CONFIG_ID, "some.key", definition, "Configuration created",
                        ADMIN));
    }

    @Test
    void theValidationPatternIsEnforced() {
        fixture.givenNoPriorActivity()
                .when(new CreateSystemConfig(CONFIG_ID, "video.quality", with("4k", ConfigType.STRING, null, null,
                        "^\\d{3,4}p$"), null, ADMIN))
                .expectException(rejected(400, valueError("Value does not match the required pattern: ^\\d{3,4}p$")))
                .expectNoEvents();
    }

    @Test
    void boundsThatCannotHoldAValueAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateSystemConfig(CONFIG_ID, "some.key", with("5", ConfigType.INTEGER, 10.0, 1.0, ""),
                        null, ADMIN))
                .expectException(rejected(400, Map.of("max_value", List.of(SystemConfig.BOUNDS_REVERSED))))
                .expectNoEvents();
    }

    // --- changes --------------------------------------------------------------------------------

    @Test
    void aChangedValueRecordsTheOldValueAndTheReasonAndUpdatesTheLookup() {
        givenKeyHeld();
        ConfigDefinition changed = new ConfigDefinition("100", ConfigType.INTEGER, "Maximum Upload Size (MB)", "",
                "system", false, true, "", 1.0, 2000.0);
        fixture.given(CREATED)
                .when(changeValue("100"))
                .expectEvents(new SystemConfigChanged(CONFIG_ID, KEY, changed, "500", "smaller files", ADMIN));
        assertThat(registry.snapshot().values()).containsEntry(KEY, "100");
    }

    @Test
    void aValueOnlyPatchIsValidatedAgainstTheStoredTypeAndBounds() {
        fixture.given(CREATED)
                .when(changeValue("5000"))
                .expectException(rejected(400, valueError("Value must be at most 2000.0")))
                .expectNoEvents();
    }

    @Test
    void changingTheTypeRevalidatesTheStoredValue() {
        fixture.given(CREATED)
                .when(new ChangeSystemConfig(CONFIG_ID, KEY, new ConfigEdit(null, ConfigType.BOOLEAN, null, null,
                        null, null, null, null, false, null, false, null), "", ADMIN))
                .expectException(rejected(400,
                        valueError("Boolean value must be true/false, 1/0, yes/no, or on/off")))
                .expectNoEvents();
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(CREATED)
                .when(changeValue("500"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theValueOfAnEntryThatIsNotEditableCannotChange() {
        ConfigDefinition locked = new ConfigDefinition("500", ConfigType.INTEGER, "Maximum Upload Size (MB)", "",
                "system", false, false, "", 1.0, 2000.0);
        fixture.given(new SystemConfigCreated(CONFIG_ID, KEY, locked, "Configuration created", null))
                .when(changeValue("100"))
                .expectException(rejected(400, Map.of("error", "Configuration " + KEY + " is not editable")))
                .expectNoEvents();
    }

    @Test
    void anEntryThatIsNotEditableCanBeMadeEditableAgain() {
        ConfigDefinition locked = new ConfigDefinition("500", ConfigType.INTEGER, "Maximum Upload Size (MB)", "",
                "system", false, false, "", 1.0, 2000.0);
        fixture.given(new SystemConfigCreated(CONFIG_ID, KEY, locked, "Configuration created", null))
                .when(new ChangeSystemConfig(CONFIG_ID, KEY, new ConfigEdit(null, null, null, null, null, null, true,
                        null, false, null, false, null), "", ADMIN))
                .expectEvents(new SystemConfigChanged(CONFIG_ID, KEY, UPLOAD_LIMIT, "500", "", ADMIN));
    }

    @Test
    void aStaleIdIsNotFound() {
        fixture.given(CREATED)
                .when(new ChangeSystemConfig(NEW_ID, KEY, ConfigEdit.value("100"), "", ADMIN))
                .expectException(rejected(404, Map.of("detail", "No SystemConfig matches the given query.")))
                .expectNoEvents();
    }

    // --- deletion -------------------------------------------------------------------------------

    @Test
    void deletingReleasesTheKey() {
        givenKeyHeld();
        fixture.given(CREATED)
                .when(new DeleteSystemConfig(CONFIG_ID, KEY, ADMIN))
                .expectEvents(new SystemConfigDeleted(CONFIG_ID, KEY, "500", ADMIN));
        assertThat(registry.idOfKey(KEY)).isNull();
    }

    @Test
    void aDeletedEntryIsNotFound() {
        fixture.given(CREATED, new SystemConfigDeleted(CONFIG_ID, KEY, "500", ADMIN))
                .when(changeValue("100"))
                .expectException(rejected(404, Map.of("detail", "No SystemConfig matches the given query.")))
                .expectNoEvents();
    }

    @Test
    void anEntryThatIsNotEditableCannotBeDeleted() {
        ConfigDefinition locked = new ConfigDefinition("500", ConfigType.INTEGER, "Maximum Upload Size (MB)", "",
                "system", false, false, "", 1.0, 2000.0);
        fixture.given(new SystemConfigCreated(CONFIG_ID, KEY, locked, "Configuration created", null))
                .when(new DeleteSystemConfig(CONFIG_ID, KEY, ADMIN))
                .expectException(rejected(400, Map.of("error", "Configuration " + KEY + " is not editable")))
                .expectNoEvents();
    }
}
