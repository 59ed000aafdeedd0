package io.topicpulse.dedup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinHasherTest {

    @Test
    void givesTheSameSignatureInEveryInstanceSoStoredSignaturesStayComparable() {
        String text = "Officials met in the capital on Tuesday to discuss the new energy agreement.";
        assertArrayEquals(MinHasher.standard().signature(text), new MinHasher(128, 5, MinHasher.DEFAULT_SEED)
                .signature(text));
    }

    @Test
    void travelsToSparkExecutorsByJavaSerialisation() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(MinHasher.standard());
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            MinHasher copy = (MinHasher) in.readObject();
            assertArrayEquals(MinHasher.standard().signature("a text on an executor"),
                    copy.signature("a text on an executor"));
        }
    }

    @Test
    void estimatesJaccardSimilarityOfShingleSets() {
        // 200 distinct words; the copy replaces its last 40 with 40 others: 156 shared 5-shingles of 236 in all.
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            words.add("w" + i);
        }
        String a = String.join(" ", words.subList(0, 200));
        String b = String.join(" ", words.subList(0, 160)) + " " + String.join(" ", words.subList(200, 240));
        double jaccard = 156.0 / 236;
        MinHasher hasher = MinHasher.standard();
        double estimate = MinHasher.similarity(hasher.signature(a), hasher.signature(b));
        assertEquals(jaccard, estimate, 0.1, "4 standard deviations at 128 hashes");
    }

    @Test
    void estimatesJaccardSimilarityWithoutBiasOverManyPairs() {
        // Densified slots must not skew the estimate: over many pairs of known similarity the mean error stays
        // near 0 and the spread near that of 128 independent hash functions, sqrt(J(1-J)/128).
        MinHasher hasher = MinHasher.standard();
        for (int shared : new int[]{5, 40, 150}) {
            double sumError = 0;
            double sumSquares = 0;
            int pairs = 200;
            double jaccard = 0;
            for (int p = 0; p < pairs; p++) {
                StringBuilder a = new StringBuilder();
                StringBuilder b = new StringBuilder();
                // Distinct single-word shingles: `shared` in both, 20 in each alone.
                for (int i = 0; i < shared + 20; i++) {
                    a.append(" s").append(p).append('x').append(i < shared ? "c" + i : "a" + i);
                    b.append(" s").append(p).append('x').append(i < shared ? "c" + i : "b" + i);
                }
                jaccard = (double) shared / (shared + 40);
                double error = MinHasher.similarity(new MinHasher(128, 1, MinHasher.DEFAULT_SEED)
                        .signature(a.toString()), new MinHasher(128, 1, MinHasher.DEFAULT_SEED)
                        .signature(b.toString())) - jaccard;
                sumError += error;
                sumSquares += error * error;
            }
            double sigma = Math.sqrt(jaccard * (1 - jaccard) / 128);
            assertEquals(0, sumError / pairs, 4 * sigma / Math.sqrt(pairs), "bias at J=" + jaccard);
            assertTrue(Math.sqrt(sumSquares / pairs) < 1.3 * sigma, "spread at J=" + jaccard);
        }
        assertEquals(128, hasher.hashes());
    }

    @Test
    void ratesNormalisedCopiesAsIdentical() {
        MinHasher hasher = MinHasher.standard();
        assertEquals(1.0, MinHasher.similarity(hasher.signature("Rain, rain; and more RAIN today!"),
                hasher.signature("rain rain and more rain today")));
    }

    @Test
    void ratesUnrelatedTextsNearZero() {
        Random random = new Random(7);
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            a.append(" a").append(random.nextInt(1000));
            b.append(" b").append(random.nextInt(1000));
        }
        MinHasher hasher = MinHasher.standard();
        assertTrue(MinHasher.similarity(hasher.signature(a.toString()), hasher.signature(b.toString())) < 0.05);
    }

    @Test
    void hashesTextsShorterThanOneShingle() {
        MinHasher hasher = MinHasher.standard();
        assertEquals(1.0, MinHasher.similarity(hasher.signature("Breaking news"), hasher.signature("breaking NEWS")));
        assertEquals(0.0, MinHasher.similarity(hasher.signature("Breaking news"), hasher.signature("Late news")));
    }

    @Test
    void treatsTextsWithoutWordsAsSimilarToNothing() {
        MinHasher hasher = MinHasher.standard();
        int[] empty = hasher.signature(" -- ");
        assertTrue(MinHasher.isEmpty(empty));
        assertEquals(0.0, MinHasher.similarity(empty, hasher.signature("")));
        assertEquals(0, LshBands.standard().keys(empty).length);
    }

    @Test
    void refusesSignaturesOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MinHasher.similarity(new int[4], new int[8]));
        assertTrue(e.getMessage().contains("4 vs 8"), e.getMessage());
    }

    @Test
    void refusesBandingLongerThanTheSignature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LshBands(40, 4).keys(MinHasher.standard().signature("some text")));
        assertTrue(e.getMessage().contains("128 slots"), e.getMessage());
    }

    @Test
    void findsTheBucketsASignatureSharesWithAnotherSet() {
        LshBands bands = LshBands.standard();
        int[] signature = MinHasher.standard().signature("Officials met in the capital to discuss the accord.");
        long[] keys = bands.keys(signature);
        long[] some = {keys[3], keys[17], 42L};
        java.util.Arrays.sort(some);

        long[] shared = bands.sharedKeys(signature, some);
        java.util.Arrays.sort(shared);
        long[] expected = {keys[3], keys[17]};
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, shared);
        assertEquals(0, bands.sharedKeys(signature, new long[0]).length);
    }
}
