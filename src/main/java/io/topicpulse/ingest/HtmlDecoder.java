package io.topicpulse.ingest;

import org.mozilla.universalchardet.UniversalDetector;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into HTML text the way browsers choose a charset: byte order mark, then the HTTP Content-Type
 * charset, then a {@code <meta>} declaration, then strictly valid UTF-8, then statistical detection, then
 * windows-1252.
 *
 * <p>Deliberate departures from browsers, for readable text rather than faithful rendering: a declared legacy
 * charset loses to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences (servers that label UTF-8 pages
 * ISO-8859-1 or EUC-KR by default are common; legacy text that happens to be valid UTF-8 is very rare); a UTF-8 label
 * over bytes that are mostly not UTF-8 is ignored; and stray non-UTF-8 bytes in a mostly UTF-8 page are read as
 * windows-1252 instead of becoming U+FFFD.
 */
public final class HtmlDecoder {

    /** How far into the page a {@code <meta>} charset declaration is looked for. */
    static final int META_SCAN_BYTES = 8192;
    private static final int BINARY_SCAN_BYTES = 8192;
    private static final int DETECTOR_BYTES = 1 << 18;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Set<String> MISTAKEN_FOR_WINDOWS_1251 = Set.of(
            "x-mac-cyrillic", "x-MacCyrillic", "IBM855");
    private static final byte[] ASCII_PROBE = "<meta charset=\"x\"> Az09".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta\\b[^>]*?\\bcharset\\s*=\\s*[\"']?\\s*([a-z0-9._:+-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET_PARAMETER = Pattern.compile(
            "charset\\s*=\\s*[\"']?\\s*([a-z0-9._:+-]+)", Pattern.CASE_INSENSITIVE);

    // Labels browsers map to a different (superset) decoder than Java's charset of the same name (WHATWG Encoding).
    private static final Map<String, Charset> ALIASES = Map.ofEntries(
            Map.entry("iso-8859-1", WINDOWS_1252), Map.entry("iso8859-1", WINDOWS_1252),
            Map.entry("iso_8859-1", WINDOWS_1252), Map.entry("latin1", WINDOWS_1252), Map.entry("l1", WINDOWS_1252),
            Map.entry("us-ascii", WINDOWS_1252), Map.entry("ascii", WINDOWS_1252),
            Map.entry("ansi_x3.4-1968", WINDOWS_1252), Map.entry("cp819", WINDOWS_1252),
            Map.entry("x-user-defined", WINDOWS_1252),
            Map.entry("iso-8859-9", Charset.forName("windows-1254")),
            Map.entry("latin5", Charset.forName("windows-1254")),
            Map.entry("iso-8859-11", Charset.forName("x-windows-874")),
            Map.entry("tis-620", Charset.forName("x-windows-874")),
            Map.entry("gb2312", GB18030), Map.entry("gbk", GB18030), Map.entry("x-gbk", GB18030),
            Map.entry("gb_2312-80", GB18030), Map.entry("csgb2312", GB18030), Map.entry("chinese", GB18030),
            Map.entry("cp936", GB18030), Map.entry("windows-936", GB18030), Map.entry("x-euc-cn", GB18030),
            Map.entry("shift_jis", WINDOWS_31J), Map.entry("shift-jis", WINDOWS_31J), Map.entry("sjis", WINDOWS_31J),
            Map.entry("x-sjis", WINDOWS_31J), Map.entry("ms_kanji", WINDOWS_31J), Map.entry("cp932", WINDOWS_31J),
            Map.entry("euc-kr", Charset.forName("x-windows-949")), Map.entry("ks_c_5601-1987",
                    Charset.forName("x-windows-949")),
            Map.entry("big5", Charset.forName("Big5-HKSCS")), Map.entry("x-x-big5", Charset.forName("Big5-HKSCS")),
            Map.entry("utf-16", StandardCharsets.UTF_16LE), Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("unicode-1-1-utf-8", StandardCharsets.UTF_8));

    private HtmlDecoder() {
    }

    /**
     * Decodes the page body as HTML text.
     *
     * @throws DecodeException when the bytes are a known binary format ({@code not_html}) or not text at all
     *                         ({@code decode_failed})
     */
    public static DecodedHtml decode(RawPage page) throws DecodeException {
        Objects.requireNonNull(page, "page");
        return decode(page.body() == null ? new byte[0] : page.body(), page.contentType());
    }

