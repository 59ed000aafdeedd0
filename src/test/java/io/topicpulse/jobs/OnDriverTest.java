package io.topicpulse.jobs;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OnDriverTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @Test
    void theCoresOfALocalMasterAreTheThreadsItNamesAndAClusterMasterHasNone() {
        SparkConf conf = new SparkConf(false);
        assertEquals(1, OnDriver.localCores("local", conf));
        assertEquals(3, OnDriver.localCores("local[3]", conf));
        assertEquals(PROCESSORS, OnDriver.localCores("local[*]", conf));
        assertEquals(2, OnDriver.localCores("local[2,4]", conf), "with task retries");
        assertEquals(-1, OnDriver.localCores("local-cluster[2,1,1024]", conf), "executors in other JVMs");
        assertEquals(-1, OnDriver.localCores("spark://host:7077", conf));
        assertEquals(-1, OnDriver.localCores("yarn", conf));
    }

    @Test
    void sparksDefaultParallelismWinsOverTheMastersThreads() {
        SparkConf conf = new SparkConf(false).set("spark.default.parallelism", "5");
        assertEquals(5, OnDriver.localCores("local[2]", conf));
        assertEquals(-1, OnDriver.localCores("yarn", conf));
    }

    @Test
    void textsComeToTheDriverUpToATenthOfItsHeapAndNeverFewerThanBefore() {
        assertEquals(14_316, OnDriver.defaultTextLimit(4L << 30));
        assertEquals(28_633, OnDriver.defaultTextLimit(8L << 30));
        assertEquals(OnDriver.LEAST_DEFAULT_TEXT_LIMIT, OnDriver.defaultTextLimit(1L << 30));
        assertEquals(OnDriver.LEAST_DEFAULT_TEXT_LIMIT, OnDriver.defaultTextLimit(256L << 20));
    }

    @Test
    void nightsMergeOnTheDriverWhileTheirRecordsFillATenthOfItsHeapAndNeverFewerThanBefore() {
        assertEquals(143_165, OnDriver.defaultMergeLimit(4L << 30));
        assertEquals(286_331, OnDriver.defaultMergeLimit(8L << 30));
        assertEquals(OnDriver.LEAST_DEFAULT_MERGE_LIMIT, OnDriver.defaultMergeLimit(1L << 30));
    }

    @Test
    void storedMentionRowsComeToTheDriverUpToATenthOfItsHeapAndNeverFewerThanBefore() {
        assertEquals(429_496, OnDriver.mentionRowLimit(4L << 30));
        assertEquals(OnDriver.LEAST_MENTION_ROW_LIMIT, OnDriver.mentionRowLimit(1L << 30));
        assertEquals(OnDriver.mentionRowLimit(Runtime.getRuntime().maxMemory()), OnDriver.mentionRowLimit());
    }
}
