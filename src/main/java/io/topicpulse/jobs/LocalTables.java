package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.execution.datasources.parquet.ParquetReadSupport;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's Parquet files read and written on the driver with no Spark session: Spark's own read and write support,
 * schema conversion and settings, so the rows are those {@code spark.read} would give and the files those
 * {@link LocalParquet} writes. For a small local night ({@link LocalNight}), which needs no Spark session at all.
 */
final class LocalTables {

    /** The SQL and Hadoop settings a session of {@link SparkSessions#create} would read and write with. */
    record Settings(SQLConf sql, Configuration hadoop) {

        /** The settings of a session started with {@code conf} (its {@code spark.*} system properties). */
        static Settings of(SparkConf conf) {
            SparkConf withTables = conf.clone();
            SparkSessions.applyTableSettings(withTables);
            SQLConf sql = new SQLConf();
            Configuration hadoop = SparkSessions.hadoopConfiguration(withTables);
            for (Tuple2<String, String> entry : withTables.getAll()) {
                if (entry._1().startsWith("spark.sql.")) {
                    sql.setConfString(entry._1(), entry._2());
                    // As a session's newHadoopConf: its SQL settings are Hadoop settings of its file formats too.
                    hadoop.set(entry._1(), entry._2());
                }
            }
            return new Settings(sql, hadoop);
        }

        CompressionCodecName codec() {
            String name = sql.parquetCompressionCodec();
            return "none".equalsIgnoreCase(name) ? CompressionCodecName.UNCOMPRESSED
                    : CompressionCodecName.fromConf(name);
        }
    }

    private LocalTables() {
    }

    /**
     * The rows of a table's Parquet files, with the {@code columns} asked for (by name, of the table), in the order
     * of the files and of each file's rows. The partition column, when asked for, comes from each file's folder name.
     *
     * @param files  data files of the table
     * @param table  the table they belong to
     * @param columns names of the table's columns to give, in this order
     */
    static List<Row> read(List<Path> files, TableSpec table, Settings settings, String... columns) {
        StructType wanted = select(table.sparkSchema(), columns);
        String partition = table.partitionBy();
        List<String> fileColumns = new ArrayList<>();
        for (String c : columns) {
            if (!c.equals(partition)) {
                fileColumns.add(c);
            }
        }
        StructType fileSchema = select(table.sparkSchema(), fileColumns.toArray(String[]::new));
        int partitionAt = partition == null ? -1 : List.of(columns).indexOf(partition);
        Configuration conf = readConf(settings, fileSchema);
        @SuppressWarnings("unchecked")
        Function1<Object, Object> toRow = (Function1<Object, Object>) CatalystTypeConverters.createToScalaConverter(
                fileSchema);
        List<Row> out = new ArrayList<>();
        for (Path file : files) {
            Date day = partitionAt < 0 ? null : partitionDay(file, partition);
            org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
            try (ParquetReader<InternalRow> reader = new RowReader(HadoopInputFile.fromPath(hadoopPath, conf))
                    .build()) {
                for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                    Row values = (Row) toRow.apply(row);
                    out.add(partitionAt < 0 ? new GenericRowWithSchema(rowValues(values), wanted)
                            : withValueAt(values, partitionAt, day, wanted));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return out;
    }

    /**
     * Each row of one data file, as Spark's internal row of the {@code columns} asked for (none of them the
     * partition column): for a scan that looks at many rows and keeps few, without making a Row of each. The row is
     * reused: copy what is kept.
     */
    static void forEachRow(Path file, TableSpec table, Settings settings,
                           java.util.function.Consumer<InternalRow> action, String... columns) {
        StructType fileSchema = select(table.sparkSchema(), columns);
        Configuration conf = readConf(settings, fileSchema);
        org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
        try (ParquetReader<InternalRow> reader = new RowReader(HadoopInputFile.fromPath(hadoopPath, conf)).build()) {
            for (InternalRow row = reader.read(); row != null; row = reader.read()) {
                action.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The rows the files hold, from their footers. */
    static long rowCount(List<Path> files, Settings settings) {
        long rows = 0;
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), settings.hadoop()))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the footer of " + file, e);
            }
        }
        return rows;
    }

