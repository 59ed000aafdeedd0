package io.topicpulse.jobs;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3Proxy with its filesystem backend, as a server of its own on 127.0.0.1 (its jclouds needs a newer Guava than
 * ours): a bucket is a folder, an object a file below it ({@link #folder}), so a test can watch what a run
 * writes.
 *
 * <p>Hadoop caches one S3A file system per bucket for the JVM's life, with the endpoint it was made with: each test
 * that starts a server names a bucket no other test uses.
 */
final class S3ProxyServer implements AutoCloseable {

    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final int port;
    private final Path store;
    private final String bucket;

    private S3ProxyServer(Process process, int port, Path store, String bucket) {
        this.process = process;
        this.port = port;
        this.store = store;
        this.bucket = bucket;
    }

    /** Starts a server whose objects live under {@code dir}, with one empty bucket; skips the test without the jar. */
    static S3ProxyServer start(Path dir, String bucket) throws Exception {
        Assumptions.assumeTrue(Files.exists(JAR), "S3Proxy is copied there by mvn test");
        Path store = Files.createDirectories(dir.resolve("s3").resolve(bucket)).getParent();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=test-access",
                "s3proxy.credential=test-secret", "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store) + "\n");
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "--properties", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, store, bucket);
        try {
            server.awaitListening(log);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListening(Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "S3Proxy ended: " + Files.readString(log));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("S3Proxy did not listen on " + port + ": " + Files.readString(log));
    }

    /** {@code s3a://BUCKET/key}. */
    String uri(String key) {
        return "s3a://" + bucket + "/" + key;
    }

    /** The folder that holds the objects of {@code uri(key)}. */
    Path folder(String key) {
        return store.resolve(bucket).resolve(key);
    }

    /** The S3A settings for this server: what a user passes as spark.hadoop.fs.s3a.*. */
    Map<String, String> settings() {
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

    /** Sets {@link #settings} in a session's Hadoop configuration. */
    void configure(org.apache.hadoop.conf.Configuration hadoop) {
        settings().forEach(hadoop::set);
    }

    /** The settings as the system properties a child JVM's SparkConf takes them from. */
    Map<String, String> sparkProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        settings().forEach((k, v) -> p.put("spark.hadoop." + k, v));
        return p;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
