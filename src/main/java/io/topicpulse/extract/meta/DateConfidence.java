package io.topicpulse.extract.meta;

import java.util.EnumMap;
import java.util.Map;

/**
 * How far a found publication date can be trusted: a table from the pattern of its evidence
 * ({@link DateEvidence#pattern}) to the share of such dates that were right on the development half of the dev
 * sets, Laplace-smoothed ((right + 1) / (dated + 2)) so that a pattern seen on few pages is not trusted fully.
 * The table and how it was fitted are in docs/extraction.md.
 */
public final class DateConfidence {

    /**
     * The default floor: dates below it are set aside as undated. It removes only the weakest pattern (JSON-LD
     * alone against other evidence), which kept date accuracy within 0.02 of taking every date on both dev sets.
     */
    public static final double DEFAULT_FLOOR = 0.5;

    /** Development half (A) of wcxb-dev-articles and news-dates-2020, pooled: right / dated per pattern. */
    private static final Map<DateEvidence.Pattern, Double> TABLE = table();

    private DateConfidence() {
    }

    private static Map<DateEvidence.Pattern, Double> table() {
        Map<DateEvidence.Pattern, Double> t = new EnumMap<>(DateEvidence.Pattern.class);
        t.put(DateEvidence.Pattern.AGREED_BY_THREE, smoothed(111, 111));
        t.put(DateEvidence.Pattern.AGREED_BY_TWO, smoothed(128, 132));
        t.put(DateEvidence.Pattern.SINGLE, smoothed(81, 85));
        t.put(DateEvidence.Pattern.SINGLE_OPPOSED, smoothed(23, 25));
        t.put(DateEvidence.Pattern.UPDATE_ONLY, smoothed(13, 21));
        t.put(DateEvidence.Pattern.AGREED_CONTESTED, smoothed(3, 6));
        t.put(DateEvidence.Pattern.JSON_LD_ALONE_OPPOSED, smoothed(5, 17));
        return t;
    }

    /** (right + 1) / (dated + 2), to two decimals. */
    static double smoothed(int right, int dated) {
        return Math.round(100.0 * (right + 1) / (dated + 2)) / 100.0;
    }

    /** The confidence of the evidence's day, or null when there is no day. */
    public static Double of(DateEvidence e) {
        DateEvidence.Pattern p = e == null ? null : e.pattern();
        return p == null ? null : TABLE.get(p);
    }

    /** The confidence of a pattern. */
    public static double of(DateEvidence.Pattern p) {
        return TABLE.get(p);
    }

    /** True when {@code floor} is a valid floor: a number in [0, 1]. */
    public static boolean isValidFloor(double floor) {
        return floor >= 0 && floor <= 1;
    }
}
