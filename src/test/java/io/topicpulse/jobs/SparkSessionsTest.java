package io.topicpulse.jobs;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkSessionsTest {

    @Test
    void aSessionIsLocalForALocalMasterAndByDefaultButNotForAClusterMaster() {
        assertTrue(SparkSessions.isLocal("local[2]"));
        assertTrue(SparkSessions.isLocal("local"));
        assertFalse(SparkSessions.isLocal("spark://host:7077"));
        assertFalse(SparkSessions.isLocal("yarn"));
        String before = System.getProperty("spark.master");
        try {
            // What spark-submit sets when no --master is given to the command.
            System.setProperty("spark.master", "yarn");
            assertFalse(SparkSessions.isLocal(null));
            assertTrue(SparkSessions.isLocal("local[*]"), "--master wins");
            System.clearProperty("spark.master");
            assertTrue(SparkSessions.isLocal(null), "local[*] when nothing is set");
        } finally {
            if (before == null) {
                System.clearProperty("spark.master");
            } else {
                System.setProperty("spark.master", before);
            }
        }
    }

    @Test
    void everySessionLoadsDeltaAndWorkBeforeItSeesTheSameSettings() {
        SparkConf own = new SparkConf(false);
        org.apache.hadoop.conf.Configuration hadoop = SparkSessions.hadoopConfiguration(own);
        assertEquals("NONE", hadoop.get("parquet.summary.metadata.level"));
        assertFalse(own.contains("spark.sql.extensions"), "the caller's settings are left as they were");
        SparkConf applied = new SparkConf(false);
        SparkSessions.applyTableSettings(applied);
        assertEquals("io.delta.sql.DeltaSparkSessionExtension", applied.get("spark.sql.extensions"));
        assertEquals("UTC", applied.get("spark.sql.session.timeZone"));
    }
}
