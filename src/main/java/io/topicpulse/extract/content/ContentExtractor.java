package io.topicpulse.extract.content;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;

/** Finds the article's main text in a parsed page and leaves navigation, sidebars and other boilerplate out. */
public final class ContentExtractor {

    /** Returns the main content; never modifies {@code doc}, which the metadata extractor reads afterwards. */
    public MainContent extract(Document doc) {
        Element root = doc.selectFirst("article");
        if (root == null) {
            root = doc.body();
        }
        if (root == null) {
            return MainContent.EMPTY;
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element p : root.select("p")) {
            String t = p.text().strip();
            if (!t.isEmpty()) {
                paragraphs.add(t);
            }
        }
        return new MainContent(root, String.join("\n\n", paragraphs));
    }
}
