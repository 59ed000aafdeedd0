package io.topicpulse.ingest;

import org.mozilla.universalchardet.UniversalDetector;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into HTML text the way browsers choose a charset: byte order mark, then the HTTP Content-Type
 * charset, then a {@code <meta>} declaration, then strictly valid UTF-8, then statistical detection, then
 * windows-1252.
 *
 * <p>One deliberate departure from browsers: a declared single-byte legacy charset (ISO-8859-x, windows-125x,
 * KOI8) loses to UTF-8 when the bytes are valid UTF-8 with multi-byte sequences. Servers that label UTF-8 pages
 * ISO-8859-1 by default are common, while legacy text that happens to form valid multi-byte UTF-8 is very rare.
 */
public final class HtmlDecoder {

    /** How far into the page a {@code <meta>} charset declaration is looked for. */
    static final int META_SCAN_BYTES = 8192;
    private static final int BINARY_SCAN_BYTES = 8192;
    private static final int DETECTOR_BYTES = 1 << 18;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
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
        if (declared != null && isUtf16(declared)) {
            return decoded(body, 0, declared, "http");
        }
        Charset utf16 = utf16WithoutBom(body);
        if (utf16 != null) {
            return decoded(body, 0, utf16, "detected");
        }
        int controls = controlBytes(body);
        if (controls * 20 > Math.min(body.length, BINARY_SCAN_BYTES)) {
            throw new DecodeException(RejectReason.DECODE_FAILED, "binary content: " + controls
                    + " NUL or control bytes in the first " + Math.min(body.length, BINARY_SCAN_BYTES));
        }
        Utf8 utf8 = Utf8.check(body);
        if (declared != null) {
            return preferUtf8(body, declared, "http", utf8);
        }
        Charset meta = metaCharset(body);
        if (meta != null) {
            // A <meta> can only be read because the bytes are ASCII-compatible, so a UTF-16 label means UTF-8.
            return preferUtf8(body, isUtf16(meta) ? StandardCharsets.UTF_8 : meta, "meta", utf8);
        }
        if (utf8 != Utf8.INVALID) {
            return decoded(body, 0, StandardCharsets.UTF_8, "utf8-valid");
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

    private static DecodedHtml preferUtf8(byte[] body, Charset declared, String source, Utf8 utf8) {
        if (utf8 == Utf8.MULTIBYTE && isLegacySingleByte(declared)) {
            return decoded(body, 0, StandardCharsets.UTF_8, "utf8-valid");
        }
        return decoded(body, 0, declared, source);
    }

    private static boolean isLegacySingleByte(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.startsWith("iso-8859-") || name.startsWith("windows-125") || name.startsWith("koi8")
                || name.equals("us-ascii");
    }

    private static boolean isUtf16(Charset charset) {
        return charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
    }

    private static Charset detect(byte[] body) {
        UniversalDetector detector = new UniversalDetector(null);
        detector.handleData(body, 0, Math.min(body.length, DETECTOR_BYTES));
        detector.dataEnd();
        Charset charset = charsetForLabel(detector.getDetectedCharset());
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
        if (body[0] == '<' && oddNul * 10 >= pairs * 9) {
            return StandardCharsets.UTF_16LE;
        }
        if (body[1] == '<' && evenNul * 10 >= pairs * 9) {
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

    /** What a strict UTF-8 check found; a sequence cut off by the end of the bytes is allowed (truncated pages). */
    enum Utf8 {
        ASCII, MULTIBYTE, INVALID;

        static Utf8 check(byte[] b) {
            boolean multibyte = false;
            int i = 0;
            int n = b.length;
            while (i < n) {
                int c = b[i] & 0xff;
                if (c < 0x80) {
                    i++;
                    continue;
                }
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
                    return INVALID;
                }
                if (i + length > n) {
                    for (int j = i + 1; j < n; j++) {
                        if ((b[j] & 0xc0) != 0x80) {
                            return INVALID;
                        }
                    }
                    return multibyte ? MULTIBYTE : ASCII;
                }
                int code = c & (0xff >> (length + 1));
                for (int j = 1; j < length; j++) {
                    int next = b[i + j] & 0xff;
                    if ((next & 0xc0) != 0x80) {
                        return INVALID;
                    }
                    code = (code << 6) | (next & 0x3f);
                }
                if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                    return INVALID;
                }
                multibyte = true;
                i += length;
            }
            return multibyte ? MULTIBYTE : ASCII;
        }
    }
}
