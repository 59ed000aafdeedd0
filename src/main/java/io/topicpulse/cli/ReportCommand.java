package io.topicpulse.cli;

import io.topicpulse.jobs.SparkSessions;
import io.topicpulse.report.ReportConfig;
import io.topicpulse.report.ReportJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code topicpulse report}: one self-contained HTML page of charts, spikes and the sentences behind them. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write one self-contained HTML report (inline SVG charts, no script, no network) from the "
                + "published tables.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TableReadOptions tables;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path to;

    @Option(names = "--topic", paramLabel = "NAME", description = "A topic to show (repeatable; default: all).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: the first in the tables).")
    String from;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day (default: the last in the tables).")
    String until;

    @Override
    public Integer call() throws Exception {
        ReportConfig config = config();
        try (SparkSession spark = SparkSessions.create("topicpulse report", tables.master)) {
            ReportJob.Written w = ReportJob.run(spark, config);
            System.err.printf(Locale.ROOT, "topicpulse report: wrote %s (%,d bytes, %d topics, %d spike days) in "
                    + "%.1f s%n", w.file(), w.bytes(), w.topics(), w.spikes(), w.seconds());
        } catch (IllegalArgumentException e) {
            System.err.println("topicpulse report: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** Every argument checked before Spark starts. */
    ReportConfig config() {
        String out = tables.folder(spec);
        Path target = to.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw Options.fail(spec, "--to '" + to + "' is a folder; name the HTML file to write");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw Options.fail(spec, "--to '" + to + "': no folder " + target.getParent());
        }
        for (String topic : topics) {
            if (topic.isBlank()) {
                throw Options.fail(spec, "--topic must name a topic");
            }
        }
        var first = Options.day(spec, "--from", from);
        var last = Options.day(spec, "--until", until);
        Options.ordered(spec, first, last);
        return new ReportConfig(out, target, topics, first, last, tables.lexicon(spec));
    }
}
