package io.topicpulse.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Tells HTML from other payloads by declared media type and by the bytes themselves. */
final class ContentSniffer {

    private static final Set<String> HTML_TYPES = Set.of(
            "text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml", "text/xhtml");
    // Types servers send when they do not know better: the bytes have to decide.
    private static final Set<String> UNDECLARED_TYPES = Set.of(
            "", "application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown",
            "application/x-unknown-content-type", "text/plain", "no-type", "application/binary");
    // The tags WHATWG's MIME sniffing algorithm takes as proof of HTML, plus XML prologs of XHTML pages.
    private static final String[] HTML_STARTS = {
            "<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<h1", "<div", "<font", "<table",
            "<a", "<style", "<title", "<b", "<br", "<p", "<!--", "<meta"};
    private static final int SNIFF_BYTES = 1024;

    private ContentSniffer() {
    }

    /** The lower-case {@code type/subtype} of a Content-Type value, or "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String base = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return base.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isHtmlType(String mediaType) {
        return HTML_TYPES.contains(mediaType);
    }

    /** True for missing or catch-all types whose payload must be sniffed before calling it HTML or not. */
    static boolean isUndeclared(String mediaType) {
        return UNDECLARED_TYPES.contains(mediaType);
    }

    /** True when the first non-blank bytes open an HTML (or XML) document. */
    static boolean looksLikeHtml(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < bytes.length && (bytes[start] == ' ' || bytes[start] == '\t' || bytes[start] == '\n'
                || bytes[start] == '\r' || bytes[start] == '\f')) {
            start++;
        }
        String head = new String(bytes, start, Math.min(SNIFF_BYTES, bytes.length - start), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<?xml")) {
            return head.contains("<html");
        }
        for (String tag : HTML_STARTS) {
            if (head.startsWith(tag) && head.length() > tag.length()) {
                char after = head.charAt(tag.length());
                if (tag.equals("<!--") || after == ' ' || after == '>' || after == '\t' || after == '\n'
                        || after == '\r' || after == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    /** A name for well-known binary formats recognised by their magic bytes, or null. */
    static String binaryKind(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "PNG image";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "GIF image";
        }
        if (startsWith(b, 0xff, 0xd8, 0xff)) {
            return "JPEG image";
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return "WebP image";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "MP4/HEIF media";
        }
        if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
            return "PDF document";
        }
        if (startsWith(b, 'P', 'K', 3, 4)) {
            return "zip archive";
        }
        if (startsWith(b, 0x1f, 0x8b)) {
            return "gzip data";
        }
        if (startsWith(b, 'w', 'O', 'F', 'F') || startsWith(b, 'w', 'O', 'F', '2')) {
            return "web font";
        }
        if (startsWith(b, 0xd0, 0xcf, 0x11, 0xe0)) {
            return "MS Office document";
        }
        if (startsWith(b, 'I', 'D', '3') || startsWith(b, 'O', 'g', 'g', 'S')) {
            return "audio";
        }
        if (startsWith(b, 0x00, 0x00, 0x01, 0x00)) {
            return "ICO image";
        }
        if (startsWith(b, 0xca, 0xfe, 0xba, 0xbe)) {
            return "Java class";
        }
        if (startsWith(b, 0x7f, 'E', 'L', 'F')) {
            return "ELF executable";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
