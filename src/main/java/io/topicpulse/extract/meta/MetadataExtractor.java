package io.topicpulse.extract.meta;

import io.topicpulse.extract.content.MainContent;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.List;

/** Reads title, authors, section, language, canonical URL and publication date from a parsed page. */
public final class MetadataExtractor {

    /**
     * @param doc     the parsed page, unmodified
     * @param url     the page URL when known (for URL date patterns and resolving relative links), else null
     * @param content the main content already found, so dates and bylines are looked for near the article
     */
    public Metadata extract(Document doc, String url, MainContent content) {
        Element og = doc.selectFirst("meta[property=og:title]");
        String title = og != null ? og.attr("content").strip() : doc.title().strip();
        Element canonical = doc.selectFirst("link[rel=canonical]");
        return new Metadata(title.isEmpty() ? null : title, null, List.of(), null, null,
                canonical == null ? null : canonical.absUrl("href"),
                null, null, null, "none", "no date extractor yet");
    }
}
