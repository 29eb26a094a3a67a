package org.fractionball.lms.infrastructure.ops.rebuild;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress figures of a rebuild as the status shows them. */
class RebuildProgressTest {

    @Test
    void percentIsTheShareOfTheHeadReachedRoundedDownToATenth() {
        assertThat(ProjectionRebuilds.percent(0, 300)).isEqualTo(0.0);
        assertThat(ProjectionRebuilds.percent(100, 300)).isEqualTo(33.3);
        assertThat(ProjectionRebuilds.percent(299, 300)).isEqualTo(99.6);
        assertThat(ProjectionRebuilds.percent(300, 300)).isEqualTo(100.0);
        assertThat(ProjectionRebuilds.percent(310, 300)).isEqualTo(100.0);
        assertThat(ProjectionRebuilds.percent(0, 0)).isEqualTo(100.0);
    }

    @Test
    void etaIsTheEventsLeftAtTheCurrentRateWhileBuilding() {
        assertThat(ProjectionRebuilds.eta("building", 100, 300, 40.0)).isEqualTo(5L);
        assertThat(ProjectionRebuilds.eta("building", 100, 301, 40.0)).isEqualTo(6L);
        assertThat(ProjectionRebuilds.eta("building", 300, 300, 40.0)).isEqualTo(0L);
        assertThat(ProjectionRebuilds.eta("building", 100, 300, 0.0)).isNull();
        assertThat(ProjectionRebuilds.eta("switching", 298, 300, 40.0)).isNull();
        assertThat(ProjectionRebuilds.eta("failed", 100, 300, 40.0)).isNull();
    }
}
