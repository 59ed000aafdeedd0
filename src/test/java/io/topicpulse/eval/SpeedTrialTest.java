package io.topicpulse.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedTrialTest {

    @Test
    void runsBothOnEveryPageOfAWarmUpRoundAndEachTimedRound() {
        AtomicInteger work = new AtomicInteger();
        AtomicInteger baseline = new AtomicInteger();
        SpeedTrial trial = SpeedTrial.run(List.of("a", "b", "c"), p -> work.incrementAndGet(),
                p -> baseline.incrementAndGet(), 4);
        assertEquals(3 * 5, work.get());
        assertEquals(3 * 5, baseline.get());
        assertEquals(4, trial.rounds());
    }

    @Test
    void alternatesWhichRunsFirstFromPageToPageAndRoundToRound() {
        List<String> order = new ArrayList<>();
        SpeedTrial.run(List.of("a", "b"), p -> order.add("work " + p), p -> order.add("base " + p), 1);
        assertEquals(List.of("work a", "base a", "base b", "work b", "base a", "work a", "work b", "base b"), order);
    }

    @Test
    void reportsTheMedianRoundRatioBetweenTheLowestAndHighest() {
        SpeedTrial trial = SpeedTrial.run(List.of(1, 2, 3), p -> p * 2, p -> p + 1, 3);
        assertTrue(trial.lowestRatio() <= trial.ratio() && trial.ratio() <= trial.highestRatio(), trial.toString());
        assertTrue(trial.describe("extractor", "jsoup").contains("median of 3 interleaved rounds"),
                trial.describe("extractor", "jsoup"));
    }

    @Test
    void aPageThatThrowsStillCountsAsDone() {
        AtomicInteger baseline = new AtomicInteger();
        SpeedTrial.run(List.of("a", "b"), p -> {
            throw new IllegalStateException("broken page");
        }, p -> baseline.incrementAndGet(), 1);
        assertEquals(4, baseline.get());
    }

    @Test
    void noPagesMeansNothingTimed() {
        assertSame(SpeedTrial.NONE, SpeedTrial.run(List.of(), p -> p, p -> p, 3));
    }

    @Test
    void rejectsFewerThanOneRoundNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedTrial.run(List.of("a"), p -> p, p -> p, 0));
        assertTrue(e.getMessage().startsWith("rounds"), e.getMessage());
    }
}
