package io.topicpulse.extract;

import io.topicpulse.extract.content.ContentExtractor;
import io.topicpulse.extract.content.MainContent;
import io.topicpulse.extract.meta.Metadata;
import io.topicpulse.extract.meta.MetadataExtractor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Turns one decoded HTML page into an {@link ExtractedArticle}: pure, thread-confined, no Spark. */
public final class ArticleExtractor {

    private final ContentExtractor content = new ContentExtractor();
    private final MetadataExtractor metadata = new MetadataExtractor();

    /**
     * @param html the page as text (already charset-decoded)
     * @param url  the page's URL when known, used as the base URI and for URL date patterns; may be null
     */
    public ExtractedArticle extract(String html, String url) {
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        return extract(doc, url);
    }

    /** Extracts from an already parsed document, which is not modified. */
    public ExtractedArticle extract(Document doc, String url) {
        MainContent main = content.extract(doc);
        Metadata meta = metadata.extract(doc, url, main);
        return new ExtractedArticle(Mojibake.repair(meta.title()), Mojibake.repair(meta.subtitle()),
                meta.authors().stream().map(Mojibake::repair).toList(), meta.section(), meta.language(),
                meta.canonicalUrl(), meta.publishedDate(), meta.publishedAt(), meta.timezone(), meta.dateSource(),
                meta.dateDetail(), meta.dateConfidence(), meta.dateEvidence(), Mojibake.repair(main.text()));
    }
}
