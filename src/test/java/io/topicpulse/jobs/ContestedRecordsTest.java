package io.topicpulse.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContestedRecordsTest {

    private static final StructType RECORD = new StructType()
            .add("doc_id", DataTypes.StringType, true)
            .add("url", DataTypes.StringType, true)
            .add("published_date", DataTypes.DateType, true)
            .add("fetched_at", DataTypes.TimestampType, true)
            .add("content_hash", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, true)
            .add("source_offset", DataTypes.LongType, true);

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theDriversRankingLosesTheRecordsSparksRankingLoses() {
        Random random = new Random(11);
        // Few values per column, so that fetch times, texts and sources tie and the later keys decide; sources
        // that Java's UTF-16 order and Spark's UTF-8 order sort differently ("\uFFFD" against a supplementary
        // character).
        String[] sources = {"dumps/a.jsonl", "dumps/b.jsonl", "dumps/\uFFFD.jsonl", "dumps/\uD834\uDD1E.jsonl",
            "dumps/é.jsonl"};
        Timestamp[] fetches = {null, Timestamp.valueOf("2024-11-29 08:00:00"), Timestamp.valueOf("2024-11-29 08:00:00.5"),
            Timestamp.valueOf("2024-11-30 06:00:00")};
        List<Row> tonight = new ArrayList<>();
        List<Row> earlier = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String doc = "doc-" + random.nextInt(60);
            // Rows as collected ones come: with their schema, read by field name.
            Row r = new GenericRowWithSchema(new Object[] {doc, "https://example.com/" + doc,
                Date.valueOf("2024-11-" + (10 + random.nextInt(5))), fetches[random.nextInt(fetches.length)],
                "hash-" + random.nextInt(3), sources[random.nextInt(sources.length)], (long) random.nextInt(4)},
                    RECORD);
            (random.nextInt(3) == 0 ? earlier : tonight).add(r);
        }
        // Ties that only the source breaks, between the two sources UTF-16 and UTF-8 order differently: with the
        // same text (the lower source is kept) and with two texts (the higher source's text is the newest).
        Timestamp at = fetches[1];
        for (String hash : List.of("hash-0", "hash-1")) {
            String doc = "tie-" + hash;
            tonight.add(new GenericRowWithSchema(new Object[] {doc, "u", Date.valueOf("2024-11-10"), at, "hash-0",
                sources[2], 1L}, RECORD));
            tonight.add(new GenericRowWithSchema(new Object[] {doc, "u", Date.valueOf("2024-11-10"), at, hash,
                sources[3], 1L}, RECORD));
        }
        Dataset<Row> records = spark.createDataFrame(tonight, RECORD).withColumn("earlier", lit(false))
                .unionByName(spark.createDataFrame(earlier, RECORD).withColumn("earlier", lit(true)));
        List<String> inSpark = sorted(ExtractStage.losers(ExtractStage.ranked(records.coalesce(1))).collectAsList());
        List<String> onDriver = sorted(ContestedRecords.losers(tonight, earlier));

        assertTrue(inSpark.size() > 200, "most records compete: " + inSpark.size());
        assertTrue(inSpark.stream().anyMatch(s -> s.contains("same URL and text as")));
        assertTrue(inSpark.stream().anyMatch(s -> s.contains("replaced by the newer text of")));
        assertEquals(inSpark, onDriver);
    }

    @Test
    void stringsCompareByCodePointAsTheirUtf8BytesDo() {
        assertTrue(ContestedRecords.compareUtf8("a", "b") < 0);
        assertTrue(ContestedRecords.compareUtf8("ab", "a") > 0);
        assertEquals(0, ContestedRecords.compareUtf8("é", "é"));
        // U+FFFD is one UTF-16 unit above a surrogate, but below a supplementary character in UTF-8.
        assertTrue("\uFFFD".compareTo("\uD834\uDD1E") > 0);
        assertTrue(ContestedRecords.compareUtf8("\uFFFD", "\uD834\uDD1E") < 0);
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }
}
