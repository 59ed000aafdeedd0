package io.topicpulse.extract.meta;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of a page that belong to the article: the headline's block and the main content. Dates and bylines are
 * only looked for there, so the header's "today", sidebars, "Latest" lists and comments are never read.
 */
final class ArticleScope {

    // Whole words of class names and ids only: "node--promoted" or "commentary" are not boilerplate.
    private static final Pattern BOILERPLATE = Pattern.compile(
            "(?i)(?<![a-z])(side-?bar|related|recommend(ed|ations?)?|popular|most-?read|most-?viewed|latest|"
                    + "trending|comment|footer|navbar|navigation|menu|teaser|more-?(stories|news|articles)|read-?more|"
                    + "newsletter|promo|advert|advertisement|ticker|breaking|top-?bar|masthead|site-?header|also-?read|"
                    + "you-?may|outbrain|taboola|carousel|subscribe|subscription|cookie|modal|popup|today|"
                    + "current-?date|date-?today|clock|weather)s?(?-i:(?![a-z]))");

    // Selectors parsed once: every page runs them, some per element.
    private static final Evaluator LI = QueryParser.parse("li");
    private static final Evaluator A = QueryParser.parse("a");
    private static final Evaluator FIGCAPTION = QueryParser.parse("figcaption");
    private static final Evaluator LINK = QueryParser.parse("a[href]");
    private static final Evaluator ARTICLE = QueryParser.parse("article");
    private static final Evaluator NAVIGATION = QueryParser.parse("nav, [role=navigation]");
    private static final Evaluator LESSER_HEADINGS =
            QueryParser.parse("h2, h3, h4, [class~=(?i)title|headline], [itemprop=headline]");

    /** Headings of blocks that list other stories: their dates belong to those stories. */
    private static final Pattern LISTING_HEADING = Pattern.compile(
            "(?iu)^\\W*(latest|related|most (read|popular|viewed|shared)|more (news|stories|from|on)|read (more|also)|"
                    + "recommended|popular|trending|top stories|also (read|on)|see also|you may|what to read|"
                    + "in other news|más leíd|lo último|relacionad|à lire aussi|les plus lus|dernières|meistgelesen|"
                    + "neueste|weitere|читайте также|последние|популярн|новости по теме|останні|leggi anche|"
                    + "ultime|mais lid|últimas|son dakika|en çok okunan|ilgili)");

    /** Text nodes longer than this are body paragraphs, not bylines or datelines. */
    static final int LONG_LINE = 200;

    private final Element headline;
    private final Element content;
    private final Document document;
    private final List<Element> areas = new ArrayList<>();
    private final Map<Element, Boolean> boilerplate = new IdentityHashMap<>();
    private final Map<String, Boolean> boilerplateMarks = new HashMap<>();
    private final Set<Element> headlineAncestors = Collections.newSetFromMap(new IdentityHashMap<>());

    private ArticleScope(Document document, Element headline, Element content) {
        this.document = document;
        this.headline = headline;
        this.content = content;
        if (headline != null) {
            areas.add(headerBlock(headline));
            for (Element x = headline; x != null; x = x.parent()) {
                headlineAncestors.add(x);
            }
        }
        if (content != null && (areas.isEmpty() || !contains(areas.get(0), content))) {
            areas.add(content);
        }
    }

    /**
     * Finds the headline element agreeing with {@code title} and the article's areas around it.
     *
     * @param meta the page's meta tags, whose walk already gathered the page's h1 elements
     */
    static ArticleScope of(Document doc, MetaTags meta, Element content, String title) {
        return new ArticleScope(doc, findHeadline(doc, meta, content, title), content);
    }

    /** The h1 (or heading) of the article, or null. */
    Element headline() {
        return headline;
    }

    /** Where article metadata may be: the headline's block first, then the main content. */
    List<Element> areas() {
        return areas;
    }

    Element content() {
        return content;
    }

    /** The whole page, for the last-resort searches that may look beyond the article. */
    Document document() {
        return document;
    }

