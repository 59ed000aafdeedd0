package io.topicpulse.eval;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the evaluator decides that an extracted title, date or author is right. */
public final class FieldMatch {

    private FieldMatch() {
    }

    /** Titles match when equal after collapsing runs of whitespace and trimming; case and punctuation count. */
    public static boolean title(String truth, String got) {
        return got != null && whitespace(truth).equals(whitespace(got));
    }

    /**
     * The true date is "YYYY-MM-DD" (the day must match) or "YYYY-MM" (only year and month must match); any
     * other form of truth, or no extracted date, is no match.
     */
    public static boolean date(String truth, LocalDate got) {
        if (got == null || truth == null) {
            return false;
        }
        String t = truth.strip();
        if (t.length() == 10) {
            return t.equals(got.toString());
        }
        return t.length() == 7 && t.equals(got.toString().substring(0, 7));
    }

    /** True when the truth gives at least a year and month, i.e. the page counts for date accuracy. */
    public static boolean hasDate(String truth) {
        return truth != null && (truth.strip().length() == 10 || truth.strip().length() == 7);
    }

    /**
     * Authors match when the name words agree: both sides are lower-cased, reduced to their {@code \w+} tokens,
     * and the connecting word "and" is dropped; the extracted authors are taken in order. So the truth
     * "Ann Lee, Bo Chan and Cy Do" matches the list [Ann Lee, Bo Chan, Cy Do] but not [Ann Lee] alone; the order
     * of several authors counts.
     */
    public static boolean author(String truth, List<String> got) {
        if (truth == null || got == null || got.isEmpty()) {
            return false;
        }
        List<String> expected = nameWords(truth);
        List<String> actual = new ArrayList<>();
        for (String name : got) {
            actual.addAll(nameWords(name));
        }
        return !expected.isEmpty() && expected.equals(actual);
    }

    private static List<String> nameWords(String s) {
        List<String> words = new ArrayList<>();
        for (String token : BodyMetric.tokens(s.toLowerCase(Locale.ROOT))) {
            if (!token.equals("and")) {
                words.add(token);
            }
        }
        return words;
    }

    static String whitespace(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }
}
