package io.topicpulse.extract.meta;

import io.topicpulse.extract.content.ContentExtractor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorFinderTest {

    private static final String URL = "https://www.harbour-news.example.com/2024/ports-reopen";
    private static final String BODY = "<p>The harbour authority reopened all three container terminals on Tuesday "
            + "morning after the storm surge receded, and the first ships were already unloading by noon. Pilots "
            + "said the channel had been surveyed overnight and was clear of debris along its whole length.</p>"
            + "<p>Shipping lines expect the backlog of vessels waiting offshore to clear within four days, although "
            + "the rail links inland will need another week of repairs before they run at full capacity again.</p>";

    private static List<String> authors(String head, String header) {
        Document doc = Jsoup.parse("<html><head>" + head + "</head><body><article>" + header + BODY
                + "</article></body></html>", URL);
        return new MetadataExtractor().extract(doc, URL, new ContentExtractor().extract(doc)).authors();
    }

    @Test
    void followsTheJsonLdGraphFromTheArticleToTheAuthorItNames() {
        String ld = "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["
                + "{\"@type\":\"Article\",\"headline\":\"Ports reopen\",\"author\":{\"@id\":\"#/person/1\"}},"
                + "{\"@type\":\"Person\",\"@id\":\"#/person/1\",\"name\":\"Jane Doe\"}]}</script>";
        assertEquals(List.of("Jane Doe"), authors(ld, "<h1>Ports reopen</h1>"));
    }

    @Test
    void takesANameStandingAloneUnderTheHeadlineWhenTheDateFollowsIt() {
        assertEquals(List.of("Jane Doe"), authors("", "<h1>Ports reopen</h1><div><span>Jane Doe</span>"
                + "<span>Harbour correspondent</span><time>November 13, 2024</time></div>"));
    }

    @Test
    void takesANameStandingAloneUnderTheHeadlineWhenMarkupCallsItTheAuthor() {
        assertEquals(List.of("Jane Doe"), authors("", "<h1>Ports reopen</h1><div class='post-meta'>"
                + "<div class='the-author'>Jane Doe</div></div>"));
    }

    @Test
    void ignoresAShortLineUnderTheHeadlineThatNothingMarksAsAByline() {
        assertEquals(List.of(), authors("", "<h1>Ports reopen</h1><div><span>Harbour Authority</span>"
                + "<span>Shipping</span></div>"));
    }

    @Test
    void ignoresALabelInCapitalsAboveTheDate() {
        assertEquals(List.of(), authors("", "<h1>Ports reopen</h1><div><span>RESOURCE CENTER</span>"
                + "<time>November 13, 2024</time></div>"));
    }

    @Test
    void dropsTheJobTitleThatABylineCardPrintsAfterTheName() {
        assertEquals(List.of("Jane Doe"), authors("", "<h1>Ports reopen</h1><div class='byline'>"
                + "<span>Jane Doe</span> <span>Senior Shipping Reporter</span></div>"));
    }

    @Test
    void keepsATeamThatSignsTheArticle() {
        assertEquals(List.of("Harbour Editorial Team"), authors("<meta name='author' content='Harbour Editorial Team'>",
                "<h1>Ports reopen</h1>"));
    }

    @Test
    void takesSeveralNamesStandingAloneAboveTheDate() {
        assertEquals(List.of("Jane Doe", "Omar Haddad"), authors("", "<h1>Ports reopen</h1><div>"
                + "<span>Jane Doe and Omar Haddad</span><time>13 Nov 2024</time></div>"));
    }

    @Test
    void doesNotTakeTheCategoryAfterPostedUnderForAName() {
        assertEquals(List.of(), authors("", "<h1>Ports reopen</h1><div><span>Posted under</span>"
                + "<span>Harbour Logistics</span><span>Posted under</span></div>"));
    }

    @Test
    void readsNameRoleAndDateHeldOnOneLine() {
        assertEquals(List.of("Jane Doe"), authors("", "<h1>Ports reopen</h1>"
                + "<p>Jane Doe | Senior Writer | November 13, 2024</p>"));
    }

    @Test
    void dropsTheSectionNamedAfterTheWriter() {
        assertEquals(List.of("Jane Doe"), authors("", "<h1>Ports reopen</h1><div><span>Jane Doe in</span>"
                + "<a href='/shipping'>Shipping</a></div>"));
    }

    @Test
    void takesATeamSigningWithALowerCaseArticle() {
        assertEquals(List.of("the Harbour Team"), authors("", "<h1>Ports reopen</h1><p>By the Harbour Team</p>"));
    }
}
