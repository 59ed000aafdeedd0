package io.topicpulse.ingest;

/**
 * A page's HTML as text, with the charset used and how it was chosen.
 *
 * @param html          the decoded text, without a byte order mark
 * @param charset       the Java name of the charset used, e.g. {@code UTF-8}, {@code windows-1251}
 * @param charsetSource why that charset: {@code bom}, {@code http}, {@code meta}, {@code utf8-valid},
 *                      {@code detected} or {@code fallback}
 */
public record DecodedHtml(String html, String charset, String charsetSource) {
}
