package io.topicpulse.progress;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {

    @Test
    void estimatesTheTotalFromTheBytesPerPageSeenSoFar() {
        Progress p = new Progress("extract", 1_000, 50_000_000, 2_000_000_000, 3, 10);
        assertEquals(40_000, p.recordsEstimate());
        assertEquals(100, p.recordsPerSecond());
        assertEquals(390, p.secondsLeft(), 1e-9);
        assertEquals("extract: 1,000 of ~40,000 pages (3%), 100 pages/s, ETA 6m30s, 3 rejects so far", p.line());
    }

    @Test
    void givesTheRateAndTimeLeftOfTheLastMinuteOnceItIsKnown() {
        // 1,000 pages in 20 s, the first minutes slow; 100 pages/s over the last minute.
        Progress p = new Progress("extract", 1_000, 50_000_000, 2_000_000_000, 3, 20, -1, 100);
        assertEquals(50, p.recordsPerSecond());
        assertEquals(100, p.currentRate());
        assertEquals("extract: 1,000 of ~40,000 pages (3%), 100 pages/s, ETA 6m30s, 3 rejects so far", p.line());
        Progress read = new Progress("extract", 40_000, 2_000_000_000, 2_000_000_000, 3, 300, 200, 100);
        assertEquals(200, read.currentRate(), "once all is read, the rate of the whole read");
    }

    @Test
    void assumesATypicalPageSizeBeforeAnyPageIsDone() {
        Progress p = new Progress("extract", 0, 0, 600_000_000, 0, 2);
        assertEquals(10_000, p.recordsEstimate());
        assertEquals("extract: 0 of ~10,000 pages (0%), 0 pages/s, ETA unknown, 0 rejects so far", p.line());
    }

    @Test
    void saysSoWhenTheInputSizeIsUnknown() {
        Progress p = new Progress("topics", 500, 0, 0, 0, 5);
        assertEquals(0, p.recordsEstimate());
        assertEquals("topics: 500 pages, 100 pages/s, ETA unknown, 0 rejects so far", p.line());
    }

    @Test
    void aStageThatCountsNoPagesSaysHowLongItHasRun() {
        assertEquals("aggregate: running, 1m05s so far", new Progress("aggregate", 0, 0, 0, 0, 65).line());
    }

    @Test
    void onceTheInputIsReadSaysSoWithTheReadRateAndHowLongTheRestHasRun() {
        Progress p = new Progress("extract", 40_000, 2_000_000_000, 2_000_000_000, 52, 265, 195);
        assertEquals(205.1, p.recordsPerSecond(), 0.1);
        assertEquals("extract: all 40,000 pages read in 3m15s, 205 pages/s, 52 rejects; the stage's other work "
                + "1m10s so far", p.line());
    }

    @Test
    void neverEstimatesFewerPagesThanAreDone() {
        assertEquals(900, new Progress("extract", 900, 90_000_000, 1_000_000, 0, 9).recordsEstimate());
    }

    @Test
    void writesDurationsForPeople() {
        assertEquals("45s", Progress.duration(45));
        assertEquals("2m05s", Progress.duration(125));
        assertEquals("1h02m", Progress.duration(3720));
    }
}
