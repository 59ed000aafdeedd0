package io.topicpulse.report;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report made of hostile titles, text, hosts, authors and URLs, opened in headless Chromium. */
class HostileReportBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void aReportOfHostileRowsRendersWithNothingInjectedAndItsMarkerIntact() throws Exception {
        Chromium.assumeInstalled();
        Report report = Reports.of(Reports.HOSTILE_TITLE, "</svg><svg onload=alert(1)>", Reports.HOSTILE_TITLE,
                "The sanctions were " + Reports.HOSTILE_TITLE + ". Sanctions again <!-- " + Reports.HOSTILE_TITLE,
                "javascript:alert(document.domain)", "<img src=x onerror=alert(1)>.example");
        Path page = tmp.resolve("report.html");
        Files.writeString(page, ReportWriter.render(report), StandardCharsets.UTF_8);
        Document dom = BrowserChecks.assertNothingInjected(Chromium.dumpDom(page, tmp));
        assertTrue(dom.getElementById("behind").text().contains("<script>document.title='pwned'</script>"),
                "the hostile title shows as text");
    }

    @Test
    void dataUrlsAndUrlsWithQuotesDoNotBecomeLinks() throws Exception {
        Chromium.assumeInstalled();
        Report report = Reports.of("sanctions", "axis", "t", "sanctions",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "a.example");
        Path page = tmp.resolve("report.html");
        Files.writeString(page, ReportWriter.render(report), StandardCharsets.UTF_8);
        Document dom = BrowserChecks.assertNothingInjected(Chromium.dumpDom(page, tmp));
        assertTrue(dom.select("#behind a").isEmpty(), "no link for a data: URL");
    }
}
