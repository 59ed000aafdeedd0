package io.topicpulse.aggregate;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One day of a group's series with its rates, smoothing and spike score, as {@link SeriesStats} computes them.
 * Every Double is null where it is undefined (see {@link SeriesStats} for when).
 *
 * @param date               the publication day
 * @param mentions           matches of the topic's terms that day
 * @param articlesMentioning articles with at least one mention
 * @param articlesTotal      all articles of the day in the group's scope; 0 marks a day without data
 * @param tokensTotal        tokens in those articles
 * @param mentionsPerMillion {@code mentions / tokensTotal × 10^6}
 * @param articleShare       {@code articlesMentioning / articlesTotal}
 * @param ma7                centred 7-day moving average of mentions per million (volume-weighted)
 * @param ma7Mentions        centred 7-day moving average of raw mentions per day with data
 * @param expectedPerMillion the baseline level this day is compared with (same-weekday median of the trailing
 *                           window)
 * @param zscore             how far above (or below) the baseline the day is, in robust standard deviations
 * @param spike              true when {@code zscore} and {@code mentions} both reach their thresholds
 */
public record DailyStats(
        LocalDate date,
        long mentions,
        long articlesMentioning,
        long articlesTotal,
        long tokensTotal,
        Double mentionsPerMillion,
        Double articleShare,
        Double ma7,
        Double ma7Mentions,
        Double expectedPerMillion,
        Double zscore,
        boolean spike) implements Serializable {

    /** The counts this day was computed from. */
    public DailyPoint point() {
        return new DailyPoint(date, mentions, articlesMentioning, articlesTotal, tokensTotal);
    }
}
