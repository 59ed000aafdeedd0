package io.topicpulse.eval;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/** Turns a page's raw bytes into text for the evaluator; the one place to switch to the pipeline's decoder. */
final class PageDecoder {

    private PageDecoder() {
    }

    /** Decodes with jsoup's detection (BOM, then meta charset, else UTF-8). */
    static String decode(byte[] bytes, String url) {
        try {
            Document probe = Jsoup.parse(new ByteArrayInputStream(bytes), null, url == null ? "" : url);
            Charset charset = probe.charset();
            String text = new String(bytes, charset);
            // A byte-order mark decodes to U+FEFF, which is not page text.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
