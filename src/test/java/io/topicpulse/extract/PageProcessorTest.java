package io.topicpulse.extract;

import io.topicpulse.ingest.RawPage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aDateBelowTheFloorLeavesTheArticleUndatedWithTheRejectedDayInTheDetail() {
        RawPage page = new RawPage("test", 0, "https://example.com/quays", null, "text/html; charset=utf-8", (
                "<html lang=\"en\"><head><title>Quays reopen</title><script type=\"application/ld+json\">"
                + "{\"@type\": \"NewsArticle\", \"datePublished\": \"2021-08-12\", \"dateModified\": "
                + "\"2025-02-22\"}</script></head><body><article><h1>Quays reopen</h1><p>The harbour authority "
                + "said the quays would reopen once the divers had checked every mooring, a task that took most of "
                + "the week.</p></article></body></html>").getBytes(StandardCharsets.UTF_8));

        ExtractedArticle floored = article(new PageProcessor().process(page));
        assertNull(floored.publishedDate());
        assertNull(floored.dateConfidence());
        assertEquals("none", floored.dateSource());
        assertTrue(floored.dateDetail().startsWith("date confidence 0.32 below the floor 0.50: rejected 2021-08-12 "
                + "from json-ld datePublished=2021-08-12"), floored.dateDetail());

        ExtractedArticle kept = article(new PageProcessor(0.3).process(page));
        assertEquals(LocalDate.of(2021, 8, 12), kept.publishedDate());
        assertEquals(0.32, kept.dateConfidence());
    }

    @Test
    void aFloorOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PageProcessor(1.5));
    }

    private static ExtractedArticle article(PageOutcome outcome) {
        return assertInstanceOf(PageOutcome.Extracted.class, outcome).article().article();
    }
}
