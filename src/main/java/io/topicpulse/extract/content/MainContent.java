package io.topicpulse.extract.content;

import org.jsoup.nodes.Element;

/**
 * The main content of a page as the content extractor found it.
 *
 * @param root the element that holds most of the article text (for metadata lookups near the article), or null
 * @param text paragraphs, headings and list items of the article, separated by a blank line; empty when none
 */
public record MainContent(Element root, String text) {

    public static final MainContent EMPTY = new MainContent(null, "");
}
