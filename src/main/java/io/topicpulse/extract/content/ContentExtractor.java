package io.topicpulse.extract.content;

import org.jsoup.nodes.Attributes;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
        List<Stats> stats = measure(body);
        restoreMisjudged(stats);
        int root = root(stats);
        TextWriter writer = new TextWriter(stats);
        for (int lead : leadBefore(root, stats)) {
            writer.write(lead);
        }
        writer.write(root);
        return new MainContent(stats.get(root).element, writer.text());
    }

    /**
     * Per-element measures, filled bottom-up. The measures of a page are a list in document order (pre-order) of
     * its visible elements, the body first; a subtree is a contiguous range of it, so walks need no element-keyed
     * map.
     */
    static final class Stats {
        final Element element;
        /** Index of the parent's measures; -1 for the body. */
        final int parent;
        /** Index just after the last of the subtree's measures: the next sibling's, or the parent's end. */
        int end;
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
        /** The element starts a block of text ({@link Hints#BLOCKS}). */
        boolean block;

        Stats(Element element, int parent) {
            this.element = element;
            this.parent = parent;
        }

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    /**
     * Blocks of article-like text right before the root, up to a few levels up: the lead paragraph often sits in
     * the article header, apart from the body container. Scanning stops at the first block that does not look
     * like article text, so only a contiguous run is taken; the result is in document order.
     */
    private static List<Integer> leadBefore(int root, List<Stats> stats) {
        List<Integer> lead = new ArrayList<>();
        int current = root;
        for (int level = 0; level < LEAD_LEVELS && current > 0; level++) {
            int parent = stats.get(current).parent;
            List<Integer> before = new ArrayList<>();
            for (int sibling = parent + 1; sibling < current; sibling = stats.get(sibling).end) {
                before.add(sibling);
            }
            boolean stop = false;
            for (int i = before.size() - 1; i >= 0; i--) {
                Stats s = stats.get(before.get(i));
                if (s.mass == 0) {
                    continue;
                }
                if (s.boilerplate || s.linkDensity() > 0.3 || s.mass < s.chars / 2) {
                    stop = true;
                    break;
                }
                lead.add(before.get(i));
            }
            if (stop) {
                break;
            }
            current = parent;
        }
        Collections.reverse(lead);
        return lead;
    }

    /**
     * A subtree that holds most of the page's text is the article, whatever its class says ("newsletter-post",
     * "tag-navigation"): it loses its boilerplate mark and its text counts for its ancestors again.
     */
    private static void restoreMisjudged(List<Stats> stats) {
        int pageAll = stats.get(0).all;
        List<Stats> restored = new ArrayList<>();
        for (Stats s : stats) {
            if (s.boilerplate && s.all * 2 >= pageAll && s.all > 0 && !s.element.normalName().equals("nav")) {
                restored.add(s);
            }
        }
        // Each restored subtree's mass, as measured, left out only its own boilerplate descendants, so adding
        // those measured masses (not ones already raised here) to every ancestor is exact in any order.
        int[] ownMass = new int[restored.size()];
        for (int i = 0; i < restored.size(); i++) {
            Stats s = restored.get(i);
            s.boilerplate = false;
            ownMass[i] = s.mass;
        }
        for (int i = 0; i < restored.size(); i++) {
            int mass = ownMass[i];
            for (int a = restored.get(i).parent; a >= 0; a = stats.get(a).parent) {
                stats.get(a).mass += mass;
            }
        }
    }

    /**
     * The deepest element that holds at least {@link #ROOT_SHARE} of the page's article-like text, not going
     * below an element whose text is split between children (an article in several sibling sections).
     */
    private static int root(List<Stats> stats) {
        double need = ROOT_SHARE * stats.get(0).mass;
        int current = 0;
        while (true) {
            int next = -1;
            int bestMass = 0;
            Stats cs = stats.get(current);
            for (int child = current + 1; child < cs.end; child = stats.get(child).end) {
                Stats s = stats.get(child);
                if (!s.boilerplate && s.mass > bestMass) {
                    bestMass = s.mass;
                    next = child;
                }
            }
            if (next < 0 || bestMass == 0 || bestMass < need || bestMass < LOCAL_SHARE * cs.mass) {
                return current;
            }
            current = next;
        }
    }

    private static List<Stats> measure(Element body) {
        List<Stats> stats = new ArrayList<>();
        Map<String, Integer> memo = new HashMap<>();
        int[] open = new int[64];
        int depthOpen = 0;
        int linkDepth = 0;
        Node node = body;
        int depth = 0;
        // Iterative pre/post-order walk: pages nest deeply enough to overflow a recursive one.
        while (node != null) {
            boolean descend = false;
            if (node instanceof Element e) {
                int kind = Hints.kind(e.normalName());
                if ((kind & Hints.INVISIBLE_TAG) == 0) {
                    Stats s = new Stats(e, depthOpen == 0 ? -1 : open[depthOpen - 1]);
                    s.block = (kind & Hints.BLOCK_TAG) != 0;
                    Attributes attrs = e.attributesSize() == 0 ? null : e.attributes();
                    s.hidden = Hints.hidden(attrs);
                    s.boilerplate = Hints.boilerplate(e, attrs, s.hidden, memo);
                    if (depthOpen == open.length) {
                        open = Arrays.copyOf(open, depthOpen * 2);
                    }
                    open[depthOpen++] = stats.size();
                    stats.add(s);
                    if (e.normalName().equals("a")) {
                        linkDepth++;
                    }
                    descend = e.childNodeSize() > 0;
                    if (!descend) {
                        linkDepth = close(stats, open, depthOpen--, linkDepth);
                    }
                }
            } else if (node instanceof TextNode t && depthOpen > 0) {
                count(t.getWholeText(), stats.get(open[depthOpen - 1]), linkDepth > 0);
            }
            if (descend) {
                node = node.childNode(0);
                depth++;
                continue;
            }
            while (node.nextSibling() == null && depth > 0) {
                node = node.parentNode();
                depth--;
                linkDepth = close(stats, open, depthOpen--, linkDepth);
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

    /**
     * Finishes the innermost open element: adds its counts to its parent's; a block turns its inline text into
     * mass.
     *
     * @param open      indexes of the open elements' measures, innermost last
     * @param depthOpen how many are open, the one to finish included
     */
    private static int close(List<Stats> stats, int[] open, int depthOpen, int linkDepth) {
        Stats s = stats.get(open[depthOpen - 1]);
        s.end = stats.size();
        String tag = s.element.normalName();
        if (tag.equals("a")) {
            linkDepth--;
            s.linkChars = s.chars;
        }
        boolean block = s.block;
        if (block && s.inline >= MIN_BLOCK_CHARS) {
            s.mass += s.inline;
            s.all += s.inline;
        }
        if (depthOpen > 1) {
            Stats parent = stats.get(open[depthOpen - 2]);
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
