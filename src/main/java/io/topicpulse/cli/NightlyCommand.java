package io.topicpulse.cli;

import io.topicpulse.jobs.NightlyJob;
import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.Stage;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code topicpulse nightly}: the incremental run a scheduler starts every night. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Extract only the input files not processed yet (or changed since), merge their articles "
                + "into the tables and recompute the series of the days that changed; safe to re-run.",
                "Exit codes: 0 done (also when there was nothing new), 1 failed, 2 bad arguments, 3 another run "
                        + "holds the output, 4 input accounting did not add up (nothing published), 5 the tables "
                        + "come from another extractor version (run with --reprocess)."})
final class NightlyCommand extends SparkCommand {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "ROOT",
            description = "Folder(s) or globs where the dumps arrive; every input file under them is checked "
                    + "against the manifest of processed files.")
    List<String> input;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "Topic lexicon (YAML); default: jobs/lexicon.yaml. A lexicon other than the tables' "
                    + "recomputes mentions and series from the articles.")
    Path lexicon;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Only input files of this day or later: the last date in the file's path, else its "
                    + "modification day (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Only input files of this day or earlier.")
    String until;

    @Option(names = "--reprocess",
            description = "Extract again every selected input file, processed or not (after an extractor change).")
    boolean reprocess;

    @Option(names = "--min-term-count", paramLabel = "N", defaultValue = "3",
            description = "Least count of a word or phrase on a day for term_daily (default: ${DEFAULT-VALUE}); "
                    + "keep it equal from night to night.")
    int minTermCount;

    @Override
    Set<Stage> stages() {
        return EnumSet.allOf(Stage.class);
    }

    @Override
    List<String> inputs() {
        return input;
    }

    @Override
    Path lexiconFile() {
        return lexicon;
    }

    @Override
    int minTermCount() {
        return minTermCount;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } catch (NightlyJob.ReprocessNeededException e) {
            System.err.println("topicpulse nightly: " + e.getMessage());
            return NightlyJob.EXIT_REPROCESS_NEEDED;
        }
    }

    @Override
    void check(PipelineConfig config) {
        nightlyConfig(config); // bad dates fail here, before Spark starts
    }

    @Override
    void execute(SparkSession spark, PipelineConfig config) throws IOException {
        NightlyJob.run(spark, nightlyConfig(config));
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
