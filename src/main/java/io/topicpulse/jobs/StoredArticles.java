package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import io.topicpulse.dedup.NearDuplicateRule;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * The stored articles a night merges tonight's into (articles and articles_undated, without the rows of the files
 * read again tonight). Everything here is a join in Spark: no article's row or id passes through the driver, so a
 * night's driver does not grow with the corpus or with the night.
 */
final class StoredArticles {

    private static final StructType KEYED = new StructType()
            .add("band_key", DataTypes.LongType, false)
            .add("cluster_id", DataTypes.StringType, false);

    private final SparkSession spark;
    private final Dataset<Row> all;
    private final Dataset<Row> leaving;

    /**
     * @param dated          the stored articles table
     * @param undated        the stored articles_undated table
     * @param changedSources input files read again tonight: their articles leave
     */
    StoredArticles(SparkSession spark, Dataset<Row> dated, Dataset<Row> undated, Set<String> changedSources) {
        this.spark = spark;
        Dataset<Row> both = dated.drop("date").unionByName(undated);
        Column fromChangedFile = col("source").isin(changedSources.toArray());
        this.all = changedSources.isEmpty() ? both : both.filter(not(fromChangedFile));
        this.leaving = changedSources.isEmpty() ? both.limit(0).select("doc_id", "published_date", "cluster_id")
                : both.filter(fromChangedFile).select("doc_id", "published_date", "cluster_id");
    }

    /** Articles of the files read again tonight: doc_id, published_date, cluster_id. */
    Dataset<Row> leaving() {
        return leaving;
    }

    /** The full rows (articles_undated columns) of the stored articles whose doc_id is among {@code docIds}. */
    Dataset<Row> rivals(Dataset<Row> docIds) {
        return all.join(docIds, new String[] {"doc_id"}, "left_semi");
    }

    /**
     * The stored articles that can change near-duplicate cluster tonight: every member of a cluster that has a
     * member sharing an LSH band key with one of tonight's signatures, or that is named in {@code alsoClusters};
     * clusters are connected components, so no other stored article can. Columns: doc_id, minhash, published_at,
     * published_date, fetched_at, cluster_id.
     *
     * @param tonight      tonight's signatures (a {@code minhash} column)
     * @param alsoClusters clusters that lose a member tonight (a {@code cluster_id} column)
     */
    Dataset<Row> clusterPool(Dataset<Row> tonight, Dataset<Row> alsoClusters) {
        Dataset<Row> tonightKeys = spark.createDataFrame(bandKeys(tonight.select(col("minhash"),
                        org.apache.spark.sql.functions.lit("").as("cluster_id"))), KEYED)
                .select("band_key").distinct();
        Dataset<Row> storedKeys = spark.createDataFrame(bandKeys(all.select("minhash", "cluster_id")), KEYED);
        Dataset<Row> clusters = storedKeys.join(tonightKeys, new String[] {"band_key"}, "left_semi")
                .select("cluster_id").unionByName(alsoClusters.select("cluster_id")).distinct();
        return all.join(clusters, new String[] {"cluster_id"}, "left_semi")
                .select("doc_id", "minhash", "published_at", "published_date", "fetched_at", "cluster_id");
    }

    /** (band_key, cluster_id) for every band of every signature: what LSH candidates share. */
    private static JavaRDD<Row> bandKeys(Dataset<Row> signatures) {
        return signatures.javaRDD().mapPartitions(rows -> {
            // The banding NearDuplicates clusters with, so the pool holds every stored candidate.
            LshBands bands = NearDuplicateRule.standard().bands();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                for (long key : bands.keys(NearDuplicates.ints(r.getList(0)))) {
                    out.add(RowFactory.create(key, r.getString(1)));
                }
            }
            return out.iterator();
        });
    }
}
