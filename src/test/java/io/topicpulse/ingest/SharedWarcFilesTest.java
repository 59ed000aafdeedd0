package io.topicpulse.ingest;

import io.topicpulse.SharedData;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads every archive in the shared WARC sample and checks the results against its MANIFEST.tsv. */
class SharedWarcFilesTest {

    private static final Map<String, Character.UnicodeScript> SCRIPT_OF_CHARSET = Map.of(
            "windows-1251", Character.UnicodeScript.CYRILLIC, "koi8-r", Character.UnicodeScript.CYRILLIC,
            "gbk", Character.UnicodeScript.HAN, "gb2312", Character.UnicodeScript.HAN,
            "gb18030", Character.UnicodeScript.HAN, "big5", Character.UnicodeScript.HAN,
            "euc-jp", Character.UnicodeScript.HIRAGANA, "shift_jis", Character.UnicodeScript.HIRAGANA);

    /** What one archive gave. */
    record FileStats(String name, int pages, Map<String, Integer> rejects, int htmlTypedRejects,
                     Map<String, Long> skipped, Map<String, Long> warnings, Map<String, Integer> charsets,
                     Map<Character.UnicodeScript, Integer> pagesByScript, List<String> decodeFailures,
                     int pagesWithNewReplacementChars, long bodyBytes, long millis) {
    }

    private static Map<String, Map<String, String>> manifest;
    private static Map<String, FileStats> stats;

    @BeforeAll
    static void readEverySharedArchive() throws IOException {
        Path dir = SharedData.dir("warc");
        manifest = readManifest(dir.resolve("MANIFEST.tsv"));
        Configuration conf = new Configuration();
        stats = new TreeMap<>();
        for (InputFile file : InputFiles.expand(conf, List.of(dir.toString())).files()) {
            FileStats fileStats = read(conf, file);
            stats.put(fileStats.name(), fileStats);
            System.out.println(fileStats);
        }
    }

