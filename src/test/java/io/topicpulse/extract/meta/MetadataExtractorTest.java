package io.topicpulse.extract.meta;

import io.topicpulse.extract.content.ContentExtractor;
import io.topicpulse.extract.content.MainContent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetadataExtractorTest {

    private final MetadataExtractor extractor = new MetadataExtractor();

    private static String fixture(String name) throws IOException {
        try (InputStream in = MetadataExtractorTest.class.getResourceAsStream("/extract/meta/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Metadata extract(String html, String url) {
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        MainContent content = new ContentExtractor().extract(doc);
        return extractor.extract(doc, url, content);
    }

    @Test
    void takesTheBylineDateAndIgnoresTodaysHeaderTheLatestSidebarCommentsAndCopyright() throws IOException {
        Metadata m = extract(fixture("header-sidebar-comments.html"), "https://harbour.example.com/ports-reopen");
        assertEquals(LocalDate.of(2024, 11, 13), m.publishedDate());
        assertEquals("text", m.dateSource());
        assertNull(m.publishedAt(), "a written day has no time of day");
    }

    @Test
    void readsTheBylineNamesWithoutByAndAnd() throws IOException {
        Metadata m = extract(fixture("header-sidebar-comments.html"), "https://harbour.example.com/ports-reopen");
        assertEquals(List.of("Jane Doe", "Omar Haddad"), m.authors());
    }

    @Test
    void dropsTheSiteNameFromTheTitle() throws IOException {
        Metadata m = extract(fixture("header-sidebar-comments.html"), "https://harbour.example.com/ports-reopen");
        assertEquals("Ports reopen after the storm", m.title());
    }

    @Test
    void readsDatePublishedInsideJsonLdGraphAndKeepsTheOffsetAndTheLocalDay() throws IOException {
        Metadata m = extract(fixture("jsonld-graph.html"), "https://news.example.org/economy/central-bank-holds-rates");
        assertEquals("json-ld", m.dateSource());
        // 23:30 at +03:00 is already the next day in UTC: the page's own day is kept.
        assertEquals(LocalDate.of(2024, 11, 13), m.publishedDate());
        assertEquals(Instant.parse("2024-11-13T20:30:00Z"), m.publishedAt());
        assertEquals("+03:00", m.timezone());
    }

    @Test
    void prefersPersonAuthorsOverOrganizationsInJsonLd() throws IOException {
        Metadata m = extract(fixture("jsonld-graph.html"), "https://news.example.org/economy/central-bank-holds-rates");
        assertEquals(List.of("Ivan Petrenko"), m.authors());
    }

    @Test
    void readsSectionAndMakesTheCanonicalUrlAbsolute() throws IOException {
        Metadata m = extract(fixture("jsonld-graph.html"), "https://news.example.org/economy/central-bank-holds-rates");
        assertEquals("Economy", m.section());
        assertEquals("https://news.example.org/economy/central-bank-holds-rates", m.canonicalUrl());
        assertEquals("Central bank holds rates", m.title());
    }

    @Test
    void takesTheShownUpdateDayOnlyWhenThePageShowsNoOtherDate() throws IOException {
        Metadata m = extract(fixture("modified-only.html"), "https://rail.example.com/timetable");
        assertEquals(LocalDate.of(2024, 12, 2), m.publishedDate());
        assertEquals("text", m.dateSource());
        assertTrue(m.dateDetail().startsWith("only an update date is shown"), m.dateDetail());
    }

    private static final String BODY = "<p>The harbour authority said the quays would reopen once the divers had checked "
            + "every mooring, a task that took most of the week and kept the ferries at anchor outside.</p>";

    @Test
    void keepsTheMetadataCapitalsWhenTheTemplateShoutsTheHeadline() {
        String html = "<html><head><meta property=\"og:title\" content=\"Tips for Online Success\"></head><body>"
                + "<article><h1>TIPS FOR ONLINE SUCCESS</h1>" + BODY + "</article></body></html>";
        assertEquals("Tips for Online Success", extract(html, "https://shop.example.com/tips").title());
    }

    @Test
    void keepsTheHeadlineQuotesWhenTheMetadataDiffersOnlyInQuotes() {
        String html = "<html><head><meta property=\"og:title\" content=\"Why the Ferry Isn't Late\"></head><body>"
                + "<article><h1>Why the Ferry Isn\u2019t Late</h1>" + BODY + "</article></body></html>";
        assertEquals("Why the Ferry Isn\u2019t Late", extract(html, "https://harbour.example.com/ferry").title());
    }

    @Test
    void readsAPlainTextBylineUnderTheHeadline() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>"
                + "<div><span>Written by</span> <span>Ann Lee</span></div>" + BODY + "</article></body></html>";
        assertEquals(List.of("Ann Lee"), extract(html, "https://harbour.example.com/quays").authors());
    }

    @Test
    void leavesResearchersAndEditorsOutOfTheAuthors() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>"
                + "<div class=\"byline\">Written by Ann Lee, Researched by Bo Chan</div>" + BODY
                + "</article></body></html>";
        assertEquals(List.of("Ann Lee"), extract(html, "https://harbour.example.com/quays").authors());
    }

    @Test
    void leavesThePublicationDayOfTheDatelineOutOfTheAuthors() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>"
                + "<div class=\"dateline\">By Ann Lee | Published 1 October 2024</div>" + BODY + "</article></body></html>";
        assertEquals(List.of("Ann Lee"), extract(html, "https://harbour.example.com/quays").authors());
    }

    @Test
    void doesNotTakeASentenceStartingWithByForAByline() {
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>"
                + "<p>by the end of the week, divers said</p>" + BODY + "</article></body></html>";
        assertEquals(List.of(), extract(html, "https://harbour.example.com/quays").authors());
    }

    @Test
    void readsTheDatelineBelowALongPhotoCaption() {
        String caption = "FILE PHOTO: Divers check the moorings of the north quay before the ferries return, in a long "
                + "caption that names the photographer, the place, the day the picture was taken, the agency that "
                + "distributed it and the pool that shot it.";
        String html = "<html><head><title>Quays reopen</title></head><body><article><h1>Quays reopen</h1>"
                + "<div><img src=\"quay.jpg\" alt=\"\"><br>" + caption + "</div><p>January 18, 2020</p>" + BODY
                + "</article></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/quays");
        assertEquals(LocalDate.of(2020, 1, 18), m.publishedDate());
        assertEquals("text", m.dateSource());
    }

    @Test
    void findsTheHeadlineWhenTheMetadataPrefixesTheBlogNameWithAColon() {
        String html = "<html><head><meta property=\"og:title\" content=\"Harbour Blog: Divers Clear the North Quay\">"
                + "</head><body><div class=\"hero\"><p>Mar 3, 2025</p><h1>Divers Clear the North Quay</h1></div>"
                + "<article>" + BODY + "<h1>What the divers found</h1>" + BODY + BODY + "</article></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/divers");
        assertEquals("Divers Clear the North Quay", m.title());
        assertEquals(LocalDate.of(2025, 3, 3), m.publishedDate());
    }

    @Test
    void takesAHeadlineThatStartsWithTheSiteNameForTheHeadline() {
        String html = "<html><head><meta property=\"og:site_name\" content=\"Harbour\">"
                + "<meta property=\"og:title\" content=\"Harbour Walls Hold Against the Storm \u2022 Harbour\"></head>"
                + "<body><article><h1>Harbour Walls Hold Against the Storm</h1>" + BODY + "<h1>Repairs to come</h1>" + BODY
                + "</article></body></html>";
        assertEquals("Harbour Walls Hold Against the Storm", extract(html, "https://harbour.example.com/walls").title());
    }

    @Test
    void readsTheDatelineBelowALongStandfirstInTheHeadlineBlock() {
        String standfirst = "Divers spent the week checking every mooring of the north quay, and the harbour authority "
                + "now says the ferries can return on Monday, a fortnight after the storm closed the port to all "
                + "passenger traffic.";
        String html = "<html><head><title>Quays reopen</title></head><body><div class=\"head\"><h1>Quays reopen</h1>"
                + "<p>" + standfirst + "</p><p>Ann Lee</p><p><span>23.07.2025</span> <span>6 min read</span></p></div>"
                + "<article>" + BODY + BODY + "</article></body></html>";
        Metadata m = extract(html, "https://harbour.example.com/quays");
        assertEquals(LocalDate.of(2025, 7, 23), m.publishedDate());
        assertEquals("text", m.dateSource());
    }

    @Test
    void takesTheDayFromTheUrlWhenThePageHasNoOther() {
        String html = "<html><head><title>Rain</title></head><body><article><h1>Rain</h1><p>It rained.</p>"
                + "</article></body></html>";
        Metadata m = extract(html, "https://weather.example.com/2021/03/07/rain-again/");
        assertEquals(LocalDate.of(2021, 3, 7), m.publishedDate());
        assertEquals("url", m.dateSource());
    }

    @Test
    void prefersTheUrlDayWhenMetadataDisagreesByMoreThanATimeZone() {
        String html = "<html><head><meta property=\"article:published_time\" content=\"2021-05-20T10:00:00Z\">"
                + "</head><body><h1>Rain</h1></body></html>";
        Metadata m = extract(html, "https://weather.example.com/2021/03/07/rain-again/");
        assertEquals(LocalDate.of(2021, 3, 7), m.publishedDate());
        assertEquals("url", m.dateSource());
        assertTrue(m.dateDetail().contains("article:published_time"), m.dateDetail());
    }

    @Test
    void ignoresTimeElementsInTheSidebarButTakesTheOneInTheArticle() {
        String html = "<html><body><aside class=\"sidebar\"><time datetime=\"2024-11-28\">Nov 28</time></aside>"
                + "<article><h1>Lake levels</h1><time datetime=\"2024-10-02T09:15:00+02:00\">2 Oct</time>"
                + "<p>The lake is lower than it has been in fifty years, hydrologists said on Wednesday.</p>"
                + "</article></body></html>";
        Metadata m = extract(html, null);
        assertEquals(LocalDate.of(2024, 10, 2), m.publishedDate());
        assertEquals("time-element", m.dateSource());
        assertEquals("+02:00", m.timezone());
    }

    @Test
    void readsTheBylineInTheArticlesOwnFooterEvenInAPromotedNode() {
        String html = "<html><body><main><h1>Remote work tips</h1>"
                + "<article class=\"node node--promoted\"><footer class=\"author-meta\">By Ann Lee "
                + "<span class=\"date\">March 30, 2023</span></footer>"
                + "<p>Working from home takes discipline, a quiet corner and a fixed routine, say researchers.</p>"
                + "</article></main><footer>Site footer, updated June 1, 2024</footer></body></html>";
        Metadata m = extract(html, null);
        assertEquals(LocalDate.of(2023, 3, 30), m.publishedDate());
        assertEquals("text", m.dateSource());
    }

    @Test
    void findsTheHeadlineWithoutAnH1ByTheTitle() {
        String html = "<html lang=\"ro\"><head><title>Studii gratuite pentru femei in IT - Stiri.example</title>"
                + "</head><body><div class=\"latest\"><span>21 septembrie 2020</span></div>"
                + "<h2 class=\"story-title\">Studii gratuite pentru femei in IT</h2>"
                + "<div class=\"info\"><a href=\"/s\">Sursa</a>, 20 septembrie 2020 16:20</div>"
                + "<p>Fetele si femeile vor putea profita de noi oportunitati de cariera prin instruire IT.</p>"
                + "</body></html>";
        Metadata m = extract(html, "https://stiri.example/ro/story/1");
        assertEquals("Studii gratuite pentru femei in IT", m.title());
        assertEquals(LocalDate.of(2020, 9, 20), m.publishedDate());
    }

    @Test
    void rejectsImplausibleDatesAndSaysWhy() {
        String html = "<html><head><meta name=\"pubdate\" content=\"1970-01-01\"></head>"
                + "<body><h1>Old</h1></body></html>";
        Metadata m = extract(html, null);
        assertNull(m.publishedDate());
        assertTrue(m.dateDetail().contains("1970-01-01"), m.dateDetail());
    }

    @Test
    void rejectsDatesAfterTheReferenceDay() {
        String html = "<html><head><meta name=\"pubdate\" content=\"2030-06-01\"></head>"
                + "<body><h1>Future</h1></body></html>";
        Document doc = Jsoup.parse(html);
        Metadata m = extractor.extract(doc, null, MainContent.EMPTY, LocalDate.of(2024, 1, 1));
        assertNull(m.publishedDate());
        Metadata unbounded = extractor.extract(doc, null, MainContent.EMPTY);
        assertEquals(LocalDate.of(2030, 6, 1), unbounded.publishedDate());
    }

    @Test
    void identifiesTheLanguageOfTheTextOverTheDeclaredOne() {
        String text = "Правительство утвердило новый порядок выдачи разрешений на строительство жилых домов, "
                + "сообщила пресс-служба министерства в понедельник.";
        String html = "<html lang=\"en\"><body><article><h1>Новости</h1><p>" + text + "</p></article></body></html>";
        assertEquals("ru", extract(html, null).language());
    }

    @Test
    void fallsBackToTheDeclaredLanguageForShortText() {
        String html = "<html lang=\"pt-BR\"><body><article><h1>Oi</h1><p>Curto.</p></article></body></html>";
        assertEquals("pt", extract(html, null).language());
    }

    @Test
    void leavesTheDocumentUnchanged() throws IOException {
        Document doc = Jsoup.parse(fixture("header-sidebar-comments.html"));
        String before = doc.outerHtml();
        extractor.extract(doc, null, new ContentExtractor().extract(doc));
        assertEquals(before, doc.outerHtml());
    }

    @Test
    void rejectsAMissingDocumentNamingTheParameter() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> extractor.extract(null, null, MainContent.EMPTY));
        assertEquals("doc", e.getMessage());
    }
}
