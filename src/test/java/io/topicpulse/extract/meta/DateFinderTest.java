package io.topicpulse.extract.meta;

import io.topicpulse.extract.content.ContentExtractor;
import io.topicpulse.extract.content.MainContent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateFinderTest {

    private static final String BODY = "<p>The harbour authority said the quays would reopen once the divers had checked "
            + "every mooring, a task that took most of the week and kept the ferries at anchor outside the breakwater."
            + "</p><p>Passengers were told to expect delays until the timetable settles, which may take a month.</p>";

    private static Metadata extract(String html, String url) {
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        MainContent content = new ContentExtractor().extract(doc);
        return new MetadataExtractor().extract(doc, url, content);
    }

    private static String page(String head, String header) {
        return "<html lang=\"en\"><head><title>Quays reopen</title>" + head + "</head><body><article>"
                + "<h1>Quays reopen</h1>" + header + BODY + "</article></body></html>";
    }

    /** Extracts from the page and checks the day and where it came from. */
    private static Metadata assertDated(LocalDate day, String source, String head, String header) {
        Metadata m = extract(page(head, header), "https://harbour.example.com/quays");
        assertEquals(day, m.publishedDate());
        assertEquals(source, m.dateSource(), m.dateDetail());
        return m;
    }

    private static String jsonLd(String fields) {
        return "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Quays reopen\", "
                + fields + "}</script>";
    }

    @Test
    void takesTheBylineDateWhenTheMarkupHoldsNoneOfTheDaysThePageShows() {
        Metadata m = assertDated(LocalDate.of(2024, 8, 25), "text",
                jsonLd("\"datePublished\": \"2025-06-24\", \"dateModified\": \"2025-06-24\""),
                "<div class=\"byline\"><span>Ann Lee</span> <span>August 25, 2024</span></div>");
        assertTrue(m.dateDetail().contains("json-ld"), m.dateDetail());
    }

    @Test
    void keepsTheMarkupDateWhenTheBylineShowsTheModificationDay() {
        assertDated(LocalDate.of(2024, 2, 1), "json-ld",
                jsonLd("\"datePublished\": \"2024-02-01T10:00:00Z\", \"dateModified\": \"2025-04-19\""),
                "<div class=\"byline\"><span>Ann Lee</span> <span>April 19, 2025</span></div>");
    }

    @Test
    void keepsTheMarkupDateWhenTheBylineIsOnlyATimeZoneAway() {
        assertDated(LocalDate.of(2025, 2, 23), "json-ld",
                jsonLd("\"datePublished\": \"2025-02-23T00:57:00Z\""),
                "<div class=\"byline\">Ann Lee <span>February 22, 2025</span></div>");
    }

    @Test
    void keepsTheMarkupDateWhenTheBylineIsTheSameDayReadTheOtherWayRound() {
        assertDated(LocalDate.of(2024, 9, 10), "json-ld",
                jsonLd("\"datePublished\": \"2024-09-10\""),
                "<div class=\"byline\">Ann Lee <span>10/09/2024</span></div>");
    }

    @Test
    void letsAnUpdateLabelledBylineDateNotOverruleTheMarkup() {
        assertDated(LocalDate.of(2024, 10, 15), "json-ld",
                jsonLd("\"datePublished\": \"2024-10-15T18:50:03Z\""),
                "<div class=\"byline\">Ann Lee <span>Updated on June 18, 2025</span></div>");
    }

    @Test
    void readsAnUpdateLabelStandingLinesAboveItsDate() {
        assertDated(LocalDate.of(2019, 3, 3), "text",
                "", "<div class=\"meta\">By Ann Lee <span>Last Updated</span> <span>on</span> "
                + "<span>Feb 27, 2026</span> <span>Published</span> <span>March 3, 2019</span></div>");
    }

    @Test
    void neverTakesAModificationDateFromTheMarkupAlone() {
        assertDated(null, "none", "<meta property=\"article:modified_time\" content=\"2024-12-02T08:00:00Z\">"
                + jsonLd("\"dateModified\": \"2024-12-02\""), "");
    }

    @Test
    void readsPublicationMetaTagsUnderSiteSpecificNames() {
        Metadata m = assertDated(LocalDate.of(2025, 5, 27), "meta",
                "<meta name=\"x-publisher\" content=\"2019-01-01\">"
                + "<meta name=\"w-published-date\" content=\"2025-05-27T06:03:43.274Z\">", "");
        assertTrue(m.dateDetail().startsWith("w-published-date="), m.dateDetail());
    }

    @Test
    void findsADateLabelledPublishedInASideColumn() {
        String html = "<html><head><title>Quays reopen</title></head><body><div class=\"post\"><article>"
                + "<h1>Quays reopen</h1>" + BODY + "</article><div class=\"single-post-sidebar\"><h4>Published</h4>"
                + "<div class=\"date\">July 8, 2025</div></div></div></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/quays");
        assertEquals(LocalDate.of(2025, 7, 8), m.publishedDate());
        assertTrue(m.dateDetail().startsWith("labelled as published"), m.dateDetail());
    }

    @Test
    void ignoresPostedDatesOfTeasersThatDisagree() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>" + BODY
                + "</article><div class=\"related\"><p><a href=\"/a\">Ferries return</a> Posted on June 2, 2025</p>"
                + "<p><a href=\"/b\">Storm closes port</a> Posted on May 30, 2025</p></div></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/quays");
        assertNull(m.publishedDate());
    }

    @Test
    void readsTheTimeInASmallAsideOfTheArticle() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><aside>"
                + "<time datetime=\"2021-06-06\">June 6, 2021</time></aside><h1>Quays reopen</h1>" + BODY
                + "</article><aside class=\"more\"><time datetime=\"2021-07-01\">July 1</time></aside></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/quays");
        assertEquals(LocalDate.of(2021, 6, 6), m.publishedDate());
        assertEquals("time-element", m.dateSource());
    }

    @Test
    void aTimeElementWhoseOwnTextSaysUpdatedIsAnUpdateNotThePublication() {
        Metadata m = assertDated(LocalDate.of(2025, 4, 10), "text", "",
                "<div class=\"byline\"><span>Ann Lee</span> <time class=\"published-date\" "
                        + "datetime=\"2025-04-10T06:00\"><span>Updated April 10, 2025</span></time></div>");
        assertEquals(DateEvidence.Pattern.UPDATE_ONLY, m.dateEvidence().pattern(), m.dateDetail());
        assertNull(m.dateEvidence().timeElement());
        assertEquals(LocalDate.of(2025, 4, 10), m.dateEvidence().shownUpdate());
    }

    @Test
    void aTimeElementInAChangedFieldIsAnUpdateNotThePublication() {
        // A CMS's "changed" field holds the modification time; shown alone, it is an update date.
        Metadata m = assertDated(LocalDate.of(2026, 2, 12), "text", "",
                "<div class=\"field field--name-changed field--type-changed\"><time "
                        + "datetime=\"2026-02-12T14:36:23-05:00\" class=\"datetime\">February 12, 2026</time></div>");
        assertEquals(DateEvidence.Pattern.UPDATE_ONLY, m.dateEvidence().pattern(), m.dateDetail());
        assertNull(m.dateEvidence().byline());
    }

    @Test
    void theHAtomUpdatedClassOnAPublicationTimeStillCountsAsTheByline() {
        // "entry-date updated" is the hAtom microformat's mark, which themes put on the publication date.
        Metadata m = assertDated(LocalDate.of(2022, 10, 14), "json-ld",
                jsonLd("\"datePublished\": \"2022-10-14T15:11:48+00:00\""),
                "<div class=\"byline\"><time class=\"entry-date updated\" datetime=\"2022-10-14T15:11:48+00:00\">"
                        + "October 14, 2022</time></div>");
        assertEquals(LocalDate.of(2022, 10, 14), m.dateEvidence().byline(), m.dateDetail());
        assertEquals(DateEvidence.Pattern.AGREED_BY_TWO, m.dateEvidence().pattern(), m.dateDetail());
    }

    @Test
    void readsTheUrlDayBeforeAnEncodedSpace() {
        assertEquals(LocalDate.of(2025, 12, 15), Urls.date("https://blog.example.fr/articles/2025-12-15+Rust+backend"));
    }
}