    private static FileStats read(Configuration conf, InputFile file) {
        long start = System.nanoTime();
        int pages = 0;
        int htmlTypedRejects = 0;
        int withReplacements = 0;
        long bytes = 0;
        Map<String, Integer> rejects = new TreeMap<>();
        Map<String, Integer> charsets = new TreeMap<>();
        Map<Character.UnicodeScript, Integer> scripts = new TreeMap<>();
        List<String> decodeFailures = new ArrayList<>();
        try (PageIterator results = PageReaders.open(conf, file)) {
            while (results.hasNext()) {
                ReadResult result = results.next();
                if (result instanceof ReadResult.Rejected rejected) {
                    Reject reject = rejected.reject();
                    rejects.merge(reject.reason(), 1, Integer::sum);
                    if (!reject.reason().equals("not_html") && (!reject.reason().equals("http_status")
                            || reject.detail().toLowerCase(Locale.ROOT).contains("content-type: text/html"))) {
                        htmlTypedRejects++;
                    }
                    continue;
                }
                RawPage page = ((ReadResult.Page) result).page();
                pages++;
                bytes += page.body().length;
                try {
                    DecodedHtml html = HtmlDecoder.decode(page);
                    charsets.merge(html.charset() + "/" + html.charsetSource(), 1, Integer::sum);
                    for (Character.UnicodeScript script : scriptsIn(html.html())) {
                        scripts.merge(script, 1, Integer::sum);
                    }
                    if (replacementsIntroduced(page.body(), html) > 0) {
                        withReplacements++;
                    }
                } catch (DecodeException e) {
                    decodeFailures.add(page.location() + ": " + e.getMessage());
                }
            }
            return new FileStats(Path.of(file.uri().substring(file.uri().indexOf(':') + 1)).getFileName().toString(),
                    pages, rejects, htmlTypedRejects, Map.copyOf(results.skippedRecords()),
                    Map.copyOf(results.warnings()), charsets, scripts, decodeFailures, withReplacements, bytes,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** U+FFFD in the text that decoding made, not counting those the page itself holds (UTF-8 EF BF BD). */
    private static long replacementsIntroduced(byte[] body, DecodedHtml html) {
        long inText = html.html().chars().filter(c -> c == '\uFFFD').count();
        long inBytes = 0;
        if (html.charset().equals("UTF-8")) {
            for (int i = 0; i + 2 < body.length; i++) {
                if ((body[i] & 0xff) == 0xef && (body[i + 1] & 0xff) == 0xbf && (body[i + 2] & 0xff) == 0xbd) {
                    inBytes++;
                }
            }
        }
        return inText - inBytes;
    }

    /** Scripts with at least 20 letters in the start of the text: enough to rule out a stray symbol. */
    private static List<Character.UnicodeScript> scriptsIn(String text) {
        Map<Character.UnicodeScript, Integer> counts = new HashMap<>();
        text.substring(0, Math.min(text.length(), 1 << 16)).codePoints().filter(Character::isLetter)
                .forEach(cp -> counts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum));
        Integer katakana = counts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
        counts.merge(Character.UnicodeScript.HIRAGANA, katakana, Integer::sum);
        return counts.entrySet().stream().filter(e -> e.getValue() >= 20).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Map<String, String>> readManifest(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        String[] header = lines.get(0).split("\t", -1);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                row.put(header[i], cells[i]);
            }
            String file = row.get("local_file");
            rows.put(file.substring(file.lastIndexOf('/') + 1), row);
        }
        return rows;
    }

    @Test
    void readsEveryArchiveInTheManifestToTheEnd() {
        for (String name : manifest.keySet()) {
            FileStats file = stats.get(name);
            assertTrue(file != null, name + " was not listed");
            assertFalse(file.rejects().containsKey("read_failed"), file.toString());
            assertTrue(file.pages() > 0, file.toString());
        }
    }

    @Test
    void findsAsManyHtmlResponsesAsTheManifestCounts() {
        for (Map.Entry<String, Map<String, String>> row : manifest.entrySet()) {
            String expected = row.getValue().getOrDefault("html_responses", "");
            if (!expected.matches("\\d+")) {
                continue;
            }
            FileStats file = stats.get(row.getKey());
            assertEquals(Integer.parseInt(expected), file.pages() + file.htmlTypedRejects(), file.toString());
        }
    }

    @Test
    void decodesEveryPageToTextWithoutReplacementCharacters() {
        for (FileStats file : stats.values()) {
            assertEquals(List.of(), file.decodeFailures(), file.name());
            assertEquals(0, file.pagesWithNewReplacementChars(), file.toString());
        }
    }

    @Test
    void decodesLegacyCharsetPagesIntoTheirScript() {
        int checked = 0;
        for (Map.Entry<String, Map<String, String>> row : manifest.entrySet()) {
            Map<Character.UnicodeScript, Integer> expected = new TreeMap<>();
            for (String entry : row.getValue().getOrDefault("html_charsets", "").split(",")) {
                String[] labelAndCount = entry.split("=");
                if (labelAndCount.length != 2) {
                    continue;
                }
                String label = labelAndCount[0].replaceFirst("^meta:", "").toLowerCase(Locale.ROOT);
                Character.UnicodeScript script = SCRIPT_OF_CHARSET.get(label);
                if (script != null) {
                    expected.merge(script, Integer.parseInt(labelAndCount[1].trim()), Integer::sum);
                }
            }
            FileStats file = stats.get(row.getKey());
            for (Map.Entry<Character.UnicodeScript, Integer> script : expected.entrySet()) {
                checked++;
                assertTrue(file.pagesByScript().getOrDefault(script.getKey(), 0) >= script.getValue(),
                        row.getKey() + ": expected " + script + " pages, got " + file.pagesByScript());
            }
        }
        assertTrue(checked >= 3, "the manifest names Cyrillic, Chinese and Japanese pages");
    }
}
