package io.topicpulse.eval;

import io.topicpulse.ingest.DecodeException;
import io.topicpulse.ingest.HtmlDecoder;

/** Turns a page's raw bytes into text for the evaluator exactly as the pipeline does. */
final class PageDecoder {

    private PageDecoder() {
    }

    /** Decodes with the pipeline's {@link HtmlDecoder}; bytes that are not text at all give an empty page. */
    static String decode(byte[] bytes, String url) {
        try {
            return HtmlDecoder.decode(bytes, null).html();
        } catch (DecodeException e) {
            return "";
        }
    }
}
