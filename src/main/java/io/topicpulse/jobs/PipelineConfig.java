package io.topicpulse.jobs;

import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.topics.Lexicon;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a pipeline run needs, checked before Spark starts; stays on the driver.
 *
 * @param command      the subcommand, recorded in run_stats
 * @param stages       which stages run (the others' tables are carried over from the current snapshot)
 * @param inputPaths   the --input arguments as given
 * @param inputFiles   the files they expanded to (empty unless EXTRACT runs)
 * @param ignoredFiles files under the inputs of no known format
 * @param output       the output folder: a path or URI of any Hadoop file system (file:, hdfs://, s3a://)
 * @param lexicon      the parsed lexicon (needed by TOPICS and AGGREGATE)
 * @param minTermCount least count of a term on a day for a term_daily row
 * @param runId        unique id of this run
 * @param skippedPaths input paths the listing skipped, by reason (cycle, already_listed, broken_link)
 * @param minDateConfidence dates with a lower confidence are set aside (the article goes to articles_undated)
 */
public record PipelineConfig(String command, Set<Stage> stages, List<String> inputPaths, List<InputFile> inputFiles,
                             List<String> ignoredFiles, String output, Lexicon lexicon, int minTermCount,
                             String runId, Map<String, Long> skippedPaths, double minDateConfidence) {

    public PipelineConfig {
        stages = stages.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(stages);
        inputPaths = List.copyOf(inputPaths);
        inputFiles = List.copyOf(inputFiles);
        ignoredFiles = List.copyOf(ignoredFiles);
        skippedPaths = Map.copyOf(skippedPaths);
        if (stages.contains(Stage.EXTRACT) && inputFiles.isEmpty()) {
            throw new IllegalArgumentException("--input: no input files found in " + inputPaths);
        }
        if (minTermCount < 1) {
            throw new IllegalArgumentException("--min-term-count must be at least 1, was " + minTermCount);
        }
        if (!DateConfidence.isValidFloor(minDateConfidence)) {
            throw new IllegalArgumentException("--min-date-confidence must be in [0, 1], was " + minDateConfidence);
        }
    }

    /** A config whose listing skipped no path, with the default date floor ({@link DateConfidence#DEFAULT_FLOOR}). */
    public PipelineConfig(String command, Set<Stage> stages, List<String> inputPaths, List<InputFile> inputFiles,
                          List<String> ignoredFiles, String output, Lexicon lexicon, int minTermCount, String runId) {
        this(command, stages, inputPaths, inputFiles, ignoredFiles, output, lexicon, minTermCount, runId, Map.of(),
                DateConfidence.DEFAULT_FLOOR);
    }

    /** A config with the default date floor. */
    public PipelineConfig(String command, Set<Stage> stages, List<String> inputPaths, List<InputFile> inputFiles,
                          List<String> ignoredFiles, String output, Lexicon lexicon, int minTermCount, String runId,
                          Map<String, Long> skippedPaths) {
        this(command, stages, inputPaths, inputFiles, ignoredFiles, output, lexicon, minTermCount, runId,
                skippedPaths, DateConfidence.DEFAULT_FLOOR);
    }
}
