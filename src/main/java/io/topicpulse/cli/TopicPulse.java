package io.topicpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code topicpulse} command line: one subcommand per job. */
@Command(name = "topicpulse", mixinStandardHelpOptions = true, version = "topicpulse 0.1.0",
        description = "Turns raw news HTML dumps into article tables and topic time series.",
        subcommands = {RunCommand.class, NightlyCommand.class, ExtractCommand.class, TopicsCommand.class, AggregateCommand.class,
                ExtractFilesCommand.class, SeriesCommand.class, ReportCommand.class, KwicCommand.class, EvalCommand.class, SchemaDocCommand.class})
public final class TopicPulse {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TopicPulse()).execute(args));
    }
}
