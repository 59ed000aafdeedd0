package io.topicpulse.extract.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Picks the headline: the title the page's metadata and its h1 agree on, without the site name. */
final class TitleFinder {

    /** Characters of article text that may stand before its headline: a kicker, byline, date, breadcrumbs. */
    private static final int TEXT_BEFORE_HEADLINE = 1000;

    /** Words beyond which a heading is a summary or a call to action set large, not a headline. */
    private static final int LONGEST_HEADLINE_WORDS = 30;

    /** "(example.com)" or "(example.com) 87" after a headline: the source a link aggregator names, and a score. */
    private static final Pattern SOURCE_TAG = Pattern.compile(
            "\\s+\\((?:www\\.)?[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+\\)(?:\\s+\\d+)?$");

    /** A host name standing first in a title, before the headline without a separator ("example.com Headline"). */
    private static final Pattern LEADING_HOST = Pattern.compile(
            "^((?:www\\.)?[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)\\s+(?=\\S)");

    /** A name in parentheses closing a title ("Headline (Site Name)"). */
    private static final Pattern PARENTHESISED_TAIL = Pattern.compile("\\s+\\(([^()]+)\\)$");

    private static final Pattern SEPARATOR = Pattern.compile("\\s+[|\\-\u2013\u2014:\u00b7\u00bb/\u2022~]\\s+|\\s*::\\s*|\\s*\\|\\s*");

    // Selectors parsed once: every page runs them.
    private static final Evaluator NAV = QueryParser.parse("nav");
    private static final Evaluator ARTICLE_OR_MAIN = QueryParser.parse("article, main, [role=main]");

    private TitleFinder() {
    }

    static String find(Document doc, MetaTags meta, JsonLd ld, Set<String> siteNames, Element content) {
        List<String> candidates = new ArrayList<>();
        add(candidates, meta.first("og:title"));
        for (JsonNode a : ld.articles()) {
            add(candidates, JsonLd.text(a, "headline"));
        }
        add(candidates, meta.first("twitter:title"));
        add(candidates, doc.title());
        for (JsonNode a : ld.articles()) {
            add(candidates, JsonLd.text(a, "name"));
        }
        add(candidates, meta.first("title", "dc.title", "dcterms.title", "sailthru.title", "parsely-title"));

        List<String> keys = new ArrayList<>();
        List<String> spellings = new ArrayList<>();
        // Each candidate without the site name, worked out once for the agreement keys and the fallback below.
        List<String> bareCandidates = new ArrayList<>(candidates.size());
        for (String c : candidates) {
            keys.add(Text.normalize(c));
            spellings.add(Text.clean(c));
            String bare = withoutSiteName(c, siteNames);
            bareCandidates.add(bare);
            keys.add(Text.normalize(bare));
            spellings.add(bare);
        }
        List<Element> headings = new ArrayList<>();
        String prefixed = null;
        for (Element h : meta.headings()) {
            String text = Text.orNull(h.text());
            // A heading of several words that merely starts with the site's name is still a headline.
            if (text == null || text.length() < 3 || ArticleScope.insideBoilerplateTag(h)
                    || namesTheSite(text, siteNames)) {
                continue;
            }
            // Templates append the site's name to the heading too ("Headline – Site"); link aggregators append the
            // linked story's source and a score ("Headline (example.com) 87").
            String bare = withoutSiteName(withoutSourceTag(text), siteNames);
            String agreed = agreeing(bare, keys, spellings);
            if (agreed == null && !bare.equals(text)) {
                agreed = agreeing(text, keys, spellings);
            }
            if (agreed == null) {
                agreed = repairedBy(bare, spellings);
            }
            if (agreed != null) {
                return withoutTagline(agreed);
            }
            // A heading that agrees with the metadata is the headline wherever it stands; one that does not
            // must at least not be the site's logo.
            if (!isLogo(h)) {
                headings.add(h);
                if (prefixed == null && words(bare) >= 2) {
                    prefixed = standingBeforeSeparator(bare, keys, spellings);
                }
            }
            if (headings.size() >= 8) {
                break;
            }
        }
        String fromMeta = null;
        for (String cleaned : bareCandidates) {
            if (cleaned != null && cleaned.length() >= 3) {
                fromMeta = cleaned;
                break;
            }
        }
        // A heading that the metadata title starts with, before a separator and a site name or tagline too long
        // for agreement ("Headline - The Example Programming Language"), beats headings the metadata never names.
        if (prefixed != null) {
            return withoutTagline(prefixed);
        }
        // Metadata titles are often written for search engines; the page's own headline is what readers see,
        // unless the page's main heading is a label ("Blog", "Pricing", a call to action) rather than a headline.
        Element h1 = pickHeading(headings, content);
        if (h1 != null) {
            String text = withoutSiteName(h1.text(), siteNames);
            if (fromMeta == null || !isShouted(text) && !isLabelBeside(text, fromMeta)
                    && !isKickerBefore(text, fromMeta) && words(text) <= LONGEST_HEADLINE_WORDS) {
                return withoutTagline(text);
            }
        }
        return fromMeta == null ? null : withoutTagline(fromMeta);
    }

