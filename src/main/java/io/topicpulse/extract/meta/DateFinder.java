package io.topicpulse.extract.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the publication date, trusting in order JSON-LD, meta conventions, time elements of the article, the URL and
 * dates written near the headline; modification dates, the header's "today", sidebars and comments are never read.
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
        "citation_date", "prism.publicationdate",
    };

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
    private static final Pattern MODIFIED_MARKUP = Pattern.compile("(?i)updat|modif|edit|revis");

    private DateFinder() {
    }

    /** The chosen date with its source, or a "none" result saying why. */
    record Result(ParsedDate date, String source, String detail) {
    }

    static Result find(MetaTags meta, JsonLd ld, ArticleScope scope, String url, String language, LocalDate notAfter) {
        LocalDate latest = notAfter == null ? LATEST_WITHOUT_REFERENCE : notAfter.plusDays(2);
        List<String> rejected = new ArrayList<>();
        LocalDate urlDate = plausible(Urls.date(url), latest);

        Result structured = fromJsonLd(ld, language, latest, rejected);
        if (structured == null) {
            structured = fromMeta(meta, language, latest, rejected);
        }
        if (structured == null) {
            structured = fromTimeElements(scope, language, latest, rejected);
        }
        if (structured != null && urlDate != null) {
            long apart = Math.abs(ChronoUnit.DAYS.between(urlDate, structured.date().date()));
            if (apart == 0) {
                return structured;
            }
            // A CMS writes the path once, on publication; markup dates drift with republishing and time zones.
            ParsedDate s = structured.date();
            if (apart == 1 && s.instant() != null && !reachableByTimeZone(s.instant(), urlDate)) {
                // No time zone a news desk works in puts that instant on the URL's day: the path is off.
                return structured;
            }
            ParsedDate kept = apart == 1 ? new ParsedDate(urlDate, s.instant(), s.timezone(), s.raw())
                    : new ParsedDate(urlDate, null, null, url);
            return new Result(kept, "url", "url day kept over " + structured.source() + " " + structured.detail());
        }
        if (urlDate != null) {
            return new Result(new ParsedDate(urlDate, null, null, url), "url", url);
        }
        if (structured != null) {
            // The day stays the one in the offset the page wrote, even when the page shows its local day beside
            // a UTC timestamp: measured on both data sets, shifting lost more days than it won.
            return structured;
        }
        Result text = fromText(scope, language, latest, Urls.yearMonth(url), rejected);
        if (text != null) {
            return text;
        }
        return new Result(null, "none", rejected.isEmpty()
                ? "no date in json-ld, meta, article time elements, url or article header"
                : "only implausible dates: " + String.join("; ", rejected));
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
        for (String key : META_KEYS) {
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
            for (Element e : area.select("time, [itemprop=datePublished], [itemprop=dateCreated]")) {
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

    private static boolean looksModified(Element e) {
        String marks = e.attr("itemprop") + " " + e.className() + " " + e.id();
        Element parent = e.parent();
        if (parent != null) {
            marks += " " + parent.className() + " " + parent.id();
        }
        if (MODIFIED_MARKUP.matcher(marks).find()) {
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

    private static Result fromText(ArticleScope scope, String language, LocalDate latest, LocalDate urlMonth,
                                   List<String> rejected) {
        List<String> after = texts(scope.linesAfter());
        Result r = firstPublished(after, language, latest, urlMonth, rejected);
        if (r == null) {
            List<String> before = texts(scope.linesBefore());
            Collections.reverse(before);
            r = firstPublished(before, language, latest, urlMonth, rejected);
        }
        if (r == null && scope.content() != null && scope.headline() == null) {
            r = firstPublished(shortLines(scope.content(), scope, 30), language, latest, urlMonth, rejected);
        }
        return r;
    }

    private static List<String> texts(List<TextNode> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (TextNode t : nodes) {
            out.add(t.text().strip());
        }
        return out;
    }

    /** The first date in the lines (page order) that is not labelled as an update. */
    private static Result firstPublished(List<String> lines, String language, LocalDate latest, LocalDate urlMonth,
                                         List<String> rejected) {
        String previous = "";
        for (String line : lines) {
            String folded = DateParsing.fold(line);
            for (ParsedDate p : DateParsing.findInText(line, language)) {
                if (line.length() - p.raw().length() > MAX_WORDS_AROUND_DATE) {
                    // A sentence that mentions a date, not a dateline.
                    continue;
                }
                int at = folded.indexOf(p.raw());
                String before = at > 0 ? folded.substring(0, at) : DateParsing.fold(previous);
                if (UPDATED.matcher(before).find() || TODAY.matcher(before).find()) {
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
                return new Result(new ParsedDate(p.date(), null, null, p.raw()), "text", Text.clean(line));
            }
            previous = line;
        }
        return null;
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
