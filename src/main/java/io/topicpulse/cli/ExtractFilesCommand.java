package io.topicpulse.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.extract.ArticleRecord;
import io.topicpulse.extract.ExtractedArticle;
import io.topicpulse.extract.PageOutcome;
import io.topicpulse.extract.PageProcessor;
import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.ingest.PageIterator;
import io.topicpulse.ingest.PageReaders;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code topicpulse extract-files}: extraction without Spark, one JSON line per page, for debugging and measuring. */
@Command(name = "extract-files", mixinStandardHelpOptions = true,
        description = "Extract articles without Spark: one JSON object per line with source, url, title, authors, "
                + "published_date, date_source, section, language and text (rejected pages carry reject and "
                + "detail instead).")
final class ExtractFilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Input files or folders (see run --help).")
    List<String> input;

    @Option(names = "--output", required = true, paramLabel = "FILE.jsonl", description = "Where to write; - for stdout.")
    String output;

    @Option(names = "--min-date-confidence", paramLabel = "C", defaultValue = "" + DateConfidence.DEFAULT_FLOOR,
            description = "Dates with a lower confidence (0 to 1) are left out, the rejected day in date_detail "
                    + "(default: ${DEFAULT-VALUE}).")
    double minDateConfidence;

    @Override
    public Integer call() throws IOException {
        Options.dateFloor(spec, "--min-date-confidence", minDateConfidence);
        Configuration conf = new Configuration();
        InputFiles.Expansion expansion;
        try {
            expansion = InputFiles.expand(conf, input);
        } catch (IllegalArgumentException e) {
            throw Options.fail(spec, e.getMessage());
        }
        if (!"-".equals(output) && Files.isDirectory(Path.of(output))) {
            throw Options.fail(spec, "--output '" + output + "' is a folder; name a .jsonl file");
        }
        ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        PageProcessor processor = new PageProcessor(minDateConfidence);
        Map<String, Long> counts = new TreeMap<>();
        try (BufferedWriter out = "-".equals(output)
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            for (InputFile file : expansion.files()) {
                try (PageIterator pages = PageReaders.open(conf, file)) {
                    while (pages.hasNext()) {
                        PageOutcome outcome = processor.process(pages.next());
                        Map<String, Object> line = line(outcome);
                        counts.merge(line.containsKey("reject") ? "reject:" + line.get("reject") : "article", 1L,
                                Long::sum);
                        out.write(json.writeValueAsString(line));
                        out.write('\n');
                    }
                }
            }
        }
        System.err.println("extract-files: " + expansion.files().size() + " files, " + counts);
        return 0;
    }

    static Map<String, Object> line(PageOutcome outcome) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (outcome instanceof PageOutcome.Rejected r) {
            line.put("source", r.reject().source());
            line.put("offset", r.reject().offset());
            line.put("url", r.reject().url());
            line.put("reject", r.reject().reason());
            line.put("detail", r.reject().detail());
            return line;
        }
        ArticleRecord a = ((PageOutcome.Extracted) outcome).article();
        ExtractedArticle x = a.article();
        line.put("source", a.source());
        line.put("offset", a.offset());
        line.put("url", a.url());
        line.put("title", x.title());
        line.put("authors", x.authors());
        line.put("published_date", x.publishedDate() == null ? null : x.publishedDate().toString());
        line.put("published_at", x.publishedAt() == null ? null : x.publishedAt().toString());
        line.put("date_source", x.dateSource());
        line.put("date_detail", x.dateDetail());
        line.put("date_confidence", x.dateConfidence());
        line.put("section", x.section());
        line.put("language", x.language());
        line.put("charset", a.charset());
        line.put("text", x.text());
        return line;
    }
}
