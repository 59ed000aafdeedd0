package io.topicpulse.ingest;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesReaderTest {

    @TempDir
    Path dir;

    private Path fixtureCopy(String name, boolean gzip) throws IOException {
        byte[] bytes = HtmlFileReaderTest.fixture("pages.jsonl");
        Path file = dir.resolve(name);
        Files.write(file, gzip ? HtmlFileReaderTest.gzip(bytes) : bytes);
        return file;
    }

    @Test
    void readsOnePagePerLineNumberedFromOne() throws IOException {
        Reads reads = Reads.of(fixtureCopy("pages.jsonl", false));

        List<RawPage> pages = reads.pages();
        assertEquals(List.of(1L, 2L, 4L, 9L, 10L), pages.stream().map(RawPage::offset).toList());
        RawPage first = pages.get(0);
        assertEquals("https://ledger.example/local/ferry", first.url());
        assertEquals(Instant.parse("2024-11-30T08:15:00Z"), first.fetchedAt());
        assertEquals("<html><body><p>Ferry timetable approved.</p></body></html>",
                new String(first.body(), StandardCharsets.UTF_8));
        assertTrue(first.location().endsWith("pages.jsonl@1"), first.location());
    }

    @Test
    void parsesOffsetDateTimesEpochSecondsAndEpochMillis() throws IOException {
        List<RawPage> pages = Reads.of(fixtureCopy("pages.jsonl", false)).pages();

        assertEquals(Instant.parse("2024-11-29T08:00:00Z"), pages.get(1).fetchedAt());
        assertEquals(Instant.ofEpochSecond(1732700000), pages.get(2).fetchedAt());
        assertEquals(Instant.ofEpochMilli(1732700000123L), pages.get(4).fetchedAt());
    }

    @Test
    void readsEpochSecondsWrittenAsStringsAndRejectsLocalTimesWithoutOffset() {
        assertEquals(Instant.ofEpochSecond(1732700000),
                JsonLinesReader.parseInstant(TextNode.valueOf(" 1732700000 ")));
        assertNull(JsonLinesReader.parseInstant(TextNode.valueOf("2024-11-30T08:15:00")));
        assertNull(JsonLinesReader.parseInstant(BooleanNode.TRUE));
    }

    @Test
    void keepsNonAsciiTextThroughTheDecoder() throws Exception {
        RawPage page = Reads.of(fixtureCopy("pages.jsonl", false)).pages().get(1);

        DecodedHtml html = HtmlDecoder.decode(page);

        assertTrue(html.html().contains("Bäckerei gewinnt Preis — «хлеб»."), html.html());
        assertEquals("http", html.charsetSource());
    }

    @Test
    void rejectsBrokenLinesWithTheirLineNumberAndReadsOn() throws IOException {
        Reads reads = Reads.of(fixtureCopy("pages.jsonl", false));

        List<Reject> rejects = reads.rejects();
        assertEquals(List.of(5L, 6L, 7L, 8L), rejects.stream().map(Reject::offset).toList());
        assertTrue(rejects.stream().allMatch(r -> r.reason().equals("malformed_record")));
        assertTrue(rejects.get(0).detail().startsWith("line 5: invalid JSON"), rejects.get(0).detail());
        assertEquals("line 6: missing string field 'html'", rejects.get(1).detail());
        assertEquals("https://ledger.example/no-html", rejects.get(1).url());
        assertEquals("line 7: not a JSON object", rejects.get(2).detail());
        assertEquals("line 8: missing string field 'url'", rejects.get(3).detail());
    }

    @Test
    void keepsAPageWithAnUnreadableFetchTimeAndCountsIt() throws IOException {
        Reads reads = Reads.of(fixtureCopy("pages.jsonl", false));

        RawPage page = reads.pages().get(3);
        assertEquals("https://ledger.example/odd-date", page.url());
        assertNull(page.fetchedAt());
        assertEquals(Map.of("jsonl:bad-fetched_at", 1L), reads.warnings());
        assertEquals(Map.of("jsonl:blank", 1L), reads.skipped());
    }

    @Test
    void readsGzippedJsonLinesTheSame() throws IOException {
        Reads plain = Reads.of(fixtureCopy("pages.jsonl", false));
        Reads gzipped = Reads.of(fixtureCopy("pages.jsonl.gz", true));

        assertEquals(plain.pages().stream().map(RawPage::url).toList(),
                gzipped.pages().stream().map(RawPage::url).toList());
        assertEquals(plain.rejects().size(), gzipped.rejects().size());
    }

    @Test
    void readsALineWithBytesThatAreNotUtf8AsTextWithReplacementCharacters() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        byte[] head = "{\"url\": \"https://ledger.example/caf\", \"html\": \"<p>caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = " au lait</p>\"}\n\u2003\u3000\n   \n".getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(head, head.length + 1 + tail.length);
        line[head.length] = (byte) 0xE9; // "é" in Latin-1: a lone byte UTF-8 does not allow
        System.arraycopy(tail, 0, line, head.length + 1, tail.length);
        Files.write(file, line);

        Reads reads = Reads.of(file);

        assertEquals(1, reads.pages().size());
        assertEquals("<p>caf\uFFFD au lait</p>", new String(reads.pages().get(0).body(), StandardCharsets.UTF_8));
        assertEquals(List.of(), reads.rejects());
        // A line of Unicode spaces and one of ASCII spaces are blank lines, not malformed records.
        assertEquals(Map.of("jsonl:blank", 2L), reads.skipped());
    }

    @Test
    void skipsAByteOrderMarkAtTheStartOfTheFile() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.writeString(file, "\uFEFF{\"url\": \"https://ledger.example/a\", \"html\": \"<p>a</p>\"}\r\n",
                StandardCharsets.UTF_8);

        Reads reads = Reads.of(file);

        assertEquals(List.of(), reads.rejects());
        assertEquals("https://ledger.example/a", reads.pages().get(0).url());
    }

    @Test
    void endsATruncatedGzipWithAReadFailedRejectAtTheLineItReached() throws IOException {
        byte[] compressed = Files.readAllBytes(fixtureCopy("whole.jsonl.gz", true));
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));

        Reads reads = Reads.of(cut);

        Reject last = reads.rejects().get(reads.rejects().size() - 1);
        assertEquals("read_failed", last.reason());
        // Read again once, failing at the same line: an error in the data, reported once.
        assertEquals(1, reads.rejects().stream().filter(r -> r.reason().equals("read_failed")).count());
        assertTrue(last.detail().endsWith("; the rest of the file was not read"), last.detail());
        assertTrue(last.offset() > 0 && last.offset() <= 10, "offset " + last.offset());
        assertTrue(reads.results().get(reads.results().size() - 1) instanceof ReadResult.Rejected);
    }

    @Test
    void stripesOfAFileTogetherYieldWhatOneReaderYields() throws IOException {
        for (Path file : List.of(fixtureCopy("pages.jsonl", false), truncatedGzip())) {
            InputFile input = InputFiles.expand(new Configuration(), List.of(file.toString())).files().get(0);
            Reads whole = Reads.of(new Configuration(), input);
            for (int stripes = 2; stripes <= 4; stripes++) {
                assertEquals(whole.summary(), Reads.ofStripes(stripe -> new Configuration(), input, stripes).summary(),
                        file + " in " + stripes + " stripes");
            }
        }
    }

    @Test
    void refusesToStripeAFormatThatIsNotOneRecordPerLine() {
        InputFile warc = new InputFile("file:/tmp/a.warc.gz", InputFormat.WARC, 1, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageReaders.open(new Configuration(), warc, 0, 2));
        assertTrue(e.getMessage().contains("cannot be striped"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PageReaders.open(new Configuration(), warc, 2, 2));
    }

    private Path truncatedGzip() throws IOException {
        byte[] compressed = Files.readAllBytes(fixtureCopy("whole-for-stripes.jsonl.gz", true));
        Path cut = dir.resolve("cut-for-stripes.jsonl.gz");
        Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));
        return cut;
    }
}
