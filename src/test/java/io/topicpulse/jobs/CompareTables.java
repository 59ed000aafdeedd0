package io.topicpulse.jobs;

import io.topicpulse.table.DeltaTables;
import io.topicpulse.table.Tables;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;

/**
 * A dev tool: the row count of every table of each output (any Hadoop file system), and whether the tables of each
 * output equal the first's, row for row (as the tests compare them: without run_id, and without the columns that
 * name input files, which differ between file systems). run_stats and inputs are counted, not compared.
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
                Map<String, List<String>> tables = NightlyTables.all(spark, output, "source", "detail");
                if (first == null) {
                    first = tables;
                } else {
                    boolean equal = first.equals(tables);
                    same &= equal;
                    System.out.println("  tables " + (equal ? "equal" : "DIFFER from") + " the first output's");
                }
            }
        }
        System.exit(same ? 0 : 1);
    }
}