    /** The metadata title behind a kicker, date or label ("Blog: Title", "Dec 18 2025 Title") in the heading. */
    private static boolean isKickerBefore(String heading, String metaTitle) {
        String h = Text.normalize(heading);
        String m = Text.normalize(metaTitle);
        if (words(m) < 3 || h.length() <= m.length() || !h.endsWith(m) || h.charAt(h.length() - m.length() - 1) != ' ') {
            return false;
        }
        String kicker = h.substring(0, h.length() - m.length()).strip();
        // "The Best Scooters" beside "Best Scooters" is the same headline, not a kicker.
        return words(kicker) <= 4 && !kicker.matches("the|a|an");
    }

    /**
     * The headline as the metadata agrees with it, or null when no metadata title holds the heading: equal, or
     * standing before or after a separator with the site name or a tagline on the other side.
     */
    private static String agreeing(String text, List<String> keys, List<String> spellings) {
        String t = Text.normalize(text);
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            String typed = spellings.get(i);
            if (k.equals(t)) {
                // The same title in other capitals: the metadata keeps the title as written. Quotes and dashes stay
                // as the h1 shows them.
                return typed != null && typed.equalsIgnoreCase(Text.clean(text)) ? typed : text;
            }
            if (typed != null && k.length() > t.length() && joinsWithSeparator(k, t)) {
                return typed;
            }
            // The headline may stand alone in the metadata or with the site name beside it, never inside it.
            if (k.startsWith(t) && isSeparatorAt(k, t.length()) && t.length() * 2 > k.length()) {
                return inMetadataCapitals(text, typed, 0);
            }
            if (k.endsWith(t) && isSeparatorBefore(k, k.length() - t.length()) && t.length() * 2 > k.length()) {
                return inMetadataCapitals(text, typed, k.length() - t.length());
            }
        }
        return null;
    }

    /**
     * The heading as a longer metadata title spells it from {@code at}, when the heading is set all in capitals or
     * all in small letters and the two differ only in that: templates shout or lower-case the h1 ("WEEKEND CODING
     * AGENT" beside "Weekend Coding Agent | Labs"). Beside a title with more in it, a heading in mixed case is the
     * editor's own ("Review and Approval" beside an SEO plugin's "Review And Approval | Site") and stays as it
     * stands, quotes and dashes included.
     */
    private static String inMetadataCapitals(String heading, String typed, int at) {
        String h = Text.clean(heading);
        if (typed == null || typed.length() < at + h.length() || !isOneCase(h)) {
            return heading;
        }
        String part = typed.substring(at, at + h.length());
        return part.equalsIgnoreCase(h) ? part : heading;
    }

    /**
     * The metadata spelling of a heading that lost characters to a charset mismatch: where the heading shows
     * '?' or U+FFFD inside its text ("Planning? Beginner? Guide"), the metadata shows one or two other characters
     * ("Planning: Beginner's Guide") and agrees everywhere else. Null when the heading is intact or no spelling fits.
     */
    private static String repairedBy(String heading, List<String> spellings) {
        int last = heading.length() - 1;
        int q = heading.indexOf('?');
        int r = heading.indexOf('\ufffd');
        if ((q < 0 || q == last) && (r < 0 || r == last)) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int i = 0; i <= last; i++) {
            char c = heading.charAt(i);
            if (c == '?' || c == '\ufffd') {
                regex.append(Pattern.quote(heading.substring(from, i))).append("[^?\\s\ufffd]{1,2}");
                from = i + 1;
            }
        }
        regex.append(Pattern.quote(heading.substring(from)));
        Pattern damaged = Pattern.compile(regex.toString());
        for (String s : spellings) {
            if (s != null && damaged.matcher(s).matches()) {
                return s;
            }
        }
        return null;
    }

    /**
     * True when the metadata title is the heading with a separator between two of its words ("Title - Subtitle"
     * beside "Title Subtitle"): the heading sets its parts in elements of their own, a line apart, and the metadata
     * spells out the break.
     */
    private static boolean joinsWithSeparator(String key, String heading) {
        var m = SEPARATOR.matcher(key);
        while (m.find()) {
            if (m.start() > 0 && key.charAt(m.start()) == ' ' && key.charAt(m.end() - 1) == ' '
                    && key.length() - (m.end() - m.start()) + 1 == heading.length()
                    && heading.startsWith(key.substring(0, m.start())) && heading.endsWith(key.substring(m.end()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The heading when some metadata title starts with it and goes on after a separator, in the metadata's
     * capitals when only they differ (a lower-cased "history of coffee" beside "History of coffee | Origins");
     * null when no metadata title starts with it.
     */
    private static String standingBeforeSeparator(String text, List<String> keys, List<String> spellings) {
        String t = Text.normalize(text);
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            if (k.length() > t.length() && k.startsWith(t) && isSeparatorAt(k, t.length())) {
                return inMetadataCapitals(text, spellings.get(i), 0);
            }
        }
        return null;
    }

    /** Letters all in capitals: a heading typed that way is a banner or label, not the title as written. */
    private static boolean isShouted(String text) {
        boolean letters = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letters |= Character.isUpperCase(c);
        }
        return letters && words(text) >= 2;
    }

    /** Letters all capitals or all small, at least one of them. */
    private static boolean isOneCase(String text) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        return upper != lower;
    }

    /** A short heading sharing (almost) no words with the metadata title names a section, not this article. */
    private static boolean isLabelBeside(String heading, String metaTitle) {
        if (words(heading) > 5) {
            return false;
        }
        Set<String> a = wordSet(heading);
        Set<String> b = wordSet(metaTitle);
        int shared = 0;
        for (String w : a) {
            if (b.contains(w)) {
                shared++;
            }
        }
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return !all.isEmpty() && shared * 100 < all.size() * 15;
    }

    private static Set<String> wordSet(String s) {
        Set<String> out = new HashSet<>();
        for (String w : Text.normalize(s).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The headline without a tagline or section after a pipe ("Best Movers in NYC | Top 19 Companies",
     * "... | Opinion"): headlines themselves do not use pipes.
     */
    static String withoutTagline(String title) {
        int bar = title.indexOf(" | ");
        if (bar > 0 && words(title.substring(0, bar)) >= 3 && words(title.substring(bar + 3)) <= 5) {
            return title.substring(0, bar).strip();
        }
        return title;
    }

    private static Element pickHeading(List<Element> headings, Element content) {
        if (headings.isEmpty()) {
            return null;
        }
        if (content != null) {
            for (Element h : headings) {
                if (ArticleScope.contains(content, h)) {
                    if (isDeepIn(content, h)) {
                        // Later headings of the article stand further in still.
                        break;
                    }
                    return h;
                }
            }
        }
        for (Element h : headings) {
            if (h.normalName().equals("h1") && (content == null || !ArticleScope.contains(content, h)
                    || !isDeepIn(content, h))) {
                return h;
            }
        }
        return null;
    }

    /**
     * True when more than {@link #TEXT_BEFORE_HEADLINE} characters of the article's text come before the heading:
     * a headline opens the article, so a heading after paragraphs of it names a section or a pull quote.
     */
    private static boolean isDeepIn(Element content, Element heading) {
        int[] seen = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node == heading || seen[0] > TEXT_BEFORE_HEADLINE) {
                    return FilterResult.STOP;
                }
                if (node instanceof TextNode t) {
                    seen[0] += t.text().strip().length();
                }
                return FilterResult.CONTINUE;
            }
        }, content);
        return seen[0] > TEXT_BEFORE_HEADLINE;
    }

    private static boolean isLogo(Element h) {
        for (Element x = h; x != null && !x.normalName().equals("body"); x = x.parent()) {
            if (x.normalName().equals("a") || marksLogo(x.className()) || marksLogo(x.id())) {
                return true;
            }
            // The page's masthead carries the navigation; an article's own header may carry breadcrumbs. A
            // masthead's heading names the site in a few words; a sentence there is the page's own headline.
            if (x.normalName().equals("header") && x.selectFirst(NAV) != null
                    && x.closest(ARTICLE_OR_MAIN) == null && words(h.text()) <= 4) {
                return true;
            }
        }
        return false;
    }

    /**
     * A class or id naming a logo or brand ("site-logo", "navbar-brand"). Class names that blogs derive from the
     * post's tags and categories ("tag-fashion-brands", "category-logos") describe the article, not the layout.
     */
    private static boolean marksLogo(String marks) {
        for (String token : marks.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!token.startsWith("tag-") && !token.startsWith("category-")
                    && (token.contains("logo") || token.contains("brand"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSeparatorAt(String k, int at) {
        return at < k.length() && SEPARATOR.matcher(k.substring(at, Math.min(k.length(), at + 4))).lookingAt();
    }

    private static boolean isSeparatorBefore(String k, int at) {
        if (at <= 0) {
            return false;
        }
        String before = k.substring(Math.max(0, at - 4), at);
        // "Site Blog: Headline" puts the colon straight after the name.
        return SEPARATOR.matcher(before).find() && (before.endsWith(" ") || before.endsWith("|"))
                || before.endsWith(": ");
    }

    private static void add(List<String> list, String value) {
        String v = Text.orNull(value);
        if (v != null && !list.contains(v)) {
            list.add(v);
        }
    }

    /** The heading without a trailing "(example.com)" or "(example.com) 87". */
    private static String withoutSourceTag(String heading) {
        var m = SOURCE_TAG.matcher(heading);
        return m.find() && m.start() > 0 ? heading.substring(0, m.start()) : heading;
    }

    /**
     * The title with a leading or trailing site name (" | Site", "Site - ", "(Site)", or the host name before the
     * headline) taken off.
     */
    static String withoutSiteName(String title, Set<String> siteNames) {
        if (title == null) {
            return null;
        }
        String t = Text.clean(title);
        var host = LEADING_HOST.matcher(t);
        if (host.find() && isNameOrShortening(squash(host.group(1)), siteNames)
                && words(t.substring(host.end())) >= 2) {
            t = t.substring(host.end());
        }
        var named = PARENTHESISED_TAIL.matcher(t);
        if (named.find() && words(t.substring(0, named.start())) >= 2 && isSiteName(named.group(1), siteNames)) {
            t = t.substring(0, named.start()).strip();
        }
        for (int round = 0; round < 2; round++) {
            var m = SEPARATOR.matcher(t);
            List<int[]> seps = new ArrayList<>();
            while (m.find()) {
                seps.add(new int[] {m.start(), m.end()});
            }
            if (seps.isEmpty()) {
                return t;
            }
            int[] last = seps.get(seps.size() - 1);
            int[] first = seps.get(0);
            String tail = t.substring(last[1]);
            String head = t.substring(0, first[0]);
            if (isSiteName(tail, siteNames)) {
                t = t.substring(0, last[0]).strip();
            } else if (isSiteName(head, siteNames)) {
                t = t.substring(first[1]).strip();
            } else if (seps.size() == 1 && t.substring(last[0], last[1]).contains("|") && words(tail) <= 4
                    && words(head) > words(tail)) {
                // "Headline | Brand" is by far the common shape even when the brand is spelled differently.
                t = head.strip();
            } else {
                return t;
            }
        }
        return t;
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    /**
     * A heading that is the site's name, whole or shortened ("Harbour News" on harbournews.example): the
     * masthead's. A heading that goes on past the name ("Harbour News Catalog") names a page of the site.
     */
    private static boolean namesTheSite(String heading, Set<String> siteNames) {
        return words(heading) <= 3 && isNameOrShortening(squash(heading), siteNames);
    }

    /** A title part that is the site's name, whole, shortened or with a word added ("Harbour News Online"). */
    static boolean isSiteName(String part, Set<String> siteNames) {
        String p = squash(part);
        return isNameOrShortening(p, siteNames) || startsWithName(p, siteNames);
    }

    /** True when the squashed text is one of the site's names or, at 4 characters or more, the start of one. */
    private static boolean isNameOrShortening(String p, Set<String> siteNames) {
        if (p.isEmpty()) {
            return false;
        }
        for (String s : siteNames) {
            if (p.equals(s) || p.length() >= 4 && s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when the squashed text, 4 characters or more, starts with one of the site's names of 4 or more. */
    private static boolean startsWithName(String p, Set<String> siteNames) {
        if (p.length() < 4) {
            return false;
        }
        for (String s : siteNames) {
            if (s.length() >= 4 && p.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static String squash(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The site's own names (og:site_name, publisher, host labels), squashed to letters and digits. */
    static Set<String> siteNames(MetaTags meta, JsonLd ld, String url) {
        Set<String> names = new LinkedHashSet<>();
        addName(names, meta.first("og:site_name"));
        addName(names, meta.first("application-name"));
        addName(names, meta.first("apple-mobile-web-app-title"));
        addName(names, meta.first("twitter:site") == null ? null : meta.first("twitter:site").replace("@", ""));
        for (JsonNode n : ld.all()) {
            if (JsonLd.hasType(n, Set.of("website", "organization", "newsmediaorganization"))) {
                addName(names, JsonLd.text(n, "name"));
            }
        }
        for (JsonNode a : ld.articles()) {
            addName(names, JsonLd.text(a, "publisher"));
        }
        String host = Urls.host(url);
        if (host != null) {
            String bare = host.startsWith("www.") ? host.substring(4) : host;
            addName(names, bare);
            if (bare.lastIndexOf('.') > 0) {
                addName(names, bare.substring(0, bare.lastIndexOf('.')));
            }
            String[] labels = host.split("\\.");
            for (String label : labels) {
                if (label.length() >= 4 && !label.equals("www") && !label.equals("blog") && !label.equals("news")) {
                    addName(names, label);
                }
            }
        }
        return names;
    }

    private static void addName(Set<String> names, String name) {
        if (name != null) {
            String s = squash(name);
            if (s.length() >= 2) {
                names.add(s);
            }
        }
    }
}