    /** True when the element sits in navigation, a sidebar, a list of other stories or comments. */
    boolean isBoilerplate(Element e) {
        for (Element x = e; x != null && !(x instanceof Document); x = x.parent()) {
            if (isArea(x) || headlineAncestors.contains(x)) {
                // Whatever holds the headline is the article's own container, whatever its class says.
                return false;
            }
            Boolean known = boilerplate.get(x);
            if (known == null) {
                String marks = x.className();
                if (!x.id().isEmpty()) {
                    marks = marks + " " + x.id();
                }
                known = boilerplateTag(x) || !marks.isEmpty() && boilerplateMarks(marks) || headsAListing(x);
                boilerplate.put(x, known);
            }
            if (known) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when class names or id say boilerplate. They repeat across a page ("menu-item" on every entry of a
     * menu): the pattern runs once per distinct value.
     */
    private boolean boilerplateMarks(String marks) {
        Boolean known = boilerplateMarks.get(marks);
        if (known == null) {
            known = BOILERPLATE.matcher(marks).find();
            boilerplateMarks.put(marks, known);
        }
        return known;
    }

    /** True when the element's own heading (among its first children) announces a list of other stories. */
    private static boolean headsAListing(Element x) {
        int seen = 0;
        // Child nodes, not children(): that builds the list of all child elements to read the first three.
        for (int i = 0; i < x.childNodeSize(); i++) {
            if (!(x.childNode(i) instanceof Element child)) {
                continue;
            }
            if (++seen > 3) {
                break;
            }
            String tag = child.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '2' && tag.charAt(1) <= '6'
                    && LISTING_HEADING.matcher(child.text()).find()) {
                return true;
            }
        }
        return false;
    }

    /** True when the element stands in a list item that links elsewhere: a teaser of another story. */
    static boolean inLinkedListItem(Element e) {
        Element item = e.closest(LI);
        return item != null && item.selectFirst(LINK) != null && e.closest(A) == null
                && item.text().length() < LONG_LINE;
    }

    private boolean isArea(Element x) {
        for (Element a : areas) {
            if (a == x) {
                return true;
            }
        }
        return false;
    }

    private static boolean boilerplateTag(Element x) {
        String tag = x.normalName();
        return tag.equals("nav") || tag.equals("aside") && !isSmallNote(x) || tag.equals("form") || tag.equals("head")
                // An article's own footer holds its byline; the page footer holds copyright and links.
                || tag.equals("footer") && x.closest(ARTICLE) == null
                || tag.equals("header") && x.selectFirst(NAVIGATION) != null;
    }


    /** True for an aside too small to list other stories: the article's margin note with its date or author. */
    private static boolean isSmallNote(Element aside) {
        return aside.select(LINK).size() <= 1 && !textLongerThan(aside, SMALL_NOTE);
    }

    private static final int SMALL_NOTE = 100;

    /** How much text after and before the headline may hold its byline and dateline. */
    private static final int AFTER_HEADLINE = 1000;
    private static final int BEFORE_HEADLINE = 300;

    private List<TextNode> after;
    private List<TextNode> before;

    /** The short lines after the headline (computed once). */
    List<TextNode> linesAfter() {
        if (after == null) {
            after = linesAfterHeadline(AFTER_HEADLINE);
        }
        return after;
    }

    /** The short lines before the headline, nearest first (computed once). */
    List<TextNode> linesBefore() {
        if (before == null) {
            before = linesBeforeHeadline(BEFORE_HEADLINE);
        }
        return before;
    }

    /** Short lines of text after the headline, in page order, until the article body starts or enough was read. */
    List<TextNode> linesAfterHeadline(int maxChars) {
        List<TextNode> lines = new ArrayList<>();
        if (headline == null) {
            return lines;
        }
        int[] budget = {maxChars};
        for (Node n = headline; n != null && budget[0] > 0 && !(n instanceof Document); n = n.parentNode()) {
            for (Node sib = n.nextSibling(); sib != null && budget[0] > 0; sib = sib.nextSibling()) {
                collect(sib, lines, budget);
            }
        }
        return lines;
    }

    /** Short lines of text before the headline, nearest first. */
    List<TextNode> linesBeforeHeadline(int maxChars) {
        List<TextNode> lines = new ArrayList<>();
        if (headline == null) {
            return lines;
        }
        int[] budget = {maxChars};
        for (Node n = headline; n != null && budget[0] > 0 && !(n instanceof Document); n = n.parentNode()) {
            for (Node sib = n.previousSibling(); sib != null && budget[0] > 0; sib = sib.previousSibling()) {
                collectBackwards(sib, lines, budget);
            }
        }
        return lines;
    }

    /** Like {@link #collect} but from the last text node to the first; false once the budget is spent. */
    private boolean collectBackwards(Node node, List<TextNode> lines, int[] budget) {
        if (budget[0] <= 0) {
            return false;
        }
        if (node instanceof Element e) {
            if (skipped(e)) {
                return true;
            }
            for (int i = e.childNodeSize() - 1; i >= 0; i--) {
                if (!collectBackwards(e.childNode(i), lines, budget)) {
                    return false;
                }
            }
        } else if (node instanceof TextNode t) {
            String s = t.text().strip();
            if (s.length() > LONG_LINE) {
                budget[0] = 0;
                return false;
            }
            if (!s.isEmpty()) {
                lines.add(t);
                budget[0] -= s.length();
            }
        }
        return true;
    }

    private boolean skipped(Element e) {
        String tag = e.normalName();
        return tag.equals("script") || tag.equals("style") || tag.equals("noscript") || tag.equals("svg")
                || isBoilerplate(e);
    }

    private void collect(Node root, List<TextNode> lines, int[] budget) {
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (budget[0] <= 0) {
                    return FilterResult.STOP;
                }
                if (node instanceof Element e) {
                    return skipped(e) ? FilterResult.SKIP_ENTIRELY : FilterResult.CONTINUE;
                }
                if (node instanceof TextNode t) {
                    String s = t.text().strip();
                    if (s.length() > LONG_LINE && (isCaption(t) || inHeaderBlock(t))) {
                        // A photo caption or a standfirst under the headline may sit above the dateline.
                        return FilterResult.CONTINUE;
                    }
                    if (s.length() > LONG_LINE) {
                        // A paragraph: the article body has begun and bylines are behind us.
                        budget[0] = 0;
                        return FilterResult.STOP;
                    }
                    if (!s.isEmpty()) {
                        lines.add(t);
                        budget[0] -= s.length();
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, root);
    }

    /** True when the text stands in the headline's own block, which is small by construction. */
    private boolean inHeaderBlock(TextNode t) {
        return headline != null && !areas.isEmpty() && areas.get(0) != headline && contains(areas.get(0), t.parent());
    }

    /** True when the text is an image's caption: in a figcaption, or beside an image in the same element. */
    private static boolean isCaption(TextNode t) {
        Element parent = t.parent();
        if (parent == null) {
            return false;
        }
        if (parent.closest(FIGCAPTION) != null) {
            return true;
        }
        for (Element sibling : parent.children()) {
            String tag = sibling.normalName();
            if (tag.equals("img") || tag.equals("picture")) {
                return true;
            }
        }
        return false;
    }

    /** The smallest ancestor of the headline that also holds its byline and dates, not the whole page. */
    private static Element headerBlock(Element headline) {
        Element block = headline;
        int limit = headline.text().length() + 600;
        for (int i = 0; i < 3; i++) {
            Element up = block.parent();
            if (up == null || up.normalName().equals("body") || up.normalName().equals("html")) {
                break;
            }
            boolean large = textLongerThan(up, limit);
            if (large && i > 0) {
                break;
            }
            block = up;
            if (large) {
                break;
            }
        }
        return block;
    }

    /** Whether the element's text exceeds {@code limit} characters, without building all of it. */
    private static boolean textLongerThan(Element e, int limit) {
        int[] length = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    length[0] += t.getWholeText().length();
                }
                return length[0] > limit ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, e);
        return length[0] > limit;
    }

