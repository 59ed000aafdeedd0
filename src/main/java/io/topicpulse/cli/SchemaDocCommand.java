package io.topicpulse.cli;

import io.topicpulse.table.SchemaReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code topicpulse schema-doc}: rewrites the README's schema reference from the declared tables. */
@Command(name = "schema-doc", hidden = true, mixinStandardHelpOptions = true,
        description = "Rewrite the schema reference in README.md from io.topicpulse.table.Tables.")
final class SchemaDocCommand implements Callable<Integer> {

    @Option(names = "--readme", defaultValue = "README.md", paramLabel = "FILE")
    Path readme;

    @Override
    public Integer call() throws Exception {
        SchemaReference.main(new String[] {readme.toString()});
        return 0;
    }
}
