package io.topicpulse.extract.content;

import org.jsoup.nodes.Element;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What tag names, class names, ids and roles say about whether an element is article text or boilerplate. */
final class Hints {

    private Hints() {
    }

    /** Elements whose content is never text: their whole subtree is ignored everywhere. */
    static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "svg", "math", "iframe",
            "object", "embed", "video", "audio", "canvas", "map", "head", "title", "meta", "link", "select",
            "textarea", "input", "option", "button", "picture", "img", "source");

    /** Elements that hold page furniture rather than article text. */
    static final Set<String> FURNITURE_TAGS = Set.of("nav", "aside", "footer", "header", "form", "figure",
            "figcaption", "menu", "dialog", "address", "label");

    /** Elements that start a new block of text. */
    static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
            "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th",
            "caption", "tbody", "thead", "tfoot", "br", "hr", "center", "body", "details", "summary", "fieldset");

    /** Words that mark boilerplate wherever they appear in a class name or id ("related-posts", "nav_main"). */
    private static final Set<String> NEGATIVE_PARTS = Set.of("nav", "navbar", "navigation", "menu", "submenu",
            "sidebar", "related", "relatedposts", "recommended", "recommendations", "popular", "mostread",
            "mostpopular", "trending", "comment", "comments", "commentlist", "disqus", "footer", "header",
            "masthead", "topbar", "share", "sharing", "sharedaddy", "social", "promo", "advert", "advertisement",
            "ad", "ads", "adsbygoogle", "advertising", "banner", "cookie", "cookies", "consent", "gdpr",
            "newsletter", "subscribe", "subscription", "signup", "breadcrumb", "breadcrumbs", "tagcloud", "byline",
            "author", "dateline", "caption", "pagination", "pager", "modal", "popup", "outbrain", "taboola",
            "postmeta", "entrymeta", "screenreader", "sronly", "readmore", "newsletters", "sponsored", "toc",
            "cta", "overlay", "tooltip");

    /** Words that mark boilerplate only as a whole class name or id: as parts they are too common. */
    private static final Set<String> NEGATIVE_NAMES = Set.of("meta", "tags", "tag", "categories", "widget",
            "widgets", "sidebar", "rail", "bio", "credit", "credits", "sponsor", "toolbar", "print", "search",
            "skip", "latest", "more", "related", "login", "alert", "share", "respond", "reply", "aside",
            "secondary", "rating", "ratings", "date", "time", "timestamp", "info", "details", "postinfo");

    private static final Set<String> POSITIVE = Set.of("article", "articlebody", "content", "entry", "main",
            "post", "story", "body", "text", "blog", "prose", "richtext");

    /** +1 for an article-like class/id, −1 for a boilerplate one, 0 for neither or both. */
    static int classHint(Element e, Map<String, Integer> memo) {
        String cls = e.className();
        String id = e.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return 0;
        }
        return Integer.signum(memoHint(cls, memo) + memoHint(id, memo));
    }

    /** Class attributes repeat a lot within a page ("menu-item" on every entry), so their scores are memoised. */
    private static int memoHint(String names, Map<String, Integer> memo) {
        if (names.isEmpty()) {
            return 0;
        }
        Integer known = memo.get(names);
        if (known == null) {
            known = hint(names);
            memo.put(names, known);
        }
        return known;
    }

    /**
     * Scores one attribute value of space-separated names without regular expressions (this runs per element):
     * −1 when a name is boilerplate and none is article-like, +1 when one is article-like and none boilerplate.
     */
    private static int hint(String names) {
        boolean positive = false;
        boolean negative = false;
        int n = names.length();
        int i = 0;
        StringBuilder part = new StringBuilder();
        StringBuilder whole = new StringBuilder();
        while (i < n) {
            while (i < n && Character.isWhitespace(names.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(names.charAt(i))) {
                i++;
            }
            if (start == i || taxonomy(names, start)) {
                continue;
            }
            part.setLength(0);
            whole.setLength(0);
            for (int j = start; j <= i; j++) {
                char c = j < i ? names.charAt(j) : ' ';
                boolean hump = j > start && Character.isUpperCase(c) && Character.isLowerCase(names.charAt(j - 1));
                if ((!Character.isLetterOrDigit(c) || hump) && part.length() > 0) {
                    String p = part.toString();
                    negative |= NEGATIVE_PARTS.contains(p);
                    positive |= POSITIVE.contains(p);
                    part.setLength(0);
                }
                if (Character.isLetterOrDigit(c)) {
                    char lc = Character.toLowerCase(c);
                    part.append(lc);
                    whole.append(lc);
                }
            }
            String w = whole.toString();
            negative |= NEGATIVE_NAMES.contains(w) || NEGATIVE_PARTS.contains(w);
            positive |= POSITIVE.contains(w);
        }
        if (negative == positive) {
            return 0;
        }
        return negative ? -1 : 1;
    }

    /** Class names that label what a post is about rather than what a block is ("tag-navigation", "category-news"). */
    private static boolean taxonomy(String names, int start) {
        return names.startsWith("tag-", start) || names.startsWith("category-", start)
                || names.startsWith("tags-", start) || names.startsWith("topic-", start)
                || names.startsWith("post_tag-", start) || names.startsWith("section-", start);
    }

    /** True when tag, class, id, ARIA role or visibility mark the element's subtree as page furniture. */
    static boolean boilerplate(Element e, Map<String, Integer> memo) {
        if (e.attributesSize() == 0) {
            return FURNITURE_TAGS.contains(e.normalName());
        }
        int hint = classHint(e, memo);
        if (hint < 0) {
            return true;
        }
        // An article-like class beats the tag: some sites put the whole article text inside a <header>.
        return (FURNITURE_TAGS.contains(e.normalName()) && hint == 0) || hidden(e) || furnitureRole(e);
    }

    /** True for elements hidden from readers by attribute, ARIA or inline style. */
    static boolean hidden(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }

    /** True for ARIA landmark roles that are not the article. */
    static boolean furnitureRole(Element e) {
        String role = e.attr("role");
        return switch (role) {
            case "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
                 "alert", "alertdialog", "toolbar" -> true;
            default -> false;
        };
    }
}
