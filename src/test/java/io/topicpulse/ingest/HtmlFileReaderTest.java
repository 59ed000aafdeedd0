package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlFileReaderTest {

    @TempDir
    Path dir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = HtmlFileReaderTest.class.getResourceAsStream("/ingest/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void readsAnHtmlFileAsOnePageDatedByItsModificationTime() throws IOException {
        byte[] html = fixture("article.html");
        Path file = write("article.html", html);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2024-11-30T08:15:00Z")));

        Reads reads = Reads.of(file);

        assertEquals(1, reads.results().size());
        RawPage page = reads.pages().get(0);
        assertArrayEquals(html, page.body());
        assertEquals(-1, page.offset());
        assertNull(page.url());
        assertNull(page.contentType());
        assertEquals(Instant.parse("2024-11-30T08:15:00Z"), page.fetchedAt());
        assertEquals(page.source(), page.location());
    }

    @Test
    void gunzipsByMagicBytesWhateverTheName() throws IOException {
        byte[] html = fixture("article.html");

        assertArrayEquals(html, Reads.of(write("a.html.gz", gzip(html))).pages().get(0).body());
        assertArrayEquals(html, Reads.of(write("b.html", gzip(html))).pages().get(0).body());
    }

    @Test
    void yieldsTheReadablePartOfATruncatedGzipAndWarns() throws IOException {
        byte[] html = fixture("article.html");
        byte[] compressed = gzip(html);

        Reads reads = Reads.of(write("cut.html.gz", Arrays.copyOf(compressed, compressed.length - 40)));

        assertEquals(1, reads.pages().size());
        byte[] partial = reads.pages().get(0).body();
        assertTrue(partial.length > 0 && partial.length < html.length, "partial length " + partial.length);
        assertArrayEquals(Arrays.copyOf(html, partial.length), partial);
        assertEquals(Map.of("truncated", 1L), reads.warnings());
    }

    @Test
    void readsTheWholePageWhenAReadErrorDoesNotComeBack() throws IOException {
        byte[] html = fixture("article.html");
        InputFile file = FlakyFileSystem.inputFile(write("article.html", html));

        for (String plan : List.of("open", "0", "100", String.valueOf(html.length - 1))) {
            Reads reads = Reads.of(FlakyFileSystem.conf(plan), file);

            assertEquals(1, reads.results().size(), plan);
            assertArrayEquals(html, reads.pages().get(0).body(), plan);
            assertEquals(Map.of(), reads.warnings(), plan);
        }
    }

    @Test
    void keepsTheLongerPartWhenReadingAgainFailsToo() throws IOException {
        byte[] html = fixture("article.html");
        InputFile file = FlakyFileSystem.inputFile(write("article.html", html));

        for (String plan : List.of("500,100", "100,500", "500,open")) {
            Reads reads = Reads.of(FlakyFileSystem.conf(plan), file);

            assertArrayEquals(Arrays.copyOf(html, 500), reads.pages().get(0).body(), plan);
            assertEquals(Map.of("truncated", 1L), reads.warnings(), plan);
        }
    }

    @Test
    void rejectsAGzipCutBeforeAnyContentAsReadFailed() throws IOException {
        Reads reads = Reads.of(write("empty.html.gz", Arrays.copyOf(gzip(fixture("article.html")), 12)));

        assertEquals(List.of(), reads.pages());
        assertEquals("read_failed", reads.rejects().get(0).reason());
        assertEquals(-1, reads.rejects().get(0).offset());
    }

    @Test
    void rejectsAFileThatVanishedAfterListingAsReadFailed() throws IOException {
        Path file = write("gone.html", fixture("article.html"));
        InputFile listed = InputFiles.expand(new Configuration(), List.of(file.toString())).files().get(0);
        Files.delete(file);

        Reads reads = Reads.of(new Configuration(), listed);

        assertEquals(1, reads.results().size());
        Reject reject = reads.rejects().get(0);
        assertEquals("read_failed", reject.reason());
        assertEquals(listed.uri(), reject.source());
        assertTrue(reject.detail().contains("FileNotFoundException"), reject.detail());
    }

    @Test
    void rejectsPagesOverTheConfiguredMaximumAsTooLarge() throws IOException {
        Configuration conf = new Configuration();
        conf.setLong(PageReaders.MAX_PAGE_BYTES, 100);

        Reads reads = Reads.of(conf, write("big.html", fixture("article.html")));

        assertEquals("too_large", reads.rejects().get(0).reason());
    }

    @Test
    void passesABinaryFileNamedHtmlToTheDecoderWhichRejectsIt() throws IOException {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);

        RawPage page = Reads.of(write("logo.html", gif)).pages().get(0);

        DecodeException e = assertThrows(DecodeException.class, () -> HtmlDecoder.decode(page));
        assertEquals(RejectReason.NOT_HTML, e.reason());
    }
}
