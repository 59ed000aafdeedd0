package io.topicpulse.extract;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArticleExtractorTest {

    @Test
    void keepsParagraphsOfTheArticleSeparatedByABlankLine() {
        String html = "<html><head><title>T</title></head><body><nav><p>Home</p></nav>"
                + "<article><p>First para.</p><p>Second para.</p></article></body></html>";
        ExtractedArticle a = new ArticleExtractor().extract(html, "https://example.org/a");
        assertEquals("First para.\n\nSecond para.", a.text());
        assertEquals("First para.", a.lead());
    }
}
