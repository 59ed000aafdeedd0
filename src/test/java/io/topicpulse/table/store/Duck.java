package io.topicpulse.table.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads test Parquet files with an in-memory DuckDB. */
final class Duck {

    private Duck() {
    }

    /** Writes the rows of {@code select} to {@code file} as Parquet, creating its folder. */
    static void writeParquet(Path file, String select) throws Exception {
        Files.createDirectories(file.getParent());
        execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }

    /** Runs {@code sql} and returns each row as its columns joined by '|', in result order. */
    static List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery(sql)) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "|" : "").append(r.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    /** The rows of a hive-partitioned table folder (or link to one), ordered by all columns. */
    static List<String> table(Path table) throws SQLException {
        return rows("SELECT * FROM read_parquet('" + table + "/**/*.parquet', hive_partitioning = true) ORDER BY ALL");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
