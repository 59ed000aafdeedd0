package io.topicpulse.extract.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the publication date, trusting in order the URL, JSON-LD, meta conventions, time elements of the article and
 * dates written near the headline, where a byline date the markup cannot explain overrules the markup; then a date
 * labelled as published elsewhere on the page, and last a shown update date. The header's "today", sidebars and
 * comments are never read, and markup modification dates never taken.
 */
final class DateFinder {

    static final LocalDate EARLIEST = LocalDate.of(1995, 1, 1);
    /** Without a reference date only this fixed bound keeps obviously broken years out. */
    static final LocalDate LATEST_WITHOUT_REFERENCE = LocalDate.of(2099, 12, 31);

    private static final String[] META_KEYS = {
        "article:published_time", "og:article:published_time", "og:published_time", "article:published",
        "published_time", "datepublished", "pubdate", "publishdate", "publish_date", "publish-date",
        "published-date", "published_date", "article.published", "article_date_original", "originalpublicationdate",
        "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "dc.date", "dcterms.date", "date", "pub_date", "pubdate_time", "cxenseparse:recs:publishtime",
        "bt:pubdate", "article:post_date", "og:pubdate", "release_date", "citation_publication_date",
        "citation_date", "prism.publicationdate", "published",
    };

    private static final Pattern OTHER_PUBLISHED_KEY = Pattern.compile("publish|pubdate");
    private static final Pattern NOT_PUBLISHED_KEY = Pattern.compile("publisher|last|modif|updat|^itemprop:");
    /** A dateline or byline holds little besides the date: a name, a label, a time. */
    private static final int MAX_WORDS_AROUND_DATE = 70;
    private static final Pattern UPDATED = Pattern.compile(
            "(?i)(updated?|modified|edited|revised|aktualisiert|actualizad[oa]|atualizad[oa]|mis à jour|mise à jour|"
                    + "aggiornat[oa]|обновлено|обновлен|оновлено|güncell|zaktualizowano|aktualizacja|bijgewerkt|"
                    + "päivitetty|uppdaterad|opdateret|oppdatert|frissítve|aktualizováno|ažurirano|ενημερώθηκε|"
                    + "更新|최종|수정)[^\\d]{0,25}$");
    /** A label that says the date is the reader's today (a page header), not the article's. */
    private static final Pattern TODAY = Pattern.compile(
            "(?iu)(today|heute|aujourd.hui|hoy|hoje|oggi|vandaag|сегодня|сьогодні|dziś|dzisiaj|bugün|idag|i dag|"
                    + "tänään|i dag|今日|今天|오늘|اليوم)[^\\d]{0,25}$");
    private static final String[] MODIFIED_META_KEYS = {
        "article:modified_time", "og:updated_time", "article:modified", "datemodified", "dc.date.modified",
        "dcterms.modified", "last-modified", "lastmod", "modified", "updated", "revised",
    };
    /** A byline sits within the first few short lines under the headline and holds little besides the date. */
    private static final int BYLINE_LINES = 8;
    private static final int BYLINE_EXTRA_CHARS = 20;
    /** How much text left of a date may hold its label. */
    private static final int LABEL_CONTEXT = 60;
    /** A label saying the date is the publication's, on text folded by {@link DateParsing#fold}. */
    private static final Pattern PUBLISHED = Pattern.compile(
            "(published|posted|publication date|date of publication|publie|veroffentlicht|publicad[oa]|"
                    + "pubblicat[oa]|опубликовано|опубликован|опубліковано|gepubliceerd|yay[iı]nlan|opublikowano|"
                    + "julkaistu|publicerad|udgivet|publisert|objavljeno|δημοσιευ|发布|發布|公開|게시)[^\\d]{0,25}$");
    /** A cheap look for the words of {@link #PUBLISHED} in lower-cased text not yet folded. */
    private static final Pattern PUBLISHED_WORD = Pattern.compile(
            "publi|posted|pubblica|ver[oö]ffentlicht|опубл|gepubliceerd|yay[iı]nlan|julkaistu|udgivet|"
                    + "objavljeno|δημοσιε|发布|發布|公開|게시");
    private static final Evaluator TIME_ELEMENTS =
            QueryParser.parse("time, [itemprop=datePublished], [itemprop=dateCreated]");
    /** Classes, ids and itemprops of a modification date; "changed" is a CMS's name for the modification field. */
    private static final Pattern MODIFIED_MARKUP = Pattern.compile("(?i)updat|modif|edit|revis|changed");
    private static final Pattern MODIFIED_FIELD = Pattern.compile("(?i)changed|modif");
    /** A time element whose own text opens with an update label ("Updated April 10, 2025"). */
    private static final Pattern UPDATED_TEXT = Pattern.compile(
            "(?iu)^\\W*(last\\s+)?(updated?|modified|edited|revised|aktualisiert|actualizad[oa]|atualizad[oa]|"
                    + "mis à jour|mise à jour|aggiornat[oa]|обновлено|оновлено|güncellendi|zaktualizowano|"
                    + "bijgewerkt|päivitetty|uppdaterad|opdateret|oppdatert)\\b");

