package io.topicpulse.topics;

import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IndonesianStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Lucene's Snowball stemmers by ISO 639-1 code; a stemmer instance is not thread-safe, so each caller makes its own. */
final class Stemmers {

    private static final Map<String, Supplier<SnowballStemmer>> BY_LANGUAGE = Map.ofEntries(
            Map.entry("ar", ArabicStemmer::new),
            Map.entry("ca", CatalanStemmer::new),
            Map.entry("da", DanishStemmer::new),
            Map.entry("de", GermanStemmer::new),
            Map.entry("el", GreekStemmer::new),
            Map.entry("en", EnglishStemmer::new),
            Map.entry("es", SpanishStemmer::new),
            Map.entry("fi", FinnishStemmer::new),
            Map.entry("fr", FrenchStemmer::new),
            Map.entry("hu", HungarianStemmer::new),
            Map.entry("id", IndonesianStemmer::new),
            Map.entry("it", ItalianStemmer::new),
            Map.entry("nl", DutchStemmer::new),
            Map.entry("no", NorwegianStemmer::new),
            Map.entry("pt", PortugueseStemmer::new),
            Map.entry("ro", RomanianStemmer::new),
            Map.entry("ru", RussianStemmer::new),
            Map.entry("sr", SerbianStemmer::new),
            Map.entry("sv", SwedishStemmer::new),
            Map.entry("tr", TurkishStemmer::new));

    private Stemmers() {
    }

    static boolean supports(String language) {
        return BY_LANGUAGE.containsKey(language);
    }

    static String languages() {
        return String.join(", ", new TreeSet<>(BY_LANGUAGE.keySet()));
    }

    /** A new stemmer for {@code language}, which {@link #supports} must accept. */
    static SnowballStemmer create(String language) {
        Supplier<SnowballStemmer> factory = BY_LANGUAGE.get(language);
        if (factory == null) {
            throw new IllegalArgumentException("language: no stemmer for '" + language + "'");
        }
        return factory.get();
    }

    /** The stem of a folded token. */
    static String stem(SnowballStemmer stemmer, String folded) {
        stemmer.setCurrent(folded);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
