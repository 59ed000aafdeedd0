package io.topicpulse.extract.meta;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The page's {@code <meta>} values by lower-cased name, property, itemprop or http-equiv, read in one pass that also
 * gathers the JSON-LD scripts and headline elements the other finders read.
 */
final class MetaTags {

    private static final Pattern LD_JSON = Pattern.compile("(?i)application/ld\\+json");
    private static final Evaluator HEADINGS = QueryParser.parse("h1, [itemprop=headline]");

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<Element> ldJsonScripts = new ArrayList<>();
    private final List<Element> headings = new ArrayList<>();

    MetaTags(Document doc) {
        Element head = doc.head();
        // One walk for what would otherwise be three walks of the whole page; a visitor builds no list of the
        // page's elements.
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element e) {
                visit(doc, e, head);
            }
        }, doc);
    }

    private void visit(Document doc, Element e, Element head) {
        String tag = e.normalName();
        if (tag.equals("meta")) {
            read(e, head);
        } else if (tag.equals("script") && LD_JSON.matcher(e.attr("type")).find()) {
            ldJsonScripts.add(e);
        }
        if ((tag.equals("h1") || e.hasAttr("itemprop")) && HEADINGS.matches(doc, e)) {
            headings.add(e);
        }
    }

    private void read(Element meta, Element head) {
        // Some pages put their meta tags in the body; the head is where they belong and is searched first.
        String content = meta.hasAttr("content") ? meta.attr("content") : meta.attr("value");
        if (content.isBlank() && meta.hasAttr("datetime")) {
            content = meta.attr("datetime");
        }
        // Double-escaped values ("&amp;amp;") are common; one more unescape is harmless on clean ones.
        content = content.indexOf('&') >= 0 ? Parser.unescapeEntities(content, true).strip() : content.strip();
        if (content.isEmpty()) {
            return;
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

    /** The {@code application/ld+json} scripts, in page order. */
    List<Element> ldJsonScripts() {
        return ldJsonScripts;
    }

    /** The h1 and {@code itemprop=headline} elements, in page order. */
    List<Element> headings() {
        return headings;
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
