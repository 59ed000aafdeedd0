package io.topicpulse.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageReadersTest {

    private static final byte[] PAGE = page(100_000);

    private static byte[] page(int size) {
        byte[] b = new byte[size];
        new Random(3).nextBytes(b);
        return b;
    }

    /** Hands out at most 777 bytes a read, as a network or gzip stream does. */
    private static InputStream trickling(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 777));
            }
        };
    }

    @Test
    void readsAPageWhateverLengthWasAnnounced() {
        for (long announced : new long[] {0, -1, 1, 4096, 99_999, 100_000, 100_001, 5_000_000}) {
            PageReaders.Slurp s = PageReaders.slurp(trickling(PAGE), 16 << 20, announced);
            assertArrayEquals(PAGE, s.bytes(), "announced " + announced);
            assertFalse(s.tooLarge());
            assertNull(s.failure());
        }
    }

    @Test
    void cutsAPageOverTheLimitThereAndSaysSo() {
        PageReaders.Slurp over = PageReaders.slurp(trickling(PAGE), 60_000, PAGE.length);
        assertTrue(over.tooLarge());
        assertArrayEquals(Arrays.copyOf(PAGE, 60_000), over.bytes());

        PageReaders.Slurp exactly = PageReaders.slurp(trickling(PAGE), PAGE.length, 0);
        assertFalse(exactly.tooLarge(), "a page of exactly the limit is not over it");
        assertArrayEquals(PAGE, exactly.bytes());
    }

    @Test
    void keepsWhatArrivedBeforeAReadError() {
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served == 30_000) {
                    throw new IOException("connection reset");
                }
                return PAGE[served++] & 0xff;
            }
        };
        PageReaders.Slurp s = PageReaders.slurp(failing, 16 << 20, PAGE.length);
        assertEquals("connection reset", s.failure().getMessage());
        assertArrayEquals(Arrays.copyOf(PAGE, 30_000), s.bytes());
        assertFalse(s.tooLarge());
    }
}