    private DateFinder() {
    }

    /** The chosen date with its source, or a "none" result saying why, and the evidence the choice rests on. */
    record Result(ParsedDate date, String source, String detail, DateEvidence evidence) {

        Result(ParsedDate date, String source, String detail) {
            this(date, source, detail, null);
        }

        Result withEvidence(DateEvidence e) {
            return new Result(date, source, detail, e);
        }
    }

    static Result find(MetaTags meta, JsonLd ld, ArticleScope scope, String url, String language, LocalDate notAfter) {
        LocalDate latest = notAfter == null ? LATEST_WITHOUT_REFERENCE : notAfter.plusDays(2);
        List<String> rejected = new ArrayList<>();
        LocalDate urlDate = plausible(Urls.date(url), latest);

        // Every kind of markup is read, not only the first that has a date: their agreement is evidence.
        Result fromLd = fromJsonLd(ld, language, latest, rejected);
        Result fromMeta = fromMeta(meta, language, latest, rejected);
        Result fromTime = fromTimeElements(scope, language, latest, rejected);
        Result structured = fromLd != null ? fromLd : fromMeta != null ? fromMeta : fromTime;
        DateEvidence.Builder evidence = new DateEvidence.Builder(day(fromLd), day(fromMeta), day(fromTime), urlDate,
                modifiedDay(meta, ld, language));
        LocalDate urlMonth = Urls.yearMonth(url);
        List<Dateline> shown = null;
        Result chosen;
        if (structured != null && urlDate != null) {
            shown = datelines(scope, language, latest, null, new ArrayList<>(), true);
            chosen = urlAndMarkup(structured, urlDate, url, evidence);
        } else if (urlDate != null) {
            shown = datelines(scope, language, latest, null, new ArrayList<>(), true);
            chosen = new Result(new ParsedDate(urlDate, null, null, url), "url", url);
            evidence.path(DateEvidence.Path.URL);
        } else {
            shown = datelines(scope, language, latest, urlMonth, rejected, structured != null);
            chosen = withoutUrlDay(structured, shown, meta, ld, scope, language, latest, urlMonth, rejected,
                    evidence);
        }
        evidence.byline(firstDay(shown, false));
        evidence.shownUpdate(firstDay(shown, true));
        return chosen.withEvidence(evidence.build(chosen.date() == null ? null : chosen.date().date()));
    }

