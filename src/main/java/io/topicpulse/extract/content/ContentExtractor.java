package io.topicpulse.extract.content;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the article's main text in a parsed page and leaves navigation, sidebars and other boilerplate out.
 *
 * <p>One walk over the body measures every element: visible text, link text, and "article-like" text, i.e. runs
 * of at least 40 non-link characters inside a block, not counting subtrees that tag, class/id words, ARIA role
 * or inline style mark as furniture (nav, footer, share, related, comments, cookie, newsletter, caption,
 * byline...). The root is the deepest element that holds most of that text, not going below an element whose
 * text is split between several children (articles split over sibling sections). A contiguous run of
 * article-like blocks just before the root is taken as the lead. A second walk writes the root's paragraphs,
 * headings, list items, quotes, table cells and preformatted blocks, skipping furniture, link lists and short
 * loose labels. The headline ({@code h1}) is not part of the text: in the WCXB benchmark the true body starts
 * after it (24 of 790 bodies start with the title). The document is only read, never changed.
 */
public final class ContentExtractor {

    /** Share of the page's article-like text that the root must hold; the deepest such element is the root. */
    private static final double ROOT_SHARE = 0.7;
    /** Share of its parent's article-like text a child must hold to become the root instead of its parent. */
    private static final double LOCAL_SHARE = 0.8;
    /** How many levels above the root the lead paragraph is looked for. */
    private static final int LEAD_LEVELS = 3;
    /** Text runs shorter than this (labels, dates, buttons) do not count as article-like text. */
    private static final int MIN_BLOCK_CHARS = 40;

    /** Returns the main content; never modifies {@code doc}, which the metadata extractor reads afterwards. */
    public MainContent extract(Document doc) {
        if (doc == null) {
            throw new IllegalArgumentException("doc must not be null");
        }
        Element body = doc.body();
        if (body == null) {
            return MainContent.EMPTY;
        }
        Map<Element, Stats> stats = measure(body);
        restoreMisjudged(body, stats);
        Element root = root(body, stats);
        TextWriter writer = new TextWriter(stats);
        for (Element lead : leadBefore(root, body, stats)) {
            writer.write(lead);
        }
        writer.write(root);
        return new MainContent(root, writer.text());
    }

    /** Per-element measures, filled bottom-up. */
    static final class Stats {
        /** Visible characters (no whitespace) in the subtree. */
        int chars;
        /** Those of them inside links. */
        int linkChars;
        /** Non-link characters of this block's own inline text, while the walk is inside it. */
        int inline;
        /** Article-like text in the subtree: blocks of enough non-link text, boilerplate subtrees left out. */
        int mass;
        /** Like mass, but counting boilerplate subtrees too. */
        int all;
        /** Class, id, tag, role or visibility mark the subtree as boilerplate. */
        boolean boilerplate;
        /** Attribute, ARIA or inline style hide the element from readers. */
        boolean hidden;

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    /**
     * Blocks of article-like text right before the root, up to a few levels up: the lead paragraph often sits in
     * the article header, apart from the body container. Scanning stops at the first block that does not look
     * like article text, so only a contiguous run is taken; the result is in document order.
     */
    private static List<Element> leadBefore(Element root, Element body, Map<Element, Stats> stats) {
        List<Element> lead = new ArrayList<>();
        Element current = root;
        for (int level = 0; level < LEAD_LEVELS && current != body && current.parent() != null; level++) {
            boolean stop = false;
            for (Element sibling = current.previousElementSibling(); sibling != null;
                 sibling = sibling.previousElementSibling()) {
                Stats s = stats.get(sibling);
                if (s == null || s.mass == 0) {
                    continue;
                }
                if (s.boilerplate || s.linkDensity() > 0.3 || s.mass < s.chars / 2) {
                    stop = true;
                    break;
                }
                lead.add(sibling);
            }
            if (stop) {
                break;
            }
            current = current.parent();
        }
        java.util.Collections.reverse(lead);
        return lead;
    }

