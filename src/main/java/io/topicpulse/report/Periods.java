package io.topicpulse.report;

import io.topicpulse.aggregate.Bucket;
import io.topicpulse.aggregate.Rates;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A topic's days summed into weeks or months, rates recomputed from the sums (never averaged). */
public final class Periods {

    /** Up to this many days, weeks; beyond, months: ten years stay about 120 points. */
    public static final int WEEKLY_UP_TO_DAYS = 550;

    private Periods() {
    }

    /** Weeks for a span up to about 18 months, months beyond. */
    public static Bucket bucketFor(LocalDate from, LocalDate until) {
        return ChronoUnit.DAYS.between(from, until) + 1 <= WEEKLY_UP_TO_DAYS ? Bucket.WEEK : Bucket.MONTH;
    }

    /**
     * One period's sums.
     *
     * @param start first day of the period
     */
    public record Period(LocalDate start, long mentions, long articlesMentioning, long articlesTotal, long tokens,
                         long mentionsDedup) {

        /** Mentions per million tokens, or null with no tokens. */
        public Double perMillion() {
            return Rates.perMillion(mentions, tokens);
        }

        /** Articles mentioning over all articles, or null with none. */
        public Double articleShare() {
            return Rates.share(articlesMentioning, articlesTotal);
        }
    }

    /** The series' days summed per period, in date order; periods without days are absent. */
    public static List<Period> sum(Report.TopicSeries series, Bucket bucket) {
        Map<LocalDate, long[]> sums = new TreeMap<>();
        for (Report.Day d : series.days()) {
            long[] s = sums.computeIfAbsent(bucket.start(d.date()), k -> new long[5]);
            s[0] += d.mentions();
            s[1] += d.articlesMentioning();
            s[2] += d.articlesTotal();
            s[3] += d.tokensTotal();
            s[4] += d.mentionsDedup();
        }
        List<Period> out = new ArrayList<>();
        sums.forEach((start, s) -> out.add(new Period(start, s[0], s[1], s[2], s[3], s[4])));
        return out;
    }
}
