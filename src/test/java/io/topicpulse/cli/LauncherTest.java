package io.topicpulse.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jobs/topicpulse's choice of JVM flags, run against a stand-in {@code java} that records its arguments (and writes
 * the class-data archive it is asked to), so no JVM or Spark starts.
 */
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
        // Built an hour ago, so an archive recorded now is newer even where file times have whole seconds only.
        FileTime built = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Files.writeString(target.resolve("topicpulse-0.1.0.jar"), "jar"), built);
        Files.setLastModifiedTime(Files.writeString(target.resolve("classpath.txt"), "/lib/spark.jar"), built);
        bin = Files.createDirectories(tmp.resolve("bin"));
        argsFile = tmp.resolve("java-args.txt");
        // The stand-in prints a version for `java -version`, records the arguments of the real call, and writes
        // the archive named by -XX:ArchiveClassesAtExit as a JVM would at exit.
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                if [[ "$1" == -version ]]; then echo 'openjdk version "17.0.99"' >&2; exit 0; fi
                printf '%s\\n' "$@" > "$ARGS_FILE"
                echo "${SPARK_LOCAL_IP-unset}" > "$ARGS_FILE.local-ip"
                for a in "$@"; do
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;; esac
                done
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
        builder.environment().remove("TOPICPULSE_JIT");
        builder.environment().remove("TOPICPULSE_CDS");
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

    private Path publishedTables() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("tables"));
        Files.writeString(out.resolve("_CURRENT"), "s000001");
        return out;
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().contains(".jsa")).toList();
        }
    }

    @Test
    void anIncrementalNightCompilesWithC1Only() throws Exception {
        Path out = publishedTables();
        assertTrue(launch(Map.of(), "nightly", "--input", "in", "--output", out.toString())
                .has("-XX:TieredStopAtLevel=1"));
        assertTrue(launch(Map.of(), "nightly", "--input", "in", "--output=" + out)
                .has("-XX:TieredStopAtLevel=1"));
    }

    @Test
    void aFirstNightABackfillAndAFullRunKeepBothCompilers() throws Exception {
        Path out = publishedTables();
        String empty = tmp.resolve("empty-output").toString();
        assertFalse(launch(Map.of(), "nightly", "--input", "in", "--output", empty).hasPrefix("-XX:TieredStopAtLevel"));
        assertFalse(launch(Map.of(), "nightly", "--input", "in", "--output", out.toString(), "--since", "2024-11-01")
                .hasPrefix("-XX:TieredStopAtLevel"));
        assertFalse(launch(Map.of(), "nightly", "--reprocess", "--input", "in", "--output", out.toString())
                .hasPrefix("-XX:TieredStopAtLevel"));
        assertFalse(launch(Map.of(), "run", "--input", "in", "--output", out.toString())
                .hasPrefix("-XX:TieredStopAtLevel"));
    }

    @Test
    void theCallerChoosesTheCompilersWithTopicpulseJitOrTheirOwnFlag() throws Exception {
        Path out = publishedTables();
        assertTrue(launch(Map.of("TOPICPULSE_JIT", "c1"), "run", "--input", "in", "--output", "o")
                .has("-XX:TieredStopAtLevel=1"));
        assertFalse(launch(Map.of("TOPICPULSE_JIT", "tiered"), "nightly", "--input", "in", "--output", out.toString())
                .hasPrefix("-XX:TieredStopAtLevel"));
        Launch own = launch(Map.of("TOPICPULSE_JAVA_OPTS", "-Xmx2g -XX:TieredStopAtLevel=4"),
                "nightly", "--input", "in", "--output", out.toString());
        assertTrue(own.has("-XX:TieredStopAtLevel=4") && !own.has("-XX:TieredStopAtLevel=1"), own.javaArgs().toString());
        assertTrue(own.has("-Xmx2g"), own.javaArgs().toString());
    }

    @Test
    void unknownJitAndClassDataSettingsAreRefusedAndNamed() throws Exception {
        Launch jit = launch(Map.of("TOPICPULSE_JIT", "fast"), "run", "--input", "in", "--output", "o");
        assertEquals(2, jit.exitCode());
        assertTrue(jit.stderr().contains("TOPICPULSE_JIT") && jit.stderr().contains("fast"), jit.stderr());
        assertTrue(jit.javaArgs().isEmpty(), "java was not started");
        Launch cds = launch(Map.of("TOPICPULSE_CDS", "no"), "run", "--input", "in", "--output", "o");
        assertEquals(2, cds.exitCode());
        assertTrue(cds.stderr().contains("TOPICPULSE_CDS") && cds.stderr().contains("'no'"), cds.stderr());
        assertTrue(cds.javaArgs().isEmpty(), "java was not started");
    }

    @Test
    void theFirstRunRecordsAClassArchiveThatLaterRunsMapUntilTheJarChanges() throws Exception {
        Launch first = launch(Map.of(), "run", "--input", "in", "--output", "o");
        assertTrue(first.hasPrefix("-XX:ArchiveClassesAtExit="), first.javaArgs().toString());
        List<Path> recorded = archives();
        assertEquals(1, recorded.size(), "one whole archive, no temporary file left: " + recorded);
        Path archive = recorded.get(0);

        Launch second = launch(Map.of(), "run", "--input", "in", "--output", "o");
        assertTrue(second.has("-XX:SharedArchiveFile=" + archive), second.javaArgs().toString());
        assertFalse(second.hasPrefix("-XX:ArchiveClassesAtExit="));

        // A rebuilt jar is newer than the archive, which no longer matches it.
        Files.setLastModifiedTime(root.resolve("target/topicpulse-0.1.0.jar"),
                FileTime.from(Instant.now().plusSeconds(60)));
        Launch afterRebuild = launch(Map.of(), "run", "--input", "in", "--output", "o");
        assertTrue(afterRebuild.hasPrefix("-XX:ArchiveClassesAtExit="), afterRebuild.javaArgs().toString());
        assertFalse(afterRebuild.hasPrefix("-XX:SharedArchiveFile="));
    }

    @Test
    void onlyASparkJobThatSucceedsLeavesAnArchiveAndAnyCommandMapsIt() throws Exception {
        assertFalse(launch(Map.of(), "eval", "--data", "d").hasPrefix("-XX:ArchiveClassesAtExit="));
        assertFalse(launch(Map.of(), "run", "--help").hasPrefix("-XX:ArchiveClassesAtExit="));
        Launch failed = launch(Map.of("EXIT_CODE", "2"), "run", "--input", "in", "--output", "o");
        assertTrue(failed.hasPrefix("-XX:ArchiveClassesAtExit="), failed.javaArgs().toString());
        assertEquals(2, failed.exitCode());
        assertEquals(List.of(), archives(), "a failed run keeps no archive");

        launch(Map.of(), "nightly", "--input", "in", "--output", "o");
        assertEquals(1, archives().size());
        Launch eval = launch(Map.of(), "eval", "--data", "d");
        assertTrue(eval.has("-XX:SharedArchiveFile=" + archives().get(0)), eval.javaArgs().toString());
    }

    @Test
    void aRecordingRunPassesTheJobsExitCodeOnAndCdsCanBeTurnedOffOrSetByTheCaller() throws Exception {
        assertEquals(4, launch(Map.of("EXIT_CODE", "4"), "run", "--input", "in", "--output", "o").exitCode());
        Launch off = launch(Map.of("TOPICPULSE_CDS", "off"), "run", "--input", "in", "--output", "o");
        assertFalse(off.hasPrefix("-XX:SharedArchiveFile=") || off.hasPrefix("-XX:ArchiveClassesAtExit="),
                off.javaArgs().toString());
        Launch own = launch(Map.of("TOPICPULSE_JAVA_OPTS", "-Xmx2g -XX:SharedArchiveFile=/opt/app.jsa"),
                "run", "--input", "in", "--output", "o");
        assertEquals(1, own.javaArgs().stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).count(),
                own.javaArgs().toString());
        assertTrue(own.has("-XX:SharedArchiveFile=/opt/app.jsa") && !own.hasPrefix("-XX:ArchiveClassesAtExit="),
                own.javaArgs().toString());
    }

    @Test
    void aKilledRecordingsLeftoverIsRemovedByTheNextRecordingWhileARunningOnesIsKept() throws Exception {
        launch(Map.of(), "run", "--input", "in", "--output", "o");
        Path archive = archives().get(0);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path leftover = Path.of(archive + "." + ended.pid());
        Path running = Path.of(archive + "." + ProcessHandle.current().pid());
        Files.writeString(leftover, "torn");
        Files.writeString(running, "being written");
        Files.setLastModifiedTime(root.resolve("target/topicpulse-0.1.0.jar"),
                FileTime.from(Instant.now().plusSeconds(60)));

        assertTrue(launch(Map.of(), "run", "--input", "in", "--output", "o").hasPrefix("-XX:ArchiveClassesAtExit="));
        assertFalse(Files.exists(leftover), "the dead recording's file is removed");
        assertTrue(Files.exists(running), "a live recording's file is left alone");
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
