package io.topicpulse.cli;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report and kwic refuse bad arguments before Spark starts, naming the option. */
class ReportCommandLineTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private void assertRefused(String option, String... args) {
        CommandLine cli = new CommandLine(new TopicPulse());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute(args), err.toString());
        assertTrue(err.toString().contains(option), err.toString());
    }

    @AfterEach
    void noSparkStarted() {
        assertTrue(SparkSession.getActiveSession().isEmpty(), "no SparkSession was started");
    }

    @Test
    void reportRefusesAPeriodThatEndsBeforeItStarts() {
        assertRefused("--until", "report", "--output", tmp.toString(), "--to", tmp.resolve("r.html").toString(),
                "--from", "2024-11-30", "--until", "2024-11-01");
    }

    @Test
    void reportRefusesAFolderAsItsFileAndAFolderThatDoesNotExist() {
        assertRefused("--to", "report", "--output", tmp.toString(), "--to", tmp.toString());
        assertRefused("--to", "report", "--output", tmp.toString(), "--to", tmp.resolve("no/r.html").toString());
        assertRefused("--output", "report", "--output", tmp.resolve("nowhere").toString(), "--to", "r.html");
    }

    @Test
    void kwicNeedsATopicOrATermButNotBoth() {
        assertRefused("--topic", "kwic", "--output", tmp.toString());
        assertRefused("--topic", "kwic", "--output", tmp.toString(), "--topic", "axis", "--term", "axis");
    }

    @Test
    void kwicRefusesADayTogetherWithAPeriod() {
        assertRefused("--date", "kwic", "--output", tmp.toString(), "--topic", "axis", "--date", "2024-11-13",
                "--from", "2024-11-01");
    }

    @Test
    void kwicRefusesAnUnknownFormatATopicOutsideTheLexiconAndNoLines() {
        assertRefused("--format", "kwic", "--output", tmp.toString(), "--topic", "axis", "--format", "xml");
        assertRefused("--topic", "kwic", "--output", tmp.toString(), "--topic", "weather");
        assertRefused("--limit", "kwic", "--output", tmp.toString(), "--topic", "axis", "--limit", "0");
    }
}
