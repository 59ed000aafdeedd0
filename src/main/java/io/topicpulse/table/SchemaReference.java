package io.topicpulse.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders the README's schema reference from {@link Tables}, and rewrites it in place when run as a program. */
public final class SchemaReference {

    public static final String BEGIN = "<!-- schema-reference:begin (generated from io.topicpulse.table.Tables;"
            + " regenerate with jobs/topicpulse schema-doc) -->";
    public static final String END = "<!-- schema-reference:end -->";

    private SchemaReference() {
    }

    /** The Markdown reference of every table. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("Every table is a Delta table at `OUTPUT/<name>`; the descriptions below "
                + "are also the columns' comments in the Delta schema.\n\n");
        for (TableSpec table : Tables.ALL) {
            md.append("### `").append(table.name()).append("`\n\n").append(table.description()).append('\n');
            if (table.partitionBy() != null) {
                md.append("Partitioned by `").append(table.partitionBy()).append("`: a query filtering on it reads only those days.\n");
            }
            md.append("\n| column | type | null | description |\n|---|---|---|---|\n");
            for (Column c : table.columns()) {
                md.append("| `").append(c.name()).append("` | ").append(c.type().simpleString().toUpperCase())
                        .append(" | ").append(c.nullable() ? "yes" : "no").append(" | ")
                        .append(c.description().replace("|", "\\|")).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The README text with the block between the markers replaced by the current reference. */
    public static String replaceIn(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README has no schema reference markers");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n\n" + markdown() + readme.substring(end);
    }

    /** Rewrites the schema reference in the README named by the first argument (default README.md). */
    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, replaceIn(text), StandardCharsets.UTF_8);
    }
}
