package io.topicpulse.extract.meta;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a page URL says: its host, the publication day some CMSs put in the path, and relative link resolution. */
final class Urls {

    private static final Pattern SLASHED = Pattern.compile(
            "[/_-]((?:19|20)\\d{2})[/_.-]([01]?\\d)[/_.-]([0-3]?\\d)(?=[/_.+-]|$|\\?|#)");
    private static final Pattern COMPACT = Pattern.compile("(?<=[/_.=-])((?:19|20)\\d{2})([01]\\d)([0-3]\\d)(?=[/_.-]|$|\\?|#|&)");
    private static final Pattern NAMED_MONTH = Pattern.compile(
            "/((?:19|20)\\d{2})/(\\p{L}{3,12})/([0-3]?\\d)(?=[/_.-]|$|\\?|#)");
    private static final Pattern YEAR_MONTH = Pattern.compile("/((?:19|20)\\d{2})/([01]?\\d)/");

    private Urls() {
    }

    static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The day written in the URL path (/2024/11/13/, /2024-11-13/, /20241113), or null. */
    static LocalDate date(String url) {
        if (url == null) {
            return null;
        }
        String path = pathAndQuery(url);
        Matcher m = SLASHED.matcher(path);
        if (m.find()) {
            LocalDate d = DateParsing.date(m.group(1), m.group(2), m.group(3));
            if (d != null) {
                return d;
            }
        }
        m = NAMED_MONTH.matcher(path);
        if (m.find()) {
            List<ParsedDate> named = DateParsing.findInText(m.group(3) + " " + m.group(2) + " " + m.group(1), null);
            if (!named.isEmpty()) {
                return named.get(0).date();
            }
        }
        m = COMPACT.matcher(path);
        while (m.find()) {
            LocalDate d = DateParsing.date(m.group(1), m.group(2), m.group(3));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Year and month from a /2024/11/ path, as the first of the month, or null; only good as a cross-check. */
    static LocalDate yearMonth(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = YEAR_MONTH.matcher(pathAndQuery(url));
        return m.find() ? DateParsing.date(m.group(1), m.group(2), "1") : null;
    }

    private static String pathAndQuery(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        return slash < 0 ? "" : url.substring(slash);
    }

    /** {@code href} made absolute against {@code base}; null when neither yields an absolute http(s) URL. */
    static String absolute(String href, String base) {
        if (href == null || href.isBlank()) {
            return null;
        }
        String h = href.strip();
        try {
            URI u = URI.create(h.replace(" ", "%20"));
            if (!u.isAbsolute() && base != null && !base.isBlank()) {
                u = URI.create(base.strip().replace(" ", "%20")).resolve(u);
            }
            String s = u.toString();
            return s.startsWith("http://") || s.startsWith("https://") ? s : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
