package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * A dev tool: the row count of every table of each output (any Hadoop file system), and whether the tables of each
 * output equal the first's, row for row (as the tests compare them: without run_id, and without the columns that
 * name input files or come from their modification times, which differ between file systems: source, detail,
 * fetched_at, which a page without a date of its crawl takes from its file). run_stats and inputs are counted, not
 * compared.
 *
 * <pre>
 * java -Dspark.hadoop.fs.s3a.endpoint=... -cp target/test-classes:target/classes:$(cat target/classpath-test.txt) \
 *     io.topicpulse.jobs.CompareTables OUTPUT OTHER_OUTPUT ...
 * </pre>
 * Exit code 1 when an output's tables differ from the first's.
 */
public final class CompareTables {

    private CompareTables() {
    }

    public static void main(String[] args) throws Exception {
        boolean same = true;
        try (SparkSession spark = SparkTestSession.start()) {
            Map<String, List<String>> first = null;
            for (String output : args) {
                DeltaTables delta = new DeltaTables(spark, output);
                StringBuilder counts = new StringBuilder(output + ":");
                for (var table : Tables.ALL) {
                    if (delta.exists(table)) {
                        counts.append(' ').append(table.name()).append('=').append(delta.read(table).count());
                    }
                }
                System.out.println(counts);
                Map<String, List<String>> tables = NightlyTables.all(spark, output, "source", "detail", "fetched_at");
                if (first == null) {
                    first = tables;
                } else {
                    boolean equal = first.equals(tables);
                    same &= equal;
                    System.out.println("  tables " + (equal ? "equal" : "DIFFER from") + " the first output's");
                    for (var e : first.entrySet()) {
                        if (!e.getValue().equals(tables.get(e.getKey()))) {
                            System.out.println("  " + e.getKey() + " differs, e.g. " + e.getValue().stream()
                                    .filter(row -> !tables.getOrDefault(e.getKey(), List.of()).contains(row))
                                    .findFirst().orElse("(a row less)"));
                        }
                    }
                }
            }
        }
        System.exit(same ? 0 : 1);
    }
}
