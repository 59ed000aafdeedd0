package io.topicpulse.progress;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints a {@link Progress} line about every 10 seconds while a stage runs, on the driver, local or on a cluster.
 * Stages report through three named accumulators (pages, input bytes, rejects) that their code adds to, in tasks
 * or on the driver; a line shows their values on the driver, which hold what finished tasks reported, with what
 * running tasks reported in their executors' last heartbeat (a task reading one big WARC file runs for minutes).
 */
public final class ProgressListener extends SparkListener implements AutoCloseable {

    /** The accumulators' names, as they show in the Spark UI. */
    public static final String PAGES = "topicpulse.pages";
    public static final String BYTES = "topicpulse.input_bytes";
    public static final String REJECTS = "topicpulse.rejects";

    private final Consumer<String> out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final LongAccumulator pages;
    private final LongAccumulator bytes;
    private final LongAccumulator rejects;

    private String stage;
    private long stageStart;
    private long bytesTotal;
    private long lastLine;
    private long pagesBefore;
    private long bytesBefore;
    private long rejectsBefore;
    private long readAt;
    /** Pages, rejects and input bytes of each running task, as of its executor's last heartbeat. */
    private final Map<Long, long[]> running = new HashMap<>();
    /** (time, pages done) as each line of the stage saw them, for {@link #recentRate}. */
    private final Deque<long[]> samples = new ArrayDeque<>();
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Registers the accumulators and the listener with {@code sc}, printing through {@code out} (e.g. a logger's
     * info) every {@code intervalSeconds}.
     */
    public static ProgressListener register(SparkContext sc, Consumer<String> out, int intervalSeconds) {
        ProgressListener listener = new ProgressListener(sc, out, System::nanoTime, intervalSeconds, true);
        sc.addSparkListener(listener);
        return listener;
    }

    ProgressListener(SparkContext sc, Consumer<String> out, LongSupplier nanoClock, int intervalSeconds,
                     boolean withTimer) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
        this.pages = sc.longAccumulator(PAGES);
        this.bytes = sc.longAccumulator(BYTES);
        this.rejects = sc.longAccumulator(REJECTS);
        if (withTimer) {
            // Lines also come when no task ends for a while (one long partition), from what finished so far.
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "topicpulse-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    /** The accumulator tasks add a finished page to. */
    public LongAccumulator pages() {
        return pages;
    }

    /** The accumulator tasks add input bytes to as they read them; a file's (or slice's) size in all. */
    public LongAccumulator inputBytes() {
        return bytes;
    }

    /** The accumulator tasks add a rejected record to. */
    public LongAccumulator rejects() {
        return rejects;
    }

    /** A stage starts: lines name it, and its estimate comes from {@code inputBytes} (0 when unknown). */
    public synchronized void startStage(String name, long inputBytes) {
        stage = name;
        stageStart = nanoClock.getAsLong();
        lastLine = stageStart;
        bytesTotal = inputBytes;
        pagesBefore = pages.value();
        bytesBefore = bytes.value();
        rejectsBefore = rejects.value();
        readAt = -1;
        samples.clear();
    }

    /** The stage ends: its last line, with its time. */
    public synchronized Progress endStage() {
        Progress p = current();
        if (p != null) {
            out.accept(p.line() + String.format(java.util.Locale.ROOT, "; done in %.1f s", p.elapsedSeconds()));
        }
        stage = null;
        return p;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart taskStart) {
        running.put(taskStart.taskInfo().taskId(), new long[3]);
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            long[] sofar = running.get((Long) task._1());
            if (sofar == null) {
                continue; // a heartbeat sent before its task ended: the accumulators hold the task now
            }
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                int slot = info.id() == pages.id() ? 0 : info.id() == rejects.id() ? 1 : info.id() == bytes.id() ? 2
                        : -1;
                if (slot >= 0 && info.update().isDefined() && info.update().get() instanceof Number n) {
                    sofar[slot] = n.longValue();
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        synchronized (this) {
            running.remove(taskEnd.taskInfo().taskId());
            // Checked at every task's end, so the time the input was all read is that of its last task.
            if (stage != null && readAt < 0 && bytesTotal > 0 && bytes.value() - bytesBefore >= bytesTotal) {
                readAt = nanoClock.getAsLong();
            }
        }
        tick();
    }

    /** Prints a line when the interval has passed since the last one. */
    synchronized void tick() {
        long now = nanoClock.getAsLong();
        if (stage == null || now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        out.accept(current().line());
    }

    /** Where the stage stands now, or null between stages. */
    synchronized Progress current() {
        if (stage == null) {
            return null;
        }
        long finishedPages = pages.value() - pagesBefore;
        long finishedBytes = bytes.value() - bytesBefore;
        long runningPages = 0;
        long runningRejects = 0;
        long runningBytes = 0;
        long unmeasuredPages = 0;
        for (long[] sofar : running.values()) {
            runningPages += sofar[0];
            runningRejects += sofar[1];
            runningBytes += sofar[2];
            if (sofar[2] == 0) {
                unmeasuredPages += sofar[0];
            }
        }
        // The estimate of the stage's pages is its input's bytes over the bytes per page read so far. A task that
        // reported pages but no bytes yet (a reader that counts a file's bytes at its end) is given the bytes per
        // page of the others, so that it does not bend that figure.
        long measuredPages = finishedPages + runningPages - unmeasuredPages;
        long measuredBytes = finishedBytes + runningBytes;
        double perPage = measuredPages > 0 && measuredBytes > 0 ? (double) measuredBytes / measuredPages
                : Progress.ASSUMED_BYTES_PER_RECORD;
        long now = nanoClock.getAsLong();
        long done = finishedPages + runningPages;
        return new Progress(stage, done, measuredBytes + Math.round(unmeasuredPages * perPage),
                bytesTotal, rejects.value() - rejectsBefore + runningRejects,
                (now - stageStart) / 1e9, readAt < 0 ? -1 : (readAt - stageStart) / 1e9, recentRate(now, done));
    }

    /**
     * Pages per second since the newest sample at least a minute old, or -1 before there is one; samples are what
     * each call saw, kept for two minutes. A minute spans several heartbeats, whose steps would jolt a shorter one.
     */
    private double recentRate(long now, long done) {
        while (!samples.isEmpty() && now - samples.peekFirst()[0] > 2 * RATE_WINDOW_NANOS) {
            samples.pollFirst();
        }
        double rate = -1;
        for (long[] sample : samples) {
            if (now - sample[0] < RATE_WINDOW_NANOS) {
                break;
            }
            rate = (done - sample[1]) / ((now - sample[0]) / 1e9);
        }
        samples.addLast(new long[] {now, done});
        return rate;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
