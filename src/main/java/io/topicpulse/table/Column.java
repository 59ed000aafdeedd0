package io.topicpulse.table;

import org.apache.spark.sql.types.DataType;

/**
 * One column of an output table: the public contract notebooks code against.
 *
 * @param name        the column name, snake_case
 * @param type        its Spark SQL type (DATE for days, TIMESTAMP for instants, stored as INT64 micros)
 * @param nullable    whether the column may hold nulls
 * @param description what the value means, for the README's schema reference
 */
public record Column(String name, DataType type, boolean nullable, String description) {
}
