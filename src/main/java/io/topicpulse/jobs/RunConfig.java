package io.topicpulse.jobs;

import java.time.LocalDate;

/**
 * A run's settings, checked before Spark starts: the pipeline's, and how much of the input it covers.
 *
 * @param base        the pipeline settings; its input files are every file listed under the inputs
 * @param incremental read only the files the {@code inputs} table has not seen, or that changed since (nightly);
 *                    false rebuilds every table from all the inputs (run)
 * @param since       first day of input files to consider ({@link NightlyPlan#fileDay}), or null
 * @param until       last day, or null
 * @param reprocess   extract again every selected file already read
 * @param retainHours files older than this that no table version uses are deleted after a successful run
 *                    (Delta VACUUM); Delta's own default, 168, keeps a week of time travel
 */
public record RunConfig(PipelineConfig base, boolean incremental, LocalDate since, LocalDate until,
                        boolean reprocess, double retainHours) {

    /** Delta's default retention: time travel and slow readers keep working for a week. */
    public static final double DEFAULT_RETAIN_HOURS = 168;

    public RunConfig {
        if (base == null) {
            throw new IllegalArgumentException("base must not be null");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("--since " + since + " is after --until " + until);
        }
        if (!(retainHours >= 0)) {
            throw new IllegalArgumentException("--retain-hours must be 0 or more, was " + retainHours);
        }
    }

    /** A full run over every input. */
    public static RunConfig full(PipelineConfig base) {
        return new RunConfig(base, false, null, null, false, DEFAULT_RETAIN_HOURS);
    }

    /** A night with default settings. */
    public static RunConfig nightly(PipelineConfig base) {
        return new RunConfig(base, true, null, null, false, DEFAULT_RETAIN_HOURS);
    }
}
