package io.topicpulse.cli;

import io.topicpulse.jobs.SeriesQuery;
import io.topicpulse.jobs.SparkSessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code topicpulse series}: prints a topic's or a term's series from the published tables, no re-extraction. */
@Command(name = "series", mixinStandardHelpOptions = true,
        description = "Print the series of a topic (or of any word or two-word phrase) from the published tables.")
final class SeriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The output folder of a run.")
    String output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--topic", paramLabel = "NAME", description = "A lexicon topic.")
        String topic;

        @Option(names = "--term", paramLabel = "WORDS", description = "Any word or two-word phrase (term_daily).")
        String term;
    }

    @Option(names = "--by", defaultValue = "day", paramLabel = "day|week|month",
            description = "Period (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--source", paramLabel = "HOST", description = "Only this host (topics only).")
    String source;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day.")
    String until;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--as-of", paramLabel = "RUN_ID",
            description = "Read the tables as this run left them (its run_stats row names their versions).")
    String asOf;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[1]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() throws Exception {
        String out = Options.output(spec, output, SparkSessions.hadoopConfiguration(new org.apache.spark.SparkConf()));
        SeriesQuery.Period period;
        try {
            period = SeriesQuery.Period.valueOf(by.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Options.fail(spec, "--by must be day, week or month, was '" + by + "'");
        }
        if (!format.equals("table") && !format.equals("csv")) {
            throw Options.fail(spec, "--format must be table or csv, was '" + format + "'");
        }
        if (what.term != null && source != null) {
            throw Options.fail(spec, "--source applies to --topic only (term_daily is not kept per host)");
        }
        SeriesQuery query = new SeriesQuery(out, what.topic, what.term, period, source, day("--from", from),
                day("--until", until), asOf);
        try (SparkSession spark = SparkSessions.create("topicpulse series", master)) {
            Dataset<Row> rows = query.run(spark);
            PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            stdout.print(format.equals("csv") ? SeriesQuery.csv(rows) : SeriesQuery.table(rows));
        }
        return 0;
    }

    private LocalDate day(String option, String value) {
        return Options.day(spec, option, value);
    }
}