    /** The choice between the URL's day and the markup's, when the page has both. */
    private static Result urlAndMarkup(Result structured, LocalDate urlDate, String url,
                                       DateEvidence.Builder evidence) {
        long apart = Math.abs(ChronoUnit.DAYS.between(urlDate, structured.date().date()));
        if (apart == 0) {
            evidence.path(DateEvidence.Path.URL_AND_MARKUP);
            return structured;
        }
        // A CMS writes the path once, on publication; markup dates drift with republishing and time zones.
        ParsedDate s = structured.date();
        if (apart == 1 && s.instant() != null && !reachableByTimeZone(s.instant(), urlDate)) {
            // No time zone a news desk works in puts that instant on the URL's day: the path is off.
            evidence.path(DateEvidence.Path.MARKUP_OVER_URL);
            return structured;
        }
        ParsedDate kept = apart == 1 ? new ParsedDate(urlDate, s.instant(), s.timezone(), s.raw())
                : new ParsedDate(urlDate, null, null, url);
        evidence.path(apart == 1 ? DateEvidence.Path.URL_OVER_MARKUP_BY_A_DAY : DateEvidence.Path.URL_OVER_MARKUP);
        return new Result(kept, "url", "url day kept over " + structured.source() + " " + structured.detail());
    }

    /** The choice on a page whose URL holds no day: markup (unless a byline overrules it), else the page text. */
    private static Result withoutUrlDay(Result structured, List<Dateline> shown, MetaTags meta, JsonLd ld,
                                        ArticleScope scope, String language, LocalDate latest, LocalDate urlMonth,
                                        List<String> rejected, DateEvidence.Builder evidence) {
        if (structured != null) {
            // The day stays the one in the offset the page wrote, even when the page shows its local day beside
            // a UTC timestamp: measured on both data sets, shifting lost more days than it won.
            Dateline byline = bylineOverruling(structured, shown, meta, ld, language);
            evidence.path(byline == null ? DateEvidence.Path.MARKUP : DateEvidence.Path.BYLINE_OVER_MARKUP);
            return byline == null ? structured : byline.result("shown beside the headline instead of "
                    + structured.source() + " " + structured.detail() + ": ");
        }
        for (Dateline d : shown) {
            if (!d.updated()) {
                evidence.path(DateEvidence.Path.DATELINE);
                return d.result("");
            }
        }
        Dateline labelled = labelledPublished(scope, language, latest, urlMonth);
        if (labelled != null) {
            evidence.path(DateEvidence.Path.LABELLED);
            return labelled.result("labelled as published: ");
        }
        if (!shown.isEmpty()) {
            // A page that only says when it was last updated is dated by that day: it is the one readers see.
            evidence.path(DateEvidence.Path.UPDATE_ONLY);
            return shown.get(0).result("only an update date is shown: ");
        }
        evidence.path(DateEvidence.Path.NONE);
        return new Result(null, "none", rejected.isEmpty()
                ? "no date in json-ld, meta, article time elements, url or article header"
                : "only implausible dates: " + String.join("; ", rejected));
    }

    private static LocalDate day(Result r) {
        return r == null ? null : r.date().date();
    }

    /** The day of the first dateline labelled as an update ({@code updated}) or not, or null. */
    private static LocalDate firstDay(List<Dateline> shown, boolean updated) {
        for (Dateline d : shown) {
            if (d.updated() == updated) {
                return d.date().date();
            }
        }
        return null;
    }

    /** The first modification day the JSON-LD or meta tags give, or null. */
    private static LocalDate modifiedDay(MetaTags meta, JsonLd ld, String language) {
        for (List<JsonNode> group : List.of(ld.articles(), ld.pages())) {
            for (JsonNode node : group) {
                ParsedDate p = DateParsing.parseMachine(JsonLd.text(node, "dateModified"), language);
                if (p != null) {
                    return p.date();
                }
            }
        }
        for (String key : MODIFIED_META_KEYS) {
            for (String raw : meta.all(key)) {
                ParsedDate p = DateParsing.parseMachine(raw, language);
                if (p != null) {
                    return p.date();
                }
            }
        }
        return null;
    }

    /** True when the instant falls on {@code day} at some UTC offset within ten hours either way. */
    private static boolean reachableByTimeZone(Instant instant, LocalDate day) {
        LocalDate west = instant.minus(Duration.ofHours(10)).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate east = instant.plus(Duration.ofHours(10)).atOffset(ZoneOffset.UTC).toLocalDate();
        return !day.isBefore(west) && !day.isAfter(east);
    }

