package io.topicpulse.dedup;

import java.io.Serializable;

/**
 * When two texts are near duplicates: their MinHash signatures share an LSH band (the pairs worth comparing) and
 * estimate a Jaccard similarity at or above a threshold.
 */
public final class NearDuplicateRule implements Serializable {

    // Serializable so Spark can ship it to executors inside a filter.
    private static final long serialVersionUID = 1L;

    /**
     * Default estimated Jaccard threshold over word 5-shingles. Lower than the 0.8 usual for character shingles
     * because one typo breaks five word shingles: copies with two or three ordinary edits (sidebar, added
     * paragraph, typos) measure 0.5 to 0.7, while unrelated same-topic articles stay below 0.2 (see
     * NearDuplicateEvaluationTest for the precision/recall this gives).
     */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final LshBands bands;
    private final double threshold;

    public NearDuplicateRule(LshBands bands, double threshold) {
        if (bands == null) {
            throw new IllegalArgumentException("bands must not be null");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.bands = bands;
        this.threshold = threshold;
    }

    /** Standard banding and the default threshold. */
    public static NearDuplicateRule standard() {
        return new NearDuplicateRule(LshBands.standard(), DEFAULT_THRESHOLD);
    }

    /** The banding whose shared keys make two signatures candidates. */
    public LshBands bands() {
        return bands;
    }

    public double threshold() {
        return threshold;
    }

    /** True when the signatures estimate a similarity at or above the threshold. */
    public boolean isNearDuplicate(int[] a, int[] b) {
        return MinHasher.similarity(a, b) >= threshold;
    }
}
