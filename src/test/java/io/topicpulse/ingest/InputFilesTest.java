package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputFilesTest {

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        return file;
    }

    private static List<String> names(List<InputFile> files) {
        return files.stream().map(f -> f.uri().substring(f.uri().lastIndexOf('/') + 1)).toList();
    }

    @Test
    void walksFoldersRecursivelyAndRecognisesFormatsByName() throws IOException {
        touch("site/2024/a.html");
        touch("site/2024/b.HTM.gz");
        touch("site/crawl.warc.gz");
        touch("site/old.arc");
        touch("site/pages.jsonl.gz");
        touch("site/more.ndjson");
        touch("site/notes.txt");

        InputFiles.Expansion expansion = InputFiles.expand(conf, List.of(dir.resolve("site").toString()));

        assertEquals(List.of("a.html", "b.HTM.gz", "crawl.warc.gz", "more.ndjson", "old.arc", "pages.jsonl.gz"),
                names(expansion.files()));
        assertEquals(List.of(InputFormat.HTML, InputFormat.HTML, InputFormat.WARC, InputFormat.JSONL,
                InputFormat.WARC, InputFormat.JSONL), expansion.files().stream().map(InputFile::format).toList());
        assertEquals(1, expansion.ignored().size());
        assertTrue(expansion.ignored().get(0).endsWith("/notes.txt"));
    }

    @Test
    void skipsHiddenAndUnderscoreFilesAndFoldersLikeHadoop() throws IOException {
        touch("out/_SUCCESS");
        touch("out/_temporary/part.html");
        touch("out/.staging/part.html");
        touch("out/.part.html.crc");
        touch("out/part.html");

        InputFiles.Expansion expansion = InputFiles.expand(conf, List.of(dir.resolve("out").toString()));

        assertEquals(List.of("part.html"), names(expansion.files()));
        assertEquals(List.of(), expansion.ignored());
    }

    @Test
    void expandsGlobsAndListsEachFileOnceSortedByUri() throws IOException {
        touch("b/2.warc");
        touch("a/1.warc");
        touch("a/3.html");

        InputFiles.Expansion expansion = InputFiles.expand(conf,
                List.of(dir + "/*/*.warc", dir.resolve("a").toString(), dir.resolve("a/1.warc").toString()));

        assertEquals(List.of("1.warc", "3.html", "2.warc"), names(expansion.files()));
        assertTrue(expansion.files().get(0).uri().startsWith("file:"), expansion.files().get(0).uri());
    }

    @Test
    void recordsSizeAndModificationTime() throws IOException {
        Path page = dir.resolve("p.html");
        Files.writeString(page, "<html>hello</html>");

        InputFile file = InputFiles.expand(conf, List.of(page.toString())).files().get(0);

        assertEquals(18, file.size());
        assertEquals(Files.getLastModifiedTime(page).toMillis(), file.modificationTime());
    }

    @Test
    void namesThePathThatMatchesNothing() {
        String missing = dir.resolve("data/x").toString();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFiles.expand(conf, List.of(missing)));

        assertEquals("--input '" + missing + "': no such file or directory", e.getMessage());
    }

    @Test
    void namesTheGlobThatMatchesNothing() {
        String glob = dir + "/*.warc.gz";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputFiles.expand(conf, List.of(glob)));

        assertTrue(e.getMessage().contains(glob), e.getMessage());
    }

    @Test
    void refusesAnEmptyListOfPaths() {
        assertThrows(IllegalArgumentException.class, () -> InputFiles.expand(conf, List.of()));
    }
}
