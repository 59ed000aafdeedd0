package io.topicpulse.extract.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.topicpulse.extract.content.MainContent;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Reads title, authors, section, language, canonical URL and publication date from a parsed page. */
public final class MetadataExtractor {

    private static final Set<String> BREADCRUMB = Set.of("breadcrumblist");
    /** Class name fragments of a sub-headline, most telling first. */
    private static final String[] SUBTITLE_CLASSES = {"subtitle", "sub-title", "standfirst", "subheadline",
        "sub-headline", "dek", "deck"};
    /** {@code [class*=fragment]} for each of {@link #SUBTITLE_CLASSES}, then the microdata property, parsed once. */
    private static final Evaluator[] SUBTITLE_SELECTORS = subtitleSelectors();
    private static final Evaluator HTML = QueryParser.parse("html");
    private static final String[] BREADCRUMB_WORD = {"breadcrumb"};
    private static final Evaluator BREADCRUMBS = QueryParser.parse("[class*=" + BREADCRUMB_WORD[0] + "], [id*="
            + BREADCRUMB_WORD[0] + "]");
    private static final Evaluator CANONICAL = QueryParser.parse("link[rel~=(?i)^canonical$]");

    /**
     * Extracts without a reference date: publication dates are only checked against a fixed window (1995 to
     * {@link DateFinder#LATEST_WITHOUT_REFERENCE}).
     *
     * @param doc     the parsed page, unmodified
     * @param url     the page URL when known (for URL date patterns and resolving relative links), else null
     * @param content the main content already found, so dates and bylines are looked for near the article
     */
    public Metadata extract(Document doc, String url, MainContent content) {
        return extract(doc, url, content, null);
    }

    /**
     * Extracts, rejecting publication dates more than two days after {@code notAfter} (typically the crawl date,
     * which no genuine publication date can follow).
     *
     * @param notAfter the latest plausible publication day, or null for the fixed window only
     */
    public Metadata extract(Document doc, String url, MainContent content, LocalDate notAfter) {
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(content, "content");
        MetaTags meta = new MetaTags(doc);
        JsonLd ld = JsonLd.read(meta);
        String declared = declaredLanguage(doc, meta);

        Set<String> siteNames = TitleFinder.siteNames(meta, ld, url);
        String title = TitleFinder.find(doc, meta, ld, siteNames, content.root());
        ArticleScope scope = ArticleScope.of(doc, meta, content.root(), title);
        String language = LanguageGuesser.guess(content.text(), declared);
        String dateLanguage = declared != null ? declared : language;
        DateFinder.Result date = DateFinder.find(meta, ld, scope, url, dateLanguage, notAfter);
        List<String> authors = AuthorFinder.find(meta, ld, scope, siteNames);
        ParsedDate d = date.date();
        return new Metadata(title, subtitle(meta, scope, title), authors, section(meta, ld, doc), language,
                canonical(doc, meta, url),
                d == null ? null : d.date(), d == null ? null : d.instant(), d == null ? null : d.timezone(),
                date.source(), detail(date), DateConfidence.of(date.evidence()), date.evidence());
    }

    /** The date's raw value or reason, and for a date the evidence its confidence was read from. */
    private static String detail(DateFinder.Result date) {
        String evidence = date.evidence() == null ? "" : date.evidence().describe();
        return evidence.isEmpty() ? date.detail() : date.detail() + " | " + evidence;
    }

    static String declaredLanguage(Document doc, MetaTags meta) {
        Element html = doc.selectFirst(HTML);
        String lang = html == null ? "" : html.attr("lang");
        if (lang.isBlank() && html != null) {
            lang = html.attr("xml:lang");
        }
        if (lang.isBlank()) {
            String c = meta.first("content-language", "language", "dc.language", "og:locale");
            lang = c == null ? "" : c.split(",")[0];
        }
        return lang.isBlank() ? null : lang.strip();
    }

    private static String subtitle(MetaTags meta, ArticleScope scope, String title) {
        Element headline = scope.headline();
        if (headline != null) {
            for (Element area : scope.areas()) {
                for (List<Element> matches : subtitleCandidates(area)) {
                    for (Element e : matches) {
                        String t = Text.orNull(e.text());
                        if (t != null && t.length() >= 20 && t.length() <= 400 && !t.equals(title)
                                && !scope.isBoilerplate(e)) {
                            return t;
                        }
                    }
                }
            }
        }
        return Text.orNull(meta.first("og:description", "twitter:description", "description"));
    }

