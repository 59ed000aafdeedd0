package io.topicpulse.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.Warcinfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarcPageReaderTest {

    static final Instant FETCHED = Instant.parse("2024-11-30T08:15:00Z");

    @TempDir
    Path dir;

    static byte[] article() throws IOException {
        return HtmlFileReaderTest.fixture("article.html");
    }

    static byte[] http(String statusLine, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(statusLine).append("\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, message, start.length, body.length);
        return message;
    }

    static byte[] chunked(byte[] data, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += chunkSize) {
            int n = Math.min(chunkSize, data.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean zlibWrapped) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(6, !zlibWrapped))) {
            deflater.write(data);
        }
        return out.toByteArray();
    }

    static WarcResponse response(String url, byte[] httpMessage) {
        return new WarcResponse.Builder(url).date(FETCHED).body(MediaType.HTTP_RESPONSE, httpMessage).build();
    }

    static WarcResponse htmlResponse(String url, List<String> headers, byte[] body) {
        return response(url, http("HTTP/1.1 200 OK", headers, body));
    }

    /** Writes the records and returns each one's starting offset. */
    static List<Long> write(Path file, WarcCompression compression, List<WarcRecord> records) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             org.netpreserve.jwarc.WarcWriter writer = new org.netpreserve.jwarc.WarcWriter(channel, compression)) {
            for (WarcRecord record : records) {
                offsets.add(writer.position());
                writer.write(record);
            }
        }
        return offsets;
    }

    /** A crawl with every kind of record the reader has to sort out. */
    static List<WarcRecord> mixedCrawl() throws IOException {
        byte[] page = article();
        return List.of(
                new Warcinfo.Builder().fields(Map.of("software", List.of("hand-made test crawl"))).build(),
                new WarcRequest.Builder("https://ledger.example/ferry")
                        .body(MediaType.HTTP_REQUEST, "GET /ferry HTTP/1.1\r\nHost: ledger.example\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII)).build(),
                htmlResponse("https://ledger.example/ferry", List.of("Content-Type: text/html; charset=utf-8",
                        "Content-Encoding: gzip", "Transfer-Encoding: chunked"),
                        chunked(HtmlFileReaderTest.gzip(page), 100)),
                new WarcMetadata.Builder().targetURI("https://ledger.example/ferry")
                        .body(MediaType.parse("application/warc-fields"), "via: x\r\n".getBytes(StandardCharsets.US_ASCII))
                        .build(),
                htmlResponse("https://ledger.example/logo.png", List.of("Content-Type: image/png"),
                        new byte[]{(byte) 0x89, 'P', 'N', 'G'}),
                response("https://ledger.example/missing", http("HTTP/1.1 404 Not Found",
                        List.of("Content-Type: text/html"), "<html>not here</html>".getBytes(StandardCharsets.UTF_8))),
                new WarcRevisit.Builder(URI.create("https://ledger.example/ferry"),
                        URI.create("http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")).build(),
                new WarcResponse.Builder("dns:ledger.example").date(FETCHED)
                        .body(MediaType.parse("text/dns"), "20241130081500\nledger.example. 300 IN A 10.0.0.1\n"
                                .getBytes(StandardCharsets.US_ASCII)).build(),
                new WarcResource.Builder(URI.create("https://ledger.example/saved")).date(FETCHED)
                        .body(MediaType.HTML, page).build(),
                new WarcResource.Builder(URI.create("urn:crawl-log")).date(FETCHED)
                        .body(MediaType.parse("text/plain"), "log line\n".getBytes(StandardCharsets.US_ASCII)).build(),
                htmlResponse("https://ledger.example/untyped", List.of(), page),
                htmlResponse("https://ledger.example/blob", List.of("Content-Type: application/octet-stream"),
                        new byte[]{0, 1, 2, 3, 4}),
                htmlResponse("https://ledger.example/zlib", List.of("Content-Type: text/html",
                        "Content-Encoding: deflate"), deflate(page, true)),
                htmlResponse("https://ledger.example/raw-deflate", List.of("Content-Type: text/html",
                        "Content-Encoding: deflate"), deflate(page, false)),
                htmlResponse("https://ledger.example/stored-decoded", List.of("Content-Type: text/html",
                        "Content-Encoding: gzip"), page),
                response("https://ledger.example/garbage", "this is not an HTTP message\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                new WarcResponse.Builder("https://ledger.example/cut-by-crawler").date(FETCHED)
                        .truncated(WarcTruncationReason.LENGTH)
                        .body(MediaType.HTTP_RESPONSE, http("HTTP/1.1 200 OK", List.of("Content-Type: text/html"),
                                Arrays.copyOf(page, 300))).build(),
                htmlResponse("https://ledger.example/last", List.of("Content-Type: application/xhtml+xml"), page));
    }

    private Reads readMixedCrawl(WarcCompression compression, String name, List<Long> offsets) throws IOException {
        Path file = dir.resolve(name);
        offsets.addAll(write(file, compression, mixedCrawl()));
        return Reads.of(file);
    }

    @Test
    void yieldsHtmlResponsesAndResourcesWithUrlDateTypeAndDecodedPayload() throws IOException {
        List<Long> offsets = new ArrayList<>();
        Reads reads = readMixedCrawl(WarcCompression.GZIP, "crawl.warc.gz", offsets);

        List<RawPage> pages = reads.pages();
        assertEquals(List.of("https://ledger.example/ferry", "https://ledger.example/saved",
                "https://ledger.example/untyped", "https://ledger.example/zlib", "https://ledger.example/raw-deflate",
                "https://ledger.example/stored-decoded", "https://ledger.example/cut-by-crawler",
                "https://ledger.example/last"), pages.stream().map(RawPage::url).toList());
        RawPage ferry = pages.get(0);
        assertArrayEquals(article(), ferry.body(), "chunked transfer and gzip content encoding are undone");
        assertEquals(offsets.get(2), ferry.offset());
        assertEquals(FETCHED, ferry.fetchedAt());
        assertEquals("text/html; charset=utf-8", ferry.contentType());
        for (int i = 1; i < 6; i++) {
            assertArrayEquals(article(), pages.get(i).body(), pages.get(i).url());
        }
        assertEquals(300, pages.get(6).body().length);
    }

    @Test
    void rejectsNonHtmlErrorStatusAndBrokenHttpButReadsOn() throws IOException {
        List<Long> offsets = new ArrayList<>();
        Reads reads = readMixedCrawl(WarcCompression.GZIP, "crawl.warc.gz", offsets);

        List<Reject> rejects = reads.rejects();
        assertEquals(List.of("not_html", "http_status", "not_html", "malformed_record"),
                rejects.stream().map(Reject::reason).toList());
        assertEquals("Content-Type: image/png", rejects.get(0).detail());
        assertEquals(offsets.get(4), rejects.get(0).offset());
        assertEquals("https://ledger.example/logo.png", rejects.get(0).url());
        assertEquals("HTTP 404 Not Found; Content-Type: text/html", rejects.get(1).detail());
        assertTrue(rejects.get(2).detail().contains("does not start like HTML"), rejects.get(2).detail());
        assertTrue(rejects.get(3).detail().startsWith("invalid HTTP response"), rejects.get(3).detail());
    }

    @Test
    void countsRecordsThatAreNotPagesInsteadOfRejectingThem() throws IOException {
        Reads reads = readMixedCrawl(WarcCompression.GZIP, "crawl.warc.gz", new ArrayList<>());

        assertEquals(Map.of("warc:warcinfo", 1L, "warc:request", 1L, "warc:metadata", 1L, "warc:revisit", 1L,
                "warc:dns", 1L, "warc:resource", 1L), reads.skipped());
        assertEquals(Map.of("truncated", 1L, "content-encoding-not-applied", 1L), reads.warnings());
    }

    @Test
    void readsUncompressedWarcsTheSameWay() throws IOException {
        Reads gzipped = readMixedCrawl(WarcCompression.GZIP, "crawl.warc.gz", new ArrayList<>());
        List<Long> offsets = new ArrayList<>();
        Reads plain = readMixedCrawl(WarcCompression.NONE, "crawl.warc", offsets);

        assertEquals(gzipped.pages().stream().map(RawPage::url).toList(),
                plain.pages().stream().map(RawPage::url).toList());
        assertEquals(gzipped.rejects().stream().map(Reject::reason).toList(),
                plain.rejects().stream().map(Reject::reason).toList());
        assertEquals(offsets.get(2), plain.pages().get(0).offset());
    }

    @Test
    void saysHowFarIntoTheCompressedFileItHasReadWhileItReads() throws IOException {
        // Pages that do not compress away (a random tail each), so the file is many times the read buffer.
        java.util.Random random = new java.util.Random(7);
        List<WarcRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] noise = new byte[3000];
            random.nextBytes(noise);
            String tail = "<p>" + java.util.HexFormat.of().formatHex(noise) + "</p>";
            records.add(htmlResponse("https://ledger.example/" + i, List.of("Content-Type: text/html"),
                    concat(article(), tail.getBytes(StandardCharsets.US_ASCII))));
        }
        Path file = dir.resolve("big.warc.gz");
        write(file, WarcCompression.GZIP, records);
        long size = Files.size(file);
        InputFile input = InputFiles.expand(new org.apache.hadoop.conf.Configuration(), List.of(file.toString()))
                .files().get(0);

        List<Long> seen = new ArrayList<>();
        try (PageIterator pages = PageReaders.open(new org.apache.hadoop.conf.Configuration(), input)) {
            assertEquals(0, pages.bytesRead(), "nothing read before the first record");
            while (pages.hasNext()) {
                pages.next();
                seen.add(pages.bytesRead());
            }
            assertEquals(size, pages.bytesRead(), "the whole file once it ended");
        }
        assertEquals(300, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "never goes back: " + seen);
        }
        assertTrue(seen.get(0) > 0 && seen.get(0) < size / 4, "the first page, early in a file of " + size
                + " bytes: " + seen.get(0));
        assertTrue(seen.get(149) > size / 4 && seen.get(149) < size * 3 / 4, "half way: " + seen.get(149)
                + " of " + size);
    }

    @Test
    void offsetsPointAtTheRecordSoItCanBeReadAgain() throws IOException {
        Path file = dir.resolve("crawl.warc.gz");
        write(file, WarcCompression.GZIP, mixedCrawl());
        RawPage last = Reads.of(file).pages().get(7);

        try (WarcReader reader = new WarcReader(FileChannel.open(file))) {
            reader.position(last.offset());
            WarcRecord record = reader.next().orElseThrow();
            assertEquals(last.url(), ((WarcTargetRecord) record).target());
        }
    }

    @Test
    void yieldsThePartOfARecordCutOffByTheEndOfTheFile() throws IOException {
        Path whole = dir.resolve("whole.warc.gz");
        // Varied text, so the cut lands well inside the payload rather than in a few bytes of repeats.
        StringBuilder paragraphs = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 400; i++) {
            paragraphs.append("<p>");
            for (int w = 0; w < 12; w++) {
                paragraphs.append((char) ('a' + random.nextInt(26))).append((char) ('a' + random.nextInt(26)))
                        .append((char) ('a' + random.nextInt(26))).append(' ');
            }
            paragraphs.append("</p>\n");
        }
        byte[] big = concat(article(), paragraphs.toString().getBytes(StandardCharsets.US_ASCII));
        List<Long> offsets = write(whole, WarcCompression.GZIP, List.of(
                htmlResponse("https://ledger.example/one", List.of("Content-Type: text/html"), article()),
                htmlResponse("https://ledger.example/two", List.of("Content-Type: text/html"), big)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.warc.gz");
        Files.write(cut, Arrays.copyOf(bytes, (int) (offsets.get(1) + (bytes.length - offsets.get(1)) / 2)));

        Reads reads = Reads.of(cut);

        assertEquals(List.of(), reads.rejects());
        assertEquals(2, reads.pages().size());
        byte[] partial = reads.pages().get(1).body();
        assertTrue(partial.length > article().length && partial.length < big.length, "length " + partial.length);
        assertArrayEquals(Arrays.copyOf(big, partial.length), partial);
        assertEquals(Map.of("truncated", 1L), reads.warnings());
    }

    @Test
    void rejectsARecordWhoseHeaderIsCutOffAndEnds() throws IOException {
        Path whole = dir.resolve("whole.warc");
        List<Long> offsets = write(whole, WarcCompression.NONE, List.of(
                htmlResponse("https://ledger.example/one", List.of("Content-Type: text/html"), article()),
                htmlResponse("https://ledger.example/two", List.of("Content-Type: text/html"), article())));
        Path cut = dir.resolve("cut.warc");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), (int) (offsets.get(1) + 40)));

        Reads reads = Reads.of(cut);

        assertEquals(1, reads.pages().size());
        assertEquals(1, reads.rejects().size());
        assertEquals("read_failed", reads.rejects().get(0).reason());
        assertEquals(offsets.get(1), reads.rejects().get(0).offset());
    }

    @Test
    void skipsCorruptCompressedDataAndReadsOnFromTheNextRecord() throws IOException {
        Path whole = dir.resolve("whole.warc.gz");
        List<Long> offsets = write(whole, WarcCompression.GZIP, List.of(
                htmlResponse("https://ledger.example/one", List.of("Content-Type: text/html"), article()),
                htmlResponse("https://ledger.example/two", List.of("Content-Type: text/html"), article()),
                htmlResponse("https://ledger.example/three", List.of("Content-Type: text/html"), article())));
        byte[] bytes = Files.readAllBytes(whole);
        for (long i = offsets.get(1) + 200; i < offsets.get(1) + 260; i++) {
            bytes[(int) i] = (byte) 0xff;
        }
        Path corrupt = dir.resolve("corrupt.warc.gz");
        Files.write(corrupt, bytes);

        Reads reads = Reads.of(corrupt);

        assertEquals(List.of("https://ledger.example/one", "https://ledger.example/three"),
                reads.pages().stream().map(RawPage::url).toList());
        assertEquals(offsets.get(2), reads.pages().get(1).offset());
        assertEquals(1, reads.rejects().size());
        Reject reject = reads.rejects().get(0);
        assertEquals("read_failed", reject.reason());
        assertEquals(offsets.get(1), reject.offset());
        assertTrue(reject.detail().endsWith("skipped to the next readable record at offset " + offsets.get(2)),
                reject.detail());
    }

    @Test
    void resynchronisesOnTheNextHeaderWhenAContentLengthIsWrong() throws IOException {
        Path file = dir.resolve("lying.warc");
        List<Long> offsets = write(file, WarcCompression.NONE, List.of(
                htmlResponse("https://ledger.example/one", List.of("Content-Type: text/html"), article()),
                htmlResponse("https://ledger.example/two", List.of("Content-Type: text/html"), article())));
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        int length = text.indexOf("Content-Length: ");
        int end = text.indexOf("\r\n", length);
        int declared = Integer.parseInt(text.substring(length + 16, end));
        // Claim 100 bytes less: the reader lands inside the payload and must find the next record by itself.
        Files.writeString(file, text.substring(0, length + 16) + (declared - 100) + text.substring(end),
                StandardCharsets.ISO_8859_1);
        long shift = String.valueOf(declared).length() - String.valueOf(declared - 100).length();

        Reads reads = Reads.of(file);

        assertEquals("https://ledger.example/two", reads.pages().get(reads.pages().size() - 1).url());
        assertEquals(offsets.get(1) - shift, reads.pages().get(reads.pages().size() - 1).offset());
        assertEquals("read_failed", reads.rejects().get(0).reason());
    }

    @Test
    void rejectsAFileThatIsNotAWarcAtAll() throws IOException {
        Path notWarc = dir.resolve("notes.warc");
        Files.writeString(notWarc, "These are my notes, not an archive.\n");

        Reads reads = Reads.of(notWarc);

        assertEquals(1, reads.results().size());
        assertEquals("read_failed", reads.rejects().get(0).reason());
    }

    @Test
    void readsArcFiles() throws IOException {
        String version = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n";
        byte[] httpMessage = http("HTTP/1.0 200 OK", List.of("Content-Type: text/html; charset=utf-8"), article());
        ByteArrayOutputStream arc = new ByteArrayOutputStream();
        arc.writeBytes(("filedesc://test.arc 0.0.0.0 20241130081500 text/plain " + version.length() + "\n" + version
                + "\n").getBytes(StandardCharsets.US_ASCII));
        long recordOffset = arc.size();
        arc.writeBytes(("http://ledger.example/ferry 10.0.0.1 20241130081500 text/html " + httpMessage.length + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        arc.writeBytes(httpMessage);
        arc.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("test.arc");
        Files.write(file, arc.toByteArray());

        Reads reads = Reads.of(file);

        assertEquals(Map.of("arc:warcinfo", 1L), reads.skipped());
        RawPage page = reads.pages().get(0);
        assertEquals("http://ledger.example/ferry", page.url());
        assertEquals(recordOffset, page.offset());
        assertEquals(FETCHED, page.fetchedAt());
        assertArrayEquals(article(), page.body());
    }

    @Test
    void leavesTheFetchTimeEmptyWhenTheWarcDateIsInvalid() throws IOException {
        WarcResponse odd = new WarcResponse.Builder("https://ledger.example/odd").date(null).setHeader("WARC-Date",
                "2008-10-294T05:21:46-0700").body(MediaType.HTTP_RESPONSE,
                http("HTTP/1.1 200 OK", List.of("Content-Type: text/html"), article())).build();
        Path file = dir.resolve("odd.warc");
        write(file, WarcCompression.NONE, List.of(odd));

        Reads reads = Reads.of(file);

        assertNull(reads.pages().get(0).fetchedAt());
        assertEquals(Map.of("warc:bad-date", 1L), reads.warnings());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
