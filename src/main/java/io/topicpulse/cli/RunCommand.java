package io.topicpulse.cli;

import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.RunConfig;
import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.jobs.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code topicpulse run}: the whole pipeline, inputs to series: every table rebuilt from all the inputs. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Extract articles from the inputs, count topic mentions and build the series tables.")
class RunCommand extends SparkCommand {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Input files, folders (recursive) or globs: .html/.htm(.gz), .warc(.gz), .arc(.gz), "
                    + ".jsonl(.gz); any Hadoop file system (file:, hdfs://, s3a://).")
    List<String> input;

    @Option(names = "--lexicon", paramLabel = "FILE", description = "Topic lexicon (YAML); default: jobs/lexicon.yaml.")
    Path lexicon;

    @Option(names = "--min-term-count", paramLabel = "N", defaultValue = "3",
            description = "Least count of a word or two-word phrase on a day for term_daily (default: ${DEFAULT-VALUE}).")
    int minTermCount;

    @Option(names = "--retain-hours", paramLabel = "HOURS", defaultValue = "168",
            description = "After a successful run, delete the files no table version younger than this uses (Delta "
                    + "VACUUM; default: ${DEFAULT-VALUE}, a week of time travel). 0 leaves only the current files, "
                    + "for readers that glob the Parquet files directly.")
    double retainHours;

    @Override
    RunConfig runConfig(PipelineConfig config) {
        return new RunConfig(config, false, null, null, false, retainHours());
    }

    /** --retain-hours, checked. */
    double retainHours() {
        if (!(retainHours >= 0) || Double.isInfinite(retainHours)) {
            throw Options.fail(spec, "--retain-hours must be a number of hours, 0 or more, was " + retainHours);
        }
        return retainHours;
    }
    @Option(names = "--min-date-confidence", paramLabel = "C", defaultValue = "" + DateConfidence.DEFAULT_FLOOR,
            description = "Dates with a lower confidence (0 to 1) are set aside: the article goes to "
                    + "articles_undated, the rejected day in date_detail (default: ${DEFAULT-VALUE}; 0 keeps every "
                    + "date found; docs/extraction.md).")
    double minDateConfidence;

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
    double minDateConfidence() {
        return minDateConfidence;
    }
}
