package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.TableSpec;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.Lexicon;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar submitted to a real standalone Spark cluster, the way jobs/topicpulse-submit submits it: a Master and
 * a Worker in JVMs of their own, started from the Maven classpath with a SPARK_HOME whose jars/ holds it, the
 * executors in the Worker's child JVMs, and the tables on HDFS (a MiniDFSCluster in this JVM). A run, then a night;
 * the tables equal a local[2] run's. An integration test: it needs the packaged jar.
 */
class StandaloneClusterIT {

    private static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    @TempDir
    static Path tmp;

    private static MiniDFSCluster hdfs;
    private static Process master;
    private static Process worker;
    private static Path sparkHome;
    private static String masterUrl;

    @BeforeAll
    static void startHdfsAndACluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();

        sparkHome = Files.createDirectories(tmp.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && Files.notExists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        master = daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort()));
        awaitLog(tmp.resolve("master.log"), "I have been elected leader");
        worker = daemon("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                "--memory", "3g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                tmp.resolve("work").toString(), masterUrl);
        awaitLog(tmp.resolve("worker.log"), "Successfully registered with master");
    }

    @AfterAll
    static void stopEverything() {
        for (Process p : new Process[] {worker, master}) {
            if (p != null) {
                p.destroy();
                try {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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

    /** spark-submit of the job jar to the cluster, in a JVM of its own; fails with its log if it fails. */
    private static void submit(String... args) throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("topicpulse-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no job jar under target/: run mvn package first"));
        }
        List<String> command = java("org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", masterUrl, "--deploy-mode", "client", "--class",
                "io.topicpulse.cli.TopicPulse",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", OPENS),
                "--conf", "spark.sql.session.timeZone=UTC",
                "--conf", "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension",
                "--conf", "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog",
                jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = tmp.resolve("submit-" + args[0] + ".log");
        Process p = builder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "spark-submit " + args[0] + " ended");
        assertEquals(0, p.exitValue(), "spark-submit " + args[0] + ":\n" + tail(log));
    }

    private static Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = java(mainClass);
        command.addAll(List.of(args));
        return builder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
    }

    private static List<String> java(String mainClass) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        command.addAll(OPENS);
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        return command;
    }

    private static ProcessBuilder builder(List<String> command) {
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("SPARK_HOME", sparkHome.toString());
        b.environment().put("SPARK_SCALA_VERSION", "2.13");
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return b;
    }

    private static void awaitLog(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + line + "' in " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (Files.notExists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
