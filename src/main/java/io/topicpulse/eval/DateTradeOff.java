package io.topicpulse.eval;

import io.topicpulse.extract.meta.DateConfidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What a confidence floor buys and costs on pages with a known date: for each floor, the precision of the dates
 * kept, the share of pages they cover and the accuracy over all pages; and how often dates of each confidence
 * bucket are right (reliability). Figures are given for each half of the set ({@link Halves}) and for the whole.
 */
public final class DateTradeOff {

    /** The floors of the table; 0 keeps every date found. */
    static final double[] FLOORS = {0, DateConfidence.DEFAULT_FLOOR, 0.6, 0.7, 0.8, 0.9, 0.95};
    /** Lower bounds of the reliability buckets; each runs to the next bound, the last to 1 inclusive. */
    static final double[] BUCKETS = {0, 0.5, 0.7, 0.9, 0.95};

    private DateTradeOff() {
    }

    /** Precision, coverage and accuracy of the dates with confidence ≥ floor, over {@code pages} pages. */
    public record Row(double floor, int pages, int kept, int right) {

        public double precision() {
            return kept == 0 ? 0 : (double) right / kept;
        }

        public double coverage() {
            return pages == 0 ? 0 : (double) kept / pages;
        }

        public double accuracy() {
            return pages == 0 ? 0 : (double) right / pages;
        }
    }

    /** The dates at or above {@code floor} among {@code pages}. */
    public static Row at(List<EvalReport.DatePage> pages, double floor) {
        int kept = 0;
        int right = 0;
        for (EvalReport.DatePage p : pages) {
            if (p.got() != null && p.confidence() != null && p.confidence() >= floor) {
                kept++;
                right += p.correct() ? 1 : 0;
            }
        }
        return new Row(floor, pages.size(), kept, right);
    }

    /** Right and dated pages whose confidence is in [from, to), or [from, 1] for the last bucket. */
    public static int[] bucket(List<EvalReport.DatePage> pages, double from, double to) {
        int dated = 0;
        int right = 0;
        for (EvalReport.DatePage p : pages) {
            Double c = p.confidence();
            if (p.got() != null && c != null && c >= from && (c < to || to >= 1 && c <= 1)) {
                dated++;
                right += p.correct() ? 1 : 0;
            }
        }
        return new int[] {right, dated};
    }

    /** The table and the reliability lines, for half A, half B and the whole set. */
    public static String format(List<EvalReport.DatePage> pages) {
        List<String> names = List.of("half " + Halves.DEVELOPMENT, "half " + Halves.HELD_OUT, "all");
        List<List<EvalReport.DatePage>> parts = List.of(
                only(pages, p -> p.half().equals(Halves.DEVELOPMENT)),
                only(pages, p -> p.half().equals(Halves.HELD_OUT)), pages);
        StringBuilder s = new StringBuilder("date floor: precision / coverage / accuracy of the dates with "
                + "confidence >= floor");
        for (int i = 0; i < names.size(); i++) {
            s.append(String.format(Locale.ROOT, " | %s (%d)", names.get(i), parts.get(i).size()));
        }
        s.append(System.lineSeparator());
        for (double floor : FLOORS) {
            s.append(String.format(Locale.ROOT, "  >= %.2f%s", floor,
                    floor == DateConfidence.DEFAULT_FLOOR ? " (default)" : "          "));
            for (List<EvalReport.DatePage> part : parts) {
                Row r = at(part, floor);
                s.append(String.format(Locale.ROOT, " | %.3f / %.3f / %.3f", r.precision(), r.coverage(),
                        r.accuracy()));
            }
            s.append(System.lineSeparator());
        }
        for (int i = 0; i < names.size(); i++) {
            s.append(String.format(Locale.ROOT, "  reliability, %s:", names.get(i)));
            for (int b = 0; b < BUCKETS.length; b++) {
                double to = b + 1 < BUCKETS.length ? BUCKETS[b + 1] : 1;
                int[] rd = bucket(parts.get(i), BUCKETS[b], to);
                s.append(String.format(Locale.ROOT, "  [%.2f,%.2f%s %d/%d%s", BUCKETS[b], to,
                        b + 1 < BUCKETS.length ? ")" : "]", rd[0], rd[1],
                        rd[1] == 0 ? "" : String.format(Locale.ROOT, " = %.3f", (double) rd[0] / rd[1])));
            }
            s.append(System.lineSeparator());
        }
        return s.toString();
    }

    private static List<EvalReport.DatePage> only(List<EvalReport.DatePage> pages,
                                                  Predicate<EvalReport.DatePage> keep) {
        List<EvalReport.DatePage> out = new ArrayList<>();
        for (EvalReport.DatePage p : pages) {
            if (keep.test(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
