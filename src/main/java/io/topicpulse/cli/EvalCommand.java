package io.topicpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicpulse.eval.EvalReport;
import io.topicpulse.eval.Evaluator;
import io.topicpulse.extract.meta.DateEvidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code topicpulse eval}: scores the extractor on data sets laid out as {@code html/ID.html.gz} + {@code truth.jsonl}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Scores article extraction (body, snippets, title, date, author, speed) against truth.jsonl.")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A data set folder with html/ID.html.gz and truth.jsonl; repeat for several.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", description = "At most N pages per data set (default: all).")
    int limit;

    @Option(names = "--failures", paramLabel = "FILE.jsonl",
            description = "Write what went wrong on the worst pages (lowest body F1 first), one field per line.")
    Path failures;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "100",
            description = "How many pages per data set go to the failures file (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--dates", paramLabel = "FILE.jsonl",
            description = "Write every page whose truth has a date: its half, the true and extracted day, the "
                    + "confidence and the evidence it was read from (to refit the calibration).")
    Path dates;

    @Option(names = "--no-speed", description = "Skip the speed trial.")
    boolean noSpeed;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, was " + limit);
        }
        if (worst < 0) {
            throw new IllegalArgumentException("--worst must be >= 0, was " + worst);
        }
        PrintStream out = System.out;
        List<EvalReport> reports = new ArrayList<>();
        Evaluator evaluator = new Evaluator(!noSpeed);
        for (Path dir : data) {
            EvalReport report = evaluator.evaluate(dir, limit);
            reports.add(report);
            out.print(report.format());
            out.flush();
        }
        if (failures != null) {
            writeFailures(reports, failures, worst);
        }
        if (dates != null) {
            writeDates(reports, dates);
        }
        return 0;
    }

    private static void writeDates(List<EvalReport> reports, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = newWriter(file)) {
            for (EvalReport report : reports) {
                for (EvalReport.DatePage page : report.datedPages()) {
                    ObjectNode line = json.createObjectNode();
                    line.put("dataset", report.name());
                    line.put("id", page.id());
                    line.put("half", page.half());
                    line.put("truth", page.truth());
                    line.put("got", page.got() == null ? null : page.got().toString());
                    line.put("correct", page.correct());
                    line.put("confidence", page.confidence());
                    line.put("detail", page.detail());
                    DateEvidence e = page.evidence();
                    if (e != null) {
                        line.put("pattern", e.pattern() == null ? null : e.pattern().label());
                        line.put("path", e.path().label());
                        line.putPOJO("agreeing", e.agreeing());
                        line.putPOJO("disagreeing", e.disagreeing());
                        line.put("json_ld", string(e.jsonLd()));
                        line.put("meta", string(e.meta()));
                        line.put("time", string(e.timeElement()));
                        line.put("url", string(e.url()));
                        line.put("byline", string(e.byline()));
                        line.put("modified", string(e.modified()));
                        line.put("shown_update", string(e.shownUpdate()));
                    }
                    w.write(json.writeValueAsString(line));
                    w.newLine();
                }
            }
        }
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static BufferedWriter newWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static void writeFailures(List<EvalReport> reports, Path file, int worst) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = newWriter(file)) {
            for (EvalReport report : reports) {
                for (EvalReport.PageResult page : report.results().subList(0, Math.min(worst, report.results().size()))) {
                    for (EvalReport.Miss miss : page.misses()) {
                        ObjectNode line = json.createObjectNode();
                        line.put("dataset", report.name());
                        line.put("id", page.id());
                        line.put("url", page.url());
                        line.put("field", miss.field());
                        line.put("expected", miss.expected());
                        line.put("got", miss.got());
                        line.put("body_precision", page.bodyPrecision());
                        line.put("body_recall", page.bodyRecall());
                        w.write(json.writeValueAsString(line));
                        w.newLine();
                    }
                }
            }
        }
    }
}
