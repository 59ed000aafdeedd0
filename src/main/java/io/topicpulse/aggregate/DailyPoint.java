package io.topicpulse.aggregate;

import java.io.Serializable;
import java.time.LocalDate;

import static io.topicpulse.aggregate.Rates.requireCount;

/**
 * One day of one group's series (a topic, or a topic at one host): its counts and the corpus volume they are out of.
 *
 * <p>A day with {@code articlesTotal = 0} is a day without data (nothing was published, or nothing was crawled):
 * its zero mentions say nothing about the topic, so rates are null and it never serves as a zero in a baseline. A
 * day with articles but no mention of the topic is a real zero.
 *
 * @param date               the publication day
 * @param mentions           matches of the topic's terms in that day's articles
 * @param articlesMentioning articles of that day with at least one mention
 * @param articlesTotal      all articles of that day in the group's scope (the whole corpus, or the host)
 * @param tokensTotal        tokens in all those articles
 */
public record DailyPoint(LocalDate date, long mentions, long articlesMentioning, long articlesTotal, long tokensTotal)
        implements Serializable {

    public DailyPoint {
        Calendars.requireDate(date, "date");
        requireCount(mentions, "mentions");
        requireCount(articlesMentioning, "articlesMentioning");
        requireCount(articlesTotal, "articlesTotal");
        requireCount(tokensTotal, "tokensTotal");
        if (articlesMentioning > articlesTotal) {
            throw new IllegalArgumentException("articlesMentioning (" + articlesMentioning
                    + ") must not exceed articlesTotal (" + articlesTotal + ") on " + date);
        }
        if (articlesMentioning > mentions) {
            throw new IllegalArgumentException("articlesMentioning (" + articlesMentioning
                    + ") must not exceed mentions (" + mentions + ") on " + date);
        }
    }

    /** A day on which the group had no articles at all. */
    public static DailyPoint noData(LocalDate date) {
        return new DailyPoint(date, 0, 0, 0, 0);
    }

    /** A day with articles but no mention of the topic: a real zero. */
    public static DailyPoint noMentions(LocalDate date, long articlesTotal, long tokensTotal) {
        return new DailyPoint(date, 0, 0, articlesTotal, tokensTotal);
    }

    /** Whether the group had any article this day. */
    public boolean hasData() {
        return articlesTotal > 0;
    }

    /** Mentions per million tokens; null when the day has no tokens. */
    public Double mentionsPerMillion() {
        return Rates.perMillion(mentions, tokensTotal);
    }

    /** Share of the day's articles that mention the topic; null when the day has no articles. */
    public Double articleShare() {
        return Rates.share(articlesMentioning, articlesTotal);
    }
}
