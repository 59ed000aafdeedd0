package io.topicpulse.cli;

import io.topicpulse.jobs.NightlyJob;
import io.topicpulse.jobs.PipelineConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.LocalDate;

/** {@code topicpulse nightly}: the incremental run a scheduler starts every night. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Extract only the input files not processed yet (or changed since), merge their articles "
                + "into the tables and recompute the series of the days that changed; safe to re-run.",
                "Every input file under --input is checked against the manifest of processed files; a --lexicon "
                        + "other than the tables' recomputes mentions and series from the articles; keep "
                        + "--min-term-count equal from night to night.",
                "Exit codes: 0 done (also when there was nothing new), 1 failed, 2 bad arguments, 3 another run "
                        + "holds the output, 4 input accounting did not add up (nothing published), 5 the tables "
                        + "come from another extractor version (run with --reprocess)."})
final class NightlyCommand extends RunCommand {

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Only input files of this day or later: the last date in the file's path, else its "
                    + "modification day (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Only input files of this day or earlier.")
    String until;

    @Option(names = "--reprocess",
            description = "Extract again every selected input file, processed or not (after an extractor change).")
    boolean reprocess;

    /** Tonight's files, being read while Spark starts; null when the night does not read on the driver. */
    private NightlyJob.EarlyRead early;

    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } catch (NightlyJob.ReprocessNeededException e) {
            System.err.println("topicpulse nightly: " + e.getMessage());
            return NightlyJob.EXIT_REPROCESS_NEEDED;
        } finally {
            // Spark failed to start or the night stopped before it read (its lock held by another run, say).
            if (early != null) {
                early.abandon();
            }
        }
    }

    @Override
    void beforeSpark(PipelineConfig config) {
        try {
            early = NightlyJob.startReading(nightlyConfig(config), master, new SparkConf());
        } catch (IOException | RuntimeException e) {
            // Only a head start: the night plans again under its lock and meets any real problem there.
            LoggerFactory.getLogger(NightlyCommand.class).debug("no read before Spark: {}", e.toString());
        }
    }

    @Override
    boolean runWithoutSpark(PipelineConfig config) throws IOException {
        NightlyJob.Attempt attempt = NightlyJob.withoutSpark(nightlyConfig(config), master, new SparkConf(), early);
        early = attempt.read();
        return attempt.outcome() != null;
    }

    @Override
    void check(PipelineConfig config) {
        nightlyConfig(config); // bad dates fail here, before Spark starts
    }

    @Override
    void execute(SparkSession spark, PipelineConfig config) throws IOException {
        NightlyJob.runInSpark(spark, nightlyConfig(config), early);
    }

    private NightlyJob.Config nightlyConfig(PipelineConfig config) {
        LocalDate from = Options.day(spec, "--since", since);
        LocalDate to = Options.day(spec, "--until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw Options.fail(spec, "--since " + from + " is after --until " + to);
        }
        return new NightlyJob.Config(config, from, to, reprocess);
    }
}
