package io.topicpulse.cli;

import io.topicpulse.jobs.SparkSessions;
import io.topicpulse.report.KwicLine;
import io.topicpulse.report.KwicQuery;
import io.topicpulse.report.PublishedTables;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code topicpulse kwic}: the sentences behind a count, with date, host and URL. */
@Command(name = "kwic", mixinStandardHelpOptions = true,
        description = "Print keyword-in-context lines of a topic (as it was counted) or of any word or phrase.")
final class KwicCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TableReadOptions tables;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SeriesCommand.What what;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "One day.")
    String date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Last day.")
    String until;

    @Option(names = "--source", paramLabel = "HOST", description = "Only this host.")
    String source;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "Most lines (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|jsonl",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        String out = tables.folder(spec);
        if (date != null && (from != null || until != null)) {
            throw Options.fail(spec, "--date names one day; give it alone, or --from and --until");
        }
        LocalDate first = Options.day(spec, date != null ? "--date" : "--from", date != null ? date : from);
        LocalDate last = date != null ? first : Options.day(spec, "--until", until);
        Options.ordered(spec, first, last);
        Options.atLeast(spec, "--limit", limit, 1);
        KwicLine.Format f;
        try {
            f = KwicLine.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Options.fail(spec, "--format must be table, csv or jsonl, was '" + format + "'");
        }
        if (what.term != null && what.term.isBlank()) {
            throw Options.fail(spec, "--term must hold a word");
        }
        Lexicon lex = tables.lexicon(spec);
        if (what.topic != null && lex.topics().stream().noneMatch(t -> t.name().equals(what.topic))) {
            throw Options.fail(spec, "--topic '" + what.topic + "' is not in the lexicon ("
                    + String.join(", ", lex.topics().stream().map(Lexicon.Topic::name).toList()) + ")");
        }
        KwicQuery query = new KwicQuery(what.topic, what.term, first, last, source, limit, lex);
        try (SparkSession spark = SparkSessions.create("topicpulse kwic", tables.master)) {
            PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            stdout.print(KwicLine.format(query.run(new PublishedTables(spark, out)), f));
        } catch (IllegalArgumentException e) {
            System.err.println("topicpulse kwic: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
