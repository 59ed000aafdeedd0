package io.topicpulse.extract.content;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HintsTest {

    @Test
    void marksBoilerplateWordsAsPartsOfDashedUnderscoredAndCamelCaseNames() {
        assertEquals(-1, Hints.hint("related-posts"));
        assertEquals(-1, Hints.hint("nav_top"));
        assertEquals(-1, Hints.hint("mostRead"));
        assertEquals(-1, Hints.hint("SiteFooter"));
    }

    @Test
    void marksSomeWordsOnlyWhenTheyAreTheWholeName() {
        assertEquals(-1, Hints.hint("meta"));
        assertEquals(-1, Hints.hint("Widget"));
        assertEquals(0, Hints.hint("meta-data"));
        assertEquals(0, Hints.hint("widget-area-x"), "widget is only boilerplate as a whole name");
    }

    @Test
    void marksArticleWordsAndCancelsOutWhenBothKindsAppear() {
        assertEquals(1, Hints.hint("article-body"));
        assertEquals(1, Hints.hint("  entry-content  "));
        assertEquals(0, Hints.hint("post sidebar"));
    }

    @Test
    void ignoresTaxonomyLabelsAndWordsThatOnlyContainABoilerplateWord() {
        assertEquals(0, Hints.hint("tag-navigation category-news"));
        assertEquals(0, Hints.hint("canvas"), "contains 'nav' but is not it");
        assertEquals(0, Hints.hint("navigational"));
        assertEquals(0, Hints.hint(""));
    }

    @Test
    void foldsCaseOutsideAsciiWithoutMatchingNonAsciiLetters() {
        assertEquals(-1, Hints.hint("NAV"));
        assertEquals(0, Hints.hint("navé"));
        assertEquals(0, Hints.hint("ünav"));
    }
}
