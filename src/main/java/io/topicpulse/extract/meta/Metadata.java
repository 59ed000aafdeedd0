package io.topicpulse.extract.meta;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Page metadata found by {@link MetadataExtractor}; the fields mean what they mean in ExtractedArticle. */
public record Metadata(
        String title,
        String subtitle,
        List<String> authors,
        String section,
        String language,
        String canonicalUrl,
        LocalDate publishedDate,
        Instant publishedAt,
        String timezone,
        String dateSource,
        String dateDetail,
        Double dateConfidence,
        DateEvidence dateEvidence) {
}
