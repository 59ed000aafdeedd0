package io.topicpulse.jobs;

import io.topicpulse.topics.Lexicon;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Path;

/** A test class that runs jobs: its one local[2] SparkSession ({@link SparkTestSession}) and the jobs' lexicon. */
abstract class SparkLexiconTest {

    protected static SparkSession spark;
    protected static Lexicon lexicon;

    @BeforeAll
    static void start() throws IOException {
        spark = SparkTestSession.start();
        lexicon = Lexicon.load(Path.of("jobs/lexicon.yaml"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }
}
