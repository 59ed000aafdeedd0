package io.topicpulse.ingest;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes HTTP Content-Encoding (gzip, deflate, br) leniently, the way browsers put up with archived quirks. */
final class ContentDecoding {

    /**
     * The payload after content decoding.
     *
     * @param bytes     the decoded bytes (or the stored bytes when they were not encoded after all)
     * @param truncated the encoded stream ended early; {@code bytes} holds what came out before
     * @param tooLarge  the decoded payload passed the limit; {@code bytes} is cut there
     * @param mismatch  the header named an encoding the bytes did not have, and the stored bytes were kept
     */
    record Decoded(byte[] bytes, boolean truncated, boolean tooLarge, boolean mismatch) {
    }

    private ContentDecoding() {
    }

    /** Every Content-Encoding value given, split at commas, without identity. */
    static List<String> encodings(List<String> headerValues) {
        List<String> encodings = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",")) {
                String encoding = part.trim().toLowerCase(Locale.ROOT);
                if (!encoding.isEmpty() && !encoding.equals("identity") && !encoding.equals("none")) {
                    encodings.add(encoding);
                }
            }
        }
        return encodings;
    }

    /**
     * Applies the decodings in reverse order of the header, as the sender applied them.
     *
     * @throws IOException when an encoding is unknown or its data is undecodable from the first byte
     */
    static Decoded decode(byte[] stored, List<String> encodings, long limit) throws IOException {
        byte[] data = stored;
        boolean truncated = false;
        boolean mismatch = false;
        for (int i = encodings.size() - 1; i >= 0; i--) {
            String encoding = encodings.get(i);
            if (!encoding.equals("gzip") && !encoding.equals("x-gzip") && !encoding.equals("deflate")
                    && !encoding.equals("br")) {
                throw new IOException("unsupported Content-Encoding: " + encoding);
            }
            // Browser captures and some crawlers store the body decoded but keep the header.
            if (encoding.endsWith("gzip") && !hasGzipMagic(data)) {
                mismatch = true;
                continue;
            }
            PageReaders.Slurp slurp;
            try (InputStream in = decoder(encoding, data)) {
                slurp = PageReaders.slurp(in, limit);
            } catch (IOException | RuntimeException e) {
                slurp = new PageReaders.Slurp(new byte[0], false,
                        e instanceof IOException io ? io : new IOException(AbstractPageIterator.describe(e), e));
            }
            if (slurp.tooLarge()) {
                return new Decoded(slurp.bytes(), truncated, true, mismatch);
            }
            if (slurp.failure() != null) {
                if (slurp.bytes().length == 0) {
                    if (ContentSniffer.looksLikeHtml(data)) {
                        mismatch = true;
                        continue;
                    }
                    throw new IOException(encoding + " content encoding: "
                            + AbstractPageIterator.describe(slurp.failure()), slurp.failure());
                }
                truncated = true;
            }
            data = slurp.bytes();
        }
        return new Decoded(data, truncated, false, mismatch);
    }

    private static InputStream decoder(String encoding, byte[] data) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        if (encoding.equals("br")) {
            return new BrotliInputStream(in);
        }
        if (encoding.equals("deflate")) {
            // RFC 9110 says zlib-wrapped; some servers send raw deflate, so take whichever the header shows.
            boolean zlib = data.length >= 2 && (data[0] & 0x0f) == 8
                    && (((data[0] & 0xff) << 8) | (data[1] & 0xff)) % 31 == 0;
            return new InflaterInputStream(in, new Inflater(!zlib));
        }
        return new GZIPInputStream(in, 1 << 16);
    }

    private static boolean hasGzipMagic(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }
}