    private static Result fromJsonLd(JsonLd ld, String language, LocalDate latest, List<String> rejected) {
        for (List<JsonNode> group : List.of(ld.articles(), ld.pages())) {
            for (JsonNode node : group) {
                for (String field : new String[] {"datePublished", "dateCreated"}) {
                    String raw = JsonLd.text(node, field);
                    ParsedDate p = DateParsing.parseMachine(raw, language);
                    if (p != null) {
                        if (plausible(p.date(), latest) != null) {
                            return new Result(p, "json-ld", field + "=" + raw);
                        }
                        rejected.add("json-ld " + field + "=" + raw);
                    }
                }
            }
        }
        return null;
    }

    private static Result fromMeta(MetaTags meta, String language, LocalDate latest, List<String> rejected) {
        Result r = fromMetaKeys(meta, List.of(META_KEYS), language, latest, rejected);
        if (r == null) {
            // Site-specific names still say what they hold: "w-published-date", "cdc:first_published".
            List<String> other = new ArrayList<>();
            for (String key : meta.keys()) {
                if (OTHER_PUBLISHED_KEY.matcher(key).find() && !NOT_PUBLISHED_KEY.matcher(key).find()) {
                    other.add(key);
                }
            }
            Collections.sort(other);
            r = fromMetaKeys(meta, other, language, latest, rejected);
        }
        return r;
    }

    private static Result fromMetaKeys(MetaTags meta, List<String> keys, String language, LocalDate latest,
                                       List<String> rejected) {
        for (String key : keys) {
            for (String raw : meta.all(key)) {
                ParsedDate p = DateParsing.parseMachine(raw, language);
                if (p != null) {
                    if (plausible(p.date(), latest) != null) {
                        return new Result(p, "meta", key + "=" + raw);
                    }
                    rejected.add("meta " + key + "=" + raw);
                }
            }
        }
        return null;
    }

    private static Result fromTimeElements(ArticleScope scope, String language, LocalDate latest,
                                           List<String> rejected) {
        for (Element area : scope.areas()) {
            for (Element e : area.select(TIME_ELEMENTS)) {
                if (scope.isBoilerplate(e) || looksModified(e) || ArticleScope.inLinkedListItem(e)) {
                    continue;
                }
                String raw = machineValue(e);
                ParsedDate p = DateParsing.parseMachine(raw, language);
                if (p == null && !raw.equals(e.text())) {
                    p = DateParsing.parseMachine(e.text(), language);
                }
                if (p != null) {
                    if (plausible(p.date(), latest) != null) {
                        return new Result(p, "time-element", raw);
                    }
                    rejected.add("time element " + raw);
                }
            }
        }
        // Time elements in the byline next to the headline, when the headline sits outside the content.
        List<TextNode> near = new ArrayList<>(scope.linesAfter());
        near.addAll(scope.linesBefore());
        for (TextNode t : near) {
            Element e = t.parent();
            for (int up = 0; e != null && up < 2; up++, e = e.parent()) {
                if ((e.normalName().equals("time") || e.attr("itemprop").equalsIgnoreCase("datePublished"))
                        && !looksModified(e) && !scope.isBoilerplate(e) && !ArticleScope.inLinkedListItem(e)) {
                    String raw = machineValue(e);
                    ParsedDate p = DateParsing.parseMachine(raw, language);
                    if (p != null && plausible(p.date(), latest) != null) {
                        return new Result(p, "time-element", raw);
                    }
                }
            }
        }
        return null;
    }

    private static String machineValue(Element e) {
        return e.hasAttr("datetime") ? e.attr("datetime") : e.hasAttr("content") ? e.attr("content") : e.text();
    }

    /** The element's itemprop, class and id, and its parent's class and id. */
    private static String marks(Element e) {
        String marks = e.attr("itemprop") + " " + e.className() + " " + e.id();
        Element parent = e.parent();
        return parent == null ? marks : marks + " " + parent.className() + " " + parent.id();
    }

