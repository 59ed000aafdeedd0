package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFormat;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NightlyPlanTest {

    private static final long NOV_30 = LocalDate.of(2024, 11, 30).atStartOfDay(ZoneOffset.UTC).toInstant()
            .toEpochMilli();

    private static InputFile file(String uri, long size, long mtime) {
        return new InputFile(uri, InputFormat.ofFileName(uri).orElseThrow(), size, mtime);
    }

    private static NightlyPlan.ProcessedFile done(String uri, long size, long mtime) {
        return new NightlyPlan.ProcessedFile(uri, size, mtime);
    }

    @Test
    void readsOnlyFilesTheInputsTableDoesNotHave() {
        NightlyPlan plan = NightlyPlan.of(List.of(done("file:/in/a.warc.gz", 10, NOV_30)),
                List.of(file("file:/in/a.warc.gz", 10, NOV_30), file("file:/in/b.warc.gz", 20, NOV_30)),
                null, null, false);
        assertEquals(List.of("file:/in/b.warc.gz"), plan.toRead().stream().map(InputFile::uri).toList());
        assertEquals(Set.of(), plan.changed());
        assertEquals(List.of("file:/in/a.warc.gz"), plan.unchanged().stream().map(InputFile::uri).toList());
    }

    @Test
    void readsAgainAFileWhoseSizeOrModificationTimeChanged() {
        NightlyPlan plan = NightlyPlan.of(
                List.of(done("file:/in/a.jsonl", 10, NOV_30), done("file:/in/b.jsonl", 10, NOV_30)),
                List.of(file("file:/in/a.jsonl", 11, NOV_30), file("file:/in/b.jsonl", 10, NOV_30 + 1000)),
                null, null, false);
        assertEquals(Set.of("file:/in/a.jsonl", "file:/in/b.jsonl"), plan.changed());
        assertEquals(2, plan.toRead().size());
    }

    @Test
    void reprocessReadsEveryProcessedFileAgain() {
        NightlyPlan plan = NightlyPlan.of(List.of(done("file:/in/a.html", 10, NOV_30)),
                List.of(file("file:/in/a.html", 10, NOV_30)), null, null, true);
        assertEquals(Set.of("file:/in/a.html"), plan.changed());
        assertTrue(plan.unchanged().isEmpty());
    }

    @Test
    void sinceAndUntilSelectFilesByTheDateInTheirPathElseTheirModificationDay() {
        List<InputFile> listed = List.of(
                file("file:/dumps/2024-11-28/a.warc.gz", 1, NOV_30),
                file("file:/dumps/CC-NEWS-20241129093000-00001.warc.gz", 1, NOV_30),
                file("file:/dumps/2024/11/30/c.jsonl", 1, 0),
                file("file:/dumps/undated.html", 1, NOV_30 + 3_600_000));
        NightlyPlan plan = NightlyPlan.of(List.of(), listed, LocalDate.of(2024, 11, 29), LocalDate.of(2024, 11, 30),
                false);
        assertEquals(List.of("file:/dumps/2024/11/30/c.jsonl", "file:/dumps/CC-NEWS-20241129093000-00001.warc.gz",
                        "file:/dumps/undated.html"),
                plan.toRead().stream().map(InputFile::uri).sorted().toList(), "the 2024-11-28 folder is before --since");
        assertEquals(LocalDate.of(2024, 11, 29), NightlyPlan.fileDay(listed.get(1)));
    }

    @Test
    void filesOutsideTheRangeAreNotReadEvenWhenChanged() {
        NightlyPlan plan = NightlyPlan.of(List.of(done("file:/d/2024-10-01/a.html", 1, 1)),
                List.of(file("file:/d/2024-10-01/a.html", 2, 2)), LocalDate.of(2024, 11, 1), null, true);
        assertTrue(plan.toRead().isEmpty());
    }

    @Test
    void ignoresDigitRunsThatAreNoDate() {
        assertEquals(java.util.Optional.empty(), NightlyPlan.pathDay("file:/in/page-20241399.html"));
        assertEquals(java.util.Optional.empty(), NightlyPlan.pathDay("file:/in/id-120241130.html"));
    }

    @Test
    void rejectsASinceAfterTheUntil() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NightlyPlan.of(List.of(),
                List.of(), LocalDate.of(2024, 12, 1), LocalDate.of(2024, 11, 1), false));
        assertTrue(e.getMessage().contains("--since"));
    }
}
