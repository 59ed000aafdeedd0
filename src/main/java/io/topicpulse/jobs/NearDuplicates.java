package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import io.topicpulse.dedup.NearDuplicateClusterer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

/**
 * Near-duplicate clusters in Spark: LSH banding finds candidate pairs in a shuffle, the exact signature check
 * filters them, and the few verified pairs are clustered on the driver.
 */
final class NearDuplicates {

    private static final StructType KEYED = new StructType()
            .add("band_key", DataTypes.LongType, false)
            .add("doc_id", DataTypes.StringType, false);

    private NearDuplicates() {
    }

    /**
     * Adds {@code cluster_id} to {@code articles} (which need doc_id, minhash and first_seen, a long that orders
     * members: the earliest names the cluster).
     */
    static Dataset<Row> withClusterIds(SparkSession spark, Dataset<Row> articles) {
        // Built inside each task: the dedup classes are plain objects, not Serializable, and cost nothing to make.
        Dataset<Row> docs = articles.select("doc_id", "minhash", "first_seen");
        JavaRDD<Row> keyed = docs.javaRDD().mapPartitions(rows -> {
            LshBands bands = LshBands.standard();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                for (long key : bands.keys(ints(r.getList(1)))) {
                    out.add(RowFactory.create(key, r.getString(0)));
                }
            }
            return out.iterator();
        });
        Dataset<Row> byKey = spark.createDataFrame(keyed, KEYED);
        Dataset<Row> candidates = byKey.as("a").join(byKey.as("b"),
                        col("a.band_key").equalTo(col("b.band_key")).and(col("a.doc_id").lt(col("b.doc_id"))))
                .select(col("a.doc_id").as("a"), col("b.doc_id").as("b")).distinct();
        Dataset<Row> withSignatures = candidates
                .join(docs.select(col("doc_id").as("a"), col("minhash").as("sig_a"), col("first_seen").as("seen_a")),
                        "a")
                .join(docs.select(col("doc_id").as("b"), col("minhash").as("sig_b"), col("first_seen").as("seen_b")),
                        "b");
        List<Row> verified = withSignatures.javaRDD()
                .filter(r -> NearDuplicateClusterer.standard().isNearDuplicate(ints(r.getList(r.fieldIndex("sig_a"))),
                        ints(r.getList(r.fieldIndex("sig_b")))))
                .map(r -> RowFactory.create(r.getString(r.fieldIndex("a")), r.getString(r.fieldIndex("b")),
                        r.getLong(r.fieldIndex("seen_a")), r.getLong(r.fieldIndex("seen_b"))))
                .collect();
        Map<String, NearDuplicateClusterer.Doc> involved = new LinkedHashMap<>();
        List<NearDuplicateClusterer.Pair> pairs = new ArrayList<>();
        for (Row r : verified) {
            involved.putIfAbsent(r.getString(0), new NearDuplicateClusterer.Doc(r.getString(0), r.getLong(2), null));
            involved.putIfAbsent(r.getString(1), new NearDuplicateClusterer.Doc(r.getString(1), r.getLong(3), null));
            pairs.add(new NearDuplicateClusterer.Pair(r.getString(0), r.getString(1)));
        }
        List<Row> clusterRows = new ArrayList<>();
        for (Map.Entry<String, String> e : NearDuplicateClusterer.clusterPairs(involved.values(), pairs).entrySet()) {
            clusterRows.add(RowFactory.create(e.getKey(), e.getValue()));
        }
        Dataset<Row> clusters = spark.createDataFrame(clusterRows, new StructType()
                .add("doc_id", DataTypes.StringType, false).add("found_cluster", DataTypes.StringType, false));
        return articles.join(org.apache.spark.sql.functions.broadcast(clusters), new String[] {"doc_id"}, "left")
                .withColumn("cluster_id", coalesce(col("found_cluster"), col("doc_id")))
                .drop("found_cluster");
    }

    static int[] ints(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
