package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps of a night's merge on the driver that do not depend on where the stored rows come from, shared by the
 * Spark night ({@link NightOnDriver}) and the night without Spark ({@link LocalNight}) so that both follow one rule.
 */
final class DriverMerge {

    private DriverMerge() {
    }

    /** Tonight's article records as the merge first needs them: records per doc_id, signatures and band keys. */
    static final class Records {

        private final Map<String, Integer> perDoc = new HashMap<>();
        private final List<int[]> signatures;
        private final List<long[]> bandKeys;
        private final Set<Long> allKeys = new HashSet<>();

        private Records(int size) {
            signatures = new ArrayList<>(size);
            bandKeys = new ArrayList<>(size);
        }

        /** The records' doc_ids and MinHash signatures, read from the fields at {@code docId} and {@code minhash}. */
        static Records of(List<Row> records, int docId, int minhash) {
            Records out = new Records(records.size());
            LshBands bands = LshBands.standard();
            for (Row r : records) {
                out.perDoc.merge(r.getString(docId), 1, Integer::sum);
                int[] signature = NearDuplicates.ints(r.getList(minhash));
                long[] keys = bands.keys(signature);
                out.signatures.add(signature);
                out.bandKeys.add(keys);
                for (long k : keys) {
                    out.allKeys.add(k);
                }
            }
            return out;
        }

        /** Tonight's doc_ids. */
        Set<String> docIds() {
            return perDoc.keySet();
        }

        /** The doc_ids that more than one of tonight's records carry, sorted. */
        Set<String> contested() {
            Set<String> out = new TreeSet<>();
            perDoc.forEach((doc, n) -> {
                if (n > 1) {
                    out.add(doc);
                }
            });
            return out;
        }

        /** Every band key of tonight's records, sorted. */
        long[] sortedKeys() {
            return allKeys.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        /** The MinHash signature of the {@code i}-th record. */
        int[] signature(int i) {
            return signatures.get(i);
        }

        /** The band keys of the {@code i}-th record. */
        long[] bandKeys(int i) {
            return bandKeys.get(i);
        }
    }

    /**
     * What ranking the contested records decided: the duplicates rejected, the stored articles displaced, and the
     * records of tonight that lost. Built from loser rows as {@link ExtractStage#losers} and
     * {@link ContestedRecords#losers} give them: doc_id, published_date, earlier, then the duplicate columns
     * (source, source_offset, url, reason, detail).
     */
    record Losers(List<Row> duplicates, List<Row> displaced, Set<String> displacedIds, List<Row> lostRecords,
                  Set<String> lost) {

        static final Losers NONE = of(List.of());

        static Losers of(List<Row> losers) {
            List<Row> duplicates = new ArrayList<>();
            List<Row> displaced = new ArrayList<>();
            Set<String> displacedIds = new HashSet<>();
            List<Row> lostRecords = new ArrayList<>();
            Set<String> lost = new HashSet<>();
            for (Row r : losers) {
                duplicates.add(RowFactory.create(r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)));
                if (r.getBoolean(2)) {
                    displaced.add(new GenericRowWithSchema(new Object[] {r.getString(0), r.getDate(1)},
                            ExtractStage.Rivalry.DISPLACED));
                    displacedIds.add(r.getString(0));
                } else {
                    lost.add(key(r.getString(3), r.getLong(4)));
                    lostRecords.add(RowFactory.create(r.getString(3), r.getLong(4)));
                }
            }
            return new Losers(duplicates, displaced, displacedIds, lostRecords, lost);
        }

        /** True when tonight's record read at {@code source}, {@code offset} lost its doc_id to another. */
        boolean lostRecord(String source, long offset) {
            return lost.contains(key(source, offset));
        }

        /**
         * The duplicates that count among this night's rejects: a displaced stored article is written as a duplicate
         * too, but an earlier night read it, and the night's accounting covers only its own input.
         */
        int newRejects() {
            return duplicates.size() - displaced.size();
        }

        private static String key(String source, long offset) {
            return source + "@" + offset;
        }
    }
}
