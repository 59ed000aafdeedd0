package io.topicpulse;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Main code uses Spark's public API only: its catalyst, execution and internal packages change without notice. */
class PublicApiTest {

    private static final Pattern INTERNAL = Pattern.compile(
            "org\\.apache\\.spark\\.sql\\.(catalyst|execution|internal)\\b|org\\.apache\\.spark\\.internal\\b");

    @Test
    void mainCodeImportsNothingFromSparksCatalystExecutionOrInternalPackages() throws IOException {
        List<String> offenders;
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        offenders = sources.stream().filter(p -> {
            try {
                return INTERNAL.matcher(Files.readString(p)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(Path::toString).toList();
        assertTrue(sources.size() > 50, "the sources were found");
        assertEquals(List.of(), offenders);
    }
}
