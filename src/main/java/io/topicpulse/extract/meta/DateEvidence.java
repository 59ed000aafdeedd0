package io.topicpulse.extract.meta;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a page says about its publication day, kind by kind, and which rule of {@link DateFinder} chose the day:
 * the evidence a date's confidence is read from.
 *
 * @param path        the rule that chose the day
 * @param day         the chosen day, or null
 * @param jsonLd      the JSON-LD datePublished (else dateCreated) day, or null
 * @param meta        the published-time meta tag's day, or null
 * @param timeElement the day of the article's first time element, or null
 * @param url         the day written in the URL, or null
 * @param byline      the day of the first dateline near the headline not labelled as an update, or null
 * @param modified    the JSON-LD or meta modification day, or null
 * @param shownUpdate the day of the first dateline near the headline labelled as an update, or null
 */
public record DateEvidence(Path path, LocalDate day, LocalDate jsonLd, LocalDate meta, LocalDate timeElement,
                           LocalDate url, LocalDate byline, LocalDate modified, LocalDate shownUpdate)
        implements Serializable {

    /** The rules of {@link DateFinder}, in the order it tries them. */
    public enum Path {
        /** The URL's day, which the markup's day equals. */
        URL_AND_MARKUP("url=markup"),
        /** The markup's instant, a day off the URL's day and on no time zone's day that the URL names. */
        MARKUP_OVER_URL("markup>url"),
        /** The URL's day, kept over a markup day one day off. */
        URL_OVER_MARKUP_BY_A_DAY("url>markup-1d"),
        /** The URL's day, kept over a markup day further off. */
        URL_OVER_MARKUP("url>markup"),
        /** The URL's day, without markup. */
        URL("url"),
        /** The markup's day, without a URL day. */
        MARKUP("markup"),
        /** A byline date that no markup day is near. */
        BYLINE_OVER_MARKUP("byline>markup"),
        /** The first dateline near the headline, without markup. */
        DATELINE("dateline"),
        /** A date labelled as the publication's elsewhere on the page. */
        LABELLED("labelled"),
        /** Only an update date is shown. */
        UPDATE_ONLY("update-only"),
        /** No date. */
        NONE("none");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        /** The short name used in date_detail and in the calibration table. */
        public String label() {
            return label;
        }
    }

    /** The kinds of evidence (json-ld, meta, time, url, byline) whose day equals the chosen day, its own kind too. */
    public List<String> agreeing() {
        return kinds(true);
    }

    /** The kinds of evidence that give a day other than the chosen one. */
    public List<String> disagreeing() {
        return kinds(false);
    }

    /**
     * The pattern of this evidence, the row of {@link DateConfidence}'s table: how many kinds give the chosen day,
     * whether another kind or the modification day says otherwise, and whether the date is only an update's.
     * Null when there is no day.
     */
    public Pattern pattern() {
        if (day == null) {
            return null;
        }
        if (path == Path.UPDATE_ONLY) {
            return Pattern.UPDATE_ONLY;
        }
        List<String> agree = agreeing();
        boolean contested = !disagreeing().isEmpty();
        if (agree.size() >= 2) {
            return contested ? Pattern.AGREED_CONTESTED
                    : agree.size() >= 3 ? Pattern.AGREED_BY_THREE : Pattern.AGREED_BY_TWO;
        }
        if (!contested && (modified == null || modified.equals(day))) {
            return Pattern.SINGLE;
        }
        return agree.equals(List.of("json-ld")) ? Pattern.JSON_LD_ALONE_OPPOSED : Pattern.SINGLE_OPPOSED;
    }

    /** The rows of the confidence table: patterns of evidence, from the strongest. */
    public enum Pattern {
        /** Three or more kinds give the day, none another. */
        AGREED_BY_THREE("agreed by 3+"),
        /** Two kinds give the day, none another. */
        AGREED_BY_TWO("agreed by 2"),
        /** One kind gives the day, none another, and the modification day (if any) is the same. */
        SINGLE("single"),
        /** One kind other than JSON-LD gives the day; another kind or the modification day says otherwise. */
        SINGLE_OPPOSED("single, opposed"),
        /** Only a date labelled as an update is shown. */
        UPDATE_ONLY("update only"),
        /** Two or more kinds give the day, and another kind gives another. */
        AGREED_CONTESTED("agreed, contested"),
        /**
         * Only JSON-LD, which readers never see, gives the day, and another kind or the modification day says
         * otherwise: on the development half, mostly a republished page whose JSON-LD kept the first day.
         */
        JSON_LD_ALONE_OPPOSED("json-ld alone, opposed");

        private final String label;

        Pattern(String label) {
            this.label = label;
        }

        /** The name used in date_detail, eval and docs/extraction.md. */
        public String label() {
            return label;
        }
    }

    /** One line for date_detail: the pattern, and the kinds that agree and differ. */
    public String describe() {
        Pattern p = pattern();
        if (p == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(p.label()).append(" (").append(path.label());
        List<String> agree = agreeing();
        if (!agree.isEmpty()) {
            s.append("; agree: ").append(String.join(", ", agree));
        }
        List<String> differ = disagreeing();
        if (!differ.isEmpty()) {
            s.append("; differ: ");
            for (int i = 0; i < differ.size(); i++) {
                s.append(i == 0 ? "" : ", ").append(differ.get(i)).append(' ').append(dayOf(differ.get(i)));
            }
        }
        if (modified != null && !modified.equals(day)) {
            s.append("; modified ").append(modified);
        }
        return s.append(')').toString();
    }

    private LocalDate dayOf(String kind) {
        return switch (kind) {
            case "json-ld" -> jsonLd;
            case "meta" -> meta;
            case "time" -> timeElement;
            case "url" -> url;
            default -> byline;
        };
    }

    private List<String> kinds(boolean agree) {
        List<String> out = new ArrayList<>();
        if (day == null) {
            return out;
        }
        add(out, "json-ld", jsonLd, agree);
        add(out, "meta", meta, agree);
        add(out, "time", timeElement, agree);
        add(out, "url", url, agree);
        add(out, "byline", byline, agree);
        return out;
    }

    private void add(List<String> out, String kind, LocalDate d, boolean agree) {
        if (d != null && d.equals(day) == agree) {
            out.add(kind);
        }
    }

    /** Collects the evidence while {@link DateFinder} decides. */
    static final class Builder {
        private final LocalDate jsonLd;
        private final LocalDate meta;
        private final LocalDate timeElement;
        private final LocalDate url;
        private final LocalDate modified;
        private Path path = Path.NONE;
        private LocalDate byline;
        private LocalDate shownUpdate;

        Builder(LocalDate jsonLd, LocalDate meta, LocalDate timeElement, LocalDate url, LocalDate modified) {
            this.jsonLd = jsonLd;
            this.meta = meta;
            this.timeElement = timeElement;
            this.url = url;
            this.modified = modified;
        }

        void path(Path p) {
            this.path = p;
        }

        void byline(LocalDate d) {
            this.byline = d;
        }

        void shownUpdate(LocalDate d) {
            this.shownUpdate = d;
        }

        DateEvidence build(LocalDate chosen) {
            return new DateEvidence(path, chosen, jsonLd, meta, timeElement, url, byline, modified, shownUpdate);
        }
    }
}
