package io.topicpulse.cli;

import io.topicpulse.jobs.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** {@code topicpulse topics}: articles to mentions, e.g. after a lexicon change. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Count the lexicon's mentions in the published articles into the mentions table.")
final class TopicsCommand extends SparkCommand {

    @Option(names = "--lexicon", paramLabel = "FILE", description = "Topic lexicon (YAML); default: jobs/lexicon.yaml.")
    Path lexicon;

    @Override
    Set<Stage> stages() {
        return EnumSet.of(Stage.TOPICS);
    }

    @Override
    Path lexiconFile() {
        return lexicon;
    }
}
