package io.topicpulse.cli;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TopicPulse());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void aMissingInputFailsBeforeSparkStartsAndNamesThePath() {
        int code = run("run", "--input", tmp.resolve("nowhere").toString(), "--output", tmp.resolve("o").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("nowhere"), err.toString());
        assertTrue(SparkSession.getActiveSession().isEmpty(), "no SparkSession was started");
    }

    @Test
    void anInvalidLexiconFailsBeforeSparkStartsAndSaysWhatIsWrong() throws Exception {
        Path lexicon = tmp.resolve("bad.yaml");
        Files.writeString(lexicon, "topics:\n  axis:\n    terms: []\n");
        int code = run("run", "--input", "sample-data", "--output", tmp.resolve("o").toString(),
                "--lexicon", lexicon.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--lexicon") && err.toString().contains("axis"), err.toString());
        assertTrue(SparkSession.getActiveSession().isEmpty(), "no SparkSession was started");
    }

    @Test
    void aLexiconFileThatDoesNotExistIsNamed() {
        int code = run("topics", "--output", tmp.toString(), "--lexicon", "no-such-lexicon.yaml");
        assertEquals(2, code);
        assertTrue(err.toString().contains("no-such-lexicon.yaml"), err.toString());
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        int code = run("run", "--input", "sample-data", "--output", file.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--output") && err.toString().contains("not a folder"), err.toString());
    }

    @Test
    void anOutputOfTheSnapshotStoreIsRefusedWithTheCommandThatRebuildsIt() throws Exception {
        java.nio.file.Path old = java.nio.file.Files.createDirectories(tmp.resolve("old-output"));
        java.nio.file.Files.writeString(old.resolve("_CURRENT"), "s000001");
        int code = run("nightly", "--input", "sample-data", "--output", old.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("earlier topicpulse") && err.toString().contains("topicpulse run"),
                err.toString());
    }

    @Test
    void aDateFloorOutsideZeroToOneFailsBeforeSparkStartsAndNamesTheOption() {
        for (String command : new String[] {"run", "nightly"}) {
            int code = run(command, "--input", "sample-data", "--output", tmp.resolve("o").toString(),
                    "--min-date-confidence", "1.5");
            assertEquals(2, code, command);
            assertTrue(err.toString().contains("--min-date-confidence must be a number from 0 to 1, was 1.5"),
                    err.toString());
        }
        assertEquals(2, run("extract-files", "--input", "sample-data", "--output", tmp.resolve("x.jsonl").toString(),
                "--min-date-confidence", "-0.1"));
        assertTrue(err.toString().contains("--min-date-confidence must be a number from 0 to 1, was -0.1"),
                err.toString());
        assertTrue(SparkSession.getActiveSession().isEmpty(), "no SparkSession was started");
    }

    @Test
    void seriesNeedsEitherATopicOrATermButNotBoth() {
        assertEquals(2, run("series", "--output", tmp.toString()));
        assertEquals(2, run("series", "--output", tmp.toString(), "--topic", "axis", "--term", "axis"));
    }

    @Test
    void seriesRefusesAnUnknownPeriod() throws Exception {
        int code = run("series", "--output", tmp.toString(), "--topic", "axis", "--by", "fortnight");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--by"), err.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String name : new CommandLine(new TopicPulse()).getSubcommands().keySet()) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new TopicPulse());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            assertEquals(0, cli.execute(name, "--help"), name + ": " + err);
            assertTrue(out.toString().contains("Usage: topicpulse " + name), name + ": " + out);
        }
    }
}
