package io.topicpulse.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster made from the Maven repository, for tests and dev tools, with no Spark distribution:
 * <ul>
 *   <li>a SPARK_HOME whose {@code jars/} links what a distribution holds: the project's provided scope as
 *       {@code mvn package} records it in target/classpath.txt (Spark 4.2 with its Hadoop client, log4j), plus
 *       hadoop-aws and the AWS SDK bundle, which a distribution lacks: the S3 connector put into
 *       {@code SPARK_HOME/jars}. Delta Lake is not there: it reaches the driver and the executors only inside the
 *       job jar, as on any cluster;</li>
 *   <li>{@code bin/spark-class} and {@code bin/spark-submit} as in Spark's own {@code bin/}: Spark's launcher
 *       library builds each java command (classpath, Java 17 module options, memory settings);</li>
 *   <li>a Master and a Worker, each a JVM of its own started through {@code bin/spark-class}; the Worker starts
 *       the executors in JVMs of their own.</li>
 * </ul>
 */
final class SparkStandalone implements AutoCloseable {

    private final Process master;
    private final Process worker;
    private final String masterUrl;

    private SparkStandalone(Process master, Process worker, String masterUrl) {
        this.master = master;
        this.worker = worker;
        this.masterUrl = masterUrl;
    }

    /** Lays out a SPARK_HOME in {@code dir} (see the class comment) and returns it. */
    static Path home(Path dir) throws IOException {
        Path classpath = Path.of("target/classpath.txt");
        if (Files.notExists(classpath)) {
            throw new IOException("no " + classpath + ": run mvn -o -q -DskipTests package first");
        }
        Path jars = Files.createDirectories(dir.resolve("jars"));
        for (String entry : Files.readString(classpath, StandardCharsets.UTF_8).trim().split(":")) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.notExists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Files.createDirectories(dir.resolve("conf"));
        // Spark's launcher takes SPARK_HOME/jars as the classpath of a release (a RELEASE file), not of a source tree.
        Files.writeString(dir.resolve("RELEASE"), "Spark jars from the Maven repository (target/classpath.txt)\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String script : List.of("spark-class", "spark-submit")) {
            try (InputStream in = SparkStandalone.class.getResourceAsStream("/spark-home/bin/" + script)) {
                if (in == null) {
                    throw new IOException("no spark-home/bin/" + script + " among the test resources");
                }
                Files.copy(in, bin.resolve(script), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(bin.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    /**
     * Starts a Master and a Worker of {@code cores} cores and {@code memory} (e.g. "3g") for executors, both on
     * 127.0.0.1; their logs are master.log and worker.log in {@code logs}, the executors' under logs/work.
     */
    static SparkStandalone start(Path home, Path logs, int cores, String memory) throws Exception {
        int port = Servers.freePort();
        String url = "spark://127.0.0.1:" + port;
        Process master = daemon(home, logs.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
                String.valueOf(Servers.freePort()));
        Process worker = null;
        try {
            Servers.awaitLog(master, logs.resolve("master.log"), "I have been elected leader");
            worker = daemon(home, logs.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", "--host",
                    "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory, "--webui-port",
                    String.valueOf(Servers.freePort()), "--work-dir", logs.resolve("work").toString(), url);
            Servers.awaitLog(worker, logs.resolve("worker.log"), "Successfully registered with master");
        } catch (Exception | AssertionError e) {
            Servers.stop(worker);
            Servers.stop(master);
            throw e;
        }
        return new SparkStandalone(master, worker, url);
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The process ids of the Master and the Worker (whose children the executors are). */
    List<Long> pids() {
        return List.of(master.pid(), worker.pid());
    }

    /** A process with the environment a SPARK_HOME made here needs: the Scala version, 127.0.0.1, this JVM's java. */
    static ProcessBuilder process(Path home, List<String> command) {
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("SPARK_HOME", home.toAbsolutePath().toString());
        b.environment().put("SPARK_SCALA_VERSION", "2.13");
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return b;
    }

    private static Process daemon(Path home, Path log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/spark-class").toString(), mainClass));
        command.addAll(List.of(args));
        try {
            return process(home, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the Worker (and with it its executors), then the Master. */
    @Override
    public void close() {
        Servers.stop(worker);
        Servers.stop(master);
    }
}
