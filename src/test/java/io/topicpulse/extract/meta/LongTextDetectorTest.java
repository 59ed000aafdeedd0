package io.topicpulse.extract.meta;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LongTextDetectorTest {

    private static LanguageDetector library;
    private static LongTextDetector detector;
    private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();

    @BeforeAll
    static void readProfiles() throws IOException {
        List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
        library = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
        detector = new LongTextDetector(NgramExtractors.standard(), profiles);
    }

    @Test
    void answersExactlyAsTheLibraryOnArticlesInSeveralLanguages() {
        String[] texts = {
            "The city council voted on Tuesday to extend the night bus service until the end of the year, after "
                    + "residents complained that the last connection left the centre far too early for shift workers.",
            "Le conseil municipal a voté mardi la prolongation du service de bus de nuit jusqu'à la fin de l'année, "
                    + "après que des habitants ont jugé le dernier départ bien trop matinal.",
            "Der Stadtrat hat am Dienstag beschlossen, den Nachtbus bis zum Jahresende weiterfahren zu lassen, "
                    + "nachdem sich Anwohner über die frühe letzte Verbindung beschwert hatten.",
            "El ayuntamiento aprobó el martes ampliar el servicio de autobuses nocturnos hasta final de año, tras "
                    + "las quejas de los vecinos por la última salida.",
            "Городской совет во вторник проголосовал за продление работы ночных автобусов до конца года после "
                    + "жалоб жителей на слишком ранний последний рейс.",
            "Mixed text: the council said «oui» to the night bus, und der Bürgermeister war zufrieden, 2024-11-30.",
        };
        for (String text : texts) {
            assertSameAnswer(text);
        }
    }

    @Test
    void leavesShortTextsToTheLibrary() {
        assertSameAnswer("Night buses run until midnight now.");
    }

    @Test
    void findsNoLanguageWhereTheLibraryFindsNone() {
        var object = TEXT.forText("12345 67890 ... 2024-11-30 !!! 555 444 333 222 111 000 999 888 777 666 11 22");
        assertEquals(List.of(), library.getProbabilities(object));
        assertEquals(List.of(), detector.getProbabilities(object));
    }

    @Test
    void rejectsMissingProfiles() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LongTextDetector(NgramExtractors.standard(), List.of()));
        assertFalse(e.getMessage().isEmpty());
    }

    private static void assertSameAnswer(String text) {
        var object = TEXT.forText(text);
        List<DetectedLanguage> expected = library.getProbabilities(object);
        List<DetectedLanguage> got = detector.getProbabilities(object);
        assertFalse(expected.isEmpty(), text);
        assertEquals(expected.size(), got.size(), text);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getLocale(), got.get(i).getLocale(), text);
            // Bit for bit: the same draws and the same arithmetic in the same order.
            assertEquals(expected.get(i).getProbability(), got.get(i).getProbability(), 0.0, text);
        }
    }
}
