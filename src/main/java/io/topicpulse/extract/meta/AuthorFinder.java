package io.topicpulse.extract.meta;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the article's authors: JSON-LD persons, meta author tags, then byline elements near the headline. */
final class AuthorFinder {

    private static final Pattern BY = Pattern.compile(
            // "Written byJane Doe": the label glued to the name when markup put them in separate elements.
            "(?iu)^((written|posted)\\s*by(?=\\p{Lu})|(written\\s*by|posted\\s*by|reviewed\\s+by|story\\s+by|words\\s+by|by|"
                    + "von|por|par|di|door|av|af|przez|автор(ы)?|від|tarafından|yazar|escrito\\s+por|publicado\\s+por|"
                    + "author|authors|autor(es|en|ka)?|auteur)\\b)\\s*[:\\-]?\\s*");
    /** Credits after the writers' names ("Researched by", "Edited by") name other people than the authors. */
    private static final Pattern OTHER_CREDITS = Pattern.compile(
            "(?iu)[\\s,;|\u2022\u00b7]*\\b(reviewed|edited|researched|fact[- ]?checked|illustrat(ed|ions)|photos?|"
                    + "photographs?|video|produced)\\s+by\\b.*$");
    /** A byline part that dates the story ("Published 1 October 2024") rather than naming anyone. */
    private static final Pattern DATE_LABEL = Pattern.compile(
            "(?iu)((published|updated|posted|modified|last\\s+updated)\\b|on\\s+\\d)");
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:,?\\s+(?:and|und|y|e|et|и|і|ve|i)\\s+|\\s*&\\s*|\\s*;\\s*|\\s*\\|\\s*)\\s*");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(ph\\.?\\s?d\\.?|m\\.?d\\.?|r\\.?d\\.?n?|m\\.?s\\.?|mph|mba|cpa|jr\\.?|sr\\.?|dds|esq\\.?)");
    private static final Pattern INITIALS = Pattern.compile("[A-Z][A-Z.\\-]{0,7}(\\s\\d+)?");
    private static final Pattern NOISE = Pattern.compile(
            "(?iu)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(st|nd|rd|th)?,?(\\s+\\d{4})?"
                    + "|\\d+\\s*min(ute)?s?\\s*read|more\\s+about\\s+(this|the)\\s+author|about\\s+the\\s+author|"
                    + "\\bthe\\s+author\\b|\\bview\\s+all\\s+posts\\b|\\bfollow\\b");
    private static final Set<String> NOT_NAMES = Set.of("undefined", "null", "admin", "administrator", "guest",
            "staff", "unknown", "author", "editor");
    private static final Set<String> ORGANIZATION = Set.of("organization", "newsmediaorganization", "corporation",
            "organisation");

    /** Bylines read in plain text: a label that leaves no doubt, then the names. */
    private static final Pattern BYLINE_TEXT = Pattern.compile(
            "(?iu)(written\\s+by|posted\\s+by|story\\s+by|words\\s+by|by|author|von|por|par|door|autor)\\b\\s*:?\\s*");
    /** Job titles that end a role printed after a name. */
    private static final String ROLES = "(reporter|editor|writer|correspondent|coordinator|manager|director|"
            + "contributor|columnist|producer|analyst|strategist|specialist|expert|journalist)";
    private static final Pattern ROLE = Pattern.compile("(?iu)" + ROLES);
    private static final Pattern ROLE_AFTER_DASH = Pattern.compile("(?iu)\\s+[-\u2013\u2014|]\\s+.*\\b" + ROLES + "\\b.*$");
    private static final Pattern TRAILING_COUNTS = Pattern.compile("(?<=\\p{L})(\\s+\\d+)+$");
    /** Two to four capitalised words of letters, as a person's name is written. */
    private static final Pattern PERSON = Pattern.compile(
            "\\p{Lu}[\\p{L}'\u2019.\\-]+(\\s(\\p{Lu}[\\p{L}'\u2019.\\-]*|van|von|de|der|da|di|del|la|le|bin|al)){1,3}");
    private static final Pattern BYLINE_PARTS = Pattern.compile("\\s+[|\u00b7\u2022]\\s+");
    private static final Pattern IN_SECTION = Pattern.compile("\\s+in$");
    private static final Pattern PERSON_SEPARATOR = Pattern.compile("\\s*,\\s*|\\s+(and|&)\\s+");
    /** A line that dates the story, as the line after a byline does. */
    private static final Pattern DATELINE = Pattern.compile(
            "(?iu)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+"
                    + "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b|\\b\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}\\b|"
                    + "\\b(updated|published|posted)\\b(?!\\s+(under|in|by)\\b)|\\bmin(ute)?s?\\s+read\\b");
    /** Byline markup, most specific first; parsed once, as each page runs them per area. */
    private static final Evaluator[] BYLINE_SELECTORS = Stream.of("[rel=author]",
            "[itemprop=author] [itemprop=name]", "[itemprop=author]",
            "[class*=author-name], [class*=author__name], [class*=authorName], [class*=author_name]",
            "[class*=byline] a, [class*=author] a", "[class*=byline], [class*=author]")
            .map(QueryParser::parse).toArray(Evaluator[]::new);
    /** How many lines under the headline a bare name may stand in. */
    private static final int BARE_NAME_LINES = 6;
    /** How many short lines around the headline may hold the byline. */
    private static final int BYLINE_LINES = 12;

    private AuthorFinder() {
    }

    static List<String> find(MetaTags meta, JsonLd ld, ArticleScope scope, Set<String> siteNames) {
        List<String> people = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode n : ld.all()) {
            if (n.hasNonNull("@id") && n.hasNonNull("name")) {
                byId.putIfAbsent(n.get("@id").asText(), n);
            }
        }
        for (JsonNode article : ld.articles()) {
            collect(article.get("author"), byId, people, organizations);
            collect(article.get("creator"), byId, people, organizations);
            if (!people.isEmpty() || !organizations.isEmpty()) {
                break;
            }
        }
        if (!people.isEmpty()) {
            return people;
        }
        List<String> fromMeta = new ArrayList<>();
        for (String key : new String[] {"author", "article:author", "og:article:author", "sailthru.author",
            "parsely-author", "dc.creator", "dcterms.creator", "byl", "citation_author", "twitter:data1"}) {
            for (String v : meta.all(key)) {
                if (key.equals("twitter:data1") && !"written by".equalsIgnoreCase(meta.first("twitter:label1"))) {
                    continue;
                }
                if (key.equals("citation_author") || key.equals("dc.creator")) {
                    v = surnameLast(v);
                }
                if (TitleFinder.isSiteName(v, siteNames)) {
                    // The site itself as author: a byline naming a person is better, if there is one.
                    addNames(organizations, v);
                } else {
                    addNames(fromMeta, v);
                }
            }
            if (!fromMeta.isEmpty()) {
                return fromMeta;
            }
        }
        List<String> byline = fromByline(scope);
        if (byline.isEmpty()) {
            byline = fromBylineText(scope.linesAfter());
        }
        if (byline.isEmpty()) {
            byline = fromBylineText(scope.linesBefore());
        }
        if (byline.isEmpty()) {
            byline = fromBareName(scope.linesAfter(), scope.headline(), siteNames);
        }
        if (!byline.isEmpty()) {
            return withoutSite(byline, siteNames);
        }
        return organizations;
    }

    /** The names without the publication itself, which bylines add after the writers ("Jane Doe, The Daily"). */
    private static List<String> withoutSite(List<String> names, Set<String> siteNames) {
        List<String> people = new ArrayList<>();
        for (String n : names) {
            if (!TitleFinder.isSiteName(n, siteNames)) {
                people.add(n);
            }
        }
        return people.isEmpty() ? names : people;
    }

    /** "Roy, Aniruddha" as citation metadata writes it becomes "Aniruddha Roy". */
    private static String surnameLast(String v) {
        int comma = v.indexOf(',');
        if (comma > 0 && comma == v.lastIndexOf(',') && !v.substring(comma + 1).isBlank()) {
            return v.substring(comma + 1).strip() + " " + v.substring(0, comma).strip();
        }
        return v;
    }

    private static void collect(JsonNode node, Map<String, JsonNode> byId, List<String> people,
                                List<String> organizations) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                collect(n, byId, people, organizations);
            }
            return;
        }
        if (node.isTextual()) {
            addNames(people, node.asText());
            return;
        }
        if (node.isObject()) {
            if (!node.has("name") && node.hasNonNull("@id") && byId.containsKey(node.get("@id").asText())) {
                // A @graph (as Yoast writes it) names the author once and points to it from the article.
                node = byId.get(node.get("@id").asText());
            }
            String name = JsonLd.text(node, "name");
            if (name == null) {
                return;
            }
            if (JsonLd.hasType(node, ORGANIZATION)) {
                addNames(organizations, name);
            } else {
                addNames(people, name);
            }
        }
    }

    private static List<String> fromByline(ArticleScope scope) {
        List<String> names = new ArrayList<>();
        for (Element area : scope.areas()) {
            boolean[] mayMatch = bylineSelectorsThatMayMatch(area);
            for (int i = 0; i < BYLINE_SELECTORS.length; i++) {
                if (!mayMatch[i]) {
                    continue;
                }
                for (Element e : area.select(BYLINE_SELECTORS[i])) {
                    if (scope.isBoilerplate(e)) {
                        continue;
                    }
                    String text = Text.clean(e.text());
                    if (text.length() < 3 || text.length() > 80) {
                        continue;
                    }
                    addNames(names, text);
                }
                if (!names.isEmpty()) {
                    return names;
                }
            }
        }
        return names;
    }

    /**
     * Which of {@link #BYLINE_SELECTORS} can match in the area at all: each needs an element whose rel, itemprop or
     * class mentions the author (a superset of what the selectors match). One walk spares the areas without such
     * markup, most of them, the six selects.
     */
    private static boolean[] bylineSelectorsThatMayMatch(Element area) {
        boolean rel = false;
        boolean itemprop = false;
        boolean cls = false;
        for (Element e : area.getAllElements()) {
            if (e.attributesSize() == 0) {
                continue;
            }
            rel |= mentionsAuthor(e.attr("rel"));
            itemprop |= mentionsAuthor(e.attr("itemprop"));
            if (!cls) {
                String c = e.attr("class").toLowerCase(Locale.ROOT);
                cls = c.contains("author") || c.contains("byline");
            }
            if (rel && itemprop && cls) {
                break;
            }
        }
        return new boolean[] {rel, itemprop, itemprop, cls, cls, cls};
    }

    private static boolean mentionsAuthor(String value) {
        return !value.isEmpty() && value.toLowerCase(Locale.ROOT).contains("author");
    }

    /**
     * Names from a plain-text byline beside the headline ("By Jane Doe", "Written by" then the name in its own
     * element) when no markup marks the author.
     */
    private static List<String> fromBylineText(List<TextNode> lines) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < BYLINE_LINES; i++) {
            String line = Text.clean(lines.get(i).text());
            Matcher m = BYLINE_TEXT.matcher(line);
            if (!m.lookingAt()) {
                continue;
            }
            String rest = line.substring(m.end()).strip();
            if (rest.isEmpty() && i + 1 < lines.size()) {
                rest = Text.clean(lines.get(i + 1).text());
            }
            if (looksLikeNames(rest)) {
                addNames(names, rest);
            }
            if (!names.isEmpty()) {
                return names;
            }
        }
        return names;
    }

    /**
     * A name standing alone just under the headline, without "By": taken only when markup calls it the author or
     * a date follows it, as in the usual "Name / role / date" byline block.
     */
    private static List<String> fromBareName(List<TextNode> lines, Element headline, Set<String> siteNames) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size() && i < BARE_NAME_LINES; i++) {
            String[] parts = BYLINE_PARTS.split(Text.clean(lines.get(i).text()));
            // "Jane Doe in Politics" names the section after the writer.
            String line = IN_SECTION.matcher(parts[0]).replaceFirst("");
            if (!isPersonList(line) || TitleFinder.isSiteName(line, siteNames)
                    || headline != null && Text.normalize(headline.text()).contains(Text.normalize(line))) {
                continue;
            }
            // "Jane Doe | Senior Writer | July 2, 2025" holds name and date on one line.
            boolean dated = !line.equals(parts[0]);
            if (parts.length > 1) {
                // The rest of such a line must date it; a title and a site ("Choosing Software · Site") do not.
                dated |= DATELINE.matcher(String.join(" ", parts).substring(parts[0].length())).find();
            } else {
                for (int j = i + 1; j < lines.size() && j <= i + 2; j++) {
                    dated |= DATELINE.matcher(Text.clean(lines.get(j).text())).find();
                }
            }
            if (dated || markedAsAuthor(lines.get(i).parent())) {
                addNames(names, line);
                return names;
            }
        }
        return names;
    }

    /** One or more names as a byline lists them ("Ann Lee, Bo Chan and Cy Do"). */
    private static boolean isPersonList(String line) {
        // A line in capitals is a label ("RESOURCE CENTER"), not a name as a byline writes it.
        if (line.equals(line.toUpperCase(Locale.ROOT))) {
            return false;
        }
        for (String part : PERSON_SEPARATOR.split(line)) {
            if (!PERSON.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean markedAsAuthor(Node node) {
        int depth = 0;
        for (Node x = node; x instanceof Element e && depth < 4; x = x.parentNode(), depth++) {
            String marks = (e.className() + " " + e.id() + " " + e.attr("itemprop")).toLowerCase(Locale.ROOT);
            if (marks.contains("author") || marks.contains("byline")) {
                return true;
            }
        }
        return false;
    }

    /** Capitalised words, as names are written; a sentence that starts with "By" is not a byline. */
    private static boolean looksLikeNames(String s) {
        if (s.length() < 3 || s.length() > 80) {
            return false;
        }
        String[] words = s.split("\\s+");
        if (words.length > 8) {
            return false;
        }
        int capitalised = 0;
        for (String w : words) {
            if (Character.isUpperCase(w.codePointAt(0))) {
                capitalised++;
            }
        }
        // "By the Harbour Team" signs with a team, whose article stays lower-case.
        String first = s.startsWith("the ") ? s.substring(4) : s;
        return capitalised * 2 > words.length && !first.isEmpty() && Character.isUpperCase(first.codePointAt(0));
    }

    /** Splits a byline into names, dropping "By", URLs, dates and handles. */
    static void addNames(List<String> names, String byline) {
        if (byline == null) {
            return;
        }
        String s = Text.clean(byline);
        if (s.isEmpty() || s.startsWith("http") || s.startsWith("www.") || s.contains("/") && !s.contains(" ")) {
            return;
        }
        s = NOISE.matcher(s).replaceAll(" ").strip();
        s = BY.matcher(s).replaceFirst("");
        s = OTHER_CREDITS.matcher(s).replaceFirst("");
        for (String part : SPLIT.split(s)) {
            List<String> commaParts = new ArrayList<>();
            for (String piece : part.split("\\s*,\\s*")) {
                if (!commaParts.isEmpty() && (CREDENTIAL.matcher(piece).matches() || INITIALS.matcher(piece).matches())) {
                    // "Jane Doe, MD": a credential belongs to the name before it.
                    commaParts.set(commaParts.size() - 1, commaParts.get(commaParts.size() - 1) + ", " + piece);
                } else {
                    commaParts.add(piece);
                }
            }
            for (String name : commaParts) {
                String n = withoutRole(BY.matcher(name.strip()).replaceFirst("")
                        .replaceAll("^[\\p{Punct}\\s]+|[\\s,;:|]+$", ""));
                if (isName(n) && !containsIgnoreCase(names, n)) {
                    names.add(n);
                }
            }
        }
    }

    /**
     * The name without the job title that byline cards print after it ("Jane Doe Senior Autos Reporter",
     * "Jane Doe - Editorial Team") or a count that a share widget left behind ("Jane Doe 4 10").
     */
    private static String withoutRole(String n) {
        String s = TRAILING_COUNTS.matcher(n).replaceFirst("");
        Matcher dash = ROLE_AFTER_DASH.matcher(s);
        if (dash.find() && dash.start() > 0) {
            return s.substring(0, dash.start()).strip();
        }
        String[] words = s.split("\\s+");
        if (words.length >= 4 && ROLE.matcher(words[words.length - 1]).matches()) {
            for (int i = 2; i < words.length - 1; i++) {
                boolean allCapitalised = true;
                for (int j = i; j < words.length; j++) {
                    allCapitalised &= Character.isUpperCase(words[j].codePointAt(0));
                }
                if (allCapitalised && !words[i].endsWith(".")) {
                    return String.join(" ", Arrays.copyOfRange(words, 0, i));
                }
            }
        }
        return s;
    }

    private static boolean isName(String n) {
        if (n.length() < 2 || n.length() > 60 || n.contains("@") || n.startsWith("http")
                || DATE_LABEL.matcher(n).lookingAt()
                || NOT_NAMES.contains(n.toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (n.indexOf(' ') < 0 && (n.matches(".*[\\d._].*") || n.contains("-") && n.equals(n.toLowerCase(Locale.ROOT)))) {
            // A login or URL slug, not a name.
            return false;
        }
        int digits = 0;
        for (int i = 0; i < n.length(); i++) {
            if (Character.isDigit(n.charAt(i))) {
                digits++;
            }
        }
        return digits <= 3 && n.split("\\s+").length <= 7;
    }

    private static boolean containsIgnoreCase(List<String> names, String n) {
        String k = n.toLowerCase(Locale.ROOT);
        for (String x : names) {
            if (x.toLowerCase(Locale.ROOT).equals(k)) {
                return true;
            }
        }
        return false;
    }
}
