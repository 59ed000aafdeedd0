package io.topicpulse.extract.meta;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateParsingTest {

    private static LocalDate first(String text, String language) {
        List<ParsedDate> found = DateParsing.findInText(text, language);
        return found.isEmpty() ? null : found.get(0).date();
    }

    @Test
    void readsMonthNamesInManyLanguages() {
        LocalDate expected = LocalDate.of(2020, 11, 13);
        assertEquals(expected, first("13 November 2020", null));
        assertEquals(expected, first("Nov 13, 2020", null));
        assertEquals(expected, first("November 13th, 2020", null));
        assertEquals(expected, first("13 de noviembre de 2020", "es"));
        assertEquals(expected, first("13 novembre 2020", "fr"));
        assertEquals(expected, first("13. November 2020", "de"));
        assertEquals(expected, first("13 de novembro de 2020", "pt"));
        assertEquals(expected, first("13 Kasım 2020", "tr"));
        assertEquals(expected, first("13 ноября 2020", "ru"));
        assertEquals(expected, first("13 листопада 2020", "uk"));
        assertEquals(expected, first("13 نوفمبر 2020", "ar"));
        assertEquals(expected, first("2020年11月13日", "ja"));
        assertEquals(expected, first("2020. november 13.", "hu"));
        assertEquals(expected, first("13 listopada 2020", "pl"));
    }

    @Test
    void readsLevantineArabicMonthNamesAlsoWhenGivenBesideTheOtherName() {
        assertEquals(LocalDate.of(2020, 4, 24), first("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "ar"));
        assertEquals(LocalDate.of(2020, 8, 3), first("3 آب 2020", "ar"));
    }

    @Test
    void readsCroatianListopadAsOctober() {
        assertEquals(LocalDate.of(2020, 10, 13), first("13. listopada 2020.", "hr"));
    }

    @Test
    void readsNativeDigits() {
        assertEquals(LocalDate.of(2020, 11, 13), first("١٣ نوفمبر ٢٠٢٠", "ar"));
    }

    @Test
    void readsNumericDatesDayFirstUnlessTheOrderIsUnambiguousOrAmerican() {
        assertEquals(LocalDate.of(2020, 11, 3), first("03.11.2020", "de"));
        assertEquals(LocalDate.of(2020, 11, 3), first("03/11/2020", "fr"));
        assertEquals(LocalDate.of(2020, 3, 11), first("03/11/2020", "en-US"));
        assertEquals(LocalDate.of(2020, 11, 13), first("11/13/2020", "fr"));
        assertEquals(LocalDate.of(2020, 11, 13), first("2020-11-13", null));
    }

    @Test
    void findsNothingInYearsAloneOrInvalidDays() {
        assertNull(first("© 2024 Example Media", null));
        assertNull(first("31 February 2020", null));
        assertNull(first("in 2024 may 5 people", "en"));
    }

    @Test
    void parsesIsoTimestampsWithTheirOffset() {
        ParsedDate p = DateParsing.parseMachine("2024-11-13T23:30:00+03:00", null);
        assertEquals(LocalDate.of(2024, 11, 13), p.date());
        assertEquals(Instant.parse("2024-11-13T20:30:00Z"), p.instant());
        assertEquals("+03:00", p.timezone());

        ParsedDate z = DateParsing.parseMachine("2024-11-13T10:00:00.000Z", null);
        assertEquals("Z", z.timezone());
        ParsedDate compact = DateParsing.parseMachine("20200414T00:38:07Z", null);
        assertEquals(LocalDate.of(2020, 4, 14), compact.date());
    }

    @Test
    void keepsTheDayButNoInstantWhenNoOffsetIsGiven() {
        ParsedDate p = DateParsing.parseMachine("2024-11-13 08:33:24", null);
        assertEquals(LocalDate.of(2024, 11, 13), p.date());
        assertNull(p.instant());
        assertNull(p.timezone());
    }

    @Test
    void fallsBackToHumanDatesInMachineFields() {
        assertEquals(LocalDate.of(2025, 1, 17), DateParsing.parseMachine("Jan 17, 2025", null).date());
        assertNull(DateParsing.parseMachine("yesterday", null));
    }

    @Test
    void readsDatesFromUrlPaths() {
        assertEquals(LocalDate.of(2024, 11, 13), Urls.date("https://x.example/2024/11/13/story"));
        assertEquals(LocalDate.of(2024, 11, 13), Urls.date("https://x.example/news/2024-11-13-story"));
        assertEquals(LocalDate.of(2020, 4, 13), Urls.date("https://x.example/news/20200413/story"));
        assertNull(Urls.date("https://x.example/story-110106661445"));
        assertTrue(Urls.date("https://x.example/2024/11/story") == null);
    }
}