    /**
     * The data files of a table folder on the days given (every file when {@code days} is null), partition folders
     * in day order: {@code partition -> file names} from {@code byPartition}.
     */
    static List<Path> files(Path table, Map<String, List<String>> byPartition, Set<LocalDate> days) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(byPartition).entrySet()) {
            if (days != null && (e.getKey().isEmpty()
                    || !days.contains(LocalDate.parse(e.getKey().substring(e.getKey().indexOf('=') + 1))))) {
                continue;
            }
            Path folder = e.getKey().isEmpty() ? table : table.resolve(e.getKey());
            for (String name : e.getValue()) {
                out.add(folder.resolve(name));
            }
        }
        return out;
    }

    /**
     * Writes a table's rows (its columns, in its order) under {@code path} as {@link LocalParquet#write} does:
     * replacing what was there, one folder per day of a partitioned table; an unpartitioned table without rows is
     * one file of its columns. A partitioned table without rows writes nothing.
     */
    static void write(List<Row> rows, TableSpec table, Path path, Settings settings) {
        StructType schema = table.sparkSchema();
        @SuppressWarnings("unchecked")
        Function1<Object, Object> toInternal = (Function1<Object, Object>) CatalystTypeConverters
                .createToCatalystConverter(schema);
        InternalRow[] all = new InternalRow[rows.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = (InternalRow) toInternal.apply(rows.get(i));
        }
        try {
            if (all.length == 0) {
                if (table.partitionBy() == null) {
                    LocalParquet.writeFiles(all, schema, -1, table, path.toString(), TableIO.MAX_RECORDS_PER_FILE,
                            LocalParquet.writeConf(settings.hadoop(), settings.sql(), schema), settings.codec(),
                            true);
                } else if (Files.exists(path)) {
                    throw new IllegalStateException("no rows to write under " + path + ", which exists");
                }
                return;
            }
            int partitionIndex = table.partitionBy() == null ? -1 : schema.fieldIndex(table.partitionBy());
            StructType dataSchema = partitionIndex < 0 ? schema : withoutField(schema, partitionIndex);
            LocalParquet.writeFiles(all, schema, partitionIndex, table, path.toString(), TableIO.MAX_RECORDS_PER_FILE,
                    LocalParquet.writeConf(settings.hadoop(), settings.sql(), dataSchema), settings.codec(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name() + " under " + path, e);
        }
    }

    /**
     * One file with every column of the table (the partition column too) and no rows, as Spark writes an empty
     * table: a reader's glob over a table without rows then finds a typed, empty table.
     */
    static void writeEmpty(TableSpec table, Path path, Settings settings) {
        StructType schema = table.sparkSchema();
        try {
            LocalParquet.writeFiles(new InternalRow[0], schema, -1, table, path.toString(),
                    TableIO.MAX_RECORDS_PER_FILE, LocalParquet.writeConf(settings.hadoop(), settings.sql(), schema),
                    settings.codec(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the empty table " + table.name() + " under " + path, e);
        }
    }

    private static Configuration readConf(Settings settings, StructType fileSchema) {
        Configuration conf = new Configuration(settings.hadoop());
        SQLConf sql = settings.sql();
        conf.set(ParquetReadSupport.SPARK_ROW_REQUESTED_SCHEMA(), fileSchema.json());
        conf.set(ParquetWriteSupport.SPARK_ROW_SCHEMA(), fileSchema.json());
        // The settings Spark's Parquet reader passes its read support and schema converter.
        for (String key : List.of(SQLConf.SESSION_LOCAL_TIMEZONE().key(), SQLConf.CASE_SENSITIVE().key(),
                SQLConf.NESTED_SCHEMA_PRUNING_ENABLED().key(), SQLConf.PARQUET_BINARY_AS_STRING().key(),
                SQLConf.PARQUET_INT96_AS_TIMESTAMP().key(), SQLConf.PARQUET_INFER_TIMESTAMP_NTZ_ENABLED().key(),
                SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key())) {
            conf.set(key, sql.getConfString(key));
        }
        return conf;
    }

    private static StructType select(StructType schema, String... columns) {
        StructField[] fields = new StructField[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = schema.apply(columns[i]);
        }
        return new StructType(fields);
    }

    private static StructType withoutField(StructType schema, int index) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < schema.fields().length; i++) {
            if (i != index) {
                fields.add(schema.fields()[i]);
            }
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static Object[] rowValues(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    private static Row withValueAt(Row row, int at, Object value, StructType schema) {
        Object[] values = new Object[row.size() + 1];
        for (int i = 0, j = 0; i < values.length; i++) {
            values[i] = i == at ? value : row.get(j++);
        }
        return new GenericRowWithSchema(values, schema);
    }

    /**
     * A reader of Spark's rows with the settings of its input file. ({@code ParquetReader.builder} makes a Hadoop
     * Configuration of its own, whose default resources are parsed again for every file: most of the time of
     * reading a night's hundred small files.)
     */
    private static final class RowReader extends ParquetReader.Builder<InternalRow> {
        RowReader(HadoopInputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<InternalRow> getReadSupport() {
            return new ParquetReadSupport();
        }
    }

    /** The day of a file in a {@code column=YYYY-MM-DD} folder. */
    private static Date partitionDay(Path file, String column) {
        String folder = file.getParent().getFileName().toString();
        if (!folder.startsWith(column + "=")) {
            throw new IllegalStateException(file + " is not in a " + column + "= folder");
        }
        return Date.valueOf(LocalDate.parse(folder.substring(column.length() + 1)));
    }
}
