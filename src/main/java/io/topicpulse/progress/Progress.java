package io.topicpulse.progress;

import java.util.Locale;

/**
 * Where a stage stands, and the one console line that says so: records done against an estimate, speed, time
 * left, rejects so far. Pure: the listener fills it, tests check the wording.
 *
 * @param stage          the pipeline stage (extract, topics, aggregate...)
 * @param recordsDone    records finished so far
 * @param bytesDone      input bytes behind those records, 0 when unknown
 * @param bytesTotal     input bytes of the whole stage, 0 when unknown
 * @param rejects        records rejected so far
 * @param elapsedSeconds time since the stage started
 * @param readSeconds    when every input byte had been read, in seconds since the stage started; -1 before that,
 *                       or when the input's size is unknown
 * @param recentRate     records per second over the last minute while the input is read, -1 when not known yet
 */
public record Progress(String stage, long recordsDone, long bytesDone, long bytesTotal, long rejects,
                       double elapsedSeconds, double readSeconds, double recentRate) {

    /** Where a stage stands while its input is still being read (or its size is unknown). */
    public Progress(String stage, long recordsDone, long bytesDone, long bytesTotal, long rejects,
                    double elapsedSeconds) {
        this(stage, recordsDone, bytesDone, bytesTotal, rejects, elapsedSeconds, -1, -1);
    }

    /** Where a stage stands, its rate over the last minute not known. */
    public Progress(String stage, long recordsDone, long bytesDone, long bytesTotal, long rejects,
                    double elapsedSeconds, double readSeconds) {
        this(stage, recordsDone, bytesDone, bytesTotal, rejects, elapsedSeconds, readSeconds, -1);
    }

    /** Bytes per page assumed before any page is done: a typical news page's HTML. */
    public static final long ASSUMED_BYTES_PER_RECORD = 60_000;

    /**
     * The records the stage will have done in all: the bytes of the whole input over the bytes per record seen
     * so far (before any, {@link #ASSUMED_BYTES_PER_RECORD}); never less than what is done; 0 when unknown.
     */
    public long recordsEstimate() {
        if (bytesTotal <= 0) {
            return 0;
        }
        double perRecord = recordsDone > 0 && bytesDone > 0 ? (double) bytesDone / recordsDone
                : ASSUMED_BYTES_PER_RECORD;
        return Math.max(recordsDone, Math.round(bytesTotal / perRecord));
    }

    /** Records per second while the input was read (so far, or until it was all read), or 0. */
    public double recordsPerSecond() {
        double seconds = readSeconds >= 0 ? readSeconds : elapsedSeconds;
        return seconds > 0 ? recordsDone / seconds : 0;
    }

    /**
     * Records per second to expect from now on while the input is read: the last minute's, once known, since the
     * first minute of a run is slow (the JVM compiles the hot code) and an average since the start would promise
     * a late end for most of the run; else {@link #recordsPerSecond()}.
     */
    public double currentRate() {
        return readSeconds < 0 && recentRate > 0 ? recentRate : recordsPerSecond();
    }

    /** Seconds left at the current rate, or -1 when it cannot be told. */
    public double secondsLeft() {
        long estimate = recordsEstimate();
        double speed = currentRate();
        if (estimate <= 0 || speed <= 0) {
            return -1;
        }
        return Math.max(0, (estimate - recordsDone) / speed);
    }

    /**
     * "extract: 12,340 of ~40,000 pages (31%), 205 pages/s, ETA 2m05s, 17 rejects so far"; once the input is read,
     * "extract: all 40,000 pages read in 3m15s, 205 pages/s, 52 rejects; the stage's other work 1m10s so far".
     */
    public String line() {
        if (readSeconds >= 0) {
            // What follows the read (clustering, counting) has no page count: a frozen "100%, ETA 0s" and a falling
            // rate would only say less the longer it runs.
            return String.format(Locale.ENGLISH, "%s: all %,d pages read in %s, %.0f pages/s, %,d rejects; "
                            + "the stage's other work %s so far", stage, recordsDone, duration(readSeconds),
                    recordsPerSecond(), rejects, duration(Math.max(0, elapsedSeconds - readSeconds)));
        }
        long estimate = recordsEstimate();
        if (estimate <= 0 && recordsDone == 0 && rejects == 0) {
            // A stage that reads no pages (topics, aggregate) has nothing to count: say that it is alive.
            return stage + ": running, " + duration(elapsedSeconds()) + " so far";
        }
        StringBuilder sb = new StringBuilder(stage).append(": ")
                .append(String.format(Locale.ENGLISH, "%,d", recordsDone));
        if (estimate > 0) {
            sb.append(String.format(Locale.ENGLISH, " of ~%,d pages (%d%%)", estimate,
                    Math.min(100, Math.round(100.0 * recordsDone / estimate))));
        } else {
            sb.append(" pages");
        }
        sb.append(String.format(Locale.ENGLISH, ", %.0f pages/s", currentRate()));
        double left = secondsLeft();
        sb.append(", ETA ").append(left < 0 ? "unknown" : duration(left));
        return sb.append(String.format(Locale.ENGLISH, ", %,d rejects so far", rejects)).toString();
    }

    /** "45s", "2m05s", "1h02m". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