    private static boolean looksModified(Element e) {
        String marks = marks(e);
        Element parent = e.parent();
        if (MODIFIED_MARKUP.matcher(marks).find() || UPDATED_TEXT.matcher(e.text()).find()) {
            return true;
        }
        if (parent != null) {
            String before = textBefore(parent, e);
            return UPDATED.matcher(before).find();
        }
        return false;
    }

    private static String textBefore(Element parent, Element child) {
        StringBuilder sb = new StringBuilder();
        for (Node n : parent.childNodes()) {
            if (n == child) {
                break;
            }
            if (n instanceof TextNode t) {
                sb.append(t.text());
            } else if (n instanceof Element el) {
                sb.append(el.text());
            }
        }
        return sb.length() > 60 ? sb.substring(sb.length() - 60) : sb.toString();
    }

    /** A date written near the headline: a dateline or byline date, perhaps labelled as an update. */
    private record Dateline(ParsedDate date, String line, String label, boolean afterHeadline, int index,
                            int extraChars) {

        /** True when the text left of the date says it is an update, not the publication. */
        boolean updated() {
            return UPDATED.matcher(label).find();
        }

        Result result(String why) {
            return new Result(new ParsedDate(date.date(), null, null, date.raw()), "text", why + Text.clean(line));
        }
    }

    /**
     * The dates written in the article's header, after the headline first (page order), then before it (nearest
     * first), then, without a headline, in the first short lines of the content; "today" labels are left out.
     */
    private static List<Dateline> datelines(ArticleScope scope, String language, LocalDate latest,
                                            LocalDate urlMonth, List<String> rejected, boolean bylineOnly) {
        List<Dateline> out = new ArrayList<>();
        List<String> after = texts(scope.linesAfter());
        collectDatelines(bylineOnly ? after.subList(0, Math.min(after.size(), BYLINE_LINES)) : after, true,
                language, latest, urlMonth, rejected, out);
        List<String> before = texts(scope.linesBefore());
        if (bylineOnly) {
            // The line right above the headline, and two more for its label.
            before = before.subList(0, Math.min(before.size(), 3));
        }
        Collections.reverse(before);
        List<Dateline> early = new ArrayList<>();
        collectDatelines(before, false, language, latest, urlMonth, rejected, early);
        // Lines before the headline were reversed to read labels in page order; now nearest the headline first,
        // indexed by how many lines above the headline they stand.
        for (int i = early.size() - 1; i >= 0; i--) {
            Dateline d = early.get(i);
            out.add(new Dateline(d.date(), d.line(), d.label(), false, before.size() - 1 - d.index(), d.extraChars()));
        }
        if (!bylineOnly && out.isEmpty() && scope.content() != null && scope.headline() == null) {
            collectDatelines(shortLines(scope.content(), scope, 30), false, language, latest, urlMonth, rejected,
                    out);
        }
        return out;
    }

    /**
     * The lines' texts; the text of a time element whose markup names it a modification ("dateModified", a CMS's
     * "changed" field) is read as labelled "Updated". The class "updated" alone does not count: the hAtom
     * microformat puts it on publication dates ("entry-date updated").
     */
    private static List<String> texts(List<TextNode> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (TextNode t : nodes) {
            String text = t.text().strip();
            out.add(inModifiedTime(t) && !UPDATED_TEXT.matcher(text).find() ? "Updated " + text : text);
        }
        return out;
    }

    private static boolean inModifiedTime(TextNode t) {
        Element e = t.parent();
        for (int up = 0; e != null && up < 2; up++, e = e.parent()) {
            if (e.normalName().equals("time")) {
                return MODIFIED_FIELD.matcher(marks(e)).find();
            }
        }
        return false;
    }

