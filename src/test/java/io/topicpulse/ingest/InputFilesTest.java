package io.topicpulse.ingest;

import io.topicpulse.extract.PageOutcome;
import io.topicpulse.extract.PageProcessor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

    // --- each real file once (issue 25) ---

    /** The plain tree the link and overlap cases are compared with: two days of dumps and a file of no format. */
    private Path plainDumps() throws IOException {
        touch("dumps/2024-11/a.html");
        touch("dumps/2024-11/b.warc.gz");
        touch("dumps/2024-12/c.jsonl");
        touch("dumps/2024-12/deep/d.htm");
        touch("dumps/notes.txt");
        return dir.resolve("dumps");
    }

    private List<String> uris(InputFiles.Expansion expansion) {
        return expansion.files().stream().map(InputFile::uri).toList();
    }

    private List<String> uris(String... paths) {
        return uris(InputFiles.expand(conf, List.of(paths)));
    }

    private String uri(Path path) {
        return "file:" + path;
    }

    /** Something done to the plain tree: links made in it. */
    private interface Change {
        void apply() throws IOException;
    }

    /** Lists {@code dumps} after {@code change}, asserting it lists the plain tree's files, once each. */
    private InputFiles.Expansion listedLikeThePlainTree(Path dumps, Change change) throws IOException {
        List<String> plain = uris(dumps.toString());
        change.apply();

        InputFiles.Expansion expansion = InputFiles.expand(conf, List.of(dumps.toString()));

        assertEquals(plain, uris(expansion));
        return expansion;
    }

    private static void assertSkipped(Map<String, Long> byReason, List<String> paths, InputFiles.Expansion expansion) {
        assertEquals(byReason, expansion.skipped().byReason());
        assertEquals(paths, expansion.skipped().first().stream().map(SkippedPaths.Skip::path).toList());
    }

    @Test
    void aLinkBackToTheParentFolderIsCutAsACycleAndEveryFileIsListedOnce() throws IOException {
        Path dumps = plainDumps();

        InputFiles.Expansion expansion = listedLikeThePlainTree(dumps, () -> {
            Files.createDirectories(dumps.resolve("loop"));
            Files.createSymbolicLink(dumps.resolve("loop/parent"), Path.of(".."));
        });

        assertEquals(List.of(uri(dumps.resolve("notes.txt"))), expansion.ignored());
        assertSkipped(Map.of("cycle", 1L), List.of(uri(dumps.resolve("loop/parent"))), expansion);
        assertEquals(uri(dumps), expansion.skipped().first().get(0).leadsTo());
    }

    @Test
    void aLinkTwoLevelsUpIsCutAsACycle() throws IOException {
        Path dumps = plainDumps();

        InputFiles.Expansion expansion = listedLikeThePlainTree(dumps, () -> {
            Files.createSymbolicLink(dumps.resolve("2024-12/deep/up"), Path.of("../.."));
        });

        assertSkipped(Map.of("cycle", 1L), List.of(uri(dumps.resolve("2024-12/deep/up"))), expansion);
    }

    @Test
    void twoFoldersLinkingToEachOtherAreACycleEvenWhenOneLiesOutsideTheInput() throws IOException {
        Path dumps = plainDumps();
        touch("elsewhere/e.html");
        List<String> plain = uris(dumps.toString(), dir.resolve("elsewhere").toString());
        Files.createSymbolicLink(dumps.resolve("2024-11/more"), dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("elsewhere/back"), Path.of("../dumps/2024-11"));

        InputFiles.Expansion expansion = InputFiles.expand(conf, List.of(dumps.toString()));

        assertEquals(plain, uris(expansion));
        assertSkipped(Map.of("cycle", 1L), List.of(uri(dumps.resolve("2024-11/more/back"))), expansion);
        InputFile followed = expansion.files().stream().filter(f -> f.uri().endsWith("/e.html")).findFirst()
                .orElseThrow();
        assertEquals(uri(dir.resolve("elsewhere/e.html")), followed.uri());
        assertEquals(uri(dumps.resolve("2024-11/more/e.html")), followed.reachedBy());
    }

    @Test
    void aLinkedFolderInsideTheTreeIsListedOnceUnderItsPlainPath() throws IOException {
        Path dumps = plainDumps();

        InputFiles.Expansion expansion = listedLikeThePlainTree(dumps, () -> {
            Files.createSymbolicLink(dumps.resolve("latest"), Path.of("2024-12"));
            Files.createSymbolicLink(dumps.resolve("2024-11/also-deep"), dumps.resolve("2024-12/deep"));
        });

        assertEquals(expansion.files().stream().map(InputFile::uri).toList(),
                expansion.files().stream().map(InputFile::reachedBy).toList());
        assertSkipped(Map.of("already_listed", 2L),
                List.of(uri(dumps.resolve("2024-11/also-deep")), uri(dumps.resolve("latest"))), expansion);
    }

    @Test
    void aLinkedFileBesideItsTargetIsOneInput() throws IOException {
        Path dumps = plainDumps();

        InputFiles.Expansion expansion = listedLikeThePlainTree(dumps, () -> {
            Files.createSymbolicLink(dumps.resolve("2024-11/a-again.html"), Path.of("a.html"));
            Files.createSymbolicLink(dumps.resolve("notes-again.html"), Path.of("notes.txt"));
        });

        assertEquals(List.of(uri(dumps.resolve("notes.txt"))), expansion.ignored());
        assertSkipped(Map.of("already_listed", 2L), List.of(uri(dumps.resolve("2024-11/a-again.html")),
                uri(dumps.resolve("notes-again.html"))), expansion);
    }

    @Test
    void anInputInsideAnotherInputIsListedOnceInEitherOrder() throws IOException {
        Path dumps = plainDumps();
        List<String> plain = uris(dumps.toString());

        InputFiles.Expansion outerFirst = InputFiles.expand(conf,
                List.of(dumps.toString(), dumps.resolve("2024-11").toString()));
        InputFiles.Expansion innerFirst = InputFiles.expand(conf,
                List.of(dumps.resolve("2024-11").toString(), dumps + "/2024-11/a.html", dumps.toString()));

        assertEquals(plain, uris(outerFirst));
        assertSkipped(Map.of("already_listed", 1L), List.of(uri(dumps.resolve("2024-11"))), outerFirst);
        assertEquals(plain, uris(innerFirst));
        assertSkipped(Map.of("already_listed", 2L),
                List.of(uri(dumps.resolve("2024-11")), uri(dumps.resolve("2024-11/a.html"))), innerFirst);
    }

    @Test
    void aGlobOverlappingAFolderListsEachFileOnce() throws IOException {
        Path dumps = plainDumps();
        List<String> plain = uris(dumps.toString());

        InputFiles.Expansion expansion = InputFiles.expand(conf,
                List.of(dumps + "/*/*", dumps.toString(), dumps + "/2024-1?"));

        assertEquals(plain, uris(expansion));
        // The glob's four matches (a.html, b.warc.gz, c.jsonl, deep) and the other glob's two folders.
        assertEquals(Map.of("already_listed", 6L), expansion.skipped().byReason());
    }

    @Test
    void aHiddenFolderInsideAnInputIsListedWhenNamedItself() throws IOException {
        Path dumps = plainDumps();
        touch("dumps/_staging/late.html");

        InputFiles.Expansion expansion = InputFiles.expand(conf,
                List.of(dumps.toString(), dumps.resolve("_staging").toString()));

        assertTrue(uris(expansion).contains(uri(dumps.resolve("_staging/late.html"))), uris(expansion).toString());
        assertEquals(uris(dumps.toString()).size() + 1, expansion.files().size());
        assertTrue(expansion.skipped().isEmpty());
    }

    @Test
    void anInputReachedThroughALinkHasTheSameIdentityAsThroughItsRealPath() throws IOException {
        Path dumps = plainDumps();
        Path mounted = Files.createSymbolicLink(dir.resolve("mounted"), dumps);

        InputFiles.Expansion expansion = InputFiles.expand(conf, List.of(mounted.toString()));

        // A night listing the folder under a new name finds no new file.
        assertEquals(uris(dumps.toString()), uris(expansion));
        assertEquals(uri(mounted.resolve("2024-11/a.html")), expansion.files().get(0).reachedBy());
        assertTrue(expansion.skipped().isEmpty());
    }

    @Test
    void brokenLinksAreCountedNotFatal() throws IOException {
        Path dumps = plainDumps();

        InputFiles.Expansion expansion = listedLikeThePlainTree(dumps, () -> {
            Files.createSymbolicLink(dumps.resolve("gone.html"), Path.of("nowhere.html"));
            Files.createSymbolicLink(dumps.resolve("self.html"), Path.of("self.html"));
        });

        assertEquals(Map.of("broken_link", 2L), expansion.skipped().byReason());
        assertEquals("broken_link " + uri(dumps.resolve("gone.html")), expansion.skipped().firstPaths().get(0));
    }

    @Test
    void keepsTheFirstSkippedPathsAndCountsTheRest() throws IOException {
        Path dumps = plainDumps();
        for (int i = 0; i < SkippedPaths.KEPT + 5; i++) {
            Files.createSymbolicLink(dumps.resolve(String.format("copy-%02d.html", i)), Path.of("2024-11/a.html"));
        }

        SkippedPaths skipped = InputFiles.expand(conf, List.of(dumps.toString())).skipped();

        assertEquals(SkippedPaths.KEPT + 5, skipped.total());
        assertEquals(SkippedPaths.KEPT, skipped.first().size());
        assertEquals(uri(dumps.resolve("copy-00.html")), skipped.first().get(0).path());
    }

    @Test
    void fileUrisListTheSameFilesUnderTheUrisHadoopGivesThem() throws IOException {
        touch("odd names/a b#1%.html");
        touch("odd names/sub/c.warc");
        Path root = dir.resolve("odd names");
        List<String> byHadoop = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> listing = FileSystem.getLocal(conf)
                .listFiles(new org.apache.hadoop.fs.Path(root.toUri()), true);
        while (listing.hasNext()) {
            byHadoop.add(listing.next().getPath().toString());
        }
        byHadoop.sort(null);

        assertEquals(byHadoop, uris("file://" + root));
        assertEquals(byHadoop, uris("file:" + root + "/"));
    }

    @Test
    void aPageWithoutUrlTakesItsDocIdFromTheRealPathNotTheLink() throws IOException {
        Path page = touch("dumps/page.html");
        Files.writeString(page, "<html><head><title>Harbour</title></head><body><article><p>"
                + "The harbour board voted on Tuesday to rebuild the old pier before the winter storms arrive, "
                + "after months of debate about the cost and the timing of the work.</p></article></body></html>");
        Path link = Files.createSymbolicLink(dir.resolve("page-link.html"), page);

        String viaPlainPath = docId(InputFiles.expand(conf, List.of(page.toString())).files().get(0));
        String viaLink = docId(InputFiles.expand(conf, List.of(link.toString())).files().get(0));

        assertEquals(viaPlainPath, viaLink);
    }

    private String docId(InputFile file) {
        try (PageIterator pages = PageReaders.open(conf, file)) {
            PageOutcome outcome = new PageProcessor().process(pages.next());
            return assertInstanceOf(PageOutcome.Extracted.class, outcome).article().docId();
        }
    }

    @Test
    void onOtherFileSystemsOverlappingInputsAreListedOnceWithOneListingPerRoot() throws IOException {
        Path dumps = plainDumps();
        Configuration counted = CountingFileSystem.conf();
        String root = "counted://" + dumps;
        List<String> plain = uris(InputFiles.expand(counted, List.of(root)));
        CountingFileSystem.LISTINGS.set(0);

        InputFiles.Expansion expansion = InputFiles.expand(counted,
                List.of(root + "/2024-12", root, root + "/*/*.html", root + "/2024-11/b.warc.gz"));

        assertEquals(plain, uris(expansion));
        assertEquals(1, CountingFileSystem.LISTINGS.get());
        assertEquals(Map.of("already_listed", 3L), expansion.skipped().byReason());
        assertTrue(plain.get(0).startsWith("counted:/"), plain.get(0));
    }

    /** The local file system under the scheme {@code counted:}, counting recursive listings: a non-local store. */
    public static class CountingFileSystem extends RawLocalFileSystem {
        static final AtomicInteger LISTINGS = new AtomicInteger();

        static Configuration conf() {
            Configuration conf = new Configuration(false);
            conf.set("fs.counted.impl", CountingFileSystem.class.getName());
            conf.setBoolean("fs.counted.impl.disable.cache", true);
            return conf;
        }

        @Override
        public URI getUri() {
            return URI.create("counted:///");
        }

        @Override
        public String getScheme() {
            return "counted";
        }

        @Override
        public RemoteIterator<LocatedFileStatus> listFiles(org.apache.hadoop.fs.Path f, boolean recursive)
                throws IOException {
            LISTINGS.incrementAndGet();
            return super.listFiles(f, recursive);
        }

        // Plain statuses: the local ones load their permissions through a file: URI, which this scheme is not.
        @Override
        public org.apache.hadoop.fs.FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
            org.apache.hadoop.fs.FileStatus[] statuses = super.listStatus(f);
            for (int i = 0; i < statuses.length; i++) {
                org.apache.hadoop.fs.FileStatus s = statuses[i];
                statuses[i] = new org.apache.hadoop.fs.FileStatus(s.getLen(), s.isDirectory(), 1, s.getBlockSize(),
                        s.getModificationTime(), s.getPath());
            }
            return statuses;
        }
    }
}
