package io.topicpulse.cli;

import io.topicpulse.jobs.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code topicpulse extract}: inputs to articles and rejects only. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract articles from the inputs into articles, articles_undated and rejects; the other "
                + "tables are carried over unchanged (re-run topics and aggregate to bring them up to date).")
final class ExtractCommand extends SparkCommand {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Input files, folders or globs (see run --help).")
    List<String> input;

    @Override
    Set<Stage> stages() {
        return EnumSet.of(Stage.EXTRACT);
    }

    @Override
    List<String> inputs() {
        return input;
    }
}
