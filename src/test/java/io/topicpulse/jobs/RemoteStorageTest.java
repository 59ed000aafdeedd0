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
import java.util.LinkedHashMap;
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
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar), "S3Proxy is copied there by mvn test");
        // S3Proxy with its filesystem backend, as a server of its own on 127.0.0.1; a bucket is a folder.
        Path store = Files.createDirectories(dir.resolve("s3/tables")).getParent();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=test-access",
                "s3proxy.credential=test-secret", "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store) + "\n");
        Process s3 = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "--properties", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        try {
            awaitPort(port, s3, dir.resolve("s3proxy.log"));
            Map<String, String> settings = s3Settings(port);
            settings.forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
            Path dumps = Files.createDirectories(dir.resolve("dumps"));
            copy(Path.of("sample-data/html"), dumps.resolve("html"));
            assertRunThenNight(dir, dumps.toUri().toString(), "s3a://tables/topicpulse",
                    () -> copy(Path.of("sample-data/jsonl"), dumps.resolve("jsonl")));
            assertTrue(Files.isDirectory(store.resolve("tables/topicpulse/articles/_delta_log")),
                    "the tables are objects in the bucket");
        } finally {
            s3.destroy();
            s3.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            s3.destroyForcibly();
        }
    }

    private static void awaitPort(int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "S3Proxy ended: " + Files.readString(log));
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("S3Proxy did not listen on " + port + ": " + Files.readString(log));
    }

    /** The S3A settings for S3Proxy on this port: what a user passes as spark.hadoop.fs.s3a.*. */
    static Map<String, String> s3Settings(int port) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
        s.put("fs.s3a.endpoint.region", "us-east-1");
        s.put("fs.s3a.path.style.access", "true");
        s.put("fs.s3a.connection.ssl.enabled", "false");
        s.put("fs.s3a.access.key", "test-access");
        s.put("fs.s3a.secret.key", "test-secret");
        s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        return s;
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
