package io.topicpulse.jobs;

import io.topicpulse.table.store.ForklessLocalFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
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
    void workBeforeTheSessionListsLocalFilesWithoutChildProcessesUnlessTheUserNamesAnotherFileSystem() {
        String key = "spark.hadoop." + ForklessLocalFileSystem.IMPL_KEY;
        assertEquals(ForklessLocalFileSystem.class.getName(), SparkSessions.hadoopConfiguration(new SparkConf(false))
                .get(ForklessLocalFileSystem.IMPL_KEY));
        SparkConf own = new SparkConf(false).set(key, LocalFileSystem.class.getName());
        assertEquals(LocalFileSystem.class.getName(), SparkSessions.hadoopConfiguration(own)
                .get(ForklessLocalFileSystem.IMPL_KEY));
        assertFalse(own.contains("spark.sql.session.timeZone"), "the caller's settings are left as they were");
    }
}
