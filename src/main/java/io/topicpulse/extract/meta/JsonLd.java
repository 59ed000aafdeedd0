package io.topicpulse.extract.meta;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The schema.org objects of a page's JSON-LD blocks, flattened out of arrays and {@code @graph}. */
final class JsonLd {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private static final Set<String> ARTICLE_TYPES = Set.of(
            "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
            "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "satiricalarticle",
            "liveblogposting", "techarticle", "scholarlyarticle", "report", "socialmediaposting",
            "medicalscholarlyarticle", "advertisercontentarticle", "review", "howto", "recipe");

    private static final Set<String> PAGE_TYPES = Set.of("webpage", "itempage", "aboutpage", "faqpage", "qapage",
            "medicalwebpage", "collectionpage");

    private final List<JsonNode> articles = new ArrayList<>();
    private final List<JsonNode> pages = new ArrayList<>();
    private final List<JsonNode> all = new ArrayList<>();

    private JsonLd() {
    }

    /** Reads every {@code application/ld+json} block; blocks that do not parse are skipped. */
    static JsonLd read(Document doc) {
        return read(new MetaTags(doc));
    }

    /** Reads the {@code application/ld+json} blocks found with the page's meta tags. */
    static JsonLd read(MetaTags meta) {
        JsonLd ld = new JsonLd();
        for (Element script : meta.ldJsonScripts()) {
            String json = script.data().strip();
            if (json.isEmpty()) {
                continue;
            }
            try {
                ld.collect(MAPPER.readTree(json), 0);
            } catch (Exception malformed) {
                // Broken JSON-LD is common and says nothing: the other sources still count.
            }
        }
        return ld;
    }

    private void collect(JsonNode node, int depth) {
        if (node == null || depth > 6) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                collect(n, depth + 1);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@graph")) {
            collect(node.get("@graph"), depth + 1);
        }
        if (node.has("@type")) {
            all.add(node);
            if (hasType(node, ARTICLE_TYPES)) {
                articles.add(node);
            } else if (hasType(node, PAGE_TYPES)) {
                pages.add(node);
            }
        }
        for (String nested : new String[] {"mainEntity", "mainEntityOfPage", "hasPart"}) {
            JsonNode n = node.get(nested);
            if (n != null && (n.isObject() || n.isArray())) {
                collect(n, depth + 1);
            }
        }
    }

    static boolean hasType(JsonNode node, Set<String> types) {
        JsonNode t = node.get("@type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (types.contains(x.asText().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
        return types.contains(t.asText().toLowerCase(Locale.ROOT));
    }

    /** Article-like objects (NewsArticle, BlogPosting, ...) in page order. */
    List<JsonNode> articles() {
        return articles;
    }

    /** WebPage-like objects, a weaker source for the same fields. */
    List<JsonNode> pages() {
        return pages;
    }

    /** Every typed object. */
    List<JsonNode> all() {
        return all;
    }

    /** The text of a field that may be a string, an array of strings or an object with a name. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            v = v.size() == 0 ? null : v.get(0);
        }
        if (v == null) {
            return null;
        }
        if (v.isObject()) {
            JsonNode name = v.has("name") ? v.get("name") : v.get("@value");
            return name == null || !name.isValueNode() ? null : blankToNull(name.asText());
        }
        return v.isValueNode() ? blankToNull(v.asText()) : null;
    }

    private static String blankToNull(String s) {
        String t = (s.indexOf('&') >= 0 ? Parser.unescapeEntities(s, true) : s).strip();
        return t.isEmpty() ? null : t;
    }
}
