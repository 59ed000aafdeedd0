package io.topicpulse.extract.meta;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The page's {@code <meta>} values by lower-cased name, property, itemprop or http-equiv, read in one pass. */
final class MetaTags {

    private final Map<String, List<String>> values = new HashMap<>();

    MetaTags(Document doc) {
        Element head = doc.head();
        // Some pages put their meta tags in the body; the head is where they belong and is searched first.
        for (Element meta : doc.getElementsByTag("meta")) {
            String content = meta.hasAttr("content") ? meta.attr("content") : meta.attr("value");
            if (content.isBlank() && meta.hasAttr("datetime")) {
                content = meta.attr("datetime");
            }
            // Double-escaped values ("&amp;amp;") are common; one more unescape is harmless on clean ones.
            content = content.indexOf('&') >= 0 ? Parser.unescapeEntities(content, true).strip() : content.strip();
            if (content.isEmpty()) {
                continue;
            }
            boolean inArticleMarkup = meta.parent() != head && !meta.attr("itemprop").isEmpty();
            for (String key : new String[] {"name", "property", "http-equiv", "itemprop"}) {
                String k = meta.attr(key).strip().toLowerCase(Locale.ROOT);
                if (!k.isEmpty()) {
                    // itemprop metas in the body may describe related items; keep them apart from page-level ones.
                    String name = inArticleMarkup && key.equals("itemprop") ? "itemprop:" + k : k;
                    values.computeIfAbsent(name, x -> new ArrayList<>()).add(content);
                }
            }
        }
    }

    /** The first value under any of the keys, in the order given; null when none. */
    String first(String... keys) {
        for (String k : keys) {
            List<String> v = values.get(k);
            if (v != null) {
                return v.get(0);
            }
        }
        return null;
    }

    /** Every value under the key, in page order. */
    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Every key seen, lower-cased. */
    Set<String> keys() {
        return values.keySet();
    }

    /** The key under which a value was first found, for reporting where a value came from. */
    String firstKey(String... keys) {
        for (String k : keys) {
            if (values.containsKey(k)) {
                return k;
            }
        }
        return null;
    }
}
