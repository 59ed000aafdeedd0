package io.topicpulse;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data} beside the project root; tests that need it skip cleanly when it is absent. */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data folder, e.g. {@code dir("warc")}; skips the calling test when it is not there. */
    public static Path dir(String name) {
        Path base = Path.of(System.getProperty("topicpulse.shared", "../shared")).resolve("data").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(base), () -> "no shared data at " + base.toAbsolutePath());
        return base;
    }

    /** True when the shared data folder exists, for code that wants to decide without skipping. */
    public static boolean present() {
        return Files.isDirectory(Path.of(System.getProperty("topicpulse.shared", "../shared")).resolve("data"));
    }
}
