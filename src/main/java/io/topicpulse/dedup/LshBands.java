package io.topicpulse.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Locality-sensitive banding of MinHash signatures: documents sharing any bucket key are candidate near duplicates.
 * The keys are plain longs so a Spark job can explode them into (key, docId) rows and group there.
 */
public final class LshBands implements Serializable {

    // Serializable so Spark can ship it to executors inside a UDF.
    private static final long serialVersionUID = 1L;

    private final int bands;
    private final int rows;

    /**
     * @param bands number of bands; more bands find pairs of lower similarity
     * @param rows  signature slots per band; more rows make a band's match stricter
     */
    public LshBands(int bands, int rows) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be >= 1, was " + bands);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, was " + rows);
        }
        this.bands = bands;
        this.rows = rows;
    }

    /**
     * 32 bands of 4 rows over a 128-slot signature: pairs at Jaccard 0.6 share a bucket with probability 0.99,
     * at 0.5 with 0.87 (pairs missed there are often joined through a third copy), at 0.2 with 0.05 and at 0.1
     * with 0.003, so few unrelated pairs reach the similarity check.
     */
    public static LshBands standard() {
        return new LshBands(32, 4);
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    /** Probability that two documents of Jaccard similarity {@code s} share at least one bucket. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /**
     * One bucket key per band; the band index is mixed in so equal slot values in different bands never collide.
     * Empty-text signatures get no keys: they are never candidates.
     */
    public long[] keys(int[] signature) {
        if (signature == null) {
            throw new IllegalArgumentException("signature must not be null");
        }
        if (signature.length < bands * rows) {
            throw new IllegalArgumentException("signature has " + signature.length + " slots, banding needs "
                    + bands + " x " + rows + " = " + bands * rows);
        }
        if (MinHasher.isEmpty(signature)) {
            return new long[0];
        }
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long h = MinHasher.mix(band + 1L);
            for (int r = 0; r < rows; r++) {
                h = MinHasher.mix(h * 31 + (signature[band * rows + r] & 0xffffffffL));
            }
            keys[band] = h;
        }
        return keys;
    }

    /** The signature's bucket keys that are among {@code sortedKeys} (sorted ascending): the buckets it shares. */
    public long[] sharedKeys(int[] signature, long[] sortedKeys) {
        if (sortedKeys.length == 0) {
            return new long[0];
        }
        return Arrays.stream(keys(signature))
                .filter(k -> Arrays.binarySearch(sortedKeys, k) >= 0).toArray();
    }
}
