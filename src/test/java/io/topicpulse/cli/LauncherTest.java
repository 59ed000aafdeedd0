package io.topicpulse.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jobs/topicpulse's JVM flags, run against a stand-in {@code java} that records its arguments: no JVM starts. */
class LauncherTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path bin;
    private Path argsFile;

    @BeforeEach
    void copyTheLauncherBesideAFakeBuild() throws IOException {
        root = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(root.resolve("jobs"));
        Path launcher = Files.copy(Path.of("jobs", "topicpulse"), root.resolve("jobs").resolve("topicpulse"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectories(root.resolve("target"));
        Files.writeString(target.resolve("topicpulse-0.1.0.jar"), "jar");
        Files.writeString(target.resolve("classpath.txt"), "/lib/spark.jar");
        bin = Files.createDirectories(tmp.resolve("bin"));
        argsFile = tmp.resolve("java-args.txt");
        // The stand-in prints a version for `java -version` and records the arguments of the real call.
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                if [[ "$1" == -version ]]; then echo 'openjdk version "17.0.99"' >&2; exit 0; fi
                printf '%s\\n' "$@" > "$ARGS_FILE"
                echo "${SPARK_LOCAL_IP-unset}" > "$ARGS_FILE.local-ip"
                exit "${EXIT_CODE:-0}"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Launch(int exitCode, List<String> javaArgs, String stderr, String sparkLocalIp) {
        boolean has(String arg) {
            return javaArgs.contains(arg);
        }

        boolean hasPrefix(String prefix) {
            return javaArgs.stream().anyMatch(a -> a.startsWith(prefix));
        }
    }

    private Launch launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("jobs/topicpulse").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("ARGS_FILE", argsFile.toString());
        builder.environment().remove("TOPICPULSE_JAVA_OPTS");
        builder.environment().remove("SPARK_LOCAL_IP");
        builder.environment().putAll(env);
        Files.deleteIfExists(argsFile);
        Path localIpFile = Path.of(argsFile + ".local-ip");
        Files.deleteIfExists(localIpFile);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), "the launcher ended");
        List<String> javaArgs = Files.exists(argsFile) ? Files.readAllLines(argsFile) : List.of();
        String localIp = Files.exists(localIpFile) ? Files.readString(localIpFile).strip() : null;
        return new Launch(process.exitValue(), javaArgs, stderr, localIp);
    }

    @Test
    void theHeapDefaultsToFourGigabytesAndTheCallerSetsItWithTopicpulseJavaOpts() throws Exception {
        Launch plain = launch(Map.of(), "run", "--input", "in", "--output", "o");
        assertTrue(plain.has("-Xmx4g") && plain.has("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), plain.toString());
        assertEquals(List.of("run", "--input", "in", "--output", "o"),
                plain.javaArgs().subList(plain.javaArgs().size() - 5, plain.javaArgs().size()));
        Launch big = launch(Map.of("TOPICPULSE_JAVA_OPTS", "-Xmx16g"), "nightly", "--input", "in", "--output", "o");
        assertTrue(big.has("-Xmx16g") && !big.has("-Xmx4g"), big.toString());
        assertFalse(big.hasPrefix("-XX:TieredStopAtLevel") || big.hasPrefix("-XX:SharedArchiveFile"),
                "no JIT or class-data choices: " + big);
    }

    @Test
    void aJobsExitCodeIsPassedOn() throws Exception {
        assertEquals(3, launch(Map.of("EXIT_CODE", "3"), "nightly", "--input", "in", "--output", "o").exitCode());
    }

    @Test
    void aLocalRunBindsToLoopbackUnlessTheCallerChoseAnAddressOrAClusterMaster() throws Exception {
        assertEquals("127.0.0.1", launch(Map.of(), "run", "--input", "in", "--output", "o").sparkLocalIp());
        assertEquals("127.0.0.1", launch(Map.of(), "run", "--master", "local[2]", "--input", "in", "--output", "o")
                .sparkLocalIp());
        assertEquals("10.0.0.5", launch(Map.of("SPARK_LOCAL_IP", "10.0.0.5"), "run", "--input", "in", "--output", "o")
                .sparkLocalIp());
        assertEquals("unset", launch(Map.of(), "run", "--master", "spark://head:7077", "--input", "in", "--output", "o")
                .sparkLocalIp());
        assertEquals("unset", launch(Map.of(), "run", "--master=yarn", "--input", "in", "--output", "o")
                .sparkLocalIp());
        assertEquals("unset", launch(Map.of("TOPICPULSE_JAVA_OPTS", "-Xmx2g -Dspark.master=spark://head:7077"),
                "run", "--input", "in", "--output", "o").sparkLocalIp());
    }
}
