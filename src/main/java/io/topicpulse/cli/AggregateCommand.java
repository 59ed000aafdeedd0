package io.topicpulse.cli;

import io.topicpulse.jobs.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** {@code topicpulse aggregate}: articles and mentions to the series tables. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = "Build topic_daily, topic_weekly, topic_monthly, topic_by_source_daily and term_daily from "
                + "the published articles and mentions.")
final class AggregateCommand extends SparkCommand {

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "The lexicon the mentions were counted with (for its topic list and hash); default: "
                    + "jobs/lexicon.yaml.")
    Path lexicon;

    @Option(names = "--min-term-count", paramLabel = "N", defaultValue = "3",
            description = "Least count of a word or two-word phrase on a day for term_daily (default: ${DEFAULT-VALUE}).")
    int minTermCount;

    @Override
    Set<Stage> stages() {
        return EnumSet.of(Stage.AGGREGATE);
    }

    @Override
    Path lexiconFile() {
        return lexicon;
    }

    @Override
    int minTermCount() {
        return minTermCount;
    }
}
