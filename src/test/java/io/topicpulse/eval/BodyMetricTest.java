package io.topicpulse.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyMetricTest {

    @Test
    void identicalTextsScoreOne() {
        BodyMetric.Match m = BodyMetric.match("The cat sat on the mat today.", "The cat sat on the mat today.");
        assertEquals(new BodyMetric.Match(4, 0, 0), m);
        assertEquals(1.0, m.precision());
        assertEquals(1.0, m.recall());
    }

    @Test
    void disjointTextsScoreZero() {
        BodyMetric.Match m = BodyMetric.match("one two three four five", "six seven eight nine ten");
        assertEquals(0.0, m.precision());
        assertEquals(0.0, m.recall());
    }

    @Test
    void partialOverlapCountsSharedShingles() {
        // truth shingles: [a b c d] [b c d e] [c d e f]; predicted: [a b c d] [b c d e] [c d e x] [d e x y]
        BodyMetric.Match m = BodyMetric.match("a b c d e f", "a b c d e x y");
        assertEquals(new BodyMetric.Match(2, 2, 1), m);
        assertEquals(0.5, m.precision());
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(4.0 / 7, BodyMetric.f1(0.5, 2.0 / 3), 1e-12);
    }

    @Test
    void repeatedShinglesAreCountedAsAMultiset() {
        // predicted repeats the 4-token text: its shingles are [w x y z] twice plus three straddling ones
        BodyMetric.Match m = BodyMetric.match("w x y z", "w x y z w x y z");
        assertEquals(new BodyMetric.Match(1, 4, 0), m);
    }

    @Test
    void tokensAreUnicodeWordRunsWithCaseKept() {
        assertEquals(List.of("Größe", "Київ", "42", "don", "t"), BodyMetric.tokens("Größe, Київ: 42 — don't"));
        assertEquals(0.0, BodyMetric.match("Alpha beta gamma delta", "alpha beta gamma delta").precision());
    }

    @Test
    void textsShorterThanFourTokensFormOneShingle() {
        assertEquals(new BodyMetric.Match(1, 0, 0), BodyMetric.match("Hello world", "Hello, world!"));
        assertEquals(new BodyMetric.Match(0, 1, 1), BodyMetric.match("Hello world", "Hello"));
    }

    @Test
    void bothEmptyIsAPerfectMatchButAnEmptyPredictionScoresZero() {
        assertEquals(1.0, BodyMetric.match("", "").precision());
        assertEquals(1.0, BodyMetric.match("", null).recall());
        BodyMetric.Match missed = BodyMetric.match("some true body text here", "");
        assertEquals(0.0, missed.precision());
        assertEquals(0.0, missed.recall());
        BodyMetric.Match invented = BodyMetric.match("", "text where there should be none");
        assertEquals(0.0, invented.precision());
        assertEquals(0.0, invented.recall());
    }

    @Test
    void exactMatchIgnoresWhitespaceAndPunctuationOnly() {
        assertTrue(BodyMetric.exact("First para.\n\nSecond para.", "First para. Second para"));
        assertFalse(BodyMetric.exact("First para.", "first para."));
    }
}
