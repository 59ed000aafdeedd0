package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import io.topicpulse.table.Tables;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.not;

/**
 * The published articles a night merges tonight's into (articles and articles_undated, without the rows of the
 * files read again tonight), found through scans of a few narrow columns: a night reads full rows only of the
 * articles tonight's records compete with, whatever the size of the corpus.
 */
final class StoredArticles {

    private final SparkSession spark;
    private final Column fromChangedFile;
    private final Dataset<Row> all;
    private final Dataset<Row> leaving;

    /**
     * @param dated          the published articles table
     * @param undated        the published articles_undated table
     * @param changedSources input files read again tonight: their articles leave
     */
    StoredArticles(SparkSession spark, Dataset<Row> dated, Dataset<Row> undated, Set<String> changedSources) {
        this.spark = spark;
        Dataset<Row> both = dated.drop("date").unionByName(undated);
        this.fromChangedFile = col("source").isin(changedSources.toArray());
        this.all = both.filter(not(fromChangedFile));
        this.leaving = changedSources.isEmpty() ? empty("doc_id", "published_date", "cluster_id")
                : collected(both.filter(fromChangedFile).select("doc_id", "published_date", "cluster_id"));
    }

    /** Articles of the files read again tonight: doc_id, published_date, cluster_id. */
    Dataset<Row> leaving() {
        return leaving;
    }

    /** The full rows (articles_undated columns) of the stored articles with these doc_ids. */
    Dataset<Row> withDocIds(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return empty();
        }
        return rowsOf(col("doc_id").isin(docIds.toArray()));
    }

    /**
     * The stored articles that can change near-duplicate cluster tonight: those sharing an LSH band key with one
     * of tonight's articles, with every member of their clusters and of {@code alsoClusters}; clusters are
     * connected components, so no other stored article can. Columns: doc_id, minhash, published_at,
     * published_date, fetched_at, cluster_id.
     *
     * @param tonightKeys  band keys ({@link LshBands#standard()}) of tonight's articles
     * @param alsoClusters clusters that lose a member tonight
     */
    Dataset<Row> clusterPool(long[] tonightKeys, Collection<String> alsoClusters) {
        long[] keys = tonightKeys.clone();
        Arrays.sort(keys);
        Broadcast<long[]> wanted = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(keys);
        Set<String> clusters = new TreeSet<>(alsoClusters);
        List<String> sharing = all.select("cluster_id", "minhash").javaRDD().mapPartitions(rows -> {
            LshBands bands = LshBands.standard();
            long[] sorted = wanted.value();
            List<String> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                for (long key : bands.keys(NearDuplicates.ints(r.getList(1)))) {
                    if (Arrays.binarySearch(sorted, key) >= 0) {
                        out.add(r.getString(0));
                        break;
                    }
                }
            }
            return out.iterator();
        }).distinct().collect();
        wanted.destroy();
        clusters.addAll(sharing);
        if (clusters.isEmpty()) {
            return empty("doc_id", "minhash", "published_at", "published_date", "fetched_at", "cluster_id");
        }
        return collected(all.filter(col("cluster_id").isin(clusters.toArray()))
                .select("doc_id", "minhash", "published_at", "published_date", "fetched_at", "cluster_id"));
    }

    /** The rows matching a filter over narrow columns, reading in full only the data files that hold one. */
    private Dataset<Row> rowsOf(Column filter) {
        List<String> files = all.filter(filter).select(input_file_name()).distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        if (files.isEmpty()) {
            return empty();
        }
        // The article files lack the date partition column, and published_date holds it: read them all with the
        // articles_undated schema.
        return TableIO.conform(spark.read().schema(Tables.ARTICLES_UNDATED.sparkSchema())
                .parquet(files.toArray(String[]::new)), Tables.ARTICLES_UNDATED)
                .filter(not(fromChangedFile)).filter(filter);
    }

    /** A small result brought to the driver once, so later uses do not scan the tables again. */
    private Dataset<Row> collected(Dataset<Row> rows) {
        return spark.createDataFrame(rows.collectAsList(), rows.schema());
    }

    private Dataset<Row> empty(String... columns) {
        Dataset<Row> none = spark.createDataFrame(List.of(), Tables.ARTICLES_UNDATED.sparkSchema());
        return columns.length == 0 ? none : none.select(Arrays.stream(columns).map(c -> col(c))
                .toArray(Column[]::new));
    }
}
