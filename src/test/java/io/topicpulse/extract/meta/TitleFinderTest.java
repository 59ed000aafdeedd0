package io.topicpulse.extract.meta;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TitleFinderTest {

    private static final String URL = "https://www.harbour-news.example.com/2024/ports-reopen";

    private static String title(String head, String body) {
        Document doc = Jsoup.parse("<html><head>" + head + "</head><body>" + body + "</body></html>", URL);
        MetaTags meta = new MetaTags(doc);
        JsonLd ld = JsonLd.read(doc);
        return TitleFinder.find(doc, meta, ld, TitleFinder.siteNames(meta, ld, URL), doc.selectFirst("article"));
    }

    private static void assertTitle(String expected, String head, String body) {
        assertEquals(expected, title(head, body));
    }

    @Test
    void takesTheHeadlineTheMetadataAgreesWithEvenInAHeaderWithBreadcrumbs() {
        assertTitle("Ports reopen after the storm",
                "<meta property='og:title' content='Ports reopen after the storm | Harbour News'>",
                "<main><header><nav><a href='/'>Home</a> › <a href='/ports'>Ports</a></nav>"
                        + "<h1>Ports reopen after the storm</h1></header><article><p>Text.</p></article></main>");
    }

    @Test
    void keepsThePagesOwnHeadlineWhenTheSearchTitleIsWordedDifferently() {
        assertTitle("Ports reopen after the storm", "<title>Storm over: all ports open again | Harbour News</title>",
                "<article><h1>Ports reopen after the storm</h1><p>Text.</p></article>");
    }

    @Test
    void takesTheMetadataTitleWhenTheOnlyHeadingIsASectionLabel() {
        assertTitle("Ports reopen after the storm", "<meta property='og:title' content='Ports reopen after the storm'>",
                "<article><h1>Shipping updates</h1><p>Text.</p></article>");
    }

    @Test
    void takesTheMetadataTitleWhenTheHeadingIsABannerInCapitals() {
        assertTitle("Port reopening: what shippers should know",
                "<meta property='og:title' content='Port reopening: what shippers should know'>",
                "<article><h1>SUPPORTING SHIPPERS</h1><p>Text.</p></article>");
    }

    @Test
    void spellsAShoutedHeadingAsTheMetadataTitleBesideTheSiteNameDoes() {
        assertTitle("Ports Reopen After the Storm", "<title>Ports Reopen After the Storm | Harbour News</title>",
                "<article><h1>PORTS<br>REOPEN AFTER <span>THE STORM</span></h1><p>Text.</p></article>");
    }

    @Test
    void spellsALowerCasedHeadingAsTheMetadataTitleThatGoesOnAfterASeparator() {
        assertTitle("History of the port",
                "<title>History of the port | Cranes, Ferries, Storms &amp; Timeline | Harbour News</title>",
                "<article><h1>history of the port</h1><p>Text.</p></article>");
    }

    @Test
    void keepsTheEditorsMixedCapitalsBesideASearchTitleInTitleCase() {
        assertTitle("Ports reopen after the Storm", "<title>Ports Reopen After The Storm | Harbour News</title>",
                "<article><h1>Ports reopen after the Storm</h1><p>Text.</p></article>");
    }

    @Test
    void dropsATaglineOrSectionAfterAPipe() {
        assertTitle("Why the ports must stay open",
                "<meta property='og:title' content='Why the ports must stay open | Opinion | Harbour News'>",
                "<article><h1>Why the ports must stay open | Opinion</h1><p>Text.</p></article>");
    }

    @Test
    void dropsTheSiteNameThatATemplateAppendsToTheHeading() {
        assertTitle("Ports reopen after the storm", "<meta property='og:site_name' content='Harbour News'>"
                        + "<meta property='og:title' content='Ports reopen after the storm'>",
                "<article><h1>Ports reopen after the storm – Harbour News</h1><p>Text.</p></article>");
    }

    @Test
    void takesTheMetadataTitleWhenTheHeadingPutsALabelOrDateInFront() {
        assertTitle("Ports reopen after the storm", "<meta property='og:title' content='Ports reopen after the storm'>",
                "<article><h1>Blog: Ports reopen after the storm</h1><p>Text.</p></article>");
    }

    @Test
    void keepsAShortHeadlineThatSharesItsWordsWithALongerSearchTitle() {
        assertTitle("Affordable nutrition",
                "<meta property='og:title' content='Affordable food: nutrition for families on low incomes'>",
                "<article><h1>Affordable nutrition</h1><p>Text.</p></article>");
    }

    @Test
    void ignoresBrandWordsInTheClassNamesABlogDerivesFromThePostsTags() {
        assertTitle("The best rope shops near the docks",
                "<meta property='og:title' content='Where to buy rope for harbour work'>",
                "<article class='post tag-rope-brands category-shopping'><header><h1>The best rope shops near the docks"
                        + "</h1></header><p>Text.</p></article>");
    }

    @Test
    void takesAHeadlineSentenceFromAMastheadThatAlsoHoldsTheNavigation() {
        assertTitle("Harbour pilot courses and certificates", "<title>Which harbour pilot course is best?</title>",
                "<header><nav><a href='/'>Home</a><a href='/courses'>Courses</a></nav>"
                        + "<div class='intro'><h1>Harbour pilot courses and certificates</h1></div></header>"
                        + "<article><p>Text.</p></article>");
    }

    @Test
    void skipsAMastheadHeadingThatOnlyNamesTheSite() {
        assertTitle("Ports reopen after the storm", "<meta property='og:title' content='Ports reopen after the storm'>",
                "<header><nav><a href='/'>Home</a></nav><h1>Daily Shipping Bulletin</h1></header>"
                        + "<article><p>Text.</p></article>");
    }

    @Test
    void keepsAHeadingThatGoesOnPastTheSitesName() {
        assertTitle("Harbour News Catalog", "<title>Harbour News catalogue index</title>",
                "<main><h1>Harbour News Catalog</h1><p>Text.</p></main>");
    }

    @Test
    void skipsAHeadingThatStandsAfterParagraphsOfTheArticle() {
        String paragraph = "<p>" + "The harbour master said the ships would wait. ".repeat(12) + "</p>";
        assertTitle("What do dockers like about the night shift?",
                "<meta property='og:title' content='What do dockers like about the night shift? | Harbour Blog'>",
                "<article>" + paragraph + paragraph + "<h1>But what they like most is the quiet</h1>" + paragraph
                        + "</article>");
    }

    @Test
    void takesTheHeadingThatTheMetadataTitleStartsWithBeforeALongSiteName() {
        assertTitle("Tides, Winds, and Ropes",
                "<meta property='og:title' content='Tides, Winds, and Ropes - The Harbour Pilots Association'>",
                "<div class='masthead'><h1>The Pilots Blog</h1></div><div><h1>Tides, Winds, and Ropes</h1></div>"
                        + "<article><p>Text.</p></article>");
    }

    @Test
    void takesTheMetadataSpellingOfAHeadingThatLostCharactersToTheCharset() {
        assertTitle("Port Basics: Beginner's Guide",
                "<meta property='og:title' content=\"Port Basics: Beginner's Guide\">",
                "<article><h1>Port Basics? Beginner? Guide</h1><p>Text.</p></article>");
    }

    @Test
    void keepsAHeadingThatEndsWithAQuestionMark() {
        assertTitle("Are the ports open again?",
                "<meta property='og:title' content='Are the ports open again? Our guide'>",
                "<article><h1>Are the ports open again?</h1><p>Text.</p></article>");
    }

    @Test
    void keepsALongClauseAfterAPipeAsPartOfTheHeadline() {
        String headline = "Ten harbour cranes of 2025 | The biggest lifting machines on the coast";
        assertTitle(headline, "<meta property='og:title' content='" + headline + "'>",
                "<article><h1>" + headline + "</h1><p>Text.</p></article>");
    }

    @Test
    void takesTheSeparatorTheMetadataPutsBetweenAHeadingsTitleAndSubtitle() {
        assertTitle("Pilots and tugs. - How a big ship docks",
                "<meta property='og:title' content='Pilots and tugs. - How a big ship docks'>",
                "<article><h1><span class='title'>Pilots and tugs.</span> <span class='subtitle'>How a big ship docks"
                        + "</span></h1><p>Text.</p></article>");
    }

    @Test
    void dropsTheHostNameThatStandsBeforeTheHeadlineWithoutASeparator() {
        assertTitle("Ports reopen after the storm",
                "<title>harbour-news.example.com Ports reopen after the storm</title>",
                "<div class='masthead'><h1>harbour-news.example.com</h1></div><article><p>Text.</p></article>");
    }

    @Test
    void keepsAHeadlineThatMerelyStartsWithAnAbbreviation() {
        assertTitle("U.S. ports reopen after the storm", "<title>U.S. ports reopen after the storm</title>",
                "<article><p>Text.</p></article>");
    }

    @Test
    void dropsTheSiteNameInParenthesesSoTheSecondHeadingAgrees() {
        assertTitle("The Fold-and-Cut Problem", "<title>The Fold-and-Cut Problem (Harbour News)</title>",
                "<h1>Harbour News's Folding Pages:</h1><h1>The Fold-and-Cut Problem</h1>"
                        + "<article><p>Text.</p></article>");
    }

    @Test
    void keepsParenthesesThatAreNotTheSitesName() {
        assertTitle("Ports reopen after the storm (updated)",
                "<title>Ports reopen after the storm (updated) | Harbour News</title>",
                "<article><h1>Ports reopen after the storm (updated)</h1><p>Text.</p></article>");
    }

    @Test
    void takesTheMetadataTitleWhenTheHeadingIsAParagraphSetLarge() {
        assertTitle("Ten harbour projects worth the money",
                "<meta property='og:title' content='Ten harbour projects worth the money | Harbour News'>",
                "<article><h1>Learn which harbour projects pay back what they cost, with expert tips on how to weigh "
                        + "dredging against new quays, what cranes return over a decade, and how to read the "
                        + "figures a port authority publishes before you back any of them.</h1><p>Text.</p></article>");
    }

    @Test
    void matchesAnAggregatorsHeadlineWithoutTheSourceAndScoreItAppends() {
        assertTitle("Pilots find their licences no longer guarantee berths",
                "<title>Pilots find their licences no longer guarantee berths - Harbour News</title>",
                "<article><h1>Pilots find their licences no longer guarantee berths (tidings.example.org) 87</h1>"
                        + "<p>Text.</p></article>");
    }
}
