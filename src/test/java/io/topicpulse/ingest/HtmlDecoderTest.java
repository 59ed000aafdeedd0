package io.topicpulse.ingest;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlDecoderTest {

    // Texts written for these tests; long enough for a statistical detector to have something to go on.
    static final String RUSSIAN = "Правительство объявило сегодня о новых мерах поддержки малого бизнеса. "
            + "По словам министра, программа начнёт работать в следующем месяце и охватит все регионы страны. "
            + "Эксперты считают, что эти решения помогут сохранить рабочие места и снизить цены на продукты. "
            + "Оппозиция раскритиковала план, назвав его запоздалым и недостаточным для экономики.";
    static final String JAPANESE = "政府は本日、中小企業を支援するための新しい経済対策を発表した。"
            + "大臣によると、この計画は来月から全国で実施される予定だという。"
            + "専門家は、雇用を守り物価の上昇を抑える効果があると話している。"
            + "一方で野党は、対策が遅すぎると批判している。";
    static final String CHINESE = "政府今天宣布了支持小企业的新措施。部长表示，该计划将于下个月在全国实施。"
            + "专家认为，这些决定将有助于保护就业并降低物价。反对派批评该计划来得太晚。";

    static String page(String head, String text) {
        return "<!DOCTYPE html>\n<html><head>" + head + "<title>Новости</title></head>\n<body><article><p>"
                + text + "</p></article></body></html>\n";
    }

    static RawPage raw(byte[] body, String contentType) {
        return new RawPage("file:/test.html", -1, null, null, contentType, body);
    }

    static DecodedHtml decode(byte[] body, String contentType) throws DecodeException {
        return HtmlDecoder.decode(raw(body, contentType));
    }

    @Test
    void detectsWindows1251WithoutAnyDeclaration() throws DecodeException {
        DecodedHtml html = decode(page("", RUSSIAN).getBytes(Charset.forName("windows-1251")), "text/html");

        assertEquals("windows-1251", html.charset());
        assertEquals("detected", html.charsetSource());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void detectsShiftJisWithoutAnyDeclaration() throws DecodeException {
        byte[] bytes = page("", JAPANESE).getBytes(Charset.forName("Shift_JIS"));

        DecodedHtml html = decode(bytes, null);

        assertEquals("detected", html.charsetSource());
        assertTrue(html.html().contains(JAPANESE), html.html());
    }

    @Test
    void readsShiftJisDeclaredInMetaHttpEquiv() throws DecodeException {
        String text = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", JAPANESE);

        DecodedHtml html = decode(text.getBytes(Charset.forName("Shift_JIS")), "text/html");

        assertEquals("meta", html.charsetSource());
        assertEquals("windows-31j", html.charset());
        assertTrue(html.html().contains(JAPANESE));
    }

    @Test
    void mapsGb2312ToTheGbkSupersetAsBrowsersDo() throws DecodeException {
        // 瑢 is in GBK but not in GB2312: a strict GB2312 decoder would lose it.
        String text = page("<meta charset=\"gb2312\">", CHINESE + "瑢");

        DecodedHtml html = decode(text.getBytes(Charset.forName("GBK")), null);

        assertEquals("meta", html.charsetSource());
        assertTrue(html.html().contains(CHINESE + "瑢"));
    }

    @Test
    void readsIso88591AsWindows1252LikeBrowsers() throws DecodeException {
        byte[] bytes = page("", "\u201cQuoted\u201d caf\u00e9").getBytes(Charset.forName("windows-1252"));

        DecodedHtml html = decode(bytes, "text/html; charset=ISO-8859-1");

        assertEquals("windows-1252", html.charset());
        assertEquals("http", html.charsetSource());
        assertTrue(html.html().contains("\u201cQuoted\u201d caf\u00e9"));
    }

    @Test
    void prefersTheHttpCharsetOverTheMetaDeclaration() throws DecodeException {
        byte[] bytes = page("<meta charset=\"utf-8\">", RUSSIAN).getBytes(Charset.forName("KOI8-R"));

        DecodedHtml html = decode(bytes, "text/html; charset=\"koi8-r\"");

        assertEquals("http", html.charsetSource());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void prefersTheByteOrderMarkOverEveryDeclaration() throws DecodeException {
        byte[] text = page("<meta charset=\"windows-1251\">", RUSSIAN).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteBuffer.allocate(text.length + 3).put(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf})
                .put(text).array();

        DecodedHtml html = decode(bytes, "text/html; charset=windows-1251");

        assertEquals("bom", html.charsetSource());
        assertTrue(html.html().startsWith("<!DOCTYPE html>"), "the BOM is not part of the text");
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void readsUtf16WithAByteOrderMark() throws DecodeException {
        DecodedHtml html = decode(page("", RUSSIAN).getBytes(StandardCharsets.UTF_16), null);

        assertEquals("UTF-16BE", html.charset());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void recognisesUtf16WithoutAByteOrderMark() throws DecodeException {
        DecodedHtml html = decode(page("", JAPANESE).getBytes(StandardCharsets.UTF_16LE), null);

        assertEquals("UTF-16LE", html.charset());
        assertTrue(html.html().contains(JAPANESE));
    }

    @Test
    void ignoresAUtf16LabelOnAsciiCompatibleBytes() throws DecodeException {
        DecodedHtml html = decode(page("", RUSSIAN).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-16");

        assertEquals("UTF-8", html.charset());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void ignoresLabelsOfCharsetsThatAreNotAsciiCompatible() throws DecodeException {
        DecodedHtml html = decode(page("", RUSSIAN).getBytes(StandardCharsets.UTF_8), "text/html; charset=cp037");

        assertEquals("UTF-8", html.charset());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void takesValidUtf8OverASingleByteLabelThatCannotBeRight() throws DecodeException {
        DecodedHtml html = decode(page("", RUSSIAN).getBytes(StandardCharsets.UTF_8), "text/html; charset=iso-8859-1");

        assertEquals("UTF-8", html.charset());
        assertEquals("utf8-valid", html.charsetSource());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void takesValidUtf8OverAMultiByteLegacyLabel() throws DecodeException {
        String korean = "정부는 오늘 중소기업을 지원하기 위한 새로운 경제 대책을 발표했다.";

        DecodedHtml html = decode(page("", korean).getBytes(StandardCharsets.UTF_8), "text/html; charset=euc-kr");

        assertEquals("utf8-valid", html.charsetSource());
        assertTrue(html.html().contains(korean));
    }

    @Test
    void keepsTheLegacyLabelWhenOnlyAFewBytesHappenToFormUtf8() throws DecodeException {
        // 中 in GBK is D6 D0: a valid two-byte UTF-8 sequence by accident.
        DecodedHtml html = decode(page("", "中").getBytes(Charset.forName("GBK")), "text/html; charset=gbk");

        assertEquals("http", html.charsetSource());
        assertTrue(html.html().contains("中"));
    }

    @Test
    void readsStrayWindows1252BytesInAUtf8PageAsWindows1252() throws DecodeException {
        byte[] start = page("", "Пролог — ").getBytes(StandardCharsets.UTF_8);
        byte[] stray = "WASHINGTON\u2014The\u00a0slim chances".getBytes(Charset.forName("windows-1252"));
        byte[] bytes = ByteBuffer.allocate(start.length + stray.length).put(start).put(stray).array();

        DecodedHtml html = decode(bytes, "text/html; charset=utf-8");

        assertEquals("http", html.charsetSource());
        assertTrue(html.html().contains("Пролог — "), html.html());
        assertTrue(html.html().endsWith("WASHINGTON\u2014The\u00a0slim chances"), html.html());
    }

    @Test
    void ignoresAUtf8LabelOnBytesThatAreNotUtf8() throws DecodeException {
        byte[] bytes = page("<meta charset=\"utf-8\">", RUSSIAN).getBytes(Charset.forName("windows-1251"));

        DecodedHtml html = decode(bytes, "text/html; charset=UTF-8");

        assertEquals("detected", html.charsetSource());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void ignoresUnknownCharsetNamesAndFallsThroughToTheNextClue() throws DecodeException {
        String text = page("<meta charset=\"no-such-charset\"><meta charset=\"windows-1251\">", RUSSIAN);

        DecodedHtml html = decode(text.getBytes(Charset.forName("windows-1251")), "text/html; charset=bogus");

        assertEquals("meta", html.charsetSource());
        assertEquals("windows-1251", html.charset());
    }

    @Test
    void ignoresCharsetDeclarationsInsideComments() throws DecodeException {
        String text = page("<!-- <meta charset=\"windows-1251\"> --><meta charset=\"koi8-r\">", RUSSIAN);

        DecodedHtml html = decode(text.getBytes(Charset.forName("KOI8-R")), null);

        assertEquals("KOI8-R", html.charset());
        assertTrue(html.html().contains(RUSSIAN));
    }

    @Test
    void takesUndeclaredValidUtf8AsUtf8() throws DecodeException {
        DecodedHtml html = decode(page("", CHINESE).getBytes(StandardCharsets.UTF_8), null);

        assertEquals("utf8-valid", html.charsetSource());
        assertTrue(html.html().contains(CHINESE));
    }

    @Test
    void keepsUtf8CutInTheMiddleOfACharacterAsUtf8() throws DecodeException {
        String text = page("", CHINESE);
        int insideACharacter = text.substring(0, text.indexOf("部长")).getBytes(StandardCharsets.UTF_8).length + 1;
        byte[] truncated = Arrays.copyOf(text.getBytes(StandardCharsets.UTF_8), insideACharacter);

        DecodedHtml html = decode(truncated, null);

        assertEquals("utf8-valid", html.charsetSource());
        assertTrue(html.html().contains("政府今天宣布了支持小企业的新措施。"));
    }

    @Test
    void fallsBackToWindows1252ForUndeclaredLatinText() throws DecodeException {
        byte[] bytes = page("", "Le gouvernement a annoncé des mesures pour l'économie.")
                .getBytes(Charset.forName("windows-1252"));

        DecodedHtml html = decode(bytes, null);

        assertTrue(html.html().contains("annoncé des mesures pour l'économie"), html.charset());
    }

    @Test
    void rejectsImagesAsNotHtml() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        DecodeException e = assertThrows(DecodeException.class, () -> decode(png, "text/html"));

        assertEquals(RejectReason.NOT_HTML, e.reason());
        assertTrue(e.getMessage().contains("PNG"), e.getMessage());
    }

    @Test
    void rejectsPdfAsNotHtml() {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(RejectReason.NOT_HTML, assertThrows(DecodeException.class, () -> decode(pdf, null)).reason());
    }

    @Test
    void rejectsNulHeavyBytesAsUndecodable() {
        byte[] noise = new byte[4096];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (i % 7 == 0 ? 0 : 'a' + i % 26);
        }

        DecodeException e = assertThrows(DecodeException.class, () -> decode(noise, "text/html"));

        assertEquals(RejectReason.DECODE_FAILED, e.reason());
    }

    @Test
    void decodesAnEmptyBodyToEmptyText() throws DecodeException {
        assertEquals("", decode(new byte[0], "text/html").html());
    }

    @Test
    void resolvesCharsetLabelsLikeBrowsers() {
        assertEquals("windows-1252", HtmlDecoder.charsetForLabel("Latin1").name());
        assertEquals("GB18030", HtmlDecoder.charsetForLabel("GB2312").name());
        assertEquals("windows-31j", HtmlDecoder.charsetForLabel("shift_jis").name());
        assertEquals(null, HtmlDecoder.charsetForLabel("x-unheard-of"));
        assertFalse(HtmlDecoder.charsetForLabel("utf8") == null);
    }
}
