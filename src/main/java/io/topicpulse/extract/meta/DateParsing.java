package io.topicpulse.extract.meta;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses machine-readable timestamps and human-written dates in the common languages of news sites. */
final class DateParsing {

    private DateParsing() {
    }

    /** Month names and abbreviations, nominative and genitive, keyed after {@link #fold}; index 0 is January. */
    private static final String[] MONTH_NAMES = {
        "january jan janvier janv januar jänner jan enero ene gennaio gen janeiro januari ocak январь января янв "
            + "січень січня січ styczeń stycznia sty leden ledna tammikuuta tammikuu január janar siječanj siječnja "
            + "januara ianuarie ian ιανουαρίου ιανουάριος ιαν gener yanvar қаңтар януари јануар јануара sausio "
            + "հունվարի janoary enero ינואר يناير",
        "february feb février févr fevr februar febrero feb febbraio fevereiro fev februari şubat февраль февраля фев "
            + "лютий лютого лют luty lutego únor února helmikuuta helmikuu február febr shkurt veljača veljače "
            + "februara februarie φεβρουαρίου φεβρουάριος φεβ febrer fevral ақпан февруари фебруар фебруара vasario "
            + "փետրվարի febroary pebrero פברואר فبراير شباط",
        "march mar mars märz marzo março marco maart mart март марта мар березень березня бер marzec marca březen "
            + "března maaliskuuta maaliskuu március márc marsi ožujak ožujka marta martie μαρτίου μάρτιος μαρ març "
            + "наурыз марте kovo մարտի martsa marso מרץ مارس آذار",
        "april apr avril avr abril aprile abr nisan апрель апреля апр квітень квітня кві kwiecień kwietnia duben "
            + "dubna huhtikuuta huhtikuu április ápr prill travanj travnja aprila aprilie απριλίου απρίλιος απρ "
            + "aprel сәуір април априла balandžio ապրիլի aprily אפריל أبريل ابريل نيسان",
        "may mai mayo maggio maio mei mayıs май мая травень травня тра maj maja květen května toukokuuta toukokuu "
            + "május máj svibanj svibnja μαΐου μάιος μαι maig мамыр мај маја gegužės մայիսի mey מאי مايو أيار",
        "june jun juin juni junio giugno junho haziran июнь июня июн червень червня чер czerwiec czerwca červen "
            + "června kesäkuuta kesäkuu június jún qershor lipanj lipnja juna iunie ιουνίου ιούνιος ιουν juny iyun "
            + "маусым юни јун јуна birželio հունիսի jona hunyo יוני يونيو يونيه حزيران",
        "july jul juillet juil juli julio luglio julho temmuz июль июля июл липень липня лип lipiec lipca "
            + "červenec července heinäkuuta heinäkuu július júl korrik srpanj srpnja jula iulie ιουλίου ιούλιος "
            + "ιουλ juliol iyul шілде юли јул јула liepos հուլիսի jolay hulyo julai יולי يوليو يوليه تموز",
        "august aug août aout agosto ago augustus ağustos август августа авг серпень серпня сер sierpień "
            + "sierpnia srpen srpna elokuuta elokuu augusztus gusht kolovoz kolovoza avgust avgusta augusta "
            + "αυγούστου αύγουστος αυγ agost avqust тамыз rugpjūčio օգոստոսի aogositra agustus ogos אוגוסט "
            + "أغسطس اغسطس آب",
        "september sep sept septembre septiembre setiembre settembre setembro set eylül сентябрь сентября сен "
            + "вересень вересня вер wrzesień września září syyskuuta syyskuu szeptember szept shtator rujan rujna "
            + "septembar septembra septembrie σεπτεμβρίου σεπτέμβριος σεπ setembre sentyabr қыркүйек септември "
            + "септембар септембра rugsėjo սեպտեմբերի septambra setyembre ספטמבר سبتمبر أيلول",
        "october oct octobre octubre ottobre ott outubro out oktober okt ekim октябрь октября окт жовтень жовтня "
            + "жов październik października říjen října lokakuuta lokakuu október tetor listopad_hr oktobar "
            + "oktobra octombrie οκτωβρίου οκτώβριος οκτ octubre oktyabr қазан октомври октобар октобра spalio "
            + "հոկտեմբերի oktobra oktubre אוקטובר أكتوبر اكتوبر",
        "november nov novembre noviembre novembro kasım ноябрь ноября ноя листопад листопада лис listopad "
            + "listopada listopadu marraskuuta marraskuu nëntor nentor studeni studenoga novembar novembra "
            + "noiembrie νοεμβρίου νοέμβριος νοε noyabr қараша ноември новембар новембра lapkričio նոյեմբերի "
            + "novambra nobyembre נובמבר نوفمبر",
        "december dec décembre decembre diciembre dic dicembre dezembro dez dezember desember disember aralık "
            + "декабрь декабря дек грудень грудня гру grudzień grudnia prosinec prosince joulukuuta joulukuu "
            + "dhjetor prosinac prosinca decembar decembra decembrie δεκεμβρίου δεκέμβριος δεκ desembre dekabr "
            + "желтоқсан декември децембар децембра gruodžio դեկտեմբերի desambra disyembre דצמבר ديسمبر",
    };