    private static void collectDatelines(List<String> lines, boolean afterHeadline, String language,
                                         LocalDate latest, LocalDate urlMonth, List<String> rejected,
                                         List<Dateline> out) {
        // The label may stand lines above its date ("Last updated" / "on" / "Feb 27, 2026"), so the lines read
        // so far are kept as the date's left context; only lines with a date are folded.
        StringBuilder read = new StringBuilder();
        int index = 0;
        for (String line : lines) {
            if (hasDigit(line)) {
                String folded = DateParsing.fold(line);
                for (ParsedDate p : DateParsing.findInText(line, language)) {
                    int extra = line.length() - p.raw().length();
                    if (extra > MAX_WORDS_AROUND_DATE) {
                        // A sentence that mentions a date, not a dateline.
                        continue;
                    }
                    int at = folded.indexOf(p.raw());
                    String left = DateParsing.fold(read.toString()) + (at > 0 ? folded.substring(0, at) : "");
                    String before = left.length() > LABEL_CONTEXT ? left.substring(left.length() - LABEL_CONTEXT)
                            : left;
                    if (TODAY.matcher(before).find()) {
                        continue;
                    }
                    if (plausible(p.date(), latest) == null) {
                        rejected.add("text " + p.raw());
                        continue;
                    }
                    if (urlMonth != null && (urlMonth.getYear() != p.date().getYear()
                            || urlMonth.getMonthValue() != p.date().getMonthValue())) {
                        rejected.add("text " + p.raw() + " disagrees with the url's month");
                        continue;
                    }
                    out.add(new Dateline(p, line, before, afterHeadline, index, extra));
                }
            }
            read.append(line).append(' ');
            if (read.length() > LABEL_CONTEXT) {
                read.delete(0, read.length() - LABEL_CONTEXT);
            }
            index++;
        }
    }

