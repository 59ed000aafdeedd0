package io.topicpulse.extract;

import io.topicpulse.Digests;
import java.net.URI;
import java.util.Locale;

/** Stable identities for articles: the doc_id key and the host that stands for the source outlet. */
public final class ArticleIdentity {

    private ArticleIdentity() {
    }

    /**
     * The key an article is identified by: its fetched URL, else its canonical URL, else where it was read from.
     * URLs are normalised (scheme and host lower-cased, fragment dropped) so re-crawls of one page share a key.
     *
     * @param location where the page was read from, {@code file@offset} of {@code RawPage.location()}: the file is
     *                 the input's real path, so a page without a URL keeps its doc_id whichever link, cycle or
     *                 overlapping input led to the file
     */
    public static String key(String url, String canonicalUrl, String location) {
        String normalised = normaliseUrl(url);
        if (normalised == null) {
            normalised = normaliseUrl(canonicalUrl);
        }
        return normalised != null ? normalised : location;
    }

    /** doc_id: the first 128 bits of SHA-256 of the key, in hex. */
    public static String docId(String key) {
        return Digests.sha256Hex(key).substring(0, 32);
    }

    /** Lower-case host without a leading {@code www.}, or null when the URL has none. */
    public static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String normaliseUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        try {
            URI uri = URI.create(u);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return u;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port
                    + path + query;
        } catch (IllegalArgumentException e) {
            return u;
        }
    }
}
