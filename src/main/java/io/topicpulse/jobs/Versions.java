package io.topicpulse.jobs;

import io.topicpulse.dedup.MinHasher;

import java.util.Map;
import java.util.Optional;

/** The versions a run records, and the one rule that says when stored tables must be extracted again. */
public final class Versions {

    /** topicpulse's own version; keep in step with pom.xml (a test checks). */
    public static final String TOPICPULSE = "0.1.0";
    /** Bumped whenever extraction output changes meaning (a new column, a new date rule). */
    public static final String EXTRACTOR = "5";
    /** The near-duplicate signature scheme: signatures of two schemes do not compare. */
    public static final String MINHASH = MinHasher.SCHEME_VERSION;

    private Versions() {
    }

    /**
     * Why tables whose last run recorded {@code recorded} (run_stats.versions) cannot take tonight's articles without
     * extracting everything again, or empty when they can.
     */
    public static Optional<String> rebuildNeeded(Map<String, String> recorded) {
        if (!EXTRACTOR.equals(recorded.get("extractor"))) {
            return Optional.of("extracted by extractor version " + recorded.get("extractor") + ", this is version "
                    + EXTRACTOR);
        }
        if (!MINHASH.equals(recorded.get("minhash"))) {
            return Optional.of("signed with MinHash scheme " + recorded.get("minhash") + ", this is scheme "
                    + MINHASH);
        }
        return Optional.empty();
    }
}
