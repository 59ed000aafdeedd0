package io.topicpulse.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {

    @TempDir
    Path dir;

    @Test
    void scoresOnlyTheFieldsTheTruthGives() throws IOException {
        Files.createDirectories(dir.resolve("html"));
        page("p1", "<html><head><title>Talks resume</title></head><body><nav><p>Home</p></nav><article>"
                + "<p>The minister said on Monday that the talks would resume next week.</p></article></body></html>");
        page("p2", "<html><head><meta charset=\"windows-1251\"><title>Погода</title></head><body><article>"
                + "<p>Синоптики обещают жару.</p></article></body></html>", "windows-1251");
        Files.writeString(dir.resolve("truth.jsonl"), String.join("\n",
                "{\"id\": \"p1\", \"url\": \"https://example.org/a\", \"title\": \"Talks resume\", "
                        + "\"body\": \"The minister said on Monday that the talks would resume next week.\", "
                        + "\"must_include\": [\"talks would resume\"], \"must_exclude\": [\"Home\"]}",
                "{\"id\": \"p2\", \"url\": \"https://example.org/b\", \"title\": \"Погода\", "
                        + "\"body\": \"Синоптики обещают жару.\"}",
                "{\"id\": \"missing\", \"url\": \"https://example.org/c\", \"title\": \"No file\"}", ""));

        EvalReport report = new Evaluator().evaluate(dir, 0);

        assertEquals(2, report.pages());
        assertEquals(1.0, report.bodyPrecision());
        assertEquals(1.0, report.bodyRecall());
        assertEquals(1.0, report.bodyExact());
        assertEquals(1, report.snippetTp());
        assertEquals(0, report.snippetFp());
        assertEquals(2, report.titleCorrect());
        assertEquals(0, report.datePages());
        assertTrue(report.extractPerSecond() > 0);
        assertTrue(report.format().contains("body      P 1.000  R 1.000  F1 1.000"), report.format());
        assertTrue(!report.format().contains("date "), "no date line without date truth");
    }

    @Test
    void limitStopsAfterThatManyPages() throws IOException {
        Files.createDirectories(dir.resolve("html"));
        page("a", "<p>One.</p>");
        page("b", "<p>Two.</p>");
        Files.writeString(dir.resolve("truth.jsonl"), "{\"id\": \"a\", \"body\": \"One.\"}\n{\"id\": \"b\", \"body\": \"Two.\"}\n");
        assertEquals(1, Evaluator.load(dir, 1).size());
    }

    @Test
    void rejectsAFolderWithoutTruth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluator.load(dir, 0));
        assertTrue(e.getMessage().startsWith("dir"), e.getMessage());
    }

    private void page(String id, String html) throws IOException {
        page(id, html, "UTF-8");
    }

    private void page(String id, String html, String charset) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("html").resolve(id + ".html.gz")))) {
            out.write(html.getBytes(charset));
        }
    }
}