    /** Decodes {@code body} with {@code contentType} (an HTTP Content-Type value, or null) as the declared type. */
    public static DecodedHtml decode(byte[] body, String contentType) throws DecodeException {
        Objects.requireNonNull(body, "body");
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            return decoded(body, 3, StandardCharsets.UTF_8, "bom");
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
            return decoded(body, 2, StandardCharsets.UTF_16BE, "bom");
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
            return decoded(body, 2, StandardCharsets.UTF_16LE, "bom");
        }
        String binary = ContentSniffer.binaryKind(body);
        if (binary != null) {
            throw new DecodeException(RejectReason.NOT_HTML, "binary content: " + binary);
        }
        Charset declared = charsetParameter(contentType);
        Charset utf16 = utf16WithoutBom(body);
        if (utf16 != null) {
            return decoded(body, 0, utf16, declared != null && isUtf16(declared) ? "http" : "detected");
        }
        if (declared != null && isUtf16(declared)) {
            // Bytes without the NUL pattern of UTF-16 text are ASCII-compatible: the label is wrong.
            declared = null;
        }
        int controls = controlBytes(body);
        if (controls * 20 > Math.min(body.length, BINARY_SCAN_BYTES)) {
            throw new DecodeException(RejectReason.DECODE_FAILED, "binary content: " + controls
                    + " NUL or control bytes in the first " + Math.min(body.length, BINARY_SCAN_BYTES));
        }
        Utf8Evidence utf8 = new Utf8Evidence(body);
        DecodedHtml fromLabel = declared == null ? null : fromDeclaration(body, declared, "http", utf8);
        if (fromLabel != null) {
            return fromLabel;
        }
        Charset meta = metaCharset(body);
        // A <meta> can only be read because the bytes are ASCII-compatible, so a UTF-16 label means UTF-8.
        fromLabel = meta == null ? null : fromDeclaration(body, isUtf16(meta) ? StandardCharsets.UTF_8 : meta,
                "meta", utf8);
        if (fromLabel != null) {
            return fromLabel;
        }
        String text = utf8.validText();
        if (text != null) {
            return new DecodedHtml(text, StandardCharsets.UTF_8.name(), "utf8-valid");
        }
        Charset detected = detect(body);
        if (detected != null) {
            return decoded(body, 0, detected, "detected");
        }
        return decoded(body, 0, WINDOWS_1252, "fallback");
    }

    /** The charset a label names, with browsers' aliases; null for unknown or unsupported labels. */
    public static Charset charsetForLabel(String label) {
        if (label == null) {
            return null;
        }
        String key = label.trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return null;
        }
        Charset alias = ALIASES.get(key);
        if (alias != null) {
            return alias;
        }
        try {
            return Charset.isSupported(key) ? Charset.forName(key) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Charset charsetParameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher matcher = CHARSET_PARAMETER.matcher(contentType);
        return matcher.find() ? charsetForLabel(matcher.group(1)) : null;
    }

    static Charset metaCharset(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(COMMENT.matcher(head).replaceAll(""));
        while (matcher.find()) {
            Charset charset = charsetForLabel(matcher.group(1));
            if (charset != null) {
                return charset;
            }
        }
        return null;
    }

    /**
     * Follows a declared charset unless the bytes contradict it: valid multi-byte UTF-8 under a legacy label is
     * UTF-8, and a UTF-8 label over bytes that are mostly not UTF-8 is ignored (null: try the next clue).
     */
    private static DecodedHtml fromDeclaration(byte[] body, Charset declared, String source, Utf8Evidence utf8) {
        if (!isAsciiCompatible(declared)) {
            // EBCDIC or UTF-32 labels on bytes that passed the NUL check (and carry readable ASCII markup) are wrong.
            return null;
        }
        if (declared.equals(StandardCharsets.UTF_8)) {
            String text = utf8.validText();
            if (text != null) {
                return new DecodedHtml(text, declared.name(), source);
            }
            // Pages assembled from UTF-8 templates and windows-1252 snippets: keep both readable, as ftfy does.
            Utf8 counts = utf8.counts();
            return counts.multibyte() >= counts.invalid()
                    ? new DecodedHtml(Utf8.decodeWithWindows1252Fallback(body), declared.name(), source) : null;
        }
        // Random legacy text rarely forms even one valid sequence (single-byte) or several (multi-byte charsets).
        int needed = isLegacySingleByte(declared) ? 1 : 4;
        Utf8 counts = utf8.counts();
        if (counts.valid() && counts.multibyte() >= needed) {
            return decoded(body, 0, StandardCharsets.UTF_8, "utf8-valid");
        }
        return decoded(body, 0, declared, source);
    }

    private static boolean isAsciiCompatible(Charset charset) {
        return new String(ASCII_PROBE, charset).equals(new String(ASCII_PROBE, StandardCharsets.US_ASCII));
    }

    private static boolean isLegacySingleByte(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.startsWith("iso-8859-") || name.startsWith("windows-125") || name.startsWith("koi8")
                || name.equals("us-ascii") || name.equals("x-windows-874");
    }

    private static boolean isUtf16(Charset charset) {
        return charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
    }

    private static Charset detect(byte[] body) {
        UniversalDetector detector = new UniversalDetector(null);
        detector.handleData(body, 0, Math.min(body.length, DETECTOR_BYTES));
        detector.dataEnd();
        Charset charset = charsetForLabel(detector.getDetectedCharset());
        // The detector confuses mostly-lower-case windows-1251 text with Mac and DOS Cyrillic code pages, which
        // next to no web page uses; taking windows-1251 fixes those pages and costs nothing real.
        if (charset != null && MISTAKEN_FOR_WINDOWS_1251.contains(charset.name())) {
            charset = Charset.forName("windows-1251");
        }
        // Without a BOM, a UTF-16/32 guess on bytes that passed the control-byte check is a misfire.
        return charset == null || isUtf16(charset) || charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-32")
                ? null : charset;
    }

    /** UTF-16 without a BOM shows as ASCII markup with every other byte NUL. */
    private static Charset utf16WithoutBom(byte[] body) {
        int pairs = Math.min(body.length, 512) / 2;
        if (pairs < 4) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            if (body[i] == 0 && body[i + 1] != 0) {
                evenNul++;
            } else if (body[i] != 0 && body[i + 1] == 0) {
                oddNul++;
            }
        }
        // Markup is ASCII, so many code units have a NUL high byte, and (nearly) always on the same side.
        if (body[0] != 0 && body[1] == 0 && oddNul * 4 >= pairs && evenNul * 20 < pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (body[0] == 0 && body[1] != 0 && evenNul * 4 >= pairs && oddNul * 20 < pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static int controlBytes(byte[] body) {
        int count = 0;
        int end = Math.min(body.length, BINARY_SCAN_BYTES);
        for (int i = 0; i < end; i++) {
            int b = body[i] & 0xff;
            // Tab, LF, FF, CR are text; ESC starts ISO-2022 shifts.
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1b) {
                count++;
            }
        }
        return count;
    }

    private static DecodedHtml decoded(byte[] body, int start, Charset charset, String source) {
        return new DecodedHtml(new String(body, start, body.length - start, charset), charset.name(), source);
    }

    /**
     * What the bytes say about UTF-8, each found once and only when asked: most pages need only to know whether they
     * are valid UTF-8, which the decoding itself tells, without a scan of its own.
     */
    private static final class Utf8Evidence {
        private final byte[] body;
        private Utf8 counts;
        private String text;
        private boolean decoded;

        Utf8Evidence(byte[] body) {
            this.body = body;
        }

        /** The bytes decoded as UTF-8 when they are {@link Utf8#valid() valid}; null when not. */
        String validText() {
            if (!decoded) {
                decoded = true;
                String s = new String(body, StandardCharsets.UTF_8);
                // A decoding without U+FFFD met no malformed byte; one with it may still be valid (a U+FFFD in the
                // page, a sequence cut off at the end), which the scan tells.
                text = s.indexOf('\uFFFD') < 0 || counts().valid() ? s : null;
            }
            return text;
        }

        Utf8 counts() {
            if (counts == null) {
                counts = Utf8.scan(body);
            }
            return counts;
        }
    }

    /**
     * What a strict UTF-8 scan found: well-formed multi-byte sequences and bytes that fit no sequence. A sequence cut
     * off by the end of the bytes is not counted invalid (pages are often truncated).
     */
    record Utf8(int multibyte, int invalid) {

        boolean valid() {
            return invalid == 0;
        }

        static Utf8 scan(byte[] b) {
            int multibyte = 0;
            int invalid = 0;
            int i = 0;
            while (i < b.length) {
                if (b[i] >= 0) {
                    i++;
                    continue;
                }
                int length = sequenceLength(b, i);
                if (length > 0) {
                    multibyte++;
                    i += length;
                } else if (length < 0) {
                    break;
                } else {
                    invalid++;
                    i++;
                }
            }
            return new Utf8(multibyte, invalid);
        }

        /** UTF-8, with each byte that is not part of a well-formed sequence read as windows-1252. */
        static String decodeWithWindows1252Fallback(byte[] b) {
            StringBuilder text = new StringBuilder(b.length);
            int i = 0;
            while (i < b.length) {
                if (b[i] >= 0) {
                    text.append((char) b[i++]);
                    continue;
                }
                int length = sequenceLength(b, i);
                if (length > 0) {
                    text.append(new String(b, i, length, StandardCharsets.UTF_8));
                    i += length;
                } else if (length < 0) {
                    break;
                } else {
                    text.append(new String(b, i, 1, WINDOWS_1252));
                    i++;
                }
            }
            return text.toString();
        }

        /** Length of the well-formed sequence starting at a non-ASCII byte, 0 if malformed, -1 if cut off by the end. */
        private static int sequenceLength(byte[] b, int i) {
            int c = b[i] & 0xff;
            int length;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                length = 2;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                length = 3;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                length = 4;
                min = 0x10000;
            } else {
                return 0;
            }
            int code = c & (0xff >> (length + 1));
            for (int j = 1; j < length; j++) {
                if (i + j >= b.length) {
                    return -1;
                }
                int next = b[i + j] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return 0;
                }
                code = (code << 6) | (next & 0x3f);
            }
            return code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0 : length;
        }
    }
}
