package io.topicpulse.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class MojibakeTest {

    /** What a page shows when UTF-8 text was once read as another charset and written again. */
    private static String garbled(String text, Charset misread) {
        return new String(text.getBytes(StandardCharsets.UTF_8), misread);
    }

    @Test
    void repairsUtf8ReadAsWindows1252() {
        String text = "A DIY Investor’s Guide — ‘calculators’ cost 5 € in Zürich";
        assertEquals(text, Mojibake.repair(garbled(text, Charset.forName("windows-1252"))));
    }

    @Test
    void repairsUtf8ReadAsLatin1WhoseControlCharactersSurvived() {
        String text = "Investor’s café";
        assertEquals(text, Mojibake.repair(garbled(text, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void leavesCorrectTextAloneWhateverItsScript() {
        for (String text : new String[] {"Grüße aus Köln – weiß’s jemand?", "Ça coûte 5 €, à 10 h",
                "Ünlü «Öztürk» ¿Qué?", "Новости дня", "中文新闻", "Ärzte: 50 % ¡Sí!"}) {
            assertEquals(text, Mojibake.repair(text), text);
        }
    }

    @Test
    void returnsTheSameStringWhenThereIsNothingToRepair() {
        String text = "Plain ASCII headline";
        assertSame(text, Mojibake.repair(text));
        assertNull(Mojibake.repair(null));
    }
}
