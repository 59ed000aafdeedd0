package io.topicpulse.report;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** {@code report}: loads the report's rows through a {@link TableSource} and writes the HTML page. */
public final class ReportJob {

    private ReportJob() {
    }

    /**
     * What was written.
     *
     * @param bytes   size of the HTML file
     * @param seconds wall time from the first read to the file in place
     */
    public record Written(Path file, long bytes, double seconds, int topics, int spikes) {
    }

    public static Written run(SparkSession spark, ReportConfig config) throws IOException {
        return run(spark, new PublishedTables(spark, config.output()), config);
    }

    public static Written run(SparkSession spark, TableSource tables, ReportConfig config) throws IOException {
        long start = System.nanoTime();
        Report report;
        String threshold = "spark.sql.sources.parallelPartitionDiscovery.threshold";
        String before = spark.conf().get(threshold);
        // A table of a few years has a thousand day folders: listed by the driver in milliseconds, where Spark's
        // default (a job of its own past 32 folders) costs seconds for every table the report reads.
        spark.conf().set(threshold, "1000000");
        try {
            report = ReportData.load(tables, config, Instant.now());
        } finally {
            spark.conf().set(threshold, before);
        }
        byte[] html = ReportWriter.render(report).getBytes(StandardCharsets.UTF_8);
        Path target = config.to().toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Written aside and moved in, so a browser or a web server never serves half a page.
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, html);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Written(target, html.length, (System.nanoTime() - start) / 1e9, report.topics().size(),
                report.spikeCount());
    }
}
