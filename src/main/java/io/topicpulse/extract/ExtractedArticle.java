package io.topicpulse.extract;

import io.topicpulse.extract.meta.DateEvidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What extraction makes of one page: the article's text and metadata, boilerplate left out.
 *
 * @param title         the headline, without the site name suffix; null when none was found
 * @param subtitle      sub-headline or description; null when none
 * @param authors       author names, in page order, without "By"; empty when none
 * @param section       the site section ("World", "Economy"); null when none
 * @param language      ISO 639-1 code of the text ("en", "ru"); null when undetermined
 * @param canonicalUrl  the page's canonical URL (link rel=canonical, og:url), else null
 * @param publishedDate the publication day in the page's own time zone; null when no trustworthy date was found
 * @param publishedAt   the publication instant, only when the page gives a time of day; else null
 * @param timezone      the UTC offset the page gave with its time ("+03:00", "Z"), else null
 * @param dateSource    where the date came from: json-ld, meta, time-element, url, text; "none" when null
 * @param dateDetail    the raw value the date was parsed from, or why no date was taken
 * @param dateConfidence the estimated chance that publishedDate is right, in [0, 1]; null when there is no date
 * @param dateEvidence  what the page says about its date, kind by kind, that the confidence was read from; null
 *                      when not known (an article rebuilt from a table)
 * @param text          the main text: paragraphs (and headings, list items) separated by a blank line
 */
public record ExtractedArticle(
        String title,
        String subtitle,
        List<String> authors,
        String section,
        String language,
        String canonicalUrl,
        LocalDate publishedDate,
        Instant publishedAt,
        String timezone,
        String dateSource,
        String dateDetail,
        Double dateConfidence,
        DateEvidence dateEvidence,
        String text) {

    public ExtractedArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }

    /**
     * This article, or, when its date's confidence is below {@code floor}, the same article undated: date fields
     * null, date_source "none", and date_detail saying why and naming the rejected day and its evidence.
     */
    public ExtractedArticle withDateFloor(double floor) {
        if (publishedDate == null || dateConfidence == null || dateConfidence >= floor) {
            return this;
        }
        String why = String.format(java.util.Locale.ROOT, "date confidence %.2f below the floor %.2f: rejected %s "
                + "from %s %s", dateConfidence, floor, publishedDate, dateSource, dateDetail);
        return new ExtractedArticle(title, subtitle, authors, section, language, canonicalUrl, null, null, null,
                "none", why, null, dateEvidence, text);
    }

    /** The first paragraph of the text, or the empty string. */
    public String lead() {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int end = text.indexOf("\n\n");
        return end < 0 ? text : text.substring(0, end);
    }
}
