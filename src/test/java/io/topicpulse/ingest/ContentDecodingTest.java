package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentDecodingTest {

    @Test
    void splitsHeaderValuesAndDropsIdentity() {
        assertEquals(List.of("gzip", "br"), ContentDecoding.encodings(List.of("GZIP, identity", " br ")));
    }

    @Test
    void undoesStackedEncodingsInReverseOrder() throws IOException {
        byte[] page = HtmlFileReaderTest.fixture("article.html");
        byte[] stacked = WarcPageReaderTest.deflate(HtmlFileReaderTest.gzip(page), true);

        ContentDecoding.Decoded decoded = ContentDecoding.decode(stacked, List.of("gzip", "deflate"), 1 << 20);

        assertArrayEquals(page, decoded.bytes());
        assertFalse(decoded.truncated() || decoded.mismatch() || decoded.tooLarge());
    }

    @Test
    void keepsWhatATruncatedGzipPayloadHolds() throws IOException {
        byte[] page = HtmlFileReaderTest.fixture("article.html");
        byte[] gzip = HtmlFileReaderTest.gzip(page);

        ContentDecoding.Decoded decoded = ContentDecoding.decode(Arrays.copyOf(gzip, gzip.length / 2),
                List.of("gzip"), 1 << 20);

        assertTrue(decoded.truncated());
        assertTrue(decoded.bytes().length > 0);
        assertArrayEquals(Arrays.copyOf(page, decoded.bytes().length), decoded.bytes());
    }

    @Test
    void keepsStoredHtmlWhoseHeaderClaimsAnEncodingItDoesNotHave() throws IOException {
        byte[] page = HtmlFileReaderTest.fixture("article.html");

        for (String encoding : List.of("gzip", "deflate", "br")) {
            ContentDecoding.Decoded decoded = ContentDecoding.decode(page, List.of(encoding), 1 << 20);
            assertArrayEquals(page, decoded.bytes(), encoding);
            assertTrue(decoded.mismatch(), encoding);
        }
    }

    @Test
    void stopsAtTheLimitAndSaysSo() throws IOException {
        byte[] page = HtmlFileReaderTest.fixture("article.html");

        ContentDecoding.Decoded decoded = ContentDecoding.decode(HtmlFileReaderTest.gzip(page), List.of("gzip"), 100);

        assertTrue(decoded.tooLarge());
        assertEquals(100, decoded.bytes().length);
    }

    @Test
    void refusesUnknownEncodings() {
        IOException e = assertThrows(IOException.class,
                () -> ContentDecoding.decode(new byte[]{1, 2}, List.of("compress"), 100));

        assertEquals("unsupported Content-Encoding: compress", e.getMessage());
    }

    @Test
    void refusesANonPositivePageLimitNamingTheSetting() {
        Configuration conf = new Configuration();
        conf.setLong(PageReaders.MAX_PAGE_BYTES, 0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PageReaders.maxPageBytes(conf));

        assertTrue(e.getMessage().startsWith(PageReaders.MAX_PAGE_BYTES), e.getMessage());
    }
}
