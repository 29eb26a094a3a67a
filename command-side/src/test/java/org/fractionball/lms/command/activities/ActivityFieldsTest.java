package org.fractionball.lms.command.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.activities.ActivityLocation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Request bodies of the activity writes: DRF's messages, and the bounds the original left open. */
class ActivityFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUIRED = "This field is required.";

    @Test
    void createAndPutRequireTitleDescriptionNumberAndGrade() {
        Map<String, ?> errors = refused("{}", false);
        assertThat(errors).isEqualTo(Map.of("title", List.of(REQUIRED), "description", List.of(REQUIRED),
                "activity_number", List.of(REQUIRED), "grade", List.of(REQUIRED)));
    }

    @Test
    void aPatchNamesNothingUnlessGiven() {
        ActivityEdit edit = ActivityFields.forEdit(json("{}"), true);
        assertThat(edit).isEqualTo(new ActivityEdit(null, null, null, null, null, null, null, null, null, null, null,
                null, false, null, null, null, null, null, null, null));
    }

    @Test
    void everyFieldIsRead() {
        ActivityEdit edit = ActivityFields.forCreate(json("""
                {"title": " Relay ", "slug": "Relay_1", "description": "Run.", "activity_number": "3", "grade": "K",
                 "topics": ["Halves", " Quarters "], "location": "both", "prerequisites": [],
                 "learning_objectives": "Students will be able to:\\n- run", "materials": ["cones"],
                 "game_rules": ["Go", "Stop"], "key_terms": {"whole": "all parts", " half ": " one of two "},
                 "video_asset": "9A000000000040008000000000000001",
                 "teacher_resources": ["1b000000-0000-4000-8000-000000000001", "1B000000000040008000000000000001",
                                       "1b000000-0000-4000-8000-000000000002"],
                 "student_resources": [], "icon_type": "ball", "thumbnail_uri": "https://img.example.org/a.png",
                 "is_published": "false", "order": 4, "id": "ignored", "created_at": "ignored"}"""));
        assertThat(edit).isEqualTo(new ActivityEdit("Relay", "Relay_1", "Run.", 3, "K", List.of("Halves", "Quarters"),
                ActivityLocation.BOTH, List.of(), "Students will be able to:\n- run", List.of("cones"),
                List.of("Go", "Stop"), Map.of("whole", "all parts", "half", "one of two"), true,
                UUID.fromString("9a000000-0000-4000-8000-000000000001"),
                List.of(UUID.fromString("1b000000-0000-4000-8000-000000000001"),
                        UUID.fromString("1b000000-0000-4000-8000-000000000002")),
                List.of(), "ball", "https://img.example.org/a.png", 4, false));
        assertThat(edit.keyTerms().keySet()).containsExactly("whole", "half");
    }

    @Test
    void aBlankSlugMeansDeriveOrKeepAndANullVideoClearsIt() {
        ActivityEdit edit = ActivityFields.forEdit(json("{\"slug\": \"\", \"video_asset\": null}"), true);
        assertThat(edit.slug()).isNull();
        assertThat(edit.videoGiven()).isTrue();
        assertThat(edit.videoAsset()).isNull();
    }

    @Test
    void badValuesAreAllReportedWithDrfMessages() {
        Map<String, ?> errors = refused("""
                {"title": "", "slug": "not a slug", "description": "x", "activity_number": -1, "grade": "9",
                 "topics": "Halves", "location": "gym", "prerequisites": [""], "materials": [1],
                 "game_rules": null, "key_terms": ["a"], "video_asset": 12,
                 "teacher_resources": "1b000000-0000-4000-8000-000000000001", "student_resources": ["nope"],
                 "icon_type": " ", "thumbnail_uri": "ftp://files.example.org/a.png", "is_published": "maybe",
                 "order": "first"}""", false);
        assertThat(errors).isEqualTo(Map.ofEntries(
                Map.entry("title", List.of("This field may not be blank.")),
                Map.entry("slug", List.of(
                        "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.")),
                Map.entry("activity_number", List.of("Ensure this value is greater than or equal to 0.")),
                Map.entry("grade", List.of("\"9\" is not a valid choice.")),
                Map.entry("topics", List.of("Expected a list of items but got type \"str\".")),
                Map.entry("location", List.of("\"gym\" is not a valid choice.")),
                Map.entry("prerequisites", List.of("Each item must be a non-blank string of at most 500 characters.")),
                Map.entry("materials", List.of("Each item must be a non-blank string of at most 500 characters.")),
                Map.entry("game_rules", List.of("This field may not be null.")),
                Map.entry("key_terms", List.of("Expected a dictionary of items but got type \"list\".")),
                Map.entry("video_asset", List.of("Incorrect type. Expected pk value, received int.")),
                Map.entry("teacher_resources", List.of("Expected a list of items but got type \"str\".")),
                Map.entry("student_resources", List.of("Must be a valid UUID.")),
                Map.entry("icon_type", List.of("This field may not be blank.")),
                Map.entry("thumbnail_uri", List.of("Enter a valid URL.")),
                Map.entry("is_published", List.of("Must be a valid boolean.")),
                Map.entry("order", List.of("A valid integer is required."))));
    }

    @Test
    void listsAndKeyTermsAreBounded() {
        String fiftyOne = "[" + "\"1b000000-0000-4000-8000-000000000001\",".repeat(50)
                + "\"1b000000-0000-4000-8000-000000000001\"]";
        Map<String, ?> errors = refused("{\"topics\": " + JSON.valueToTree(Collections.nCopies(21, "t"))
                + ", \"key_terms\": {\"\": \"blank term\"}, \"teacher_resources\": " + fiftyOne
                + ", \"title\": \"" + "t".repeat(201) + "\"}", true);
        assertThat(errors).isEqualTo(Map.of(
                "title", List.of("Ensure this field has no more than 200 characters."),
                "topics", List.of("Ensure this field has no more than 20 elements."),
                "key_terms", List.of("Each key term must be a non-blank string of at most 100 characters with a "
                        + "string definition of at most 2000 characters."),
                "teacher_resources", List.of("Ensure this field has no more than 50 elements.")));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThat(refused("[1, 2]", false)).isEqualTo(Map.of("non_field_errors",
                List.of("Invalid data. Expected a dictionary, but got list.")));
    }

    private static Map<String, ?> refused(String body, boolean partial) {
        CommandRejected rejected = catchThrowableOfType(CommandRejected.class,
                () -> ActivityFields.forEdit(json(body), partial));
        assertThat(rejected).as("refused").isNotNull();
        assertThat(rejected.status()).isEqualTo(400);
        return rejected.body();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException invalid) {
            throw new IllegalStateException(invalid);
        }
    }
}