    private static final Map<String, Integer> MONTHS = new HashMap<>();

    static {
        for (int m = 0; m < MONTH_NAMES.length; m++) {
            for (String name : MONTH_NAMES[m].split("\\s+")) {
                if (!name.endsWith("_hr")) {
                    MONTHS.putIfAbsent(fold(name), m + 1);
                }
            }
        }
    }

    // Croatian uses listopad for October where Czech and Polish use it for November.
    private static final Map<String, Integer> CROATIAN = Map.of("listopad", 10, "listopada", 10);

    private static final Pattern MACHINE = Pattern.compile(
            "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T\\s]+(\\d{1,2}):(\\d{2})(?::(\\d{1,2})(?:[.,]\\d+)?)?\\s*"
                    + "(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?)?(?![\\d:])");

    private static final Pattern SLASHED_ISO = Pattern.compile("^(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})(?!\\d)");

    /**
     * Parses a value meant for machines: ISO 8601 and its relatives, RFC 1123, else a human-written date.
     * Returns null when nothing sensible is in it.
     */
    static ParsedDate parseMachine(String value, String language) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        Matcher m = MACHINE.matcher(v);
        if (m.lookingAt()) {
            ParsedDate p = fromIso(m, v);
            if (p != null) {
                return p;
            }
        }
        Matcher s = SLASHED_ISO.matcher(v);
        if (s.find()) {
            LocalDate d = date(s.group(1), s.group(2), s.group(3));
            if (d != null) {
                return new ParsedDate(d, null, null, v);
            }
        }
        List<ParsedDate> text = findInText(v, language);
        return text.isEmpty() ? null : text.get(0);
    }

    private static ParsedDate fromIso(Matcher m, String raw) {
        LocalDate day = date(m.group(1), m.group(2), m.group(3));
        if (day == null) {
            return null;
        }
        if (m.group(4) == null || m.group(7) == null) {
            return new ParsedDate(day, null, null, raw);
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        ZoneOffset offset = offset(m.group(7));
        if (offset == null || hour > 23 || minute > 59 || second > 59) {
            return new ParsedDate(day, null, null, raw);
        }
        LocalDateTime local = day.atTime(hour, minute, second);
        String zone = offset.getTotalSeconds() == 0 && !m.group(7).startsWith("+") && !m.group(7).startsWith("-")
                ? "Z" : offset.getId();
        return new ParsedDate(day, local.toInstant(offset), zone, raw);
    }

    private static ZoneOffset offset(String text) {
        if (text.equals("Z") || text.equals("UTC") || text.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        try {
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
            int sign = text.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static final String WORD = "(\\p{L}[\\p{L}\\p{M}]*)\\.?";

    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?<![\\d\\p{L}])(\\d{1,2})(?:st|nd|rd|th|er|\\.|º|°)?\\s*(?:de\\s+|d'|del\\s+)?" + WORD
                    // Arabic pages often give two names of the month: "24 نيسان / أبريل 2020".
                    + "(?:\\s*/\\s*\\p{L}+)?,?\\s*(?:de\\s+|del\\s+|of\\s+)?'?(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?<![\\p{L}])" + WORD + "\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+(\\d{4})(?!\\d)");
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile(
            "(?<!\\d)(\\d{4})(?:\\.\\s*|\\s*m\\.\\s*)" + WORD + "\\s+(\\d{1,2})(?!\\d)");
    private static final Pattern CJK = Pattern.compile(
            "(?<!\\d)(\\d{4})\\s*[年년/.]\\s*(\\d{1,2})\\s*[月월/.]\\s*(\\d{1,2})\\s*[日일号]");
    private static final Pattern NUMERIC_YMD = Pattern.compile("(?<![\\d.])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])");
    private static final Pattern NUMERIC_DMY = Pattern.compile(
            "(?<![\\d.,/])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})(?!\\d)");

    /** Every date written in {@code text}, in the order they appear; {@code language} resolves D/M ambiguity. */
    static List<ParsedDate> findInText(String text, String language) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = fold(text);
        List<int[]> spans = new ArrayList<>();
        List<ParsedDate> found = new ArrayList<>();
        boolean croatian = language != null && (language.startsWith("hr") || language.startsWith("bs"));
        Matcher m = CJK.matcher(t);
        while (m.find()) {
            add(found, spans, m, date(m.group(1), m.group(2), m.group(3)));
        }
        // Group numbers of year, month name and day in each of the patterns with a written month.
        addNamed(found, spans, DAY_MONTH_YEAR.matcher(t), 3, 2, 1, croatian);
        addNamed(found, spans, MONTH_DAY_YEAR.matcher(t), 3, 1, 2, croatian);
        addNamed(found, spans, YEAR_MONTH_DAY.matcher(t), 1, 2, 3, croatian);
        m = NUMERIC_YMD.matcher(t);
        while (m.find()) {
            add(found, spans, m, date(m.group(1), m.group(3), m.group(4)));
        }
        m = NUMERIC_DMY.matcher(t);
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            boolean monthFirst;
            if (a > 12) {
                monthFirst = false;
            } else if (b > 12) {
                monthFirst = true;
            } else {
                monthFirst = !m.group(2).equals(".") && usesMonthFirst(language);
            }
            LocalDate d = monthFirst ? date(m.group(4), m.group(1), m.group(3)) : date(m.group(4), m.group(3), m.group(1));
            add(found, spans, m, d);
        }
        if (found.size() > 1) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                order.add(i);
            }
            order.sort((x, y) -> Integer.compare(spans.get(x)[0], spans.get(y)[0]));
            List<ParsedDate> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(found.get(i));
            }
            return sorted;
        }
        return found;
    }

    private static void addNamed(List<ParsedDate> found, List<int[]> spans, Matcher m, int year, int monthName,
                                 int day, boolean croatian) {
        while (m.find()) {
            Integer month = month(m.group(monthName), croatian);
            if (month != null) {
                add(found, spans, m, date(m.group(year), month.toString(), m.group(day)));
            }
        }
    }

    /** Adds a match unless it overlaps one already taken; raw is the matched text, folded. */
    private static void add(List<ParsedDate> found, List<int[]> spans, Matcher m, LocalDate d) {
        if (d == null) {
            return;
        }
        for (int[] s : spans) {
            if (m.start() < s[1] && s[0] < m.end()) {
                return;
            }
        }
        spans.add(new int[] {m.start(), m.end()});
        found.add(new ParsedDate(d, null, null, m.group()));
    }

    private static Integer month(String word, boolean croatian) {
        if (croatian) {
            Integer hr = CROATIAN.get(word);
            if (hr != null) {
                return hr;
            }
        }
        Integer m = MONTHS.get(word);
        if (m == null && word.length() > 3 && (word.startsWith("ב") || word.startsWith("ل"))) {
            m = MONTHS.get(word.substring(1));
        }
        return m;
    }

    private static boolean usesMonthFirst(String language) {
        if (language == null) {
            return false;
        }
        String l = language.toLowerCase(Locale.ROOT);
        return l.equals("en-us") || l.equals("en") || l.equals("en_us");
    }

    /** Lower case, diacritics off (for Latin, Greek, Cyrillic), and native digits as ASCII digits. */
    static String fold(String s) {
        StringBuilder digits = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = Character.isDigit(c) && c > 127 ? Character.digit(c, 10) : -1;
            if (v >= 0 || c == '\u00a0' || c == '\u202f') {
                if (digits == null) {
                    digits = new StringBuilder(s);
                }
                digits.setCharAt(i, v >= 0 ? (char) ('0' + v) : ' ');
            }
        }
        String t = (digits == null ? s : digits.toString()).toLowerCase(Locale.ROOT);
        if (hasNonAscii(t)) {
            String d = Normalizer.normalize(t, Normalizer.Form.NFD);
            StringBuilder out = new StringBuilder(d.length());
            for (int i = 0; i < d.length(); i++) {
                char c = d.charAt(i);
                if (Character.getType(c) == Character.NON_SPACING_MARK && c < 0x0370 + 0x500) {
                    continue;
                }
                out.append(c);
            }
            t = Normalizer.normalize(out, Normalizer.Form.NFC);
        }
        return t;
    }

    private static boolean hasNonAscii(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) > 127) {
                return true;
            }
        }
        return false;
    }
}
