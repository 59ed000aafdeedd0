package io.topicpulse.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Work a small night does on the driver rather than in Spark tasks: a night's few thousand articles are quicker
 * to handle in plain Java than to plan, schedule and shuffle as Spark stages, which cost the same for ten rows as
 * for ten thousand.
 */
final class OnDriver {

    /**
     * Spark configuration key: a night's article texts (tonight's articles, for their mentions; the changed days'
     * articles, for term_daily) come to the driver when there are at most this many; more are handled in Spark. Both
     * give the same rows; a negative value keeps them in Spark. The default follows the driver's heap
     * ({@link #defaultTextLimit}).
     */
    static final String TEXT_LIMIT = "spark.topicpulse.nightly.driver-text-limit";
    /** The fewest texts the default lets come to the driver, whatever its heap: the fixed limit of earlier versions. */
    static final long LEAST_DEFAULT_TEXT_LIMIT = 5_000;
    /**
     * Driver heap an article text costs, budgeted at three times the 9.7 KB a collected article row held
     * ({@code DriverRowSizes} over the benchmark's tables): the row, its copy staged for writing, its term counts.
     */
    static final long BYTES_PER_TEXT = 30_000;
    /**
     * The fewest of the changed days' stored mention rows the default lets come to the driver on a night whose texts
     * did (a day of the benchmark's 1,000 pages has about 17,500): the fixed limit of earlier versions.
     */
    static final long LEAST_MENTION_ROW_LIMIT = 250_000;
    /** Driver heap a stored mention row costs, budgeted at twice the 524 bytes a collected one held. */
    static final long BYTES_PER_MENTION_ROW = 1_000;

    /**
     * The fewest article records the default lets a night merge on the driver, whatever its heap: the fixed limit of
     * earlier versions ({@link ExtractStage#DRIVER_MERGE_LIMIT}).
     */
    static final long LEAST_DEFAULT_MERGE_LIMIT = 50_000;
    /**
     * Driver heap a merge record costs when the texts stay in Spark, budgeted at about the 2.9 KB a collected one
     * held (doc_id, source, offset, date, its 128-value signature): the record, its clustering entry, its band keys.
     */
    static final long BYTES_PER_MERGE_RECORD = 3_000;

    /** Rows of a few narrow columns a task of {@link #dataFrame} carries: some 500 KB. */
    static final int ROWS_PER_TASK = 10_000;

    private OnDriver() {
    }

    /**
     * The article records a night merges on the driver: those that fill a tenth of a driver heap of
     * {@code maxHeapBytes}, never fewer than {@link #LEAST_DEFAULT_MERGE_LIMIT}: 143,165 with the launcher's 4 GiB,
     * 50,000 with spark-submit's 1 GiB.
     */
    static long defaultMergeLimit(long maxHeapBytes) {
        return rowsFillingShare(maxHeapBytes, 10, BYTES_PER_MERGE_RECORD, LEAST_DEFAULT_MERGE_LIMIT);
    }

