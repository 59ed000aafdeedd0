package io.topicpulse.extract.content;

import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** What {@link #kind} says of a tag: in {@link #INVISIBLE}, in {@link #BLOCKS}. */
    static final int INVISIBLE_TAG = 1;
    static final int BLOCK_TAG = 2;

    /** {@link #INVISIBLE} and {@link #BLOCKS} as one map: the walk over every element asks once instead of twice. */
    private static final Map<String, Integer> KINDS = kinds();

    private static Map<String, Integer> kinds() {
        Map<String, Integer> kinds = new HashMap<>();
        INVISIBLE.forEach(tag -> kinds.merge(tag, INVISIBLE_TAG, (a, b) -> a | b));
        BLOCKS.forEach(tag -> kinds.merge(tag, BLOCK_TAG, (a, b) -> a | b));
        return kinds;
    }

    /** {@link #INVISIBLE_TAG} and {@link #BLOCK_TAG} bits of a tag name; 0 for neither. */
    static int kind(String tag) {
        Integer kind = KINDS.get(tag);
        return kind == null ? 0 : kind;
    }

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

    /** A word's roles, as bits of the trie below. */
    private static final int NEGATIVE_PART = 1;
    private static final int NEGATIVE_NAME = 2;
    private static final int ARTICLE_LIKE = 4;

    /**
     * The words above in one trie over a-z and 0-9: a class name is scored by walking its characters once, without
     * building a lower-cased copy of each part (this runs on every element of every page).
     */
    private static final WordTrie WORDS = WordTrie.of(Map.of(NEGATIVE_PART, NEGATIVE_PARTS,
            NEGATIVE_NAME, NEGATIVE_NAMES, ARTICLE_LIKE, POSITIVE));

    /** +1 for an article-like class/id, −1 for a boilerplate one, 0 for neither or both. */
    private static int classHint(String cls, String id, Map<String, Integer> memo) {
        return Integer.signum(memoHint(cls, memo) + memoHint(id, memo));
    }

    /**
     * Class attributes repeat a lot within a page ("menu-item" on every entry): looking a value up costs a hash
     * and a compare, well below scoring it again.
     */
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
     * Scores one attribute value of space-separated names: −1 when a name is boilerplate and none is
     * article-like, +1 when one is article-like and none boilerplate. A name is split into parts at non-letters
     * and camel humps ("relatedPosts", "nav_top"); some words count as parts, others only as the whole name.
     */
    static int hint(String names) {
        boolean positive = false;
        boolean negative = false;
        int n = names.length();
        int i = 0;
        while (i < n) {
            while (i < n && isWhitespace(names.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isWhitespace(names.charAt(i))) {
                i++;
            }
            if (start == i || taxonomy(names, start)) {
                continue;
            }
            int part = WordTrie.ROOT;
            int partLength = 0;
            int whole = WordTrie.ROOT;
            for (int j = start; j <= i; j++) {
                char c = j < i ? names.charAt(j) : ' ';
                boolean letter = isLetterOrDigit(c);
                boolean hump = j > start && isUpperCase(c) && isLowerCase(names.charAt(j - 1));
                if ((!letter || hump) && partLength > 0) {
                    int roles = WORDS.roles(part);
                    negative |= (roles & NEGATIVE_PART) != 0;
                    positive |= (roles & ARTICLE_LIKE) != 0;
                    part = WordTrie.ROOT;
                    partLength = 0;
                }
                if (letter) {
                    char lc = toLowerCase(c);
                    part = WORDS.next(part, lc);
                    partLength++;
                    whole = WORDS.next(whole, lc);
                }
            }
            int roles = WORDS.roles(whole);
            negative |= (roles & (NEGATIVE_PART | NEGATIVE_NAME)) != 0;
            positive |= (roles & ARTICLE_LIKE) != 0;
        }
        if (negative == positive) {
            return 0;
        }
        return negative ? -1 : 1;
    }

    // Class names are nearly always ASCII: these skip the Unicode tables for it.

    private static boolean isLetterOrDigit(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean isWhitespace(char c) {
        if (c < 0x80) {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001c' && c <= '\u001f';
        }
        return Character.isWhitespace(c);
    }

    private static char toLowerCase(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    private static boolean isUpperCase(char c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    private static boolean isLowerCase(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
    }

    /** Lower-case ASCII words with role bits; a walk that leaves the trie stays at {@link #NONE}. */
    private static final class WordTrie {
        static final int ROOT = 0;
        static final int NONE = -1;
        private static final int SYMBOLS = 36;

        /** Child of node n by symbol s at n * SYMBOLS + s; 0 (the root, never a child) for none. */
        private final int[] next;
        private final int[] roles;

        private WordTrie(int[] next, int[] roles) {
            this.next = next;
            this.roles = roles;
        }

        /** A trie of every word of each set, marked with the set's role bit. */
        static WordTrie of(Map<Integer, Set<String>> wordsByRole) {
            List<int[]> children = new ArrayList<>();
            List<Integer> roles = new ArrayList<>();
            children.add(new int[SYMBOLS]);
            roles.add(0);
            wordsByRole.forEach((role, words) -> {
                for (String word : words) {
                    int node = ROOT;
                    for (int i = 0; i < word.length(); i++) {
                        int symbol = symbol(word.charAt(i));
                        if (symbol < 0) {
                            throw new IllegalArgumentException("words must be lower-case ASCII letters or digits: "
                                    + word);
                        }
                        if (children.get(node)[symbol] == 0) {
                            children.get(node)[symbol] = children.size();
                            children.add(new int[SYMBOLS]);
                            roles.add(0);
                        }
                        node = children.get(node)[symbol];
                    }
                    roles.set(node, roles.get(node) | role);
                }
            });
            int[] next = new int[children.size() * SYMBOLS];
            for (int n = 0; n < children.size(); n++) {
                System.arraycopy(children.get(n), 0, next, n * SYMBOLS, SYMBOLS);
            }
            return new WordTrie(next, roles.stream().mapToInt(Integer::intValue).toArray());
        }

        int next(int node, char c) {
            if (node == NONE) {
                return NONE;
            }
            int symbol = symbol(c);
            if (symbol < 0) {
                return NONE;
            }
            int child = next[node * SYMBOLS + symbol];
            return child == 0 ? NONE : child;
        }

        int roles(int node) {
            return node == NONE ? 0 : roles[node];
        }

        private static int symbol(char c) {
            if (c >= 'a' && c <= 'z') {
                return c - 'a';
            }
            if (c >= '0' && c <= '9') {
                return 26 + c - '0';
            }
            return -1;
        }
    }

    /** Class names that label what a post is about rather than what a block is ("tag-navigation", "category-news"). */
    private static boolean taxonomy(String names, int start) {
        return names.startsWith("tag-", start) || names.startsWith("category-", start)
                || names.startsWith("tags-", start) || names.startsWith("topic-", start)
                || names.startsWith("post_tag-", start) || names.startsWith("section-", start);
    }

    /**
     * True when tag, class, id, ARIA role or visibility mark the element's subtree as page furniture.
     *
     * @param attrs  the element's attributes, null when it has none (asked once by the caller: counting is a loop)
     * @param hidden what {@link #hidden(Attributes)} says of the element, which the caller keeps too
     * @param memo   class and id scores already computed on this page
     */
    static boolean boilerplate(Element e, Attributes attrs, boolean hidden, Map<String, Integer> memo) {
        if (attrs == null) {
            return FURNITURE_TAGS.contains(e.normalName());
        }
        int hint = classHint(attrs.get("class"), attrs.get("id"), memo);
        if (hint < 0) {
            return true;
        }
        // An article-like class beats the tag: some sites put the whole article text inside a <header>.
        return (FURNITURE_TAGS.contains(e.normalName()) && hint == 0) || hidden || furnitureRole(attrs.get("role"));
    }

    /** True for elements hidden from readers by attribute, ARIA or inline style; null attributes are none. */
    static boolean hidden(Attributes attrs) {
        if (attrs == null) {
            return false;
        }
        if (attrs.hasKey("hidden") || "true".equals(attrs.get("aria-hidden"))) {
            return true;
        }
        String style = attrs.get("style");
        if (style.isEmpty()) {
            return false;
        }
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }

    /** True for ARIA landmark roles that are not the article. */
    static boolean furnitureRole(String role) {
        return switch (role) {
            case "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
                 "alert", "alertdialog", "toolbar" -> true;
            default -> false;
        };
    }
}
