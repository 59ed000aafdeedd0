package io.topicpulse.cli;

import io.topicpulse.jobs.PipelineConfig;
import io.topicpulse.jobs.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;

/** {@code topicpulse nightly}: the incremental run a scheduler starts every night. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Extract only the input files not read yet (or changed since), merge their articles into "
                + "the tables and recompute the series of the days that changed; safe to re-run.",
                "Every input file under --input is checked against the inputs table; a --lexicon other than the "
                        + "tables' recomputes mentions and series from the articles; keep --min-term-count equal "
                        + "from night to night.",
                "Exit codes: 0 done (also when there was nothing new), 1 failed, 2 bad arguments, 3 another run "
                        + "holds the output, 4 input accounting did not add up (nothing committed), 5 the tables "
                        + "come from another extractor version (run with --reprocess)."})
final class NightlyCommand extends RunCommand {

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Only input files of this day or later: the last date in the file's path, else its "
                    + "modification day (UTC).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Only input files of this day or earlier.")
    String until;

    @Option(names = "--reprocess",
            description = "Extract again every selected input file, read before or not (after an extractor change).")
    boolean reprocess;

    @Override
    RunConfig runConfig(PipelineConfig config) {
        LocalDate from = Options.day(spec, "--since", since);
        LocalDate to = Options.day(spec, "--until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw Options.fail(spec, "--since " + from + " is after --until " + to);
        }
        return new RunConfig(config, true, from, to, reprocess, retainHours());
    }
}
