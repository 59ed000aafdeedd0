package io.topicpulse.extract.content;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentExtractorTest {

    private final ContentExtractor extractor = new ContentExtractor();

    @Test
    void keepsTheArticleParagraphsHeadingsListItemsAndQuotesInOrder() throws IOException {
        MainContent main = extractor.extract(fixture("news-page.html"));
        assertEquals(String.join("\n\n",
                "Delegations from four countries met in Istanbul on Tuesday to restart negotiations over the Black Sea"
                        + " grain corridor, which has been stalled since the summer.",
                "The talks, hosted by the Turkish foreign ministry, focus on inspection procedures for cargo ships and"
                        + " on guarantees for insurers, officials said.",
                "What is on the table",
                "Negotiators are weighing three proposals, according to a draft seen by reporters:",
                "joint inspections at a single port, with observers from every party;",
                "an insurance fund backed by several central banks;",
                "a monthly review of shipping volumes and prices.",
                "\"Nobody expects a breakthrough this week, but the fact that everyone is in the same room matters,\""
                        + " one diplomat said.",
                "Wheat prices fell by two percent on the news, traders in Chicago said, before recovering later in"
                        + " the day."), main.text());
    }

    @Test
    void leavesOutTheHeaderDateCookieBannerNavigationAndFooter() throws IOException {
        String text = extractor.extract(fixture("news-page.html")).text();
        assertFalse(text.contains("Today"), text);
        assertFalse(text.contains("cookies"), text);
        assertFalse(text.contains("Economy"), text);
        assertFalse(text.contains("All rights reserved"), text);
        assertFalse(text.contains("JavaScript"), text);
        assertFalse(text.contains("Breaking"), text);
    }

    @Test
    void leavesOutTheLatestContentsSidebarWithItsHeadlinesAndDates() throws IOException {
        String text = extractor.extract(fixture("news-page.html")).text();
        assertFalse(text.contains("Latest Contents"), text);
        assertFalse(text.contains("Central bank holds rates"), text);
        assertFalse(text.contains("Nov 29, 2024"), text);
        assertFalse(text.contains("sanctions package"), text);
    }

    @Test
    void leavesOutHeadlineBylineDatelineCaptionShareButtonsRelatedNewsletterAndComments() throws IOException {
        String text = extractor.extract(fixture("news-page.html")).text();
        for (String boilerplate : new String[] {"Grain corridor talks resume", "Mara Ellison", "Published 12 March",
                "Cargo ships wait", "Share on", "Related", "Shipping insurers", "newsletter", "3 comments",
                "best news I have read"}) {
            assertFalse(text.contains(boilerplate), () -> boilerplate + " in: " + text);
        }
    }

    @Test
    void joinsAnArticleSplitOverSiblingSections() throws IOException {
        String text = extractor.extract(fixture("split-sections.html")).text();
        assertTrue(text.startsWith("Ferns outgrow their pots"), text);
        assertTrue(text.contains("\n\nStep by step\n\nWater the fern the day before"), text);
        assertTrue(text.endsWith("especially near radiators."), text);
        assertFalse(text.contains("volunteers"), text);
        assertFalse(text.contains("Shop"), text);
    }

    @Test
    void keepsTheLeadParagraphThatSitsBesideTheBodyButNotTheHeadline() throws IOException {
        String text = extractor.extract(fixture("lead-outside-body.html")).text();
        assertTrue(text.startsWith("Commuters face the steepest increase in a decade"), text);
        assertTrue(text.contains("\n\nThe increase, announced on Wednesday"), text);
        assertTrue(text.endsWith("paid by taxpayers every year."), text);
        assertFalse(text.contains("Rail fares to rise"), text);
        assertFalse(text.contains("More on this story"), text);
    }

    @Test
    void keepsAnArticleWhoseContainerHasABoilerplateSoundingClass() {
        StringBuilder html = new StringBuilder("<html><body><nav><a href='/'>Home</a></nav>"
                + "<article class='newsletter-issue'><div class='sidebar-free'>");
        for (int i = 1; i <= 6; i++) {
            html.append("<p>Paragraph ").append(i).append(" of the issue says something long enough, with commas,")
                    .append(" to be read as article text by any reasonable measure.</p>");
        }
        html.append("</div></article><div class='widget'><p>A short promotional blurb for another thing.</p></div>")
                .append("</body></html>");
        String text = extractor.extract(Jsoup.parse(html.toString())).text();
        assertTrue(text.startsWith("Paragraph 1 of the issue"), text);
        assertTrue(text.contains("Paragraph 6 of the issue"), text);
    }

    @Test
    void skipsHiddenElements() {
        Document doc = Jsoup.parse("<html><body><article>"
                + "<p>The visible paragraph carries the story of the day, with enough words to count.</p>"
                + "<p style='display: none'>A hidden paragraph that only a screen scraper would ever see here.</p>"
                + "<div hidden><p>Another hidden block of text that readers of the page never get to see.</p></div>"
                + "</article></body></html>");
        assertEquals("The visible paragraph carries the story of the day, with enough words to count.",
                extractor.extract(doc).text());
    }

    @Test
    void doesNotModifyTheDocument() throws IOException {
        Document doc = fixture("news-page.html");
        String before = doc.outerHtml();
        MainContent main = extractor.extract(doc);
        assertNotNull(main.root());
        assertEquals(before, doc.outerHtml());
    }

    @Test
    void returnsEmptyTextForAPageWithoutText() {
        assertEquals("", extractor.extract(Jsoup.parse("<html><body><nav><a href='/'>Home</a></nav></body></html>"))
                .text());
        assertEquals("", extractor.extract(Jsoup.parse("")).text());
    }

    @Test
    void rejectsANullDocument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> extractor.extract(null));
        assertTrue(e.getMessage().contains("doc"));
    }

    private static Document fixture(String name) throws IOException {
        try (InputStream in = ContentExtractorTest.class.getResourceAsStream("/extract/content/" + name)) {
            assertNotNull(in, name);
            return Jsoup.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "https://example.org/" + name);
        }
    }
}