    /**
     * A subtree that holds most of the page's text is the article, whatever its class says ("newsletter-post",
     * "tag-navigation"): it loses its boilerplate mark and its text counts for its ancestors again.
     */
    private static void restoreMisjudged(Element body, Map<Element, Stats> stats) {
        int pageAll = stats.get(body).all;
        List<Element> restored = new ArrayList<>();
        for (Map.Entry<Element, Stats> en : stats.entrySet()) {
            Stats s = en.getValue();
            if (s.boilerplate && s.all * 2 >= pageAll && s.all > 0 && !en.getKey().normalName().equals("nav")) {
                restored.add(en.getKey());
            }
        }
        // Each restored subtree's mass, as measured, left out only its own boilerplate descendants, so adding
        // those measured masses (not ones already raised here) to every ancestor is exact in any order.
        int[] ownMass = new int[restored.size()];
        for (int i = 0; i < restored.size(); i++) {
            Stats s = stats.get(restored.get(i));
            s.boilerplate = false;
            ownMass[i] = s.mass;
        }
        for (int i = 0; i < restored.size(); i++) {
            Element e = restored.get(i);
            int mass = ownMass[i];
            for (Element a = e.parent(); a != null; a = a.parent()) {
                Stats as = stats.get(a);
                if (as == null) {
                    break;
                }
                as.mass += mass;
            }
        }
    }

    /**
     * The deepest element that holds at least {@link #ROOT_SHARE} of the page's article-like text, not going
     * below an element whose text is split between children (an article in several sibling sections).
     */
    private static Element root(Element body, Map<Element, Stats> stats) {
        Stats bs = stats.get(body);
        double need = ROOT_SHARE * (bs == null ? 0 : bs.mass);
        Element current = body;
        while (true) {
            Element next = null;
            int bestMass = 0;
            for (Element child : current.children()) {
                Stats s = stats.get(child);
                if (s != null && !s.boilerplate && s.mass > bestMass) {
                    bestMass = s.mass;
                    next = child;
                }
            }
            if (next == null || bestMass == 0 || bestMass < need || bestMass < LOCAL_SHARE * stats.get(current).mass) {
                return current;
            }
            current = next;
        }
    }

    private static Map<Element, Stats> measure(Element body) {
        Map<Element, Stats> stats = new IdentityHashMap<>();
        Map<String, Integer> memo = new HashMap<>();
        List<Stats> stack = new ArrayList<>();
        int linkDepth = 0;
        Node node = body;
        int depth = 0;
        // Iterative pre/post-order walk: pages nest deeply enough to overflow a recursive one.
        while (node != null) {
            boolean descend = false;
            if (node instanceof Element e) {
                if (!Hints.INVISIBLE.contains(e.normalName())) {
                    Stats s = new Stats();
                    s.hidden = Hints.hidden(e);
                    s.boilerplate = Hints.boilerplate(e, s.hidden, memo);
                    stats.put(e, s);
                    stack.add(s);
                    if (e.normalName().equals("a")) {
                        linkDepth++;
                    }
                    descend = e.childNodeSize() > 0;
                    if (!descend) {
                        linkDepth = close(e, stack, linkDepth);
                    }
                }
            } else if (node instanceof TextNode t && !stack.isEmpty()) {
                count(t.getWholeText(), stack.get(stack.size() - 1), linkDepth > 0);
            }
            if (descend) {
                node = node.childNode(0);
                depth++;
                continue;
            }
            while (node.nextSibling() == null && depth > 0) {
                node = node.parentNode();
                depth--;
                linkDepth = close((Element) node, stack, linkDepth);
            }
            if (depth == 0) {
                break;
            }
            node = node.nextSibling();
        }
        return stats;
    }

    private static void count(String text, Stats s, boolean inLink) {
        int chars = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!TextWriter.isSpace(text.charAt(i))) {
                chars++;
            }
        }
        s.chars += chars;
        if (inLink) {
            s.linkChars += chars;
        } else {
            s.inline += chars;
        }
    }

    /** Finishes an element: adds its counts to its parent's; a block turns its inline text into mass. */
    private static int close(Element e, List<Stats> stack, int linkDepth) {
        Stats s = stack.remove(stack.size() - 1);
        String tag = e.normalName();
        if (tag.equals("a")) {
            linkDepth--;
            s.linkChars = s.chars;
        }
        boolean block = Hints.BLOCKS.contains(tag);
        if (block && s.inline >= MIN_BLOCK_CHARS) {
            s.mass += s.inline;
            s.all += s.inline;
        }
        if (!stack.isEmpty()) {
            Stats parent = stack.get(stack.size() - 1);
            parent.chars += s.chars;
            parent.linkChars += s.linkChars;
            parent.all += s.all;
            if (!s.boilerplate) {
                parent.mass += s.mass;
                if (!block) {
                    parent.inline += s.inline;
                }
            }
        }
        return linkDepth;
    }
}
