package io.topicpulse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.RunConfig;
import io.topicpulse.jobs.RunDriver;
import io.topicpulse.jobs.SparkTestSession;
import io.topicpulse.jobs.Stage;
import io.topicpulse.topics.Lexicon;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report and KWIC lines over tables the whole pipeline wrote: from sample-data/, and from pages whose titles,
 * text, authors and URLs are hostile; both reports opened in headless Chromium.
 */
@Tag("slow")
class ReportOnTablesTest {

    @TempDir
    static Path tmp;

    private static SparkSession spark;
    private static Lexicon lexicon;
    private static ReportJob.Written sample;
    private static ReportJob.Written hostile;
    private static Path hostileOut;

    @BeforeAll
    static void runThePipelineAndWriteBothReports() throws IOException {
        spark = SparkTestSession.start();
        lexicon = Lexicon.load(Path.of("jobs/lexicon.yaml"));
        Path sampleOut = run("sample-data", tmp.resolve("sample"));
        sample = ReportJob.run(spark, new ReportConfig(sampleOut.toUri().toString(), tmp.resolve("sample.html"), List.of(), null, null,
                lexicon));
        Path pages = tmp.resolve("hostile-input/pages.jsonl");
        Files.createDirectories(pages.getParent());
        Files.writeString(pages, HostilePages.jsonl(), StandardCharsets.UTF_8);
        hostileOut = run(pages.getParent().toString(), tmp.resolve("hostile"));
        hostile = ReportJob.run(spark, new ReportConfig(hostileOut.toUri().toString(), tmp.resolve("hostile.html"), List.of(), null,
                null, lexicon));
    }

    private static Path run(String input, Path out) throws IOException {
        InputFiles.Expansion inputs = InputFiles.expand(new Configuration(), List.of(input));
        RunDriver.run(spark, RunConfig.full(new PipelineConfig("run", EnumSet.allOf(Stage.class), List.of(input),
                inputs.files(), inputs.ignored(), out.toUri().toString(), lexicon, 3, "report-test")));
        return out;
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void theSampleReportHasOneChartPerTopicAndTheSpikeOf13NovemberWithItsKwicLines() throws Exception {
        Chromium.assumeInstalled();
        Document dom = BrowserChecks.assertNothingInjected(Chromium.dumpDom(sample.file(), tmp));
        assertEquals(lexicon.topics().size(), dom.select("section.topic").size());
        for (Element topic : dom.select("section.topic")) {
            assertEquals(1, topic.select("svg.chart").size(), topic.id());
        }
        Element spikeRow = dom.selectFirst("table.spikes tr[data-date=2024-11-13]");
        assertNotNull(spikeRow, "the spike of 2024-11-13 in the spike table");
        assertTrue(spikeRow.text().contains("sanctions") && spikeRow.text().contains("33"), spikeRow.text());
        Element behind = dom.selectFirst("section.spike-detail[data-date=2024-11-13]");
        assertNotNull(behind, "KWIC lines behind the spike");
        List<Element> lines = behind.select("ol.kwic li");
        assertTrue(lines.size() >= 3, "KWIC lines: " + lines.size());
        for (Element line : lines) {
            assertTrue(line.selectFirst("a[href^=https://]") != null, "linked title: " + line);
            assertTrue(line.select("mark").stream().allMatch(m -> m.text().toLowerCase().startsWith("sanction")),
                    line.toString());
        }
        assertTrue(behind.text().contains("copy of the same text"), "the syndicated wire story shows once");
    }

    @Test
    void theSampleReportScreenshotAt1280PixelsIsNotBlank() throws Exception {
        Chromium.assumeInstalled();
        Path png = Chromium.screenshot(sample.file(), tmp.resolve("report.png"), 1280, 2000, tmp);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "colours in the screenshot: " + colours.size());
        // For the README: mvn test -Dtest=ReportOnTablesTest -Dtopicpulse.screenshot=docs/report.png
        String keep = System.getProperty("topicpulse.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theSampleReportIsSmall() {
        assertTrue(sample.bytes() < 2_000_000, sample.bytes() + " bytes");
        assertEquals(1, sample.spikes());
    }

    @Test
    void aReportOnHostilePagesRendersWithNothingInjectedAndItsMarkerIntact() throws Exception {
        Chromium.assumeInstalled();
        assertTrue(spark.read().format("delta").load(hostileOut.resolve("articles").toString())
                .filter(col("url").startsWith("javascript:").or(col("url").startsWith("data:"))).count() > 0,
                "hostile URLs reached the articles table");
        Document dom = BrowserChecks.assertNothingInjected(Chromium.dumpDom(hostile.file(), tmp));
        Element behind = dom.selectFirst("section.spike-detail");
        assertNotNull(behind, "the hostile spike has KWIC lines");
        assertTrue(behind.text().contains("<script>"), "hostile text shows as text: " + behind.text());
        assertTrue(HostilePages.AUTHORS.stream().limit(4).anyMatch(behind.text()::contains),
                "hostile authors show as text: " + behind.text());
    }

    @Test
    void kwicListsTheSentencesBehindTheSpikeOnlyFromThatDay() {
        KwicQuery query = new KwicQuery("sanctions", null, LocalDate.of(2024, 11, 13), LocalDate.of(2024, 11, 13),
                null, 50, lexicon);
        List<KwicLine> lines = query.run(new PublishedTables(spark, tmp.resolve("sample").toUri().toString()));
        assertFalse(lines.isEmpty());
        int marks = 0;
        for (KwicLine l : lines) {
            assertEquals(LocalDate.of(2024, 11, 13), l.date());
            marks += l.snippet().marks().size();
        }
        // 33 mentions that day; the wire copy's 4 are on its first copy's line, not printed twice.
        assertEquals(29, marks);
        assertEquals(1, lines.stream().mapToInt(KwicLine::copies).sum(), "the wire copy, counted once");
        String csv = KwicLine.format(lines, KwicLine.Format.CSV);
        assertTrue(csv.startsWith("date,host,url,title,in_title,context,copies\n"), csv);
        assertTrue(csv.contains("[[sanctions]]") || csv.contains("[[Sanctions]]"), csv);
    }

    @Test
    void kwicFindsAnyTermOnTheDaysTermDailyHasIt() {
        List<KwicLine> lines = new KwicQuery(null, "Kardenia", null, null, null, 5, lexicon)
                .run(new PublishedTables(spark, tmp.resolve("sample").toUri().toString()));
        assertEquals(5, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.snippet().bracketed().toLowerCase().contains("[[kardenia]]")));
    }

