package io.topicpulse.jobs;

import io.topicpulse.ingest.RejectReason;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ranking of records that compete for a doc_id, in plain Java for a small night's few contested records: the
 * rule of {@link ExtractStage#ranked} and {@link ExtractStage#losers}, which a full run and a large night apply in
 * Spark. A night's ranking of some ten records used to be a Spark query with two windows, planned and compiled
 * for the first time in a fresh process.
 */
final class ContestedRecords {

    /** The columns of a duplicate reject ({@link ExtractStage#DUPLICATE_COLUMNS}), nullable as a reject's are. */
    static final StructType DUPLICATE_SCHEMA = new StructType()
            .add("source", DataTypes.StringType, true)
            .add("source_offset", DataTypes.LongType, true)
            .add("url", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true);

    /** The text of the newest fetch first: fetched_at descending (unknown last), then source and offset descending. */
    private static final Comparator<Candidate> NEWEST_FIRST = Comparator
            .comparing((Candidate c) -> c.fetchedAt, Comparator.nullsLast(Comparator.<Timestamp>reverseOrder()))
            .thenComparing((Candidate c) -> c.source, ContestedRecords::compareUtf8Reversed)
            .thenComparing(c -> c.sourceOffset, Comparator.reverseOrder());

    private ContestedRecords() {
    }

    /**
     * The records that lose the ranking, as {@link ExtractStage#losers} gives them: doc_id, published_date,
     * earlier, source, source_offset, url, reason, detail.
     *
     * @param tonight tonight's competing records (article columns, by name)
     * @param earlier the stored articles they compete with (articles_undated columns, by name)
     */
    static List<Row> losers(List<Row> tonight, List<Row> earlier) {
        // By doc_id in Spark's order, as the query's one partition gave them.
        Map<String, List<Candidate>> byDoc = new TreeMap<>(ContestedRecords::compareUtf8);
        for (Row r : tonight) {
            Candidate c = new Candidate(r, false);
            byDoc.computeIfAbsent(c.docId, d -> new ArrayList<>()).add(c);
        }
        for (Row r : earlier) {
            Candidate c = new Candidate(r, true);
            byDoc.computeIfAbsent(c.docId, d -> new ArrayList<>()).add(c);
        }
        List<Row> losers = new ArrayList<>();
        for (List<Candidate> competing : byDoc.values()) {
            if (competing.size() < 2) {
                continue;
            }
            String newestHash = competing.stream().min(NEWEST_FIRST).orElseThrow().contentHash;
            // Kept first: the newest text, then the earliest fetch (unknown last), then source and offset.
            Comparator<Candidate> keptFirst = Comparator
                    .comparing((Candidate c) -> !c.contentHash.equals(newestHash))
                    .thenComparing((Candidate c) -> c.fetchedAt,
                            Comparator.nullsLast(Comparator.<Timestamp>naturalOrder()))
                    .thenComparing((Candidate c) -> c.source, ContestedRecords::compareUtf8)
                    .thenComparing(c -> c.sourceOffset);
            List<Candidate> ranked = new ArrayList<>(competing);
            ranked.sort(keptFirst);
            Candidate kept = ranked.get(0);
            String keptFrom = kept.source + "@" + kept.sourceOffset;
            for (Candidate loser : ranked.subList(1, ranked.size())) {
                String detail = (loser.contentHash.equals(kept.contentHash) ? "same URL and text as "
                        : "same URL, replaced by the newer text of ") + keptFrom + " (doc_id " + loser.docId + ")";
                losers.add(RowFactory.create(loser.docId, loser.publishedDate, loser.earlier, loser.source,
                        loser.sourceOffset, loser.url, RejectReason.DUPLICATE.code(), detail));
            }
        }
        return losers;
    }

    /** Strings in Spark's order: by their UTF-8 bytes, i.e. by code point. */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareUtf8Reversed(String a, String b) {
        return compareUtf8(b, a);
    }

    /** A competing record's ranking columns. */
    private static final class Candidate {
        final String docId;
        final Object publishedDate;
        final boolean earlier;
        final Timestamp fetchedAt;
        final String contentHash;
        final String source;
        final long sourceOffset;
        final String url;

        Candidate(Row r, boolean earlier) {
            this.docId = r.getAs("doc_id");
            this.publishedDate = r.getAs("published_date");
            this.earlier = earlier;
            this.fetchedAt = r.getAs("fetched_at");
            // Declared non-null in the articles table, and so in every record that reaches a ranking.
            this.contentHash = Objects.requireNonNull(r.getAs("content_hash"), "content_hash");
            this.source = Objects.requireNonNull(r.getAs("source"), "source");
            this.sourceOffset = r.<Long>getAs("source_offset");
            this.url = r.getAs("url");
        }
    }
}
