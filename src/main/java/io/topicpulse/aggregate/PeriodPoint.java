package io.topicpulse.aggregate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A group's counts summed over one period (day, ISO week or month), with rates recomputed from the sums.
 *
 * @param bucket             the kind of period
 * @param start              the period's first day (a Monday for weeks, the 1st for months)
 * @param label              the period's name: "2024-11-30", "2024-W48" or "2024-11"
 * @param daysWithData       days of the period with at least one article in the group's scope; a week at the edge
 *                           of the data, or with a crawl gap, shows fewer than 7
 * @param mentions           sum of the days' mentions
 * @param articlesMentioning sum of the days' articles mentioning (each article has one date, so this is a count of
 *                           distinct articles)
 * @param articlesTotal      sum of the days' articles
 * @param tokensTotal        sum of the days' tokens
 */
public record PeriodPoint(Bucket bucket, LocalDate start, String label, int daysWithData, long mentions,
                          long articlesMentioning, long articlesTotal, long tokensTotal) implements Serializable {

    /** Mentions per million tokens over the whole period; null when it has no tokens. */
    public Double mentionsPerMillion() {
        return Rates.perMillion(mentions, tokensTotal);
    }

    /** Share of the period's articles that mention the topic; null when it has no articles. */
    public Double articleShare() {
        return Rates.share(articlesMentioning, articlesTotal);
    }
}