    private static Element findHeadline(Document doc, MetaTags meta, Element content, String title) {
        String wanted = title == null ? null : Text.normalize(title);
        Element first = null;
        for (Element h : meta.headings()) {
            if (!h.normalName().equals("h1")) {
                continue;
            }
            String t = Text.normalize(h.text());
            if (t.isEmpty() || insideBoilerplateTag(h)) {
                continue;
            }
            if (wanted != null && (t.equals(wanted) || wanted.contains(t) && t.length() > 15
                    || t.contains(wanted) && wanted.length() > 15)) {
                return h;
            }
            if (first == null || content != null && contains(content, h) && !contains(content, first)) {
                first = h;
            }
        }
        if (first == null && wanted != null && wanted.length() > 15) {
            // Pages without an h1 still show the headline, in a lesser heading or a styled block.
            for (Element h : doc.select(LESSER_HEADINGS)) {
                if (Text.normalize(h.ownText()).equals(wanted) || Text.normalize(h.text()).equals(wanted)
                        && !insideBoilerplateTag(h)) {
                    return h;
                }
            }
        }
        return first;
    }

    /** True when a nav, aside or footer holds the element. */
    static boolean insideBoilerplateTag(Element e) {
        for (Element x = e.parent(); x != null; x = x.parent()) {
            String tag = x.normalName();
            if (tag.equals("nav") || tag.equals("aside") || tag.equals("footer")) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(Element ancestor, Element e) {
        for (Element x = e; x != null; x = x.parent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }
}
