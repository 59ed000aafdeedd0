package io.topicpulse.table;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.Metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An output table: its name (the folder under the output directory), meaning, columns and partitioning.
 *
 * @param name        folder name under the output directory, e.g. {@code articles}
 * @param description one paragraph on what a row is
 * @param columns     all columns, the partition column included, in storage order
 * @param partitionBy the Hive-style partition column ({@code date}), or null for an unpartitioned table
 */
public record TableSpec(String name, String description, List<Column> columns, String partitionBy) {

    public TableSpec {
        columns = List.copyOf(columns);
        if (partitionBy != null && columns.stream().noneMatch(c -> c.name().equals(partitionBy))) {
            throw new IllegalArgumentException("table " + name + ": partition column " + partitionBy + " not declared");
        }
    }

    /** The Spark schema, with each column's description kept as the field comment. */
    public StructType sparkSchema() {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(new StructField(c.name(), c.type(), c.nullable(), Metadata.empty()).withComment(c.description()));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Column names in storage order, for selecting a DataFrame into this table's shape. */
    public String[] columnNames() {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
