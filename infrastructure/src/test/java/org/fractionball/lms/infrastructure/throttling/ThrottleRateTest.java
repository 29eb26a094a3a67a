package org.fractionball.lms.infrastructure.throttling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrottleRateTest {

    @Test
    void the_runbook_rates() {
        assertThat(ThrottleRate.parse("100/hour")).contains(new ThrottleRate(100, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("1000/hour")).contains(new ThrottleRate(1000, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("500/hour")).contains(new ThrottleRate(500, Duration.ofHours(1)));
    }

    @Test
    void every_period() {
        assertThat(ThrottleRate.parse("5/second")).contains(new ThrottleRate(5, Duration.ofSeconds(1)));
        assertThat(ThrottleRate.parse("60/minute")).contains(new ThrottleRate(60, Duration.ofSeconds(60)));
        assertThat(ThrottleRate.parse("50/hour")).contains(new ThrottleRate(50, Duration.ofSeconds(3600)));
        assertThat(ThrottleRate.parse("2000/day")).contains(new ThrottleRate(2000, Duration.ofSeconds(86400)));
    }

    @Test
    void only_the_first_letter_of_the_period_counts_as_in_the_original() {
        assertThat(ThrottleRate.parse("100/h")).contains(new ThrottleRate(100, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("100/hr")).contains(new ThrottleRate(100, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("100/hours")).contains(new ThrottleRate(100, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("10/min")).contains(new ThrottleRate(10, Duration.ofMinutes(1)));
        assertThat(ThrottleRate.parse("3/s")).contains(new ThrottleRate(3, Duration.ofSeconds(1)));
        assertThat(ThrottleRate.parse("7/d")).contains(new ThrottleRate(7, Duration.ofDays(1)));
    }

    @Test
    void spaces_and_case_are_forgiven() {
        assertThat(ThrottleRate.parse(" 8 / Hour ")).contains(new ThrottleRate(8, Duration.ofHours(1)));
        assertThat(ThrottleRate.parse("8/HOUR")).contains(new ThrottleRate(8, Duration.ofHours(1)));
    }

    @Test
    void none_or_off_lifts_the_limit() {
        assertThat(ThrottleRate.parse("none")).isEmpty();
        assertThat(ThrottleRate.parse("OFF")).isEmpty();
        assertThat(ThrottleRate.parse(" None ")).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "100", "hour", "/hour", "100/", "100/week", "100/year", "0/hour", "-1/hour",
            "1.5/hour", "100/hour/extra", "abc/hour", "100 per hour", "99999999999999999999/hour"})
    void anything_else_is_refused(String text) {
        assertThatThrownBy(() -> ThrottleRate.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_refusal_says_what_is_expected() {
        assertThatThrownBy(() -> ThrottleRate.parse("100/week"))
                .hasMessage("invalid throttle rate '100/week': the period must be second, minute, hour or day");
        assertThatThrownBy(() -> ThrottleRate.parse("lots"))
                .hasMessage("invalid throttle rate 'lots': expected N/second|minute|hour|day (e.g. 100/hour) or none");
        assertThatThrownBy(() -> ThrottleRate.parse("0/hour"))
                .hasMessage("invalid throttle rate '0/hour': use none to lift a limit");
    }

    @Test
    void the_key_part_names_limit_and_period_in_seconds() {
        assertThat(ThrottleRate.parse("100/hour").orElseThrow().keyPart()).isEqualTo("100/3600s");
        assertThat(ThrottleRate.parse("5/second").orElseThrow().keyPart()).isEqualTo("5/1s");
        assertThat(ThrottleRate.parse("2/day").orElseThrow().keyPart()).isEqualTo("2/86400s");
    }
}
