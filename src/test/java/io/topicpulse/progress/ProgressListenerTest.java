package io.topicpulse.progress;

import io.topicpulse.jobs.SparkTestSession;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressListenerTest {

    private static SparkSession spark;

    /** Released by the test: the one task of {@link #countsWhatARunningTaskReportedInItsExecutorsHeartbeat}. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    /** Released by the test: the task of {@link #estimatesTheStagesPagesFromTheBytesARunningTaskHasRead}. */
    private static final CountDownLatch RELEASE_READER =
            new CountDownLatch(1);

    @BeforeAll
    static void startSpark() {
        // Executors report running tasks' accumulators in their heartbeats, every 10 s by default.
        System.setProperty("spark.executor.heartbeatInterval", "500ms");
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        System.clearProperty("spark.executor.heartbeatInterval");
    }

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @Test
    void printsALineWithWhatFinishedTasksReportedOnceTheIntervalHasPassed() throws Exception {
        listening(listener -> {
            listener.startStage("extract", 2_000 * 50_000L);
            clock.set(11_000_000_000L);
            runPages(listener, 1000, 100);
            assertEquals(1, lines.size(), "one line per interval: " + lines);
            assertTrue(lines.get(0).startsWith("extract: "), lines.get(0));
            Progress last = listener.endStage();
            assertEquals(1000, last.recordsDone());
            assertEquals(2000, last.recordsEstimate());
            assertEquals(10, last.rejects());
            assertTrue(lines.get(1).startsWith("extract: 1,000 of ~2,000 pages (50%)"), lines.get(1));
            assertTrue(lines.get(1).endsWith("; done in 11.0 s"), lines.get(1));
        });
    }

    @Test
    void marksTheTimeTheLastInputByteWasReadAndThenCountsTheRestOfTheStage() throws Exception {
        listening(listener -> {
            listener.startStage("extract", 1_000 * 50_000L);
            clock.set(4_000_000_000L);
            runPages(listener, 1000, 0);
            clock.set(30_000_000_000L);
            Progress last = listener.endStage();

            assertEquals(4.0, last.readSeconds(), 1e-9);
            assertEquals(250, last.recordsPerSecond(), 1e-9);
            assertEquals("extract: all 1,000 pages read in 4s, 250 pages/s, 0 rejects; the stage's other work 26s "
                    + "so far; done in 30.0 s", lines.get(lines.size() - 1));
        });
    }

    @Test
    void givesTheRateOfTheLastMinuteOnceAMinuteHasPassed() throws Exception {
        listening(listener -> {
            listener.startStage("extract", 100_000 * 50_000L);
            // The first minute slow, as a JVM's is: 100 pages by 10 s, 200 by 40 s, then 2,400 more by 100 s.
            assertEquals(-1, seenAt(listener, 10, 100).recentRate(), "not known within the first minute");
            assertEquals(-1, seenAt(listener, 40, 100).recentRate());
            Progress p = seenAt(listener, 100, 2_400);
            assertEquals(2_600, p.recordsDone());
            assertEquals(40, p.recentRate(), 1e-9, "2,400 pages since the line of 60 s ago");
            assertEquals(26, p.recordsPerSecond(), 1e-9);
            assertEquals((100_000 - 2_600) / 40.0, p.secondsLeft(), 1e-9);
            listener.endStage();
        });
    }

    /** What the listener shows at {@code seconds} into the stage, after tasks finished {@code pages} more pages. */
    private Progress seenAt(ProgressListener listener, long seconds, int pages) throws Exception {
        clock.set(TimeUnit.SECONDS.toNanos(seconds));
        runPages(listener, pages, 0);
        return listener.current();
    }

    @Test
    void countsWhatARunningTaskReportedInItsExecutorsHeartbeat() throws Exception {
        listening(listener -> {
            listener.startStage("extract", 20 * Progress.ASSUMED_BYTES_PER_RECORD);
            LongAccumulator done = listener.pages();
            LongAccumulator rejects = listener.rejects();
            LongAccumulator bytes = listener.inputBytes();
            // One task, like one big WARC file: 5 pages read, 1 rejected, then it waits; its bytes come at its end.
            var job = oneTask(i -> {
                done.add(5);
                rejects.add(1);
                RELEASE.await(60, TimeUnit.SECONDS);
                bytes.add(5 * 50_000L);
            });
            Progress seen = seenWhileRunning(listener, job, RELEASE);
            assertEquals(5, seen.recordsDone());
            assertEquals(1, seen.rejects());
            assertEquals(20, seen.recordsEstimate(), "pages of a running task count at the finished ones' size, "
                    + "or the assumed one before any: " + seen);
            Progress after = listener.endStage();
            assertEquals(5, after.recordsDone(), "once the task ended, its pages are counted once");
            assertEquals(1, after.rejects());
        });
    }

    @Test
    void estimatesTheStagesPagesFromTheBytesARunningTaskHasRead() throws Exception {
        listening(listener -> {
            // 20 pages of 100,000 bytes in one file, far from the 60,000 assumed before any page is read.
            listener.startStage("extract", 20 * 100_000L);
            LongAccumulator done = listener.pages();
            LongAccumulator bytes = listener.inputBytes();
            var job = oneTask(i -> {
                done.add(5);
                bytes.add(5 * 100_000L);
                RELEASE_READER.await(60, TimeUnit.SECONDS);
                done.add(15);
                bytes.add(15 * 100_000L);
            });
            Progress seen = seenWhileRunning(listener, job, RELEASE_READER);
            assertEquals(5, seen.recordsDone());
            assertEquals(20, seen.recordsEstimate(), "the running task's own bytes per page: " + seen);
            Progress after = listener.endStage();
            assertEquals(20, after.recordsDone(), "once the task ended, its pages are counted once");
            assertEquals(20, after.recordsEstimate());
        });
    }

    /** One task running {@code body}, like one big file read by one task, started without waiting for it. */
    private static JavaFutureAction<Void> oneTask(VoidFunction<Integer> body) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).foreachAsync(body);
    }

    /**
     * What the listener shows once a heartbeat of the running {@code job} arrived (checked to be still running
     * then); then releases the job and waits for its end to reach the listener.
     */
    private static Progress seenWhileRunning(ProgressListener listener, JavaFutureAction<?> job,
                                             CountDownLatch release) throws Exception {
        Progress seen = listener.current();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (seen.recordsDone() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = listener.current();
        }
        boolean stillRunning = !job.isDone();
        release.countDown();
        job.get();
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertTrue(stillRunning, "seen while the task ran");
        return seen;
    }

    /** Tasks that each finish {@code pages} pages of 50,000 bytes, every {@code rejectEvery}-th rejected. */
    private static void runPages(ProgressListener listener, int pages, int rejectEvery) throws Exception {
        LongAccumulator done = listener.pages();
        LongAccumulator bytes = listener.inputBytes();
        LongAccumulator rejects = listener.rejects();
        JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, pages).boxed().toList(), 4)
                .foreach(i -> {
                    done.add(1);
                    bytes.add(50_000);
                    if (rejectEvery > 0 && i % rejectEvery == 0) {
                        rejects.add(1);
                    }
                });
        spark.sparkContext().listenerBus().waitUntilEmpty();
    }

    private interface Body {
        void run(ProgressListener listener) throws Exception;
    }

    /** Runs {@code body} with a listener on the test clock that prints into {@code lines}, every 10 s. */
    private void listening(Body body) throws Exception {
        ProgressListener listener = new ProgressListener(spark.sparkContext(), lines::add, clock::get, 10, false);
        spark.sparkContext().addSparkListener(listener);
        try {
            body.run(listener);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            listener.close();
        }
    }
}
