package io.topicpulse.jobs;

import io.topicpulse.table.ForklessLocalFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/** Builds the SparkSession every job runs in, with the settings the output tables depend on. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * @param master the master URL from {@code --master}, or null to keep what spark-submit set, falling back to
     *               {@code local[*]} (the embedded default: no cluster needed)
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        conf.setMaster(masterOf(conf, master));
        boolean local = conf.get("spark.master").startsWith("local");
        applyTableSettings(conf);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        // The jobs' limits cap rows that are all wanted on the driver: reading every partition in the first job
        // saves the second that Spark's default (one partition first) starts when the rows are more than it holds.
        conf.setIfMissing("spark.sql.limit.initialNumPartitions", "1000");
        if (local) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
            // Delta's VACUUM lists a table's folders in this many tasks (10,000 by default): thousands of empty
            // tasks on one machine.
            conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8");
            // Delta rebuilds a table's state from its log in this many tasks (50 by default), each of which
            // generates the code of Delta's action decoders again: on one machine, a task a core. VACUUM of a
            // small table took 22-27 s with 50 and 6-10 s with 2.
            conf.setIfMissing("spark.databricks.delta.snapshotPartitions",
                    String.valueOf(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()))));
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * True when {@link #create} with this {@code --master} (null: none given) runs Spark in this JVM, its tasks on
     * the driver's cores.
     */
    public static boolean isLocal(String master) {
        return masterOf(new SparkConf(), master).startsWith("local");
    }

    /** The master a session of {@link #create} runs on: {@code master}, else what spark-submit set, else local[*]. */
    static String masterOf(SparkConf conf, String master) {
        return master != null ? master : conf.get("spark.master", "local[*]");
    }

    /**
     * The Hadoop settings a session of {@link #create} will have, for file work done before it starts (listing the
     * inputs, a night's read begun before Spark): Hadoop's own with {@code conf}'s {@code spark.hadoop.*} over
     * them, the table settings' among them. Spark caches a file system by its scheme and takes the first one made,
     * so work before the session must make it as the session would.
     */
    public static Configuration hadoopConfiguration(SparkConf conf) {
        SparkConf withTables = conf.clone();
        applyTableSettings(withTables);
        return SparkHadoopUtil.get().newConfiguration(withTables);
    }

    /**
     * Settings the tables depend on: Delta's session extension and catalog, INT64 timestamps and UTC days in the
     * Parquet files, local files written without a process each.
     */
    public static void applyTableSettings(SparkConf conf) {
        conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.sql.parquet.compression.codec", "zstd");
        // Every data file of a table is listed in its Delta log, so readers need no statistics of their own.
        conf.setIfMissing("spark.hadoop.parquet.summary.metadata.level", "NONE");
        // Local files and folders without a chmod process each (ForklessLocalFileSystem).
        conf.setIfMissing("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
    }
}
