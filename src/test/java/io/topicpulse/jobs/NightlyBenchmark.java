package io.topicpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: times a full rebuild over a generated 30-day corpus against a nightly run that adds the 30th day to
 * tables holding the first 29, and prints the ratio and the time of the night's Spark jobs per step (see
 * docs/nightly.md for the figures measured; 1,000 pages a day sizes it like a real site).
 *
 * <pre>
 * mvn -q -DskipTests package test-compile
 * java (the --add-opens flags of jobs/topicpulse) \
 *     -cp target/test-classes:target/topicpulse-0.1.0.jar:$(cat target/classpath.txt) \
 *     io.topicpulse.jobs.NightlyBenchmark /tmp/nightly-bench [pages-per-day, default 100] [master, default local[2]]
 * </pre>
 */
public final class NightlyBenchmark {

    private static final List<String> WORDS = List.of("the", "minister", "said", "on", "talks", "border", "truce",
            "steel", "tariffs", "sanctions", "harbor", "market", "vote", "council", "a", "of", "and", "in", "to",
            "ferry", "prices", "oil", "forum", "multipolar", "axis", "city", "report", "week", "rain", "festival");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NightlyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/nightly-bench");
        int perDay = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String master = args.length > 2 ? args[2] : "local[2]";
        Path dumps = dir.resolve("dumps");
        LocalDate first = LocalDate.of(2024, 11, 1);
        Random random = new Random(1);
        for (int day = 0; day < 30; day++) {
            generateDay(dumps, first.plusDays(day), perDay, random);
        }
        Lexicon lexicon = Lexicon.load(Path.of("jobs/lexicon.yaml"));
        try (SparkSession spark = SparkSessions.create("nightly-benchmark", master)) {
            spark.sparkContext().setLogLevel("WARN");
            // Warm-up, not timed: the first 29 days as earlier nights would have left them.
            Path last = dumps.resolve(first.plusDays(29).toString());
            Path aside = dir.resolve("held-back");
            Files.move(last, aside);
            NightlyTables.nightly(spark, dumps, dir.resolve("nightly"), lexicon);
            Files.move(aside, last);

            long t0 = System.nanoTime();
            PipelineJob.run(spark, NightlyTables.config("run", dumps, dir.resolve("full"), lexicon));
            double full = (System.nanoTime() - t0) / 1e9;
            JobTimes jobs = new JobTimes();
            spark.sparkContext().addSparkListener(jobs);
            long t1 = System.nanoTime();
            NightlyTables.nightly(spark, dumps, dir.resolve("nightly"), lexicon);
            double nightly = (System.nanoTime() - t1) / 1e9;
            spark.sparkContext().removeSparkListener(jobs);
            System.out.println("Spark jobs of the night (seconds, call site):");
            jobs.print();
            System.out.printf("pages: %d (30 days x %d)%nfull rebuild: %.1f s%nnightly adding day 30: %.1f s%n"
                    + "ratio nightly/full: %.3f%n", 30 * perDay, perDay, full, nightly, nightly / full);
        }
    }

    /** Wall time of the Spark jobs, summed per line of our code that started them. */
    private static final class JobTimes extends SparkListener {
        private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, String> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, double[]> bySite = new java.util.TreeMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            started.put(start.jobId(), start.time());
            String step = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
            sites.put(start.jobId(), step != null ? step
                    : start.stageInfos().isEmpty() ? "?" : start.stageInfos().last().name());
        }

        @Override
        public synchronized void onJobEnd(SparkListenerJobEnd end) {
            double[] sum = bySite.computeIfAbsent(sites.getOrDefault(end.jobId(), "?"), k -> new double[2]);
            sum[0]++;
            sum[1] += (end.time() - started.getOrDefault(end.jobId(), end.time())) / 1e3;
        }

        synchronized void print() {
            bySite.forEach((site, sum) -> System.out.printf("  %6.2f s %3d jobs  %s%n", sum[1], (int) sum[0], site));
        }
    }

    /** One JSON Lines dump per day of invented pages with JSON-LD dates, some of them copies of each other. */
    private static void generateDay(Path dumps, LocalDate day, int pages, Random random) throws IOException {
        Path folder = dumps.resolve(day.toString());
        Files.createDirectories(folder);
        try (Writer out = Files.newBufferedWriter(folder.resolve("dump.jsonl"), StandardCharsets.UTF_8)) {
            String previous = null;
            for (int i = 0; i < pages; i++) {
                StringBuilder body = new StringBuilder();
                for (int p = 0; p < 6; p++) {
                    body.append("<p>");
                    for (int w = 0; w < 60; w++) {
                        body.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                    }
                    body.append("</p>");
                }
                String text = i % 10 == 9 && previous != null ? previous : body.toString();
                previous = text;
                String html = "<html><head><title>Story " + i + "</title><script type=\"application/ld+json\">"
                        + "{\"@type\":\"NewsArticle\",\"datePublished\":\"" + day + "T08:00:00Z\"}</script></head>"
                        + "<body><nav>Home World Business</nav><header>Today : " + day.plusDays(1) + "</header>"
                        + "<article><h1>Story " + i + "</h1>" + text + "</article><aside>Latest: other news</aside>"
                        + "</body></html>";
                out.write(JSON.writeValueAsString(Map.of("url", "https://bench" + (i % 3) + ".example/" + day + "/"
                        + i, "html", html, "fetched_at", day + "T20:00:00Z")));
                out.write('\n');
            }
        }
    }
}
