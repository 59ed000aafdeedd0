package io.topicpulse.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the DOM a browser built from a report. */
final class BrowserChecks {

    /** The elements a report never makes itself: any of them in the DOM was injected by page text. */
    private static final String FOREIGN = "script, iframe, img, object, embed, frame, frameset, link, base, form, "
            + "input, textarea, video, audio, foreignObject, animate, set, use, image, math, meta[http-equiv=refresh]";

    private BrowserChecks() {
    }

    /** Fails on any injected element, event-handler attribute or script URL; returns the parsed DOM. */
    static Document assertNothingInjected(String dom) {
        Document page = Jsoup.parse(dom);
        assertEquals(List.of(), page.select(FOREIGN).stream().map(Element::toString).toList(), "injected elements");
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                assertFalse(name.startsWith("on"), "event handler attribute: " + e.cssSelector() + " " + a);
                assertFalse(value.startsWith("javascript:") || value.startsWith("data:")
                        || value.startsWith("vbscript:"), "script URL: " + e.cssSelector() + " " + a);
            }
            if (e.nameIs("a")) {
                assertTrue(e.attr("href").startsWith("#") || e.attr("href").matches("(?i)^https?://.*"),
                        "link: " + e);
            }
        }
        assertFalse(page.body().text().contains("\u202E"), "an RTL override reached the page");
        Element marker = page.getElementById(ReportWriter.MARKER_ID);
        assertNotNull(marker, "the report's own marker element");
        assertEquals("main", marker.tagName());
        assertEquals(page.body(), marker.parent(), "the marker element sits directly in body");
        assertEquals(1, page.body().children().size(), "nothing beside the marker element in body");
        for (String section : List.of("compare", "spikes", "behind", "health")) {
            assertNotNull(marker.getElementById(section), "section #" + section + " inside the marker");
        }
        assertTrue(page.title().startsWith("topicpulse report "), "the page title: " + page.title());
        return page;
    }
}
