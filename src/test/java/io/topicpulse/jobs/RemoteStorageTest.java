package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFiles;
import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run and then a night onto real remote storage, each started here and stopped after: HDFS (an in-process
 * MiniDFSCluster) and S3 (S3Proxy on 127.0.0.1 in a JVM of its own, filesystem backend, path-style {@code s3a://}). The tables
 * equal a local run's over the same inputs.
 */
@Tag("slow")
class RemoteStorageTest extends SparkLexiconTest {

    @Test
    void aRunAndANightOntoHdfsGiveTheTablesOfALocalRun(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            hdfs.waitActive();
            String root = "hdfs://localhost:" + hdfs.getNameNodePort();
            FileSystem fs = hdfs.getFileSystem();
            // The inputs sit on HDFS too: the first night's folder, then the second's.
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("sample-data/html").toUri()),
                    new org.apache.hadoop.fs.Path(root + "/dumps/html"));
            assertRunThenNight(dir, root + "/dumps", root + "/out", () -> fs.copyFromLocalFile(
                    new org.apache.hadoop.fs.Path(Path.of("sample-data/jsonl").toUri()),
                    new org.apache.hadoop.fs.Path(root + "/dumps/jsonl")));
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/out/articles/_delta_log")));
        } finally {
            hdfs.shutdown();
        }
    }

    @Test
    void aRunAndANightOntoS3GiveTheTablesOfALocalRun(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(S3ProxyServer.available(), "S3Proxy is copied there by mvn test");
        Path store = Files.createDirectories(dir.resolve("s3/tables")).getParent();
        try (S3ProxyServer s3 = S3ProxyServer.start(store, dir.resolve("s3proxy.log"))) {
            s3.settings().forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
            Path dumps = Files.createDirectories(dir.resolve("dumps"));
            copy(Path.of("sample-data/html"), dumps.resolve("html"));
            assertRunThenNight(dir, dumps.toUri().toString(), "s3a://tables/topicpulse",
                    () -> copy(Path.of("sample-data/jsonl"), dumps.resolve("jsonl")));
            assertTrue(Files.isDirectory(store.resolve("tables/topicpulse/articles/_delta_log")),
                    "the tables are objects in the bucket");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A run over the inputs, {@code arrive}, a night; then the same inputs run once locally: equal tables. */
    private void assertRunThenNight(Path dir, String inputs, String output, Step arrive) throws Exception {
        RunDriver.run(spark, RunConfig.full(config("run", inputs, output)));
        arrive.run();
        RunDriver.Outcome night = RunDriver.run(spark, RunConfig.nightly(config("nightly", inputs, output)));
        long arrived;
        try (var files = Files.list(Path.of("sample-data/jsonl"))) {
            arrived = files.count();
        }
        assertEquals(arrived, ((Number) night.stats().get("input_files")).longValue(),
                "the night reads the new files only");

        Path local = dir.resolve("local");
        RunDriver.run(spark, RunConfig.full(config("run", inputs, local.toUri().toString())));
        Map<String, List<String>> remote = NightlyTables.all(spark, output, "source", "detail");
        assertEquals(NightlyTables.all(spark, local.toUri().toString(), "source", "detail"), remote);
        assertTrue(remote.get(Tables.ARTICLES.name()).size() > 10);
        List<Row> runs = new DeltaTables(spark, output).read(Tables.RUN_STATS).collectAsList();
        assertEquals(2, runs.size());
    }

    private PipelineConfig config(String command, String inputs, String output) {
        InputFiles.Expansion files = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), List.of(inputs));
        return new PipelineConfig(command, EnumSet.allOf(Stage.class), List.of(inputs), files.files(),
                files.ignored(), output, lexicon, 3, "test-" + System.nanoTime());
    }

    private static void copy(Path from, Path to) throws IOException {
        NightlyTables.copy(from, to);
    }
}
