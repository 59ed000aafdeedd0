package io.topicpulse.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3Proxy (target/s3proxy/s3proxy.jar, copied there by Maven) as a server of its own on 127.0.0.1, with its
 * filesystem backend: a bucket is a folder of {@code store}, an object a file. Path-style {@code s3a://} only.
 */
final class S3ProxyServer implements AutoCloseable {

    static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");
    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";

    private final Process process;
    private final int port;

    private S3ProxyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts S3Proxy on a free port, serving the folders of {@code store} as buckets; its log goes to {@code log}. */
    static S3ProxyServer start(Path store, Path log) throws Exception {
        int port = Servers.freePort();
        Path conf = log.resolveSibling("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store.toAbsolutePath()) + "\n");
        Process p = new ProcessBuilder(Servers.java(), "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(p, port);
        try {
            Servers.awaitPort(port, p, log);
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
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

    @Override
    public void close() {
        Servers.stop(process);
    }

    /** False before Maven copied the jar (process-test-resources). */
    static boolean available() {
        return Files.exists(JAR);
    }
}