    private static Evaluator[] subtitleSelectors() {
        Evaluator[] selectors = new Evaluator[SUBTITLE_CLASSES.length + 1];
        for (int i = 0; i < SUBTITLE_CLASSES.length; i++) {
            selectors[i] = QueryParser.parse("[class*=" + SUBTITLE_CLASSES[i] + "]");
        }
        selectors[SUBTITLE_CLASSES.length] = QueryParser.parse("[itemprop=alternativeHeadline]");
        return selectors;
    }

    /**
     * The area's elements matching each subtitle selector, in document order, each under the first selector it
     * matches (a later selector would only offer it again). One walk instead of a select per selector; the
     * selectors only run on elements whose class or itemprop could match them at all.
     */
    private static List<List<Element>> subtitleCandidates(Element area) {
        List<List<Element>> bySelector = new ArrayList<>();
        for (int i = 0; i < SUBTITLE_SELECTORS.length; i++) {
            bySelector.add(new ArrayList<>());
        }
        for (Element e : area.getAllElements()) {
            if (e.attributesSize() == 0) {
                continue;
            }
            boolean classMayMatch = containsAnyIgnoreCase(e.attr("class"), SUBTITLE_CLASSES);
            boolean propertyMayMatch = e.hasAttr("itemprop");
            for (int i = 0; i < SUBTITLE_SELECTORS.length; i++) {
                boolean mayMatch = i < SUBTITLE_CLASSES.length ? classMayMatch : propertyMayMatch;
                if (mayMatch && SUBTITLE_SELECTORS[i].matches(area, e)) {
                    bySelector.get(i).add(e);
                    break;
                }
            }
        }
        return bySelector;
    }

    /** True when some fragment occurs in the lower-cased value: a superset of what the selectors match. */
    private static boolean containsAnyIgnoreCase(String value, String[] fragments) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String fragment : fragments) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    private static String section(MetaTags meta, JsonLd ld, Document doc) {
        String s = meta.first("article:section", "og:article:section", "section", "parsely-section",
                "sailthru.section", "category");
        if (s != null) {
            return Text.orNull(s);
        }
        for (JsonNode a : ld.articles()) {
            String sec = JsonLd.text(a, "articleSection");
            if (sec != null) {
                return sec;
            }
        }
        for (JsonNode n : ld.all()) {
            if (JsonLd.hasType(n, BREADCRUMB) && n.get("itemListElement") != null
                    && n.get("itemListElement").isArray()) {
                JsonNode items = n.get("itemListElement");
                // The last crumb is usually the article itself; the one before it is its section.
                if (items.size() >= 3) {
                    return itemName(items.get(items.size() - 2));
                }
                if (items.size() == 2) {
                    return itemName(items.get(1));
                }
            }
        }
        Element crumbs = firstBreadcrumbs(doc);
        if (crumbs != null) {
            List<Element> links = crumbs.select("a");
            if (links.size() >= 2) {
                return Text.orNull(links.get(links.size() - 1).text());
            }
        }
        return null;
    }

    /**
     * The first element matching {@link #BREADCRUMBS}; the selector only runs where class or id could match it,
     * as most pages have no breadcrumbs and lower-casing every class name of the page for nothing is slow.
     */
    private static Element firstBreadcrumbs(Document doc) {
        Element[] found = new Element[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && e.attributesSize() > 0
                        && (containsAnyIgnoreCase(e.attr("class"), BREADCRUMB_WORD)
                        || containsAnyIgnoreCase(e.attr("id"), BREADCRUMB_WORD))
                        && BREADCRUMBS.matches(doc, e)) {
                    found[0] = e;
                    return FilterResult.STOP;
                }
                return FilterResult.CONTINUE;
            }
        }, doc);
        return found[0];
    }

    private static String itemName(JsonNode item) {
        String name = JsonLd.text(item, "name");
        if (name == null && item.get("item") != null) {
            name = JsonLd.text(item.get("item"), "name");
        }
        return name;
    }

    private static String canonical(Document doc, MetaTags meta, String url) {
        Element link = doc.selectFirst(CANONICAL);
        String c = link == null ? null : Urls.absolute(link.attr("href"), url != null ? url : doc.baseUri());
        if (c == null) {
            c = Urls.absolute(meta.first("og:url"), url != null ? url : doc.baseUri());
        }
        return c;
    }
}
