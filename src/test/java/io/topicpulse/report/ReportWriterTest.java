package io.topicpulse.report;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    @Test
    void drawsOneChartPerTopicAndOneComparisonChart() {
        Document page = Jsoup.parse(ReportWriter.render(Reports.of("sanctions", "axis", "Sanctions adopted",
                "The Union adopted sanctions.", "https://a.example/x", "a.example")));
        assertEquals(2, page.select("section.topic svg.chart").size());
        assertEquals(1, page.select("#compare svg.chart").size());
        assertEquals(2, page.select("#compare svg.chart path").size());
        assertEquals(1, page.select("section.topic svg circle.spike").size());
        assertEquals(1, page.select("section.topic svg rect.weak").size(), "days 10 and 11 make one band");
    }

    @Test
    void listsTheSpikeAndTheSentencesBehindIt() {
        Document page = Jsoup.parse(ReportWriter.render(Reports.of("sanctions", "axis", "Sanctions adopted",
                "The Union adopted sanctions. Then it rained.", "https://a.example/x", "a.example")));
        Element row = page.selectFirst("table.spikes tbody tr");
        assertEquals("2024-10-30", row.attr("data-date"));
        assertTrue(row.text().contains("a.example 67%"), row.text());
        Element line = page.selectFirst("#behind ol.kwic li");
        assertEquals("https://a.example/x", line.selectFirst("a").attr("href"));
        assertEquals("Sanctions adopted", line.selectFirst("a").text());
        assertEquals("Sanctions", line.selectFirst(".ctx.title mark").text());
        assertTrue(line.text().contains("and 2 copies of the same text (a.example, c.example)"), line.text());
    }

    @Test
    void escapesEveryTextFromPagesAndLinksOnlyHttpUrls() {
        String html = ReportWriter.render(Reports.of(Reports.HOSTILE_TITLE, "<b>axis</b>", Reports.HOSTILE_TITLE,
                "sanctions " + Reports.HOSTILE_TITLE, "javascript:alert(1)", "<script>h</script>"));
        Document page = Jsoup.parse(html);
        assertTrue(page.select("script, iframe, img, body[onload], svg[onload]").isEmpty(), "no injected element");
        for (Element e : page.getAllElements()) {
            e.attributes().forEach(a -> assertFalse(a.getKey().toLowerCase().startsWith("on"), a.toString()));
            assertFalse(e.attr("href").toLowerCase().contains("javascript:"), e.toString());
        }
        assertFalse(html.contains("\u202E"), "no RTL override");
        assertFalse(html.contains("<!-- "), "no comment opened by page text");
        assertEquals(1, page.select("#" + ReportWriter.MARKER_ID).size());
        assertTrue(page.selectFirst("#behind").text().contains("<script>document.title='pwned'</script>"));
    }

    @Test
    void fetchesNothingAndRunsNothing() {
        String html = ReportWriter.render(Reports.of("a", "b", "t", "sanctions", "https://a.example/", "a.example"));
        Document page = Jsoup.parse(html);
        assertTrue(page.select("script, link, img, iframe, object, embed").isEmpty());
        assertTrue(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")
                .startsWith("default-src 'none'"));
        assertFalse(html.contains("url("), "no CSS that loads anything");
    }
}
