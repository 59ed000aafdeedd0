package io.topicpulse.extract.content;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.List;

/** Writes the text of article subtrees as blocks separated by a blank line, skipping boilerplate inside them. */
final class TextWriter {

    private static final int MIN_LOOSE_WORDS = 5;

    private final List<ContentExtractor.Stats> stats;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder block = new StringBuilder();
    private boolean space;
    /** The block being written started in text that sits directly in a layout element, not in a paragraph. */
    private boolean loose;

    TextWriter(List<ContentExtractor.Stats> stats) {
        this.stats = stats;
    }

    /**
     * Appends the text of a subtree.
     *
     * @param root index of the subtree root's measures; the walk keeps in step with them, as they are in the
     *             same document order and only invisible elements have none
     */
    void write(int root) {
        int rootChars = stats.get(root).chars;
        int next = root;
        Node node = stats.get(root).element;
        int depth = 0;
        while (node != null) {
            boolean descend = false;
            if (node instanceof Element e) {
                if (!Hints.INVISIBLE.contains(e.normalName())) {
                    ContentExtractor.Stats s = stats.get(next);
                    if (keep(s, rootChars)) {
                        if (s.block) {
                            flush();
                        }
                        descend = e.childNodeSize() > 0;
                        next++;
                    } else {
                        next = s.end;
                    }
                }
            } else if (node instanceof TextNode t) {
                if (block.length() == 0) {
                    loose = isLoose(t);
                }
                append(t.getWholeText());
            }
            if (descend) {
                node = node.childNode(0);
                depth++;
                continue;
            }
            while (node.nextSibling() == null && depth > 0) {
                node = node.parentNode();
                depth--;
                if (Hints.BLOCKS.contains(((Element) node).normalName())) {
                    flush();
                }
            }
            if (depth == 0) {
                break;
            }
            node = node.nextSibling();
        }
        flush();
    }

    private static boolean keep(ContentExtractor.Stats s, int rootChars) {
        String tag = s.element.normalName();
        if (s.hidden || tag.equals("h1") || tag.equals("nav")) {
            return false;
        }
        // A wrapper holding most of the article is never boilerplate, whatever its class says.
        boolean wrapper = s.chars * 2 > rootChars;
        if (wrapper) {
            return true;
        }
        return !s.boilerplate && !(isContainer(tag) && s.linkDensity() > 0.5);
    }

    private static boolean isContainer(String tag) {
        return switch (tag) {
            case "div", "section", "ul", "ol", "dl", "table", "tbody", "tr", "li" -> true;
            default -> false;
        };
    }

    /** Appends the text with each run of whitespace as one space; whole words at a time, not char by char. */
    private void append(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (space) {
                    block.append(' ');
                    space = false;
                }
                block.append(text, start, i);
            }
            if (i < n) {
                space = block.length() > 0;
                i++;
            }
        }
    }

    /** Whitespace as the extractor counts it: Java's whitespace and the no-break space. */
    static boolean isSpace(char c) {
        // Printable ASCII, by far the most common, skips the Unicode table lookup.
        if (c > ' ' && c < '\u007f') {
            return false;
        }
        return Character.isWhitespace(c) || c == '\u00a0';
    }

    /** True when the text's nearest block ancestor is a layout element (div, section) rather than p, li, h2... */
    private static boolean isLoose(TextNode t) {
        Element owner = t.parent();
        while (owner != null && !Hints.BLOCKS.contains(owner.normalName())) {
            owner = owner.parent();
        }
        if (owner == null) {
            return true;
        }
        return switch (owner.normalName()) {
            case "div", "section", "article", "main", "body", "center", "fieldset", "details" -> true;
            default -> false;
        };
    }

    /** Loose text of a few words is a label, a button, a date or a counter, not article text. */
    private boolean isLabel() {
        if (!loose) {
            return false;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < block.length(); i++) {
            boolean letter = Character.isLetterOrDigit(block.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words < MIN_LOOSE_WORDS;
    }

    private void flush() {
        if (block.length() > 0 && isLabel()) {
            block.setLength(0);
        }
        if (block.length() > 0) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(block);
            block.setLength(0);
        }
        space = false;
    }

    String text() {
        flush();
        return out.toString();
    }
}
