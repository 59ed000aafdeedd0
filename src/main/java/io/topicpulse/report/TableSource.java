package io.topicpulse.report;

import io.topicpulse.table.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The one way {@code report} and {@code kwic} read a table, so a change of table format changes one class. */
@FunctionalInterface
public interface TableSource {

    /** The table's rows with its declared columns; fails naming the table when the output has none. */
    Dataset<Row> read(TableSpec table);
}
