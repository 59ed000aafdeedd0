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

class DateConfidenceTest {

    private static final String BODY = "<p>The harbour authority said the quays would reopen once the divers had "
            + "checked every mooring, a task that took most of the week and kept the ferries at anchor.</p>"
            + "<p>Passengers were told to expect delays until the timetable settles, which may take a month.</p>";
    private static final LocalDate DAY = LocalDate.of(2024, 11, 13);

    private static Metadata extract(String head, String header, String url) {
        String html = "<html lang=\"en\"><head><title>Quays reopen</title>" + head + "</head><body><article>"
                + "<h1>Quays reopen</h1>" + header + BODY + "</article></body></html>";
        Document doc = Jsoup.parse(html, url);
        MainContent content = new ContentExtractor().extract(doc);
        return new MetadataExtractor().extract(doc, url, content);
    }

    private static String jsonLd(String fields) {
        return "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", " + fields + "}</script>";
    }

    private static DateEvidence evidence(DateEvidence.Path path, LocalDate jsonLd, LocalDate meta, LocalDate time,
                                         LocalDate url, LocalDate byline, LocalDate modified) {
        return new DateEvidence(path, DAY, jsonLd, meta, time, url, byline, modified, null);
    }

    @Test
    void threeKindsGivingTheSameDayAreTrustedMost() {
        Metadata m = extract(jsonLd("\"datePublished\": \"2024-11-13T08:00:00Z\"")
                + "<meta property=\"article:published_time\" content=\"2024-11-13T08:00:00Z\">", "",
                "https://harbour.example.com/2024/11/13/quays");
        assertEquals(DateEvidence.Pattern.AGREED_BY_THREE, m.dateEvidence().pattern());
        assertEquals(0.99, m.dateConfidence());
        assertTrue(m.dateDetail().contains("agreed by 3+ (url=markup; agree: json-ld, meta, url)"), m.dateDetail());
    }

    @Test
    void jsonLdAloneAgainstALaterModificationDayIsTheWeakestPattern() {
        Metadata m = extract(jsonLd("\"datePublished\": \"2021-08-12\", \"dateModified\": \"2025-02-22\""), "",
                "https://harbour.example.com/quays");
        assertEquals(LocalDate.of(2021, 8, 12), m.publishedDate());
        assertEquals(DateEvidence.Pattern.JSON_LD_ALONE_OPPOSED, m.dateEvidence().pattern());
        assertTrue(m.dateConfidence() < DateConfidence.DEFAULT_FLOOR, () -> "confidence " + m.dateConfidence());
        assertTrue(m.dateDetail().endsWith("; modified 2025-02-22)"), m.dateDetail());
    }

    @Test
    void aMetaTagAloneAgainstAModificationDayStaysAboveTheFloor() {
        assertEquals(DateEvidence.Pattern.SINGLE_OPPOSED, evidence(DateEvidence.Path.MARKUP, null, DAY, null, null,
                null, DAY.plusMonths(3)).pattern());
        assertTrue(DateConfidence.of(DateEvidence.Pattern.SINGLE_OPPOSED) >= DateConfidence.DEFAULT_FLOOR);
    }

    @Test
    void theDefaultFloorKeepsAContestedAgreementAndAShownUpdateDate() {
        // Fitted on half A: right about one time in two and three in five; the floor keeps a confidence equal to it.
        assertTrue(DateConfidence.of(DateEvidence.Pattern.AGREED_CONTESTED) >= DateConfidence.DEFAULT_FLOOR);
        assertTrue(DateConfidence.of(DateEvidence.Pattern.UPDATE_ONLY) >= DateConfidence.DEFAULT_FLOOR);
    }

    @Test
    void aHeaderTodayIsNoEvidenceForTheDate() {
        Metadata m = extract("", "<div class=\"topbar\">Today: 14 November 2024</div>"
                + "<p class=\"byline\">By Ann Lee, 13 November 2024</p>", "https://harbour.example.com/quays");
        assertEquals(DAY, m.publishedDate());
        assertEquals(DateEvidence.Pattern.SINGLE, m.dateEvidence().pattern());
        assertEquals(java.util.List.of(), m.dateEvidence().disagreeing());
    }

    @Test
    void anotherKindGivingAnotherDayContestsAnAgreement() {
        assertEquals(DateEvidence.Pattern.AGREED_CONTESTED, evidence(DateEvidence.Path.MARKUP, DAY, DAY,
                DAY.minusDays(5), null, null, null).pattern());
        assertEquals(DateEvidence.Pattern.AGREED_BY_TWO, evidence(DateEvidence.Path.MARKUP, DAY, null, null, null,
                DAY, DAY.plusDays(1)).pattern());
    }

    @Test
    void anUpdateDateShownAloneHasItsOwnRow() {
        assertEquals(DateEvidence.Pattern.UPDATE_ONLY, evidence(DateEvidence.Path.UPDATE_ONLY, null, null, null,
                null, null, null).pattern());
    }

    @Test
    void anUndatedPageHasNoConfidence() {
        Metadata m = extract("", "", "https://harbour.example.com/quays");
        assertNull(m.publishedDate());
        assertNull(m.dateConfidence());
        assertNull(m.dateEvidence().pattern());
    }

    @Test
    void theTableFallsFromTheStrongestPatternToTheWeakest() {
        double previous = 1;
        for (DateEvidence.Pattern p : DateEvidence.Pattern.values()) {
            double c = DateConfidence.of(p);
            assertTrue(c > 0 && c <= previous, p + " " + c);
            previous = c;
        }
    }

    @Test
    void smoothingKeepsAFewRightDatesFromCountingAsCertain() {
        assertEquals(0.83, DateConfidence.smoothed(4, 4));
        assertEquals(0.99, DateConfidence.smoothed(112, 112));
    }
}
