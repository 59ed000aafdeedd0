package io.topicpulse.cli;

import io.topicpulse.extract.PageProcessor;
import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.PipelineJob;
import io.topicpulse.jobs.SparkSessions;
import io.topicpulse.jobs.Stage;
import io.topicpulse.table.store.RunLock;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** The job skeleton every pipeline command shares: parse args → immutable config → run(spark, config). */
abstract class SparkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Output folder: tables are published there atomically as Parquet.")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for local runs (default: what spark-submit set, else local[*]).")
    String master;

    /** Which stages this command runs. */
    abstract Set<Stage> stages();

    /** The --input paths, for commands that read inputs. */
    List<String> inputs() {
        return List.of();
    }

    /** The --lexicon file, or null for the default lexicon. */
    Path lexiconFile() {
        return null;
    }

    int minTermCount() {
        return 3;
    }

    /** The --min-date-confidence floor, for commands that extract. */
    double minDateConfidence() {
        return DateConfidence.DEFAULT_FLOOR;
    }

    @Override
    public Integer call() throws Exception {
        if (stages().contains(Stage.EXTRACT) && SparkSessions.isLocal(master)) {
            // Local tasks extract in this JVM: what the first page needs loads while the arguments are checked
            // and Spark starts.
            PageProcessor.warmUpInBackground();
        }
        PipelineConfig config = config();
        check(config);
        beforeSpark(config);
        try {
            if (runWithoutSpark(config)) {
                return 0;
            }
            try (SparkSession spark = SparkSessions.create("topicpulse " + spec.name(), master)) {
                execute(spark, config);
                return 0;
            }
        } catch (RunLock.HeldException e) {
            System.err.println("topicpulse " + spec.name() + ": " + e.getMessage());
            return 3;
        } catch (PipelineJob.AccountingException e) {
            System.err.println("topicpulse " + spec.name() + ": " + e.getMessage());
            return 4;
        }
    }

    /** Work that needs no Spark and can go on while it starts, once the arguments are checked; none by default. */
    void beforeSpark(PipelineConfig config) {
    }

    /** Runs the job without starting Spark when it can; false (the default) when Spark is needed. */
    boolean runWithoutSpark(PipelineConfig config) throws java.io.IOException {
        return false;
    }

    /** Validates the command's own options against the config, before Spark starts; none by default. */
    void check(PipelineConfig config) {
    }

    /** Runs the job on a validated config; a command with its own job overrides this. */
    void execute(SparkSession spark, PipelineConfig config) throws java.io.IOException {
        PipelineJob.run(spark, config);
    }

    /** Validates every argument and builds the config, before any Spark code runs. */
    PipelineConfig config() {
        Path out = Options.output(spec, output);
        Lexicon lexicon = Options.lexicon(spec, lexiconFile());
        Options.atLeast(spec, "--min-term-count", minTermCount(), 1);
        double minDateConfidence = Options.dateFloor(spec, "--min-date-confidence", minDateConfidence());
        InputFiles.Expansion expansion = new InputFiles.Expansion(List.of(), List.of());
        if (stages().contains(Stage.EXTRACT)) {
            try {
                expansion = InputFiles.expand(SparkSessions.hadoopConfiguration(new SparkConf()), inputs());
            } catch (IllegalArgumentException e) {
                throw Options.fail(spec, e.getMessage());
            }
            if (expansion.files().isEmpty()) {
                throw Options.fail(spec, "--input " + inputs() + ": no .html, .htm, .warc, .arc or .jsonl files "
                        + "found (" + expansion.ignored().size() + " files of other kinds)");
            }
        }
        return new PipelineConfig(spec.name(), stages(), inputs(), expansion.files(), expansion.ignored(), out,
                lexicon, minTermCount(), Options.newRunId(), minDateConfidence);
    }
}
