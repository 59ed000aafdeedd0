package io.topicpulse.aggregate;

import java.io.Serializable;
import java.time.LocalDate;

import static io.topicpulse.aggregate.Rates.requireCount;

/**
 * How much a scope (the corpus, or one host) published on a day, whatever the topic.
 *
 * @param date     the publication day
 * @param articles articles dated that day
 * @param tokens   tokens in those articles
 */
public record DayVolume(LocalDate date, long articles, long tokens) implements Serializable {

    public DayVolume {
        Calendars.requireDate(date, "date");
        requireCount(articles, "articles");
        requireCount(tokens, "tokens");
    }
}
