package io.topicpulse.jobs;

import io.topicpulse.dedup.NearDuplicateClusterer;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A night's merge of its few articles into the stored ones, decided on the driver: the same rule and clusters as
 * {@link ExtractStage}'s Spark path, in a few Spark jobs instead of some thirty. Tonight's records come to the
 * driver once as narrow rows (ids, dates, signature); only records that compete for a doc_id (with another of
 * tonight's or a stored article) are ranked, in Spark by {@link ExtractStage#ranked}; near-duplicate clusters are
 * found by {@link NearDuplicateClusterer#cluster}, which unites exactly the pairs the Spark banding verifies.
 */
final class NightOnDriver {

    private static final StructType CLUSTERS = new StructType()
            .add("doc_id", DataTypes.StringType, false).add("cluster_id", DataTypes.StringType, false);
    private static final StructType LOST = new StructType()
            .add("source", DataTypes.StringType).add("source_offset", DataTypes.LongType);

    private NightOnDriver() {
    }

    static ExtractStage.Result merge(SparkSession spark, Dataset<Row> outcomes, ExtractStage.Tally tally, String runId,
                                     StoredArticles earlier) {
        Dataset<Row> tonight = outcomes.filter(col("kind").equalTo(OutcomeRows.ARTICLE))
                .select(ExtractStage.articleColumns());
        // A night of few records brings their texts along, for matching and counting on the driver.
        boolean withTexts = tally.articleRecords() <= OnDriver.textLimit(spark);
        // Such a night brings its whole rows, and tonight's articles are built from them here: a Spark job would
        // ship the driver's outcome rows, texts and all, in its tasks.
        List<Row> whole = withTexts ? tonight.withColumn("first_seen", ExtractStage.firstSeen()).collectAsList()
                : null;
        List<Row> records = whole != null ? recordsOf(whole) : tonight.select(col("doc_id"), col("source"),
                col("source_offset"), col("published_date"), col("minhash"),
                ExtractStage.firstSeen().as("first_seen")).collectAsList();
        DriverMerge.Records tonightsRecords = DriverMerge.Records.of(records, 0, 4);
        // One pass over the stored narrow columns finds both the stored rivals of tonight's doc_ids and the
        // clusters sharing a band with any of tonight's records; those of records that lose are dropped below.
        StoredArticles.Candidates candidates = earlier.candidates(new TreeSet<>(tonightsRecords.docIds()),
                tonightsRecords.sortedKeys());
        Dataset<Row> rivalRows = earlier.withDocIds(candidates);
        List<Row> rivals = rivalRows.collectAsList();
        Set<String> contested = tonightsRecords.contested();
        // A displaced article's cluster loses a member: it is clustered again.
        Set<String> affected = new TreeSet<>();
        for (Row r : rivals) {
            contested.add(r.getString(r.fieldIndex("doc_id")));
            affected.add(r.getString(r.fieldIndex("cluster_id")));
        }

        // Uncontested records win alone; the few contested ones are ranked by the rule of a full run.
        DriverMerge.Losers losers = DriverMerge.Losers.NONE;
        StructType duplicateSchema = null;
        if (!contested.isEmpty()) {
            Dataset<Row> competing = tonight.filter(col("doc_id").isin(contested.toArray()))
                    .withColumn("earlier", lit(false))
                    .unionByName(spark.createDataFrame(rivals, rivalRows.schema())
                            .select(ExtractStage.articleColumns()).withColumn("earlier", lit(true)));
            // A night's few contested records in one partition: ranked without a shuffle.
            Dataset<Row> ranked = ExtractStage.losers(ExtractStage.ranked(competing.coalesce(1)));
            duplicateSchema = ranked.select(ExtractStage.DUPLICATE_COLUMNS).schema();
            losers = DriverMerge.Losers.of(ranked.collectAsList());
        }

        // Tonight's winners, clustered with the stored articles whose cluster can change (see clusterPool).
        List<NearDuplicateClusterer.Doc> docs = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Set<LocalDate> days = new TreeSet<>();
        long dated = 0;
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            Row r = records.get(i);
            if (losers.lostRecord(r.getString(1), r.getLong(2))) {
                continue;
            }
            docs.add(new NearDuplicateClusterer.Doc(r.getString(0), r.getLong(5), tonightsRecords.signature(i)));
            kept.add(r.getString(0));
            for (long k : tonightsRecords.bandKeys(i)) {
                keys.add(k);
            }
            if (!r.isNullAt(3)) {
                dated++;
                days.add(r.getDate(3).toLocalDate());
            }
        }
        earlier.leavingRows().forEach(r -> affected.add(r.getString(r.fieldIndex("cluster_id"))));
        List<Row> stored = new ArrayList<>();
        for (Row r : earlier.clusterPool(candidates, keys, affected)
                .select(col("doc_id"), col("minhash"), ExtractStage.firstSeen().as("first_seen"),
                        col("cluster_id"), col("published_date")).collectAsList()) {
            if (!losers.displacedIds().contains(r.getString(0))) {
                stored.add(r);
                docs.add(new NearDuplicateClusterer.Doc(r.getString(0), r.getLong(2),
                        NearDuplicates.ints(r.getList(1))));
            }
        }
        Map<String, String> clusters = NearDuplicateClusterer.standard().cluster(docs);
        List<Row> reclustered = new ArrayList<>();
        for (Row r : stored) {
            String cluster = clusters.get(r.getString(0));
            if (!cluster.equals(r.getString(3))) {
                reclustered.add(new GenericRowWithSchema(new Object[] {r.getString(0), cluster, r.getDate(4)},
                        ExtractStage.Rivalry.RECLUSTERED));
            }
        }
        List<Row> tonightClusters = new ArrayList<>();
        for (String doc : kept) {
            tonightClusters.add(RowFactory.create(doc, clusters.get(doc)));
        }
        List<Row> datedArticles = null;
        if (whole != null) {
            datedArticles = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                Row r = records.get(i);
                if (!r.isNullAt(3) && !losers.lostRecord(r.getString(1), r.getLong(2))) {
                    datedArticles.add(articleRow(whole.get(i), clusters.get(r.getString(0)), runId));
                }
            }
        }

        Dataset<Row> winners = losers.lostRecords().isEmpty() ? tonight : tonight.join(
                broadcast(spark.createDataFrame(losers.lostRecords(), LOST)), new String[] {"source", "source_offset"},
                "left_anti");
        Dataset<Row> articles = winners
                .join(broadcast(OnDriver.dataFrame(spark, tonightClusters, CLUSTERS)), "doc_id")
                .withColumn("run_id", lit(runId))
                .withColumn("date", col("published_date"));
        Dataset<Row> rejects = outcomes.filter(col("kind").equalTo(OutcomeRows.REJECT))
                .select("source", "source_offset", "url", "reason", "detail");
        if (!losers.duplicates().isEmpty()) {
            rejects = rejects.unionByName(spark.createDataFrame(losers.duplicates(), duplicateSchema));
        }
        ExtractStage.Rivalry rivalry = new ExtractStage.Rivalry(losers.displaced(), reclustered);
        // One file for a night's few rejects and one for its undated articles, however many tasks read its input
        // (stripes): the append-only tables grow by a file a night, as their compaction expects.
        return ExtractStage.result(articles, rejects.coalesce(1).withColumn("run_id", lit(runId)), tally, dated,
                kept.size() - dated, tally.rejectsWith(losers.newRejects()), rivalry, days)
                .withDatedArticleRows(datedArticles).undatedInOnePartition();
    }

    /** The narrow record of each whole row, in the columns the merge reads. */
    private static List<Row> recordsOf(List<Row> whole) {
        List<Row> records = new ArrayList<>(whole.size());
        for (Row r : whole) {
            records.add(RowFactory.create(r.getAs("doc_id"), r.getAs("source"), r.getAs("source_offset"),
                    r.getAs("published_date"), r.getAs("minhash"), r.getAs("first_seen")));
        }
        return records;
    }

    /** Tonight's article as the articles table holds it: what {@code articles} gives for this record. */
    private static Row articleRow(Row whole, String cluster, String runId) {
        StructType schema = Tables.ARTICLES.sparkSchema();
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            String name = schema.fields()[i].name();
            values[i] = switch (name) {
                case "cluster_id" -> cluster;
                case "run_id" -> runId;
                case "date" -> whole.getAs("published_date");
                default -> whole.get(whole.fieldIndex(name));
            };
        }
        return new GenericRowWithSchema(values, schema);
    }
}
