package io.topicpulse.aggregate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Per-day rates, a centred moving average and a weekday-aware spike score for one group's daily series.
 *
 * <p>The input is one group's days (a topic, or a topic at one host), in any order, at most one per date. Days
 * missing between the first and the last are days without data ({@link DailySeries#dense}); join the group onto
 * its scope's volume first ({@link DailySeries#onVolume}) so that days with articles but no mention are real
 * zeros. Below, a <em>data day</em> is one with {@code tokensTotal > 0}, {@code r(d)} its mentions per million
 * and {@code T(d)} its tokens; a day with no articles never counts as a zero.
 *
 * <h2>Rates</h2>
 * {@code mentionsPerMillion = mentions / tokensTotal × 10^6} (null unless a data day) and
 * {@code articleShare = articlesMentioning / articlesTotal} (null when no articles).
 *
 * <h2>Moving averages</h2>
 * Over the window {@code W(d) = d-3 .. d+3} restricted to data days (days outside the series count as missing):
 * {@code ma7 = Σ mentions / Σ tokensTotal × 10^6}, the volume-weighted mean of the daily rates, which is the rate
 * of the seven days taken together and never lets a thin day weigh as much as a busy one; and
 * {@code ma7Mentions = Σ mentions / (data days in W)}. Both are null when fewer than 4 of the 7 days are data days:
 * the first and the last day of a series, which see only four days, get a value only when all four have data.
 *
 * <h2>Spike score</h2>
 * The score is computed on mentions per million, not raw counts, so that a day on which twice as many articles
 * appear does not look like a surge of the topic. The baseline {@code B(d)} is the data days among the
 * {@link Options#baselineDays} (28) days before {@code d}, the day itself excluded. News volume and topic coverage
 * differ by weekday, so the level is taken from the same weekday and only the spread is pooled:
 * <pre>
 *   level(d)  = median { r(j) : j in B(d), weekday(j) = weekday(d) }
 *   spread(d) = 1.4826 × median { |r(j) − median{ r(k) : k in B(d), k ≠ j, weekday(k) = weekday(j) }| : j in B(d) }
 *               (how far each baseline day falls from the median of the other baseline days of its weekday, over
 *               weekdays with at least two baseline days: the error of the very prediction that level(d) makes,
 *               including the noise of a median of three or four days; 1.4826 turns a MAD into a standard
 *               deviation for normal noise)
 *   floor(d)  = sqrt(max(level(d) × T(d) / 10^6, 1)) × 10^6 / T(d)
 *               (the Poisson noise of the count expected today at today's volume, at least one mention's worth)
 *   z(d)      = (r(d) − level(d)) / max(spread(d), floor(d))
 *   spike(d)  = z(d) ≥ zThreshold (3.0) and mentions(d) ≥ minSpikeMentions (3)
 *               and articlesMentioning(d) ≥ minSpikeArticles (3)
 * </pre>
 * Mentions cluster within articles (a story that names a topic once names it again), so the counts are more
 * dispersed than Poisson: the article minimum keeps one article that repeats a term from passing for a surge.
 * Medians rather than means keep one earlier spike (or a misdated day) in the baseline from hiding the next one.
 * The floor keeps a run of identical values (a zero spread) from making any change infinitely significant: after
 * 28 days without a mention, one mention scores z = 1 and five score z = 5. {@code z} is null, and spike false, on
 * a day that is not a data day, when {@code B(d)} has fewer than {@link Options#minBaselineDays} (14) days, or when
 * fewer than {@link Options#minSameWeekdayDays} (2) of them fall on {@code d}'s weekday.
 */
public final class SeriesStats {

    /** Half the moving-average window: three days each side of the day. */
    static final int MA_RADIUS = 3;
    /** Data days the 7-day window must hold for a moving average: a majority. */
    static final int MA_MIN_DAYS = 4;
    /** Turns a median absolute deviation into a standard deviation for normally distributed noise. */
    static final double MAD_TO_SD = 1.4826;

    private SeriesStats() {
    }

    /** Thresholds of the spike score; {@link #DEFAULTS} are the documented ones. */
    public record Options(int baselineDays, int minBaselineDays, int minSameWeekdayDays, double zThreshold,
                          long minSpikeMentions, long minSpikeArticles) implements Serializable {

        /**
         * A 28-day baseline with at least 14 data days, 2 on the same weekday; spike at z ≥ 3, 3 mentions and 3
         * mentioning articles.
         */
        public static final Options DEFAULTS = new Options(28, 14, 2, 3.0, 3, 3);

        /** Options without an article minimum, as before it existed. */
        public Options(int baselineDays, int minBaselineDays, int minSameWeekdayDays, double zThreshold,
                       long minSpikeMentions) {
            this(baselineDays, minBaselineDays, minSameWeekdayDays, zThreshold, minSpikeMentions, 0);
        }

        public Options {
            if (baselineDays < 7) {
                throw new IllegalArgumentException("baselineDays must be at least 7, was " + baselineDays);
            }
            if (minBaselineDays < 1 || minBaselineDays > baselineDays) {
                throw new IllegalArgumentException("minBaselineDays must be between 1 and baselineDays ("
                        + baselineDays + "), was " + minBaselineDays);
            }
            int weekdaySlots = (baselineDays + 6) / 7;
            if (minSameWeekdayDays < 1 || minSameWeekdayDays > weekdaySlots) {
                throw new IllegalArgumentException("minSameWeekdayDays must be between 1 and " + weekdaySlots
                        + ", was " + minSameWeekdayDays);
            }
            if (!(zThreshold > 0) || Double.isInfinite(zThreshold)) {
                throw new IllegalArgumentException("zThreshold must be positive and finite, was " + zThreshold);
            }
            if (minSpikeMentions < 0) {
                throw new IllegalArgumentException("minSpikeMentions must not be negative, was " + minSpikeMentions);
            }
            if (minSpikeArticles < 0) {
                throw new IllegalArgumentException("minSpikeArticles must not be negative, was " + minSpikeArticles);
            }
        }

        public Options withZThreshold(double zThreshold) {
            return new Options(baselineDays, minBaselineDays, minSameWeekdayDays, zThreshold, minSpikeMentions,
                    minSpikeArticles);
        }

        public Options withMinSpikeMentions(long minSpikeMentions) {
            return new Options(baselineDays, minBaselineDays, minSameWeekdayDays, zThreshold, minSpikeMentions,
                    minSpikeArticles);
        }

        public Options withMinSpikeArticles(long minSpikeArticles) {
            return new Options(baselineDays, minBaselineDays, minSameWeekdayDays, zThreshold, minSpikeMentions,
                    minSpikeArticles);
        }
    }

    /**
     * The stats of the data days only (articlesTotal &gt; 0), equal to those {@link #compute(Collection, Options)}
     * gives for them, without walking the empty stretches between: the series is cut where two data days lie
     * further apart than any window reaches (the baseline before a day, the moving average around it), and each
     * piece is computed alone. A host that published in 1998 and in 2024 costs two short series, not 27 years.
     */
    public static List<DailyStats> computeDataDays(Collection<DailyPoint> points, Options options) {
        if (points == null || options == null) {
            throw new IllegalArgumentException("points and options must not be null");
        }
        List<DailyPoint> data = new ArrayList<>();
        for (DailyPoint p : points) {
            if (p.hasData()) {
                data.add(p);
            }
        }
        data.sort(java.util.Comparator.comparing(DailyPoint::date));
        int reach = Math.max(options.baselineDays(), MA_RADIUS * 2) + 1;
        List<DailyStats> out = new ArrayList<>(data.size());
        int start = 0;
        for (int i = 1; i <= data.size(); i++) {
            boolean cut = i == data.size()
                    || java.time.temporal.ChronoUnit.DAYS.between(data.get(i - 1).date(), data.get(i).date()) > reach;
            if (cut) {
                for (DailyStats st : compute(data.subList(start, i), options)) {
                    if (st.articlesTotal() > 0) {
                        out.add(st);
                    }
                }
                start = i;
            }
        }
        return out;
    }

    /** {@link #compute(Collection, Options)} with {@link Options#DEFAULTS}. */
    public static List<DailyStats> compute(Collection<DailyPoint> points) {
        return compute(points, Options.DEFAULTS);
    }

    /**
     * One {@link DailyStats} per day from the first to the last day of {@code points}, gaps filled as days
     * without data.
     */
    public static List<DailyStats> compute(Collection<DailyPoint> points, Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        List<DailyPoint> days = DailySeries.dense(points);
        int n = days.size();
        double[] rate = new double[n];
        boolean[] data = new boolean[n];
        for (int i = 0; i < n; i++) {
            Double r = days.get(i).mentionsPerMillion();
            data[i] = r != null;
            rate[i] = data[i] ? r : Double.NaN;
        }
        Scorer scorer = new Scorer(rate, data, options);
        List<DailyStats> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DailyPoint p = days.get(i);
            Double[] ma = movingAverages(days, data, i);
            Double level = null;
            Double z = null;
            if (data[i]) {
                double[] score = scorer.score(i, p.tokensTotal());
                if (score != null) {
                    level = score[0];
                    z = score[1];
                }
            }
            boolean spike = z != null && z >= options.zThreshold() && p.mentions() >= options.minSpikeMentions()
                    && p.articlesMentioning() >= options.minSpikeArticles();
            out.add(new DailyStats(p.date(), p.mentions(), p.articlesMentioning(), p.articlesTotal(),
                    p.tokensTotal(), p.mentionsPerMillion(), p.articleShare(), ma[0], ma[1], level, z, spike));
        }
        return out;
    }

    /** {ma7, ma7Mentions} for day {@code i}, both null when the window holds too few data days. */
    private static Double[] movingAverages(List<DailyPoint> days, boolean[] data, int i) {
        long mentions = 0;
        long tokens = 0;
        int count = 0;
        for (int j = Math.max(0, i - MA_RADIUS); j <= Math.min(days.size() - 1, i + MA_RADIUS); j++) {
            if (data[j]) {
                mentions += days.get(j).mentions();
                tokens += days.get(j).tokensTotal();
                count++;
            }
        }
        if (count < MA_MIN_DAYS) {
            return new Double[] {null, null};
        }
        return new Double[] {mentions * 1e6 / tokens, (double) mentions / count};
    }

    /** Scores days of one series against their trailing baselines, reusing its buffers from day to day. */
    private static final class Scorer {
        private final double[] rate;
        private final boolean[] data;
        private final Options options;
        private final double[][] slots;
        private final int[] sizes = new int[7];
        private final double[] deviations;

        Scorer(double[] rate, boolean[] data, Options options) {
            this.rate = rate;
            this.data = data;
            this.options = options;
            this.slots = new double[7][options.baselineDays() / 7 + 1];
            this.deviations = new double[options.baselineDays()];
        }

        /** {level, z} for data day {@code i} with {@code tokens} tokens, or null when its baseline is too thin. */
        double[] score(int i, long tokens) {
            // Days are consecutive, so the offset modulo 7 tells weekdays apart: slot 0 is the day's own weekday.
            Arrays.fill(sizes, 0);
            int total = 0;
            for (int j = Math.max(0, i - options.baselineDays()); j < i; j++) {
                if (data[j]) {
                    int slot = Math.floorMod(i - j, 7);
                    slots[slot][sizes[slot]++] = rate[j];
                    total++;
                }
            }
            if (total < options.minBaselineDays() || sizes[0] < options.minSameWeekdayDays()) {
                return null;
            }
            int deviationCount = 0;
            for (int s = 0; s < 7; s++) {
                Arrays.sort(slots[s], 0, sizes[s]);
                if (sizes[s] < 2) {
                    continue; // a lone day has no peer to be predicted from
                }
                // Each day against the median of its weekday's other days: the same kind of prediction the day
                // being scored gets, so the spread includes the error of a median taken from a handful of days.
                for (int k = 0; k < sizes[s]; k++) {
                    deviations[deviationCount++] = Math.abs(slots[s][k] - medianWithout(slots[s], sizes[s], k));
                }
            }
            double level = median(slots[0], sizes[0]);
            double spread = 0;
            if (deviationCount > 0) {
                Arrays.sort(deviations, 0, deviationCount);
                spread = MAD_TO_SD * median(deviations, deviationCount);
            }
            double expectedMentions = level * tokens / 1e6;
            double floor = Math.sqrt(Math.max(expectedMentions, 1)) * 1e6 / tokens;
            return new double[] {level, (rate[i] - level) / Math.max(spread, floor)};
        }
    }

    /** The median of the first {@code size} values of {@code sorted} (the mean of the middle two when even). */
    static double median(double[] sorted, int size) {
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The median of the first {@code size} values of {@code sorted} with the one at {@code skip} left out. */
    static double medianWithout(double[] sorted, int size, int skip) {
        int n = size - 1;
        int mid = n / 2;
        double upper = sorted[mid < skip ? mid : mid + 1];
        if (n % 2 == 1) {
            return upper;
        }
        return (sorted[mid - 1 < skip ? mid - 1 : mid] + upper) / 2;
    }
}