    /** The setting {@link #TEXT_LIMIT}. */
    static long textLimit(SparkSession spark) {
        return JobSettings.wholeNumber(spark, TEXT_LIMIT, defaultTextLimit(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The texts that fill a tenth of a driver heap of {@code maxHeapBytes}, and never fewer than
     * {@link #LEAST_DEFAULT_TEXT_LIMIT}: 14,316 with the launcher's 4 GiB, 5,000 with spark-submit's 1 GiB. (A night
     * of 7,000 pages, its texts and the stored ones of its eight changed days on the driver, ran in 1 GiB.)
     */
    static long defaultTextLimit(long maxHeapBytes) {
        return rowsFillingShare(maxHeapBytes, 10, BYTES_PER_TEXT, LEAST_DEFAULT_TEXT_LIMIT);
    }

    /**
     * How many of the changed days' stored mention rows come to the driver when its texts did: those that fill a
     * tenth of a driver heap of {@code maxHeapBytes}, and never fewer than {@link #LEAST_MENTION_ROW_LIMIT} (429,496
     * with the launcher's 4 GiB). More stay in Spark.
     */
    static long mentionRowLimit(long maxHeapBytes) {
        return rowsFillingShare(maxHeapBytes, 10, BYTES_PER_MENTION_ROW, LEAST_MENTION_ROW_LIMIT);
    }

    /**
     * The rows of {@code bytesPerRow} each that fill one {@code share}-th of a driver heap of {@code maxHeapBytes},
     * and never fewer than {@code least}: the shape of every default driver limit, so that each grows with the heap
     * {@code -Xmx} or {@code spark.driver.memory} gives and none falls below the fixed limit of earlier versions.
     */
    static long rowsFillingShare(long maxHeapBytes, int share, long bytesPerRow, long least) {
        return Math.max(least, maxHeapBytes / share / bytesPerRow);
    }

    /** The setting {@link ExtractStage#DRIVER_MERGE_LIMIT}. */
    static long mergeLimit(SparkSession spark) {
        return JobSettings.wholeNumber(spark, ExtractStage.DRIVER_MERGE_LIMIT,
                defaultMergeLimit(Runtime.getRuntime().maxMemory()));
    }

    /**
     * Rows on the driver as a Dataset whose tasks each carry at most {@value #ROWS_PER_TASK} of them: a local
     * relation goes whole into one task, and Spark warns of a task over a megabyte (the clusters of a 63,000-record
     * night made 3.2 MB).
     */
    static Dataset<Row> dataFrame(SparkSession spark, List<Row> rows, StructType schema) {
        if (rows.size() <= ROWS_PER_TASK) {
            return spark.createDataFrame(rows, schema);
        }
        int slices = (rows.size() + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, slices), schema);
    }

    /** {@link #mentionRowLimit(long)} for this driver's heap. */
    static long mentionRowLimit() {
        return mentionRowLimit(Runtime.getRuntime().maxMemory());
    }

    /** The rows when there are at most {@link #TEXT_LIMIT} of them, else null: they stay in Spark. */
    static List<Row> texts(Dataset<Row> rows) {
        return upTo(rows, textLimit(rows.sparkSession()));
    }

    /** The rows when there are at most {@code limit} of them (none when negative), else null. */
    static List<Row> upTo(Dataset<Row> rows, long limit) {
        if (limit < 0) {
            return null;
        }
        List<Row> collected = rows.limit((int) Math.min(limit + 1, Integer.MAX_VALUE)).collectAsList();
        return collected.size() <= limit ? collected : null;
    }

    /** The rows of {@code a}, then those of {@code b}, in a new list. */
    static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** The driver's cores, as Spark counts them for its local tasks. */
    static int cores(SparkSession spark) {
        return spark.sparkContext().defaultParallelism();
    }

    private static final java.util.regex.Pattern LOCAL_MASTER =
            java.util.regex.Pattern.compile("local(?:\\[([0-9]+|\\*)(?:,[0-9]+)?])?");

    /**
     * The cores {@link #cores} will count once Spark starts with this master and these settings, or -1 when the
     * master does not run tasks in this JVM: Spark's default parallelism when set, else the threads the master
     * names ({@code local} one, {@code local[*]} every processor).
     */
    static int localCores(String master, SparkConf conf) {
        java.util.regex.Matcher m = LOCAL_MASTER.matcher(master.trim());
        if (!m.matches()) {
            return -1;
        }
        if (conf.contains("spark.default.parallelism")) {
            return conf.getInt("spark.default.parallelism", 1);
        }
        String threads = m.group(1);
        return threads == null ? 1 : threads.equals("*") ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(threads);
    }

    /** {@code work} applied to {@code threads} consecutive slices of the rows at once, results in slice order. */
    static <T> List<T> inSlices(List<Row> rows, int threads, Function<List<Row>, T> work) {
        int slices = Math.max(1, Math.min(threads, rows.size()));
        int size = (rows.size() + slices - 1) / slices;
        return IntStream.range(0, slices).parallel()
                .mapToObj(s -> work.apply(rows.subList(Math.min(s * size, rows.size()),
                        Math.min((s + 1) * size, rows.size()))))
                .toList();
    }

    /**
     * Runs the tasks at once, one thread each, and returns their results in order. A night's Spark queries are
     * small: their time goes to planning and scheduling, which overlap when they do not wait for each other.
     */
    static <T> List<T> atOnce(List<Callable<T>> tasks) {
        return inThreads(tasks, tasks.size());
    }

    /** Runs the tasks on at most {@code threads} threads and returns their results in order. */
    static <T> List<T> inThreads(List<Callable<T>> tasks, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the driver's work", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts {@code task} on a thread of its own; {@link #await} waits for it. */
    static CompletableFuture<Void> start(Runnable task) {
        return CompletableFuture.runAsync(task, OnDriver::ownThread);
    }

    /** Starts computing a value on a thread of its own; {@link #await} waits for it. */
    static <T> CompletableFuture<T> start(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, OnDriver::ownThread);
    }

    private static void ownThread(Runnable runnable) {
        Thread thread = new Thread(runnable, "topicpulse-driver-work");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for a task of {@link #start}, failing as it failed; its value. */
    static <T> T await(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** Waits for tasks of {@link #start}, whether they fail or not: none is left running behind a failure. */
    static void settle(CompletableFuture<?>... tasks) {
        for (CompletableFuture<?> task : tasks) {
            if (task != null) {
                task.exceptionally(failure -> null).join();
            }
        }
    }
}