    /** Pages made to attack the report: markup, script URLs, handlers and bidi overrides in every field. */
    static final class HostilePages {

        /** Author names the extractor keeps as they are (it drops what does not look like a byline). */
        static final List<String> AUTHORS = List.of("Jane <b onmouseover=alert(1)>Doe</b>",
                "Jane Doe <script>alert(1)</script>", "<img src=x onerror=\"document.title='pwned'\">",
                "<!-- Smith", "John \u202ESmith");

        private HostilePages() {
        }

        static String jsonl() {
            ObjectMapper json = new ObjectMapper();
            StringBuilder sb = new StringBuilder();
            LocalDate first = LocalDate.of(2024, 9, 20);
            // A quiet baseline: one article a day, a mention of sanctions every fourth day.
            for (int i = 0; i < 45; i++) {
                LocalDate d = first.plusDays(i);
                String text = "The council met about the harbour budget. " + (i % 4 == 0 ? "A sanction was lifted. "
                        : "Nothing else happened. ") + "Ferries ran on time and the weather was mild.";
                sb.append(line(json, "https://quiet.example/news/" + d + "/item-" + i, d, "Harbour budget " + i,
                        "Clerk", text)).append('\n');
            }
            LocalDate spike = first.plusDays(45);
            List<String> urls = List.of("javascript:alert(document.domain)//x", "data:text/html,<script>alert(1)</script>",
                    "https://evil.example/\"><script>alert(1)</script>", "https://evil.example/ok-4",
                    "JavaScript:alert(2)//y");
            List<String> hostile = new ArrayList<>(Reports.HOSTILE);
            for (int i = 0; i < urls.size(); i++) {
                String attack = hostile.get(i % hostile.size()) + " " + hostile.get((i + 3) % hostile.size());
                String text = "The Union adopted sanctions " + attack + " on Kardenia. Sanctions hit "
                        + hostile.get((i + 5) % hostile.size()) + " exporters. Officials said sanctions "
                        + "would stay \u202Etxet desrever\u202C until spring. <!-- Traders shrugged.";
                sb.append(line(json, urls.get(i), spike, "Sanctions " + attack, AUTHORS.get(i), text)).append('\n');
            }
            return sb.toString();
        }

        private static final String[] FILLER = ("port ferry budget council harbour mayor tide grain market bridge "
                + "river school rail tram museum garden bakery tower clock square fountain library theatre court "
                + "hospital canal pier lighthouse festival").split(" ");

        private static String line(ObjectMapper json, String url, LocalDate date, String title, String author,
                                   String text) {
            // Words drawn per page, so that no two pages are near-duplicates and each shows on its own KWIC line.
            java.util.Random words = new java.util.Random(url.hashCode());
            StringBuilder paragraphs = new StringBuilder();
            for (String sentence : text.split("(?<=\\.) ")) {
                paragraphs.append("<p>").append(escape(sentence)).append(" Also:");
                for (int w = 0; w < 25; w++) {
                    paragraphs.append(' ').append(FILLER[words.nextInt(FILLER.length)]);
                }
                paragraphs.append(".</p>\n");
            }
            String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                    + "<meta name=\"author\" content=\"" + escape(author) + "\">"
                    + "<meta property=\"article:published_time\" content=\"" + date + "T09:00:00Z\">"
                    + "</head><body><article><h1>" + escape(title) + "</h1><p class=\"byline\">By "
                    + escape(author) + "</p>" + paragraphs + "</article></body></html>";
            ObjectNode o = json.createObjectNode();
            o.put("url", url).put("html", html).put("fetched_at", date.plusDays(1) + "T00:00:00Z");
            return o.toString();
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
