package io.topicpulse.jobs;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3Proxy with its filesystem backend, as a server of its own on 127.0.0.1 (its jclouds needs a newer Guava than
 * ours): a bucket is a folder, an object a file below it ({@link #folder}), so a test can watch what a run
 * writes. Path-style {@code s3a://} only.
 *
 * <p>Hadoop caches one S3A file system per bucket for the JVM's life, with the endpoint it was made with: each test
 * that starts a server names a bucket no other test uses.
 */
final class S3ProxyServer implements AutoCloseable {

    /** Copied there by Maven (process-test-resources). */
    static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

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
        Assumptions.assumeTrue(available(), "S3Proxy is copied there by mvn test");
        Path store = Files.createDirectories(dir.resolve("s3").resolve(bucket)).getParent();
        int port = Servers.freePort();
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store.toAbsolutePath()) + "\n");
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Servers.java(), "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, store, bucket);
        try {
            Servers.awaitPort(port, process, log);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** False before Maven copied the jar. */
    static boolean available() {
        return Files.exists(JAR);
    }

    int port() {
        return port;
    }

    /** The folder whose subfolders are the buckets. */
    Path store() {
        return store;
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
        s.put("fs.s3a.access.key", ACCESS_KEY);
        s.put("fs.s3a.secret.key", SECRET_KEY);
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
    public void close() {
        Servers.stop(process);
    }
}
