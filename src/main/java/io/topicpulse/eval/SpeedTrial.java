package io.topicpulse.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Times two kinds of work on the same pages, one thread, warm, page by page in turn, so that load from other
 * processes (a shared machine) slows both alike instead of whichever happened to run during a busy minute.
 *
 * <p>After a warm-up round, each round runs both on every page, back to back, the one first on even pages, the
 * other first on odd ones (and the other way round in the next round), so neither profits from the page being in
 * the cache. Each round gives a ratio of the two rates; the median of the rounds is the reported ratio, which a
 * single disturbed round cannot move. Times are wall-clock, so garbage collection counts for whoever caused it.
 *
 * @param rate          pages/s of the measured work over all timed rounds
 * @param baselineRate  pages/s of the baseline work over all timed rounds
 * @param ratio         median over the rounds of rate / baseline rate
 * @param lowestRatio   the lowest round's ratio
 * @param highestRatio  the highest round's ratio
 * @param rounds        timed rounds
 */
public record SpeedTrial(double rate, double baselineRate, double ratio, double lowestRatio, double highestRatio,
                         int rounds) {

    /** No pages, nothing timed. */
    public static final SpeedTrial NONE = new SpeedTrial(0, 0, 0, 0, 0, 0);

    /**
     * @param pages    the pages, each given to both
     * @param work     the measured work; an exception on a page counts as that page done
     * @param baseline the reference work
     * @param rounds   timed rounds after the warm-up, at least 1
     */
    public static <P> SpeedTrial run(List<P> pages, Function<P, Object> work, Function<P, Object> baseline,
                                     int rounds) {
        if (pages == null) {
            throw new IllegalArgumentException("pages must not be null");
        }
        if (work == null || baseline == null) {
            throw new IllegalArgumentException("work and baseline must not be null");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
        }
        if (pages.isEmpty()) {
            return NONE;
        }
        long[] times = new long[2];
        round(pages, work, baseline, false, times);
        double[] ratios = new double[rounds];
        long workNanos = 0;
        long baselineNanos = 0;
        for (int r = 0; r < rounds; r++) {
            times[0] = 0;
            times[1] = 0;
            round(pages, work, baseline, r % 2 == 0, times);
            workNanos += times[0];
            baselineNanos += times[1];
            ratios[r] = times[0] <= 0 ? 0 : (double) times[1] / times[0];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
        long done = (long) pages.size() * rounds;
        return new SpeedTrial(perSecond(done, workNanos), perSecond(done, baselineNanos), median, sorted[0],
                sorted[rounds - 1], rounds);
    }

    /** One line saying what was measured and how. */
    public String describe(String workName, String baselineName) {
        return String.format(Locale.ROOT, "%s %.1f pages/s, %s %.1f pages/s, ratio %.2f (median of %d interleaved "
                        + "rounds, range %.2f-%.2f)", workName, rate, baselineName, baselineRate, ratio, rounds,
                lowestRatio, highestRatio);
    }

    /** Adds the nanoseconds of the work to {@code times[0]} and of the baseline to {@code times[1]}. */
    private static <P> void round(List<P> pages, Function<P, Object> work, Function<P, Object> baseline,
                                  boolean flip, long[] times) {
        long sink = 0;
        for (int i = 0; i < pages.size(); i++) {
            P page = pages.get(i);
            boolean workFirst = (i % 2 == 0) != flip;
            long t0 = System.nanoTime();
            sink += run(workFirst ? work : baseline, page);
            long t1 = System.nanoTime();
            sink += run(workFirst ? baseline : work, page);
            long t2 = System.nanoTime();
            times[workFirst ? 0 : 1] += t1 - t0;
            times[workFirst ? 1 : 0] += t2 - t1;
        }
        if (sink == Long.MIN_VALUE) {
            // Keeps the JIT from discarding the work; never true.
            System.err.print("");
        }
    }

    private static <P> int run(Function<P, Object> work, P page) {
        try {
            Object o = work.apply(page);
            return o == null ? 0 : o.hashCode() & 1;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double perSecond(long pages, long nanos) {
        return nanos <= 0 ? 0 : pages / (nanos / 1e9);
    }
}
