package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read errors that one reader of a JSON Lines file meets (a stripe, or the only reader), from a flaky file system. */
class JsonLinesReadErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aPassingReadErrorInOneStripeLosesNothing() throws IOException {
        for (boolean gzip : List.of(false, true)) {
            Path file = fixture(gzip);
            String clean = read(file, 1, 0, "clean").summary();
            List<String> plans = new ArrayList<>(List.of("open"));
            for (long failAt = 0; failAt <= Files.size(file); failAt += gzip ? 23 : 41) {
                plans.add(String.valueOf(failAt));
            }
            for (int stripes = 1; stripes <= 3; stripes++) {
                for (int flaky = 0; flaky < stripes; flaky++) {
                    for (String plan : plans) {
                        assertEquals(clean, read(file, stripes, flaky, plan).summary(),
                                file + ": stripe " + flaky + " of " + stripes + " failing at " + plan);
                    }
                }
            }
        }
    }

    @Test
    void aStripeThatCannotReadAgainReportsTheLinesItDidNotRead() throws IOException {
        Path file = fixture(false);
        List<Long> lineStarts = lineStarts(Files.readAllBytes(file));
        List<String> clean = read(file, 1, 0, "clean").described();
        for (int stripes = 1; stripes <= 3; stripes++) {
            for (int flaky = 0; flaky < stripes; flaky++) {
                for (int line = 2; line <= lineStarts.size(); line++) {
                    long failAt = lineStarts.get(line - 1);
                    // The second read breaks in line 1, before the line the first one broke in, or cannot open.
                    for (String again : List.of("open", String.valueOf(lineStarts.get(0) + 5))) {
                        List<String> got = read(file, stripes, flaky, failAt + "," + again).described();

                        String context = "stripe " + flaky + " of " + stripes + " failing in line " + line
                                + " then " + again;
                        long from = line + Math.floorMod(flaky - (line - 1), stripes);
                        List<String> failures = got.stream().filter(r -> r.contains(" read_failed ")).toList();
                        assertEquals(1, failures.size(), context + ": " + failures);
                        String failure = failures.get(0);
                        assertEquals(from, offsetOf(failure), context);
                        assertTrue(failure.contains("connection lost at byte " + failAt
                                + "; reading the file again failed before reaching it: "), failure);
                        assertTrue(failure.endsWith(stripes == 1 ? "; the rest of the file was not read"
                                : "; stripe " + flaky + " of " + stripes + " (lines " + (flaky + 1) + ", "
                                + (flaky + 1 + stripes) + ", …) did not read its lines from " + from + " on"),
                                failure);
                        // Every other line is yielded as without errors: only the ones the failure names are missing.
                        int stripeCount = stripes;
                        int stripe = flaky;
                        List<String> unnamed = clean.stream().filter(r -> offsetOf(r) < from
                                || (offsetOf(r) - 1) % stripeCount != stripe).toList();
                        assertEquals(unnamed, got.stream().filter(r -> !r.equals(failure)).toList(), context);
                    }
                }
            }
        }
    }

    @Test
    void readsAgainOncePerFailingLineAndGivesUpAfterThreeRereads() throws IOException {
        Path file = fixture(false);
        List<Long> lineStarts = lineStarts(Files.readAllBytes(file));
        List<String> clean = read(file, 1, 0, "clean").described();
        // Each read gets further than the one before, then fails again.
        String plan = lineStarts.get(1) + "," + lineStarts.get(3) + "," + lineStarts.get(5) + ","
                + lineStarts.get(7);

        List<String> got = read(file, 1, 0, plan).described();

        assertEquals(clean.stream().filter(r -> offsetOf(r) < 8).toList(), got.subList(0, got.size() - 1));
        assertEquals("reject 8 null read_failed IOException: flaky: connection lost at byte " + lineStarts.get(7)
                + "; not read again after 3 read errors; the rest of the file was not read", got.get(got.size() - 1));
    }

    @Test
    void endsLinesWhereBufferedReaderDoesOnLineFeedsCarriageReturnsAndBoth() throws IOException {
        String[] ends = {"\n", "\r\n", "\r", "\r\r", "\n\r", "\r\n\r\n", "\r\n"};
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            records.append("{\"url\": \"https://ledger.example/line-").append(i).append("\", \"html\": \"<p>")
                    .append("é".repeat(i % 5)).append("</p>\"}").append(ends[i % ends.length]);
        }
        for (String last : List.of("", "\r", "\n", "\r\n")) {
            String text = records + "{\"url\": \"https://ledger.example/last\", \"html\": \"<p>end</p>\"}" + last;
            Path file = dir.resolve("mixed.jsonl");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            List<String> expected = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
                int number = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    number++;
                    if (!line.isEmpty()) {
                        expected.add(number + " " + line.substring("{\"url\": \"".length(), line.indexOf("\", ")));
                    }
                }
            }
            for (int maxRead : List.of(1, 2, 3, 7, 1 << 16)) {
                for (int stripes = 1; stripes <= 2; stripes++) {
                    Configuration conf = FlakyFileSystem.conf("clean");
                    conf.setInt(FlakyFileSystem.MAX_READ, maxRead);
                    List<String> pages = Reads.ofStripes(stripe -> conf, FlakyFileSystem.inputFile(file), stripes)
                            .pages().stream()
                            .sorted(Comparator.comparingLong(RawPage::offset))
                            .map(p -> p.offset() + " " + p.url()).toList();
                    assertEquals(expected, pages, "ending " + last.replace("\r", "CR").replace("\n", "LF")
                            + ", reads of " + maxRead + " bytes, " + stripes + " stripes");
                }
            }
        }
    }

    private Path fixture(boolean gzip) throws IOException {
        byte[] bytes = HtmlFileReaderTest.fixture("pages.jsonl");
        Path file = dir.resolve(gzip ? "pages.jsonl.gz" : "pages.jsonl");
        Files.write(file, gzip ? HtmlFileReaderTest.gzip(bytes) : bytes);
        return file;
    }

    /** Reads {@code file} in {@code stripes}, stripe {@code flaky} meeting the failures of {@code plan}. */
    private static Reads read(Path file, int stripes, int flaky, String plan) {
        return Reads.ofStripes(stripe -> FlakyFileSystem.conf(stripe == flaky ? plan : "clean"),
                FlakyFileSystem.inputFile(file), stripes);
    }

    private static List<Long> lineStarts(byte[] bytes) {
        List<Long> starts = new ArrayList<>(List.of(0L));
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1L);
            }
        }
        return starts;
    }

    private static long offsetOf(String described) {
        return Long.parseLong(described.split(" ", 3)[1]);
    }
}
