package io.topicpulse.cli;

import io.topicpulse.extract.PageProcessor;
import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.InputFiles;
import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.RunConfig;
import io.topicpulse.jobs.RunDriver;
import io.topicpulse.jobs.SparkSessions;
import io.topicpulse.jobs.Stage;
import io.topicpulse.run.RunLock;
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
            description = "Output folder of the Delta tables: a path or a URI of any Hadoop file system (file:, "
                    + "hdfs://, s3a://).")
    String output;

    @Option(names = "--quiet", description = "Print only warnings and the summary: no progress lines.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print Spark's own logs too (hidden by default).")
    boolean verbose;

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
        RunConfig config = runConfig(config());
        if (quiet && verbose) {
            throw Options.fail(spec, "--quiet and --verbose exclude each other");
        }
        Console.levels(quiet, verbose);
        try (SparkSession spark = SparkSessions.create("topicpulse " + spec.name(), master)) {
            RunDriver.run(spark, config);
            return 0;
        } catch (RunLock.HeldException e) {
            System.err.println("topicpulse " + spec.name() + ": " + e.getMessage());
            return RunDriver.EXIT_LOCKED;
        } catch (RunDriver.AccountingException e) {
            System.err.println("topicpulse " + spec.name() + ": " + e.getMessage());
            return RunDriver.EXIT_ACCOUNTING;
        } catch (RunDriver.ReprocessNeededException e) {
            System.err.println("topicpulse " + spec.name() + ": " + e.getMessage());
            return RunDriver.EXIT_REPROCESS_NEEDED;
        }
    }

    /** The run's settings: a full run over every input unless the command says otherwise. */
    RunConfig runConfig(PipelineConfig config) {
        return RunConfig.full(config);
    }

    /** Validates every argument and builds the config, before any Spark code runs. */
    PipelineConfig config() {
        org.apache.hadoop.conf.Configuration hadoop = SparkSessions.hadoopConfiguration(new SparkConf());
        String out = Options.output(spec, output, hadoop);
        Lexicon lexicon = Options.lexicon(spec, lexiconFile());
        Options.atLeast(spec, "--min-term-count", minTermCount(), 1);
        double minDateConfidence = Options.dateFloor(spec, "--min-date-confidence", minDateConfidence());
        InputFiles.Expansion expansion = new InputFiles.Expansion(List.of(), List.of());
        if (stages().contains(Stage.EXTRACT)) {
            try {
                expansion = InputFiles.expand(hadoop, inputs());
            } catch (IllegalArgumentException e) {
                throw Options.fail(spec, e.getMessage());
            }
            if (expansion.files().isEmpty()) {
                throw Options.fail(spec, "--input " + inputs() + ": no .html, .htm, .warc, .arc or .jsonl files "
                        + "found (" + expansion.ignored().size() + " files of other kinds)");
            }
        }
        return new PipelineConfig(spec.name(), stages(), inputs(), expansion.files(), expansion.ignored(), out,
                lexicon, minTermCount(), Options.newRunId(), expansion.skipped().byReason(), minDateConfidence);
    }
}
