package io.topicpulse.extract;

import io.topicpulse.eval.Truth;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFormat;
import io.topicpulse.ingest.PageIterator;
import io.topicpulse.ingest.PageReaders;
import io.topicpulse.ingest.RawPage;
import org.apache.hadoop.conf.Configuration;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Prints every page's {@link PageProcessor} outcome, one line each, the {@code minhash} column left out, so that two
 * builds' outputs can be compared with {@code diff}: the WARC files and data set folders ({@code html/ID.html.gz} +
 * {@code truth.jsonl}, each page under its truth URL) given as arguments.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:target/topicpulse-0.1.0.jar:$(cat
 * target/classpath.txt) io.topicpulse.extract.OutcomeDump FILE.warc.gz DATASET_DIR... > outcomes.txt}
 */
public final class OutcomeDump {

    private OutcomeDump() {
    }

    public static void main(String[] args) throws Exception {
        PageProcessor processor = new PageProcessor();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String arg : args) {
            Path path = Path.of(arg).toAbsolutePath();
            if (Files.isDirectory(path)) {
                for (Truth t : Truth.read(path.resolve("truth.jsonl"))) {
                    Path html = path.resolve("html").resolve(t.id() + ".html.gz");
                    if (Files.isRegularFile(html)) {
                        try (InputStream in = new GZIPInputStream(Files.newInputStream(html))) {
                            RawPage page = new RawPage(html.toString(), -1, t.url(), null, null, in.readAllBytes());
                            out.println(line(processor.process(page)));
                        }
                    }
                }
                continue;
            }
            InputFile input = new InputFile(path.toUri().toString(), InputFormat.WARC, Files.size(path),
                    Files.getLastModifiedTime(path).toMillis());
            try (PageIterator records = PageReaders.open(new Configuration(), input)) {
                while (records.hasNext()) {
                    out.println(line(processor.process(records.next())));
                }
            }
        }
        out.flush();
    }

    private static String line(PageOutcome outcome) {
        if (outcome instanceof PageOutcome.Extracted e) {
            ArticleRecord r = e.article();
            return String.join("\t", r.docId(), String.valueOf(r.url()), String.valueOf(r.host()),
                    String.valueOf(r.fetchedAt()), r.contentHash(), r.charset(), String.valueOf(r.wordCount()),
                    String.valueOf(r.tokenCount()), r.source(), String.valueOf(r.offset()),
                    r.article().toString().replace('\n', ' '));
        }
        return "rejected\t" + ((PageOutcome.Rejected) outcome).reject();
    }
}