    /**
     * The first date the page labels as published ("Published on", "Posted", "Veröffentlicht") anywhere outside
     * the article's header, which layouts sometimes put in a side column or below the article. Outside the
     * article a label alone is not enough (teasers and comments say "Posted" too): there it must be the only day.
     */
    private static Dateline labelledPublished(ArticleScope scope, String language, LocalDate latest,
                                              LocalDate urlMonth) {
        Element body = scope.document() == null ? null : scope.document().body();
        if (body == null) {
            return null;
        }
        List<Dateline> inArticle = new ArrayList<>();
        List<Dateline> elsewhere = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        // The last few short texts, the left context of a date, and whether each holds a word of the label,
        // asked once per text (null until asked), not again for each of the dates that follow it.
        List<String> window = new ArrayList<>();
        List<Boolean> labelWords = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    return tag.equals("script") || tag.equals("style") || tag.equals("noscript")
                            ? FilterResult.SKIP_ENTIRELY : FilterResult.CONTINUE;
                }
                if (!(node instanceof TextNode t) || !(node.parent() instanceof Element parent)) {
                    return FilterResult.CONTINUE;
                }
                if (t.isBlank()) {
                    // Whitespace between tags, most text nodes of a page: nothing to read, and no copy made.
                    return FilterResult.CONTINUE;
                }
                String s = t.getWholeText().length() > 2 * ArticleScope.LONG_LINE ? "" : t.text().strip();
                if (s.length() > ArticleScope.LONG_LINE || s.isEmpty()) {
                    // A paragraph: no label reaches across it to a date.
                    window.clear();
                    labelWords.clear();
                    return FilterResult.CONTINUE;
                }
                window.add(s);
                labelWords.add(null);
                if (window.size() > 3) {
                    window.remove(0);
                    labelWords.remove(0);
                }
                if (hasDigit(s) && hasLabelWord(window, labelWords)) {
                    List<Dateline> found = new ArrayList<>();
                    collectDatelines(window, false, language, latest, urlMonth, ignored, found);
                    for (Dateline d : found) {
                        if (d.index() == window.size() - 1 && !d.updated() && PUBLISHED.matcher(d.label()).find()) {
                            (scope.isBoilerplate(parent) ? elsewhere : inArticle).add(d);
                        }
                    }
                }
                return inArticle.isEmpty() && elsewhere.size() < 5 ? FilterResult.CONTINUE : FilterResult.STOP;
            }
        }, body);
        if (!inArticle.isEmpty()) {
            return inArticle.get(0);
        }
        for (Dateline d : elsewhere) {
            if (!d.date().date().equals(elsewhere.get(0).date().date())) {
                return null;
            }
        }
        return elsewhere.isEmpty() ? null : elsewhere.get(0);
    }

    /**
     * True when a text of the window holds a word of {@link #PUBLISHED_WORD}; none of its words has a space, so
     * no match can span two texts and asking each text alone is the same as asking them joined.
     */
    private static boolean hasLabelWord(List<String> window, List<Boolean> labelWords) {
        boolean found = false;
        for (int i = 0; i < window.size(); i++) {
            Boolean has = labelWords.get(i);
            if (has == null) {
                has = PUBLISHED_WORD.matcher(window.get(i).toLowerCase(Locale.ROOT)).find();
                labelWords.set(i, has);
            }
            found |= has;
        }
        return found;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The byline date that overrules the markup's date: shown right under the headline, not labelled as an update,
     * and more than a day away from every date the markup holds (published, modified or created). Such markup dates
     * are a template's build or import time; the reader's date is the one printed on the page.
     */
    private static Dateline bylineOverruling(Result structured, List<Dateline> shown, MetaTags meta, JsonLd ld,
                                             String language) {
        if (structured.source().equals("time-element")) {
            return null;
        }
        for (Dateline d : shown) {
            if (d.updated()) {
                continue;
            }
            if (d.index() >= (d.afterHeadline() ? BYLINE_LINES : 1) || d.extraChars() > BYLINE_EXTRA_CHARS) {
                // Only the first dateline speaks for the article; later ones may be a sidebar's or a quote's, and
                // above the headline only the line right over it (a kicker's date) is the article's.
                return null;
            }
            LocalDate day = d.date().date();
            for (LocalDate m : markupDays(meta, ld, language)) {
                if (Math.abs(ChronoUnit.DAYS.between(m, day)) <= 1 || swapped(day).equals(m)) {
                    return null;
                }
            }
            return d;
        }
        return null;
    }

    /** The day with day and month exchanged (the other reading of 03/04/2024), or the day itself. */
    private static LocalDate swapped(LocalDate d) {
        LocalDate s = d.getDayOfMonth() <= 12
                ? DateParsing.date(String.valueOf(d.getYear()), String.valueOf(d.getDayOfMonth()),
                        String.valueOf(d.getMonthValue()))
                : null;
        return s == null ? d : s;
    }

    /** Every publication, creation and modification day in the JSON-LD and meta tags. */
    private static List<LocalDate> markupDays(MetaTags meta, JsonLd ld, String language) {
        List<LocalDate> days = new ArrayList<>();
        for (List<JsonNode> group : List.of(ld.articles(), ld.pages())) {
            for (JsonNode node : group) {
                for (String field : new String[] {"datePublished", "dateCreated", "dateModified"}) {
                    addDay(days, JsonLd.text(node, field), language);
                }
            }
        }
        for (String key : META_KEYS) {
            for (String raw : meta.all(key)) {
                addDay(days, raw, language);
            }
        }
        for (String key : MODIFIED_META_KEYS) {
            for (String raw : meta.all(key)) {
                addDay(days, raw, language);
            }
        }
        return days;
    }

    private static void addDay(List<LocalDate> days, String raw, String language) {
        ParsedDate p = DateParsing.parseMachine(raw, language);
        if (p != null) {
            days.add(p.date());
        }
    }

    /** Text nodes of at most {@link ArticleScope#LONG_LINE} characters, in page order, outside boilerplate. */
    private static List<String> shortLines(Element area, ArticleScope scope, int limit) {
        List<String> lines = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (lines.size() >= limit || !(node instanceof TextNode t)) {
                    return;
                }
                String s = t.text().strip();
                if (s.length() >= 6 && s.length() <= ArticleScope.LONG_LINE && node.parent() instanceof Element p
                        && !scope.isBoilerplate(p)) {
                    lines.add(s);
                }
            }
        }, area);
        return lines;
    }

    static LocalDate plausible(LocalDate d, LocalDate latest) {
        return d == null || d.isBefore(EARLIEST) || d.isAfter(latest) ? null : d;
    }
}
