package io.topicpulse.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Escaping for text from pages (titles, text, URLs, hosts, authors) placed in HTML or inline SVG. */
public final class Html {

    private Html() {
    }

    /**
     * The text made safe as element content or a quoted attribute value: markup characters escaped, control
     * characters and bidirectional overrides dropped (an RTL override in a title would otherwise flip the rest of
     * the line it stands on), null read as empty.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\n', '\t' -> sb.append(' ');
                default -> {
                    if (!isInvisibleControl(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** True for C0/C1 controls, a BOM, and the bidi marks, embeddings, overrides and isolates. */
    static boolean isInvisibleControl(char c) {
        return (c < 0x20) || (c >= 0x7F && c < 0xA0)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF;
    }

    /** The URL when it is an absolute http or https URL (the only ones that become links), else null. */
    public static String linkable(String url) {
        if (url == null) {
            return null;
        }
        String trimmed = url.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= 0x20 || isInvisibleControl(c) || c == '"' || c == '<' || c == '>' || c == '\\') {
                return null;
            }
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return null;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("http") || lower.equals("https") ? trimmed : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A link to {@code url} showing {@code label}, or the label alone when the URL is not http(s). */
    public static String link(String url, String label) {
        String href = linkable(url);
        if (href == null) {
            return escape(label);
        }
        return "<a href=\"" + escape(href) + "\" rel=\"noopener noreferrer nofollow\">" + escape(label) + "</a>";
    }
}
