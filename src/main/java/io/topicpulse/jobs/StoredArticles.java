package io.topicpulse.jobs;

import io.topicpulse.dedup.LshBands;
import io.topicpulse.table.Tables;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
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
    private final List<Row> leavingRows;

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
        this.leavingRows = changedSources.isEmpty() ? List.of()
                : both.filter(fromChangedFile).select("doc_id", "published_date", "cluster_id").collectAsList();
    }

    /** Articles of the files read again tonight, on the driver: doc_id, published_date, cluster_id. */
    List<Row> leavingRows() {
        return leavingRows;
    }

    /**
     * The full rows (articles_undated columns) of the stored articles with these doc_ids. The narrow scan finds
     * which are stored first: a filter on all of a big night's doc_ids would be a plan of megabytes.
     */
    Dataset<Row> withDocIds(Collection<String> docIds) {
        return withDocIds(candidates(docIds, new long[0]));
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
        Set<String> clusters = new TreeSet<>(alsoClusters);
        for (Hit hit : scan(Set.of(), tonightKeys)) {
            clusters.add(hit.cluster());
        }
        return pool(clusters);
    }

    /**
     * What {@link #withDocIds} and {@link #clusterPool} look for, found in one pass over the narrow columns: those
     * of {@code docIds} stored and the files holding them, and the clusters with a member sharing one of
     * {@code keys}, with the keys it shares.
     */
    Candidates candidates(Collection<String> docIds, long[] keys) {
        Set<String> stored = new TreeSet<>();
        List<String> files = new ArrayList<>();
        Map<String, Set<Long>> keysByCluster = new HashMap<>();
        for (Hit hit : scan(new HashSet<>(docIds), keys)) {
            if (hit.file() != null) {
                stored.add(hit.docId());
                files.add(hit.file());
            }
            for (long key : hit.keys()) {
                keysByCluster.computeIfAbsent(hit.cluster(), c -> new HashSet<>()).add(key);
            }
        }
        return new Candidates(stored, files.stream().distinct().toList(), keysByCluster);
    }

    /**
     * The result of {@link #candidates}.
     *
     * @param docIds the wanted doc_ids that are stored: on a big night a few of tens of thousands, and a filter on
     *               them stays small (one on all of them made a 4.8 MB task binary, which Spark warned of)
     */
    record Candidates(Collection<String> docIds, List<String> files, Map<String, Set<Long>> keysByCluster) {
    }

    /** {@link #withDocIds} for the doc_ids of {@code found}. */
    Dataset<Row> withDocIds(Candidates found) {
        return found.docIds().isEmpty() ? empty()
                : rowsIn(found.files(), col("doc_id").isin(found.docIds().toArray()));
    }

    /** {@link #clusterPool} for keys among those of {@code found}. */
    Dataset<Row> clusterPool(Candidates found, Set<Long> tonightKeys, Collection<String> alsoClusters) {
        Set<String> clusters = new TreeSet<>(alsoClusters);
        found.keysByCluster().forEach((cluster, keys) -> {
            if (keys.stream().anyMatch(tonightKeys::contains)) {
                clusters.add(cluster);
            }
        });
        return pool(clusters);
    }

    /**
     * A stored article's doc_id and file when its doc_id is wanted (else null), and its cluster with the wanted band
     * keys it has.
     */
    private record Hit(String docId, String file, String cluster, long[] keys) implements Serializable {
    }

    private List<Hit> scan(Set<String> docIds, long[] keys) {
        if (docIds.isEmpty() && keys.length == 0) {
            return List.of();
        }
        long[] sortedKeys = keys.clone();
        Arrays.sort(sortedKeys);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<long[]> wantedKeys = jsc.broadcast(sortedKeys);
        Broadcast<Set<String>> wantedIds = jsc.broadcast(docIds);
        try {
            // Finding rivals alone (the merge in Spark) needs no signatures: their column is not read.
            Column minhash = sortedKeys.length == 0 ? lit(null).as("minhash") : col("minhash");
            return all.select(col("doc_id"), col("cluster_id"), minhash, input_file_name()).javaRDD()
                    .mapPartitions(rows -> {
                        LshBands bands = LshBands.standard();
                        long[] sorted = wantedKeys.value();
                        Set<String> ids = wantedIds.value();
                        List<Hit> out = new ArrayList<>();
                        while (rows.hasNext()) {
                            Row r = rows.next();
                            long[] shared = sorted.length == 0 ? new long[0]
                                    : bands.sharedKeys(NearDuplicates.ints(r.getList(2)), sorted);
                            boolean wanted = ids.contains(r.getString(0));
                            if (wanted || shared.length > 0) {
                                out.add(new Hit(wanted ? r.getString(0) : null, wanted ? r.getString(3) : null,
                                        r.getString(1), shared));
                            }
                        }
                        return out.iterator();
                    }).collect();
        } finally {
            wantedKeys.destroy();
            wantedIds.destroy();
        }
    }

    private Dataset<Row> pool(Set<String> clusters) {
        if (clusters.isEmpty()) {
            return empty("doc_id", "minhash", "published_at", "published_date", "fetched_at", "cluster_id");
        }
        return collected(all.filter(col("cluster_id").isin(clusters.toArray()))
                .select("doc_id", "minhash", "published_at", "published_date", "fetched_at", "cluster_id"));
    }

    /** The rows matching a filter over narrow columns, read in full from the data files that hold them. */
    private Dataset<Row> rowsIn(List<String> files, Column filter) {
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
