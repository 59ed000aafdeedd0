package io.topicpulse.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnippetMetricTest {

    @Test
    void poolsFoundIncludesAndPresentExcludesOverPages() {
        SnippetMetric m = new SnippetMetric();
        m.add("The minister said the talks would resume.\n\nHome is where the heart is.",
                List.of("the talks would resume", "a sentence we lost"), List.of("Home", "Subscribe now"));
        m.add("Prices rose by 3%\n in March.", List.of("Prices rose by 3% in March."), List.of());
        assertEquals(2, m.truePositives());
        assertEquals(1, m.falseNegatives());
        assertEquals(1, m.falsePositives());
        assertEquals(1, m.trueNegatives());
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(2.0 / 3, m.f1(), 1e-12);
    }

    @Test
    void matchesSnippetsThatStopInsideAWordAcrossLineBreaks() {
        SnippetMetric m = new SnippetMetric();
        SnippetMetric.SnippetMisses misses = m.add("Let us explore how\n\nthermostats work, and whether to buy one.",
                List.of("explore how thermostats work, and whe"), List.of("Whether"));
        assertEquals(1, m.truePositives());
        assertEquals(0, m.falsePositives());
        assertEquals(List.of(), misses.missing());
    }
}
