package io.topicpulse.table.store;

import io.topicpulse.table.store.Manifest.ProcessedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {

    @TempDir
    Path dir;

    @Test
    void findsNewAndChangedInputsButNotProcessedOnes() throws Exception {
        Path kept = write("kept.jsonl", "a");
        Path changed = write("changed.jsonl", "b");
        Manifest manifest = new Manifest("run1", "2024-11-30T02:00:00Z",
                List.of(ProcessedFile.of(kept, true), ProcessedFile.of(changed, true)), Map.of(), Map.of());
        Files.writeString(changed, "bb");
        Path added = write("added.jsonl", "c");

        List<ProcessedFile> todo = manifest.unprocessed(List.of(ProcessedFile.of(kept, false),
                ProcessedFile.of(changed, false), ProcessedFile.of(added, false)));
        assertEquals(List.of(changed.toUri().toString(), added.toUri().toString()),
                todo.stream().map(ProcessedFile::uri).toList());
    }

    @Test
    void treatsARewriteWithTheSameSizeAndTimeAsChangedWhenChecksumsDiffer() throws Exception {
        Path file = write("same-size.jsonl", "aaaa");
        ProcessedFile before = ProcessedFile.of(file, true);
        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.modificationTime()));
        Manifest manifest = new Manifest("run1", "2024-11-30T02:00:00Z", List.of(before), Map.of(), Map.of());
        assertEquals(1, manifest.unprocessed(List.of(ProcessedFile.of(file, true))).size());
        assertEquals(0, manifest.unprocessed(List.of(ProcessedFile.of(file, false))).size(),
                "without a checksum, size and time are all there is to compare");
    }

    @Test
    void roundTripsThroughJsonWithSortedKeys() throws Exception {
        Manifest manifest = new Manifest("run1", "2024-11-30T02:00:00Z",
                List.of(new ProcessedFile("file:///in/a.warc.gz", 10, 20, "ab")),
                Map.of("lexicon", "x", "extractor", "3"), Map.of());
        String json = new String(manifest.toJson(), StandardCharsets.UTF_8);
        assertEquals(manifest, Manifest.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(json.indexOf("extractor") < json.indexOf("lexicon"), json);
    }

    @Test
    void refusesABlankRunId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Manifest(" ", "2024-11-30T02:00:00Z", List.of(), Map.of(), Map.of()));
        assertEquals("runId must not be blank", e.getMessage());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
