package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverMergeTest {

    private static List<Integer> signature(int seed) {
        return IntStream.range(0, LshBands.standard().bands() * LshBands.standard().rows()).map(i -> seed * 7919 + i * 31).boxed()
                .toList();
    }

    /** A narrow record as Spark gives it: the signature as a Scala sequence. */
    private static Row record(String docId, int seed) {
        return RowFactory.create(docId, CollectionConverters.asScala(signature(seed)).toSeq());
    }

    @Test
    void recordsCountEachDocIdAndKeepEachRecordsSignatureAndBandKeys() {
        List<Row> records = List.of(record("a", 1), record("b", 2), record("a", 3));
        DriverMerge.Records merged = DriverMerge.Records.of(records, 0, 1);

        assertEquals(Set.of("a", "b"), merged.docIds());
        assertEquals(Set.of("a"), merged.contested());
        int[] second = NearDuplicates.ints(signature(2));
        assertArrayEquals(second, merged.signature(1));
        assertArrayEquals(LshBands.standard().keys(second), merged.bandKeys(1));
        long[] all = merged.sortedKeys();
        long[] sorted = all.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, all);
        for (int i = 0; i < records.size(); i++) {
            for (long k : merged.bandKeys(i)) {
                assertTrue(Arrays.binarySearch(all, k) >= 0, "band key of record " + i);
            }
        }
    }

    @Test
    void losersSplitIntoDisplacedStoredArticlesAndTonightsLostRecords() {
        Date day = Date.valueOf("2024-11-13");
        Row displacedStored = RowFactory.create("doc-1", day, true, "dump-0.jsonl.gz", 10L, "https://a.example/1",
                "duplicate", "doc-1");
        Row lostTonight = RowFactory.create("doc-2", day, false, "dump-1.jsonl.gz", 20L, "https://a.example/2",
                "duplicate", "doc-2");
        DriverMerge.Losers losers = DriverMerge.Losers.of(List.of(displacedStored, lostTonight));

        assertEquals(2, losers.duplicates().size());
        assertEquals(RowFactory.create("dump-0.jsonl.gz", 10L, "https://a.example/1", "duplicate", "doc-1"),
                losers.duplicates().get(0));
        assertEquals(Set.of("doc-1"), losers.displacedIds());
        assertEquals("doc-1", losers.displaced().get(0).getString(0));
        assertEquals(day, losers.displaced().get(0).getDate(1));
        assertTrue(losers.lostRecord("dump-1.jsonl.gz", 20L));
        assertFalse(losers.lostRecord("dump-0.jsonl.gz", 10L));
        assertEquals(List.of(RowFactory.create("dump-1.jsonl.gz", 20L)), losers.lostRecords());
        assertEquals(1, losers.newRejects());
    }

    @Test
    void noLosersLoseNothing() {
        assertTrue(DriverMerge.Losers.NONE.duplicates().isEmpty());
        assertFalse(DriverMerge.Losers.NONE.lostRecord("dump-0.jsonl.gz", 0L));
        assertEquals(0, DriverMerge.Losers.NONE.newRejects());
    }
}
