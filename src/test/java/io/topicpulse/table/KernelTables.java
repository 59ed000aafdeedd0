package io.topicpulse.table;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Reads a Delta table with Delta Kernel, the reader without Spark, as rows of display strings that {@link #render}
 * also makes of Spark's rows: the second reader of the tests.
 */
public final class KernelTables {

    private KernelTables() {
    }

    /** Every row of the table's latest snapshot, each as its values joined by " | ", sorted. */
    public static List<String> rows(String tablePath, Configuration hadoop) {
        return read(tablePath, hadoop, OptionalLong.empty()).rows();
    }

    /** A snapshot read: its version and its {@link #rows}. */
    public record Read(long version, List<String> rows) {
    }

    /** The table at {@code version}, or at its latest version when empty, with the version read. */
    public static Read read(String tablePath, Configuration hadoop, OptionalLong version) {
        Engine engine = DefaultEngine.create(hadoop);
        SnapshotBuilder builder = TableManager.loadSnapshot(tablePath);
        if (version.isPresent()) {
            builder = builder.atVersion(version.getAsLong());
        }
        Snapshot snapshot = builder.build(engine);
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        Row scanFile = scanFiles.next();
                        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<io.delta.kernel.data.ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(singleton(file), physical, Optional.empty())
                                .map(r -> r.getData());
                        try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine,
                                scanState, scanFile, data)) {
                            while (logical.hasNext()) {
                                try (CloseableIterator<Row> rows = logical.next().getRows()) {
                                    while (rows.hasNext()) {
                                        out.add(render(rows.next()));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return new Read(snapshot.getVersion(), out);
    }

    /** A Spark row rendered as {@link #rows} renders a Kernel row. */
    public static String render(org.apache.spark.sql.Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(sparkValue(row.get(i)));
        }
        return String.join(" | ", values);
    }

    private static String sparkValue(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            List<String> items = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(x -> items.add(sparkValue(x)));
            return items.toString();
        }
        if (v instanceof scala.collection.Map<?, ?> map) {
            TreeMap<String, String> sorted = new TreeMap<>();
            scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, x) -> sorted.put(sparkValue(k),
                    sparkValue(x)));
            return sorted.toString();
        }
        return String.valueOf(v);
    }

    private static String render(Row row) {
        List<String> values = new ArrayList<>();
        StructType schema = row.getSchema();
        for (int i = 0; i < schema.length(); i++) {
            values.add(row.isNullAt(i) ? "null" : value(row, i, schema.at(i).getDataType()));
        }
        return String.join(" | ", values);
    }

    private static String value(Row row, int i, DataType type) {
        if (type instanceof DateType) {
            return LocalDate.ofEpochDay(row.getInt(i)).toString();
        }
        if (type instanceof TimestampType) {
            return micros(row.getLong(i));
        }
        if (type instanceof ArrayType a) {
            return array(row.getArray(i), a.getElementType()).toString();
        }
        if (type instanceof MapType m) {
            return map(row.getMap(i), m).toString();
        }
        return switch (type.toString()) {
            case "string" -> row.getString(i);
            case "long" -> String.valueOf(row.getLong(i));
            case "integer" -> String.valueOf(row.getInt(i));
            case "double" -> String.valueOf(row.getDouble(i));
            case "boolean" -> String.valueOf(row.getBoolean(i));
            default -> throw new IllegalArgumentException("no rendering for " + type);
        };
    }

    private static List<String> array(ArrayValue array, DataType element) {
        List<String> items = new ArrayList<>();
        ColumnVector v = array.getElements();
        for (int j = 0; j < array.getSize(); j++) {
            items.add(element(v, j, element));
        }
        return items;
    }

    private static TreeMap<String, String> map(MapValue map, MapType type) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int j = 0; j < map.getSize(); j++) {
            sorted.put(element(map.getKeys(), j, type.getKeyType()), element(map.getValues(), j,
                    type.getValueType()));
        }
        return sorted;
    }

    private static String element(ColumnVector v, int j, DataType type) {
        if (v.isNullAt(j)) {
            return "null";
        }
        return switch (type.toString()) {
            case "string" -> v.getString(j);
            case "long" -> String.valueOf(v.getLong(j));
            case "integer" -> String.valueOf(v.getInt(j));
            case "double" -> String.valueOf(v.getDouble(j));
            default -> throw new IllegalArgumentException("no rendering for " + type);
        };
    }

    private static String micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .toString();
    }

    private static <T> CloseableIterator<T> singleton(T item) {
        return io.delta.kernel.internal.util.Utils.singletonCloseableIterator(item);
    }
}
