package io.topicpulse.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dev tool, not a test: a Spark standalone cluster ({@link SparkStandalone}: a SPARK_HOME from the Maven
 * repository, a Master and a Worker), S3Proxy and HDFS on 127.0.0.1, for running jobs/topicpulse-submit by hand as
 * the README writes it. Everything stays up until this JVM gets SIGTERM (or Ctrl-C), then stops. HDFS (a
 * MiniDFSCluster of one DataNode) runs inside this JVM, S3Proxy and the Spark daemons in JVMs of their own.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/classpath-test.txt) io.topicpulse.jobs.DevCluster DIR \
 *     [--cores 2] [--memory 6g] [--no-hdfs] [--no-s3]
 * </pre>
 *
 * When all is up it writes DIR/env, to be sourced by a shell: SPARK_HOME (with SPARK_SCALA_VERSION and
 * SPARK_LOCAL_IP), MASTER, SPARK_DAEMON_PIDS (the Master's and the Worker's), HDFS (the file system's URI),
 * S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, and S3_STORE, the folder whose subfolders are the buckets; the bucket
 * {@code bucket} is made. docs/dev-cluster.sh starts and stops it; {@link PutFiles} copies inputs in.
 */
public final class DevCluster {

    private DevCluster() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: DevCluster DIR [--cores N] [--memory SIZE] [--no-hdfs] [--no-s3]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        int cores = 2;
        String memory = "6g";
        boolean withHdfs = true;
        boolean withS3 = true;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--cores" -> cores = Integer.parseInt(args[++i]);
                case "--memory" -> memory = args[++i];
                case "--no-hdfs" -> withHdfs = false;
                case "--no-s3" -> withS3 = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.deleteIfExists(dir.resolve("env"));
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started)));
        try {
            Path home = SparkStandalone.home(dir.resolve("spark-home"));
            List<String> env = new ArrayList<>(List.of("export SPARK_HOME=" + home,
                    "export SPARK_SCALA_VERSION=2.13", "export SPARK_LOCAL_IP=127.0.0.1"));
            if (withHdfs) {
                Configuration conf = new Configuration();
                conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
                MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
                started.add(hdfs::shutdown);
                hdfs.waitActive();
                env.add("HDFS=hdfs://localhost:" + hdfs.getNameNodePort());
            }
            if (withS3) {
                if (!S3ProxyServer.available()) {
                    throw new IllegalStateException("no " + S3ProxyServer.JAR + ": run mvn -o -q package first");
                }
                S3ProxyServer s3 = S3ProxyServer.start(dir, "bucket");
                started.add(s3);
                env.addAll(List.of("S3_ENDPOINT=http://127.0.0.1:" + s3.port(),
                        "S3_ACCESS_KEY=" + S3ProxyServer.ACCESS_KEY, "S3_SECRET_KEY=" + S3ProxyServer.SECRET_KEY,
                        "S3_STORE=" + s3.store()));
            }
            SparkStandalone spark = SparkStandalone.start(home, dir, cores, memory);
            started.add(spark);
            env.add("MASTER=" + spark.masterUrl());
            env.add("SPARK_DAEMON_PIDS=\"" + spark.pids().get(0) + " " + spark.pids().get(1) + "\"");
            Path tmp = dir.resolve("env.tmp");
            Files.writeString(tmp, String.join("\n", env) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("env"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.println("up (a Worker of " + cores + " cores, " + memory + "); source " + dir.resolve("env")
                    + ":\n" + String.join("\n", env));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private static void stopAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
        System.out.println("stopped");
    }
}
