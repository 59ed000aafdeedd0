package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.InputFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the extract stage spreads input files over tasks. */
class ExtractStageTest extends SparkLexiconTest {

    @Test
    void stripesAFileOfLinesOnlyWhenThereAreFewerFilesThanCores() {
        InputFile lines = new InputFile("file:/dumps/a.jsonl.gz", InputFormat.JSONL, 100, 0);
        InputFile warc = new InputFile("file:/dumps/b.warc.gz", InputFormat.WARC, 200, 0);

        assertEquals(List.of(new ExtractStage.Slice(lines, 0, 3), new ExtractStage.Slice(lines, 1, 3),
                new ExtractStage.Slice(lines, 2, 3)), ExtractStage.slices(List.of(lines), 3, true));
        assertEquals(List.of(new ExtractStage.Slice(warc, 0, 1), new ExtractStage.Slice(lines, 0, 2),
                new ExtractStage.Slice(lines, 1, 2)), ExtractStage.slices(List.of(lines, warc), 4, true));
        assertEquals(List.of(new ExtractStage.Slice(warc, 0, 1), new ExtractStage.Slice(lines, 0, 1)),
                ExtractStage.slices(List.of(lines, warc), 2, true));
        assertEquals(List.of(new ExtractStage.Slice(lines, 0, 1)), ExtractStage.slices(List.of(lines), 3, false));
    }

    @Test
    void theStripesOfAFileShareItsBytesExactlySoProgressSeesTheWholeInputRead() {
        InputFile lines = new InputFile("file:/dumps/a.jsonl.gz", InputFormat.JSONL, 100, 0);

        assertEquals(List.of(34L, 33L, 33L), ExtractStage.slices(List.of(lines), 3, true).stream()
                .map(ExtractStage.Slice::bytes).toList());
        assertEquals(100L, new ExtractStage.Slice(lines, 0, 1).bytes());
    }

    @Test
    void refusesAStripesSettingThatIsNeitherTrueNorFalse() {
        spark.conf().set(ExtractStage.STRIPES, "yes");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExtractStage.run(spark, List.of(), "run-1"));
            assertEquals(ExtractStage.STRIPES + " must be true or false, was 'yes'", e.getMessage());
        } finally {
            spark.conf().unset(ExtractStage.STRIPES);
        }
    }
}
