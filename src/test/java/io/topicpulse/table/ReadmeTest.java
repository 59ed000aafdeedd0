package io.topicpulse.table;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README is part of the public API: its schema reference and its commands must match the code and CI. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    void schemaReferenceMatchesTheDeclaredTables() throws IOException {
        String readme = Files.readString(README);
        assertEquals(SchemaReference.replaceIn(readme), readme,
                "README's schema reference is stale: run jobs/topicpulse schema-doc (or SchemaReference.main)");
    }

    @Test
    void everyTableIsDocumentedWithEveryColumnDescribed() {
        for (TableSpec table : Tables.ALL) {
            assertTrue(SchemaReference.markdown().contains("### `" + table.name() + "`"), table.name());
            for (Column c : table.columns()) {
                assertTrue(c.description() != null && c.description().length() > 5, table.name() + "." + c.name());
            }
        }
    }

    @Test
    void ciRunsTheTestCommandPrintedAtTheTopOfTheReadme() throws IOException {
        List<String> commands = readmeCommands();
        assertEquals(2, commands.size(), "README opens with two commands: " + commands);
        assertTrue(commands.get(0).contains("jobs/topicpulse run --input sample-data"), commands.get(0));
        String testCommand = commands.get(1);
        List<String> ciLines = Files.readAllLines(Path.of(".ci/run"));
        assertTrue(ciLines.stream().map(String::strip).anyMatch(testCommand::equals),
                ".ci/run must run README's test command: " + testCommand);
    }

    /** The commands of the README's first code block, comments stripped. */
    private static List<String> readmeCommands() throws IOException {
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertTrue(block.find(), "README has a bash block");
        return block.group(1).lines().map(l -> l.replaceAll("\\s+#.*$", "").strip()).filter(l -> !l.isEmpty())
                .toList();
    }
}
