package io.topicpulse.cli;

import io.topicpulse.topics.Lexicon;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of commands that read a run's published tables and find text with its lexicon (report, kwic). */
final class TableReadOptions {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The output folder of a run.")
    String output;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "The lexicon the run counted with (default: the built-in one).")
    Path lexicon;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    /** The output folder (a path or URI of any Hadoop file system), checked before Spark starts. */
    String folder(CommandSpec spec) {
        return Options.output(spec, output, io.topicpulse.jobs.SparkSessions.hadoopConfiguration(
                new org.apache.spark.SparkConf()));
    }

    Lexicon lexicon(CommandSpec spec) {
        return Options.lexicon(spec, lexicon);
    }
}
