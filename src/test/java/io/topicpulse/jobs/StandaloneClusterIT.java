package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar submitted by jobs/topicpulse-submit to a real standalone Spark cluster ({@link SparkStandalone}: a
 * SPARK_HOME made from the Maven repository, whose bin/spark-submit runs SparkSubmit as Spark's own does; a Master
 * and a Worker in JVMs of their own, the executors in the Worker's child JVMs), the tables on HDFS (a
 * MiniDFSCluster in this JVM). A run, then a night; the tables equal a local[2] run's. An integration test: it
 * needs the packaged jar and target/classpath.txt.
 */
class StandaloneClusterIT {

    @TempDir
    static Path tmp;

    private static MiniDFSCluster hdfs;
    private static SparkStandalone cluster;
    private static Path sparkHome;

    @BeforeAll
    static void startHdfsAndACluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        sparkHome = SparkStandalone.home(tmp.resolve("spark-home"));
        cluster = SparkStandalone.start(sparkHome, tmp, 2, "3g");
    }

    @AfterAll
    static void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void aRunAndANightSubmittedToTheClusterWriteTheTablesOfALocalRunOntoHdfs() throws Exception {
        String root = "hdfs://localhost:" + hdfs.getNameNodePort();
        org.apache.hadoop.fs.FileSystem fs = hdfs.getFileSystem();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("sample-data/html").toUri()),
                new org.apache.hadoop.fs.Path(root + "/dumps/html"));
        String out = root + "/topicpulse";
        submit("run", "--input", root + "/dumps", "--output", out);
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("sample-data/warc").toUri()),
                new org.apache.hadoop.fs.Path(root + "/dumps/warc"));
        submit("nightly", "--input", root + "/dumps", "--output", out);

        try (SparkSession spark = SparkTestSession.start()) {
            Lexicon lexicon = Lexicon.load(Path.of("jobs/lexicon.yaml"));
            Path local = tmp.resolve("local");
            org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
            io.topicpulse.ingest.InputFiles.Expansion files = io.topicpulse.ingest.InputFiles.expand(conf,
                    List.of(root + "/dumps"));
            RunDriver.run(spark, RunConfig.full(new PipelineConfig("run", java.util.EnumSet.allOf(Stage.class),
                    List.of(root + "/dumps"), files.files(), files.ignored(), local.toUri().toString(), lexicon, 3,
                    "local-run")));
            Map<String, List<String>> cluster = NightlyTables.all(spark, out, "detail");
            assertEquals(NightlyTables.all(spark, local.toUri().toString(), "detail"), cluster);
            assertTrue(cluster.get(Tables.ARTICLES.name()).size() > 20);
            assertEquals(2, new DeltaTables(spark, out).read(Tables.RUN_STATS).count(), "a run and a night");
        }
    }

    /** jobs/topicpulse-submit of the job jar to the cluster; fails with its log if it fails. */
    private static void submit(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "jobs/topicpulse-submit", "--master",
                cluster.masterUrl(), "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                // The README's settings for a small cluster: Spark's 200 shuffle tasks and Delta's 50 state tasks
                // cost more than the few pages of a test take.
                "--conf", "spark.sql.shuffle.partitions=8", "--conf", "spark.databricks.delta.snapshotPartitions=2",
                "--"));
        command.addAll(List.of(args));
        Path log = tmp.resolve("submit-" + args[0] + ".log");
        Process p = SparkStandalone.process(sparkHome, command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "topicpulse-submit " + args[0] + " ended");
        assertEquals(0, p.exitValue(), "topicpulse-submit " + args[0] + ":\n" + Servers.tail(log));
        String console = Files.readString(log);
        assertTrue(console.contains("summary: run "), "the run's summary on the console:\n" + Servers.tail(log));
        assertFalse(java.util.regex.Pattern.compile("INFO\\s+(SparkContext|DAGScheduler|TaskSetManager)")
                .matcher(console).find(), "Spark's INFO chatter kept off the console:\n" + Servers.tail(log));
    }
}
