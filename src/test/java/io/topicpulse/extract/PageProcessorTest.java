package io.topicpulse.extract;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PageProcessorTest {

    @Test
    void theWarmUpPageGoesThroughEveryStepAFirstArticleNeeds() {
        // Title, date, author and language each load their own tables: the page must reach all of them.
        PageOutcome outcome = PageProcessor.warmUp();

        ArticleRecord record = assertInstanceOf(PageOutcome.Extracted.class, outcome).article();
        ExtractedArticle article = record.article();
        assertEquals("Harbor vote passes", article.title());
        assertEquals(LocalDate.of(2024, 11, 30), article.publishedDate());
        assertEquals(List.of("Ann Lee"), article.authors());
        assertEquals("en", article.language());
        assertEquals(io.topicpulse.dedup.MinHasher.standard().hashes(), record.minhash().length);
    }
}
