package io.topicpulse.extract.meta;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A date read from one place of a page.
 *
 * @param date     the calendar day in the page's own offset
 * @param instant  the instant, only when a time of day and an offset were given
 * @param timezone the offset as written ("+03:00", "Z"), else null
 * @param raw      the text it was parsed from
 */
record ParsedDate(LocalDate date, Instant instant, String timezone, String raw) {
}
