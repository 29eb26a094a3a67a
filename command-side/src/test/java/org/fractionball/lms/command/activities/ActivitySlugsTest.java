package org.fractionball.lms.command.activities;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Slugs derived from titles as Django's {@code slugify} makes them, within 200 characters. */
class ActivitySlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Fraction Line Relay|fraction-line-relay",
            "  Halves & Wholes: Court Game!  |halves-wholes-court-game",
            "Crème brûlée – ½ of it|creme-brulee-12-of-it",
            "under_score -- dash|under_score-dash",
            "--_Edges_--|edges",
            "分数 !!|activity",
            "Grade 5: Mixed ↔ Improper|grade-5-mixed-improper"})
    void titlesBecomeLowerCaseAsciiWordsJoinedByHyphens(String title, String slug) {
        assertThat(Slugs.slugify(title)).isEqualTo(slug);
        assertThat(Slugs.VALID.matcher(slug).matches()).isTrue();
    }

    @Test
    void longTitlesAreCutTo200Characters() {
        String slug = Slugs.slugify("word ".repeat(100));
        assertThat(slug).hasSizeLessThanOrEqualTo(200).startsWith("word-word").doesNotEndWith("-");
    }

    @Test
    void suffixesShortenTheBaseSoTheSlugStaysWithin200Characters() {
        String base = "a".repeat(200);
        assertThat(Slugs.withSuffix(base, 1)).isEqualTo(base);
        assertThat(Slugs.withSuffix(base, 12)).hasSize(200).endsWith("a-12");
        assertThat(Slugs.withSuffix("relay", 2)).isEqualTo("relay-2");
    }
}
