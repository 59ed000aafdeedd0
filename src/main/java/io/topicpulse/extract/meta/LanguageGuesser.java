package io.topicpulse.extract.meta;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.RemoveMinorityScriptsTextFilter;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Identifies the language of the article text, falling back to what the page declares. */
final class LanguageGuesser {

    /** Below this many letters n-gram statistics say little; the declared language is used instead. */
    static final int MIN_TEXT = 60;
    /**
     * The sample the detector reads: its cost grows with the n-grams it is given, and on the dev sets 500 chars
     * agree with the whole text's guess nearly always ({@code LanguageSampleTrial}).
     */
    static final int MAX_TEXT = 500;
    /** What {@link CommonTextObjectFactories#forDetectingOnLargeText()} sets: its text limit and script threshold. */
    private static final int LARGE_TEXT = 10_000;
    private static final double MINORITY_SCRIPTS = 0.3;

    private LanguageGuesser() {
    }

    // Built once: reading the profiles takes far longer than any single detection; the detector is immutable.
    private static final class Holder {
        static final LanguageDetector DETECTOR;
        static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();
        /**
         * {@link #TEXT} without its URL and e-mail filter, for samples with neither "://" nor "@", on which that
         * filter cannot match: its e-mail pattern backtracks at every word and costs more than the detection.
         */
        static final TextObjectFactory TEXT_WITHOUT_ADDRESSES = new TextObjectFactoryBuilder()
                .maxTextLength(LARGE_TEXT).withTextFilter(RemoveMinorityScriptsTextFilter.forThreshold(MINORITY_SCRIPTS))
                .build();
        static final Set<String> KNOWN = new HashSet<>();

        static {
            try {
                List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
                for (LanguageProfile p : profiles) {
                    KNOWN.add(p.getLocale().getLanguage());
                }
                DETECTOR = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in language profiles", e);
            }
        }
    }

    /**
     * @param text     the article text (may be empty)
     * @param declared the page's declared language ({@code <html lang>}, content-language), or null
     * @return an ISO 639-1 code, or null when undetermined
     */
    static String guess(String text, String declared) {
        return guess(text, declared, MAX_TEXT);
    }

    /** {@link #guess(String, String)} from the first {@code maxText} chars of the text, to measure the sample size. */
    static String guess(String text, String declared, int maxText) {
        String hint = iso639(declared);
        if (text == null || letters(text) < MIN_TEXT) {
            return hint;
        }
        if (hint != null && !Holder.KNOWN.contains(hint)) {
            // The detector has no profile for it and would answer with a neighbour.
            return hint;
        }
        String sample = text.length() > maxText ? text.substring(0, maxText) : text;
        TextObjectFactory factory = sample.indexOf('@') >= 0 || sample.contains("://")
                ? Holder.TEXT : Holder.TEXT_WITHOUT_ADDRESSES;
        List<DetectedLanguage> found = Holder.DETECTOR.getProbabilities(factory.forText(sample));
        if (found.isEmpty()) {
            return hint;
        }
        DetectedLanguage best = found.get(0);
        String code = iso639(best.getLocale().getLanguage());
        if (hint != null && !hint.equals(code) && best.getProbability() < 0.9) {
            for (DetectedLanguage d : found) {
                if (hint.equals(iso639(d.getLocale().getLanguage()))) {
                    return hint;
                }
            }
        }
        return best.getProbability() >= 0.5 && code != null ? code : hint;
    }

    private static int letters(String text) {
        int n = 0;
        for (int i = 0; i < text.length() && n < MIN_TEXT; i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The two-letter code of a tag like "en-US", "pt_BR" or "zh-CN"; null for anything else. */
    static String iso639(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.strip().toLowerCase(Locale.ROOT);
        int cut = 0;
        while (cut < t.length() && Character.isLetter(t.charAt(cut))) {
            cut++;
        }
        t = t.substring(0, cut);
        switch (t) {
            case "nb", "nn" -> t = "no";
            case "iw" -> t = "he";
            case "in" -> t = "id";
            case "ji" -> t = "yi";
            default -> { }
        }
        return t.length() == 2 ? t : null;
    }
}
