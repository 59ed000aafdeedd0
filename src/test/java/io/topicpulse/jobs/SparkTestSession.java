package io.topicpulse.jobs;

import org.apache.spark.sql.SparkSession;

/** The one local[2] SparkSession a test class shares; stop it in @AfterAll. */
public final class SparkTestSession {

    private SparkTestSession() {
    }

    public static SparkSession start() {
        System.setProperty("spark.sql.shuffle.partitions", "4");
        SparkSession spark = SparkSessions.create("topicpulse-test", "local[2]");
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
