package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Input files read and extracted by threads of the driver, one per core, slice by slice as Spark's local tasks
 * would ({@link ExtractStage#slices}): every record as an outcome row ({@link OutcomeRows#SCHEMA}). A small night
 * starts its read before Spark is up ({@link NightlyJob#startReading}), since reading needs no Spark.
 */
final class DriverRead {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DriverRead.class);

    private final List<InputFile> files;
    private final int cores;
    private final boolean striped;
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final CompletableFuture<List<Row>> rows;
    private volatile boolean taken;

    private DriverRead(List<InputFile> files, int cores, boolean striped, Configuration conf,
                       double minDateConfidence) {
        this.files = List.copyOf(files);
        this.cores = cores;
        this.striped = striped;
        this.rows = OnDriver.start(() -> read(this.files, cores, striped, conf, minDateConfidence, abandoned,
                " (begun before Spark)"));
    }

    /**
     * Starts reading on threads of their own; {@link #rows} waits for the result.
     *
     * @param minDateConfidence the date floor of {@link io.topicpulse.extract.PageProcessor}
     */
    static DriverRead start(List<InputFile> files, int cores, boolean striped, Configuration conf,
                            double minDateConfidence) {
        return new DriverRead(files, cores, striped, conf, minDateConfidence);
    }

    /** Reads the files now, on {@code cores} threads. */
    static List<Row> read(List<InputFile> files, int cores, boolean striped, Configuration conf,
                          double minDateConfidence) {
        return read(files, cores, striped, conf, minDateConfidence, new AtomicBoolean(), "");
    }

    private static List<Row> read(List<InputFile> files, int cores, boolean striped, Configuration conf,
                                  double minDateConfidence, AtomicBoolean abandoned, String when) {
        long started = System.nanoTime();
        List<Callable<List<Row>>> reads = new ArrayList<>();
        for (ExtractStage.Slice slice : ExtractStage.slices(files, cores, striped)) {
            reads.add(() -> {
                List<Row> out = new ArrayList<>();
                // Each read has its own copy of the settings, as each Spark task has.
                Iterator<Row> records = OutcomeRows.read(slice.file(), slice.stripe(), slice.stripes(),
                        new Configuration(conf), minDateConfidence);
                while (records.hasNext() && !abandoned.get()) {
                    out.add(records.next());
                }
                return out;
            });
        }
        List<Row> outcomes = new ArrayList<>();
        OnDriver.inThreads(reads, cores).forEach(outcomes::addAll);
        if (abandoned.get()) {
            throw new java.util.concurrent.CancellationException("read abandoned");
        }
        LOG.info("read {} files ({} bytes) on the driver in {} s{}: {} rows", files.size(),
                files.stream().mapToLong(InputFile::size).sum(), PipelineJob.secondsSince(started), when,
                outcomes.size());
        return outcomes;
    }

    /** True when this read gives what {@link #read} would for these arguments: the same files, sliced the same. */
    boolean covers(List<InputFile> files, int cores, boolean striped) {
        return this.files.equals(files) && this.cores == cores && this.striped == striped;
    }

    /**
     * The rows, once read; null when the read failed, so that the caller reads again and meets the failure where
     * it would have without this read.
     */
    List<Row> rows() {
        try {
            List<Row> read = rows.join();
            taken = true;
            return read;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            LOG.warn("the read started before Spark failed; reading again: {}", String.valueOf(e.getCause()));
            return null;
        }
    }

    /** True once {@link #rows} has given the rows read. */
    boolean taken() {
        return taken;
    }

    /** Stops the read soon, its rows unused: the night reads other files, or does not run. */
    void abandon() {
        abandoned.set(true);
    }
}
