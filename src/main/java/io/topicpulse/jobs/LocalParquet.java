package io.topicpulse.jobs;

import io.topicpulse.table.TableSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes rows that are already on the driver as a table's Parquet files, from the driver: the files Spark's writer
 * would make (its write support, schema conversion and settings; the same folders and file names), without a Spark
 * job. A small night's rows (the changed days' articles, mentions and term_daily, the series, run_stats) are a few
 * thousand or hundred thousand, and a Spark job each costs more in planning and scheduling than the writing, and
 * ships the rows inside its one task.
 */
final class LocalParquet {

    /**
     * Spark configuration key: "true" (the default) writes rows already on the driver with {@link #write}; "false"
     * leaves every write to Spark, should a Spark version's internals not fit (the tests would say so first).
     */
    static final String ENABLED = "spark.topicpulse.write.local-parquet";

    private LocalParquet() {
    }

    /**
     * True when {@link #write} can take the rows: a local relation (made on the driver), of a table unpartitioned or
     * partitioned by a DATE column, with {@link #ENABLED} on. Otherwise Spark writes them.
     */
    static boolean canWrite(Dataset<Row> rows, TableSpec table) {
        if (!TableIO.onDriver(rows) || !JobSettings.flag(rows.sparkSession(), ENABLED, true)) {
            return false;
        }
        if (table.partitionBy() == null) {
            return true;
        }
        StructField partition = rows.schema().apply(table.partitionBy());
        return partition.dataType().equals(DataTypes.DateType);
    }

    /**
     * Writes the rows under {@code path}, replacing what was there, as {@code rows.write().mode(Overwrite)
     * .partitionBy(...).parquet(path)} with one task would; nothing when there are no rows. The caller checked
     * {@link #canWrite}.
     *
     * @return false, having written nothing, when there are no rows or a partition value is null: Spark writes
     *         those
     */
    static boolean write(Dataset<Row> rows, TableSpec table, String path, long maxRecordsPerFile) {
        StructType schema = rows.schema();
        int partitionIndex = table.partitionBy() == null ? -1 : schema.fieldIndex(table.partitionBy());
        InternalRow[] all = rows.queryExecution().executedPlan().executeCollect();
        if (all.length == 0) {
            // Spark writes an unpartitioned table without rows as one file of its columns: left to it.
            return false;
        }
        StructType dataSchema = partitionIndex < 0 ? schema : dataSchema(schema, partitionIndex);
        Configuration conf = writeConf(rows.sparkSession().sessionState().newHadoopConf(),
                rows.sparkSession().sessionState().conf(), dataSchema);
        String codecName = rows.sparkSession().sessionState().conf().parquetCompressionCodec();
        CompressionCodecName codec = "none".equalsIgnoreCase(codecName) ? CompressionCodecName.UNCOMPRESSED
                : CompressionCodecName.fromConf(codecName);
        for (InternalRow row : all) {
            if (partitionIndex >= 0 && row.isNullAt(partitionIndex)) {
                return false;
            }
        }
        try {
            writeFiles(all, schema, partitionIndex, table, path, maxRecordsPerFile, conf, codec, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.name() + " under " + path, e);
        }
        return true;
    }

    /**
     * Writes rows of {@code schema} under {@code path}, replacing what was there: one folder per value of the
     * DATE column at {@code partitionIndex} (none when negative), files of at most {@code maxRecordsPerFile} rows.
     *
     * @param emptyFile write one file even when there are no rows (an unpartitioned table's, or an empty table's)
     */
    static void writeFiles(InternalRow[] all, StructType schema, int partitionIndex, TableSpec table, String path,
                           long maxRecordsPerFile, Configuration conf, CompressionCodecName codec, boolean emptyFile)
            throws IOException {
        // Rows by partition folder ("" for an unpartitioned table), days in order as Spark's sorted write gives.
        Map<String, List<InternalRow>> byFolder = new TreeMap<>();
        for (InternalRow row : all) {
            String folder = partitionIndex < 0 ? ""
                    : table.partitionBy() + "=" + LocalDate.ofEpochDay(row.getInt(partitionIndex));
            byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(row);
        }
        if (emptyFile && byFolder.isEmpty()) {
            byFolder.put("", List.of());
        }
        DataType[] types = new DataType[schema.fields().length];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.fields()[i].dataType();
        }
        String extension = codec.getExtension() + ".parquet";
        String job = UUID.randomUUID().toString();
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(conf);
        // Overwrite: what was under the path goes, as with Spark's SaveMode.Overwrite.
        if (fs.exists(root)) {
            fs.delete(root, true);
        }
        fs.mkdirs(root);
        for (Map.Entry<String, List<InternalRow>> e : byFolder.entrySet()) {
            Path folder = e.getKey().isEmpty() ? root : new Path(root, e.getKey());
            List<InternalRow> folderRows = e.getValue();
            int fileNumber = 0;
            int from = 0;
            do {
                int to = (int) Math.min(folderRows.size(), from + maxRecordsPerFile);
                // Spark's names: ".c000" after the job id in a partition folder, "-c000" at a table's root.
                Path file = new Path(folder, String.format(Locale.ROOT, "part-00000-%s%sc%03d%s", job,
                        partitionIndex >= 0 ? "." : "-", fileNumber, extension));
                writeFile(HadoopOutputFile.fromPath(file, conf), conf, codec, folderRows.subList(from, to), types,
                        partitionIndex);
                from = to;
                fileNumber++;
            } while (from < folderRows.size());
        }
    }

    /** The schema without its partition column, which is only in the folder name. */
    private static StructType dataSchema(StructType schema, int partitionIndex) {
        List<StructField> dataFields = new ArrayList<>();
        for (int i = 0; i < schema.fields().length; i++) {
            if (i != partitionIndex) {
                dataFields.add(schema.fields()[i]);
            }
        }
        return new StructType(dataFields.toArray(StructField[]::new));
    }

    /**
     * The Hadoop settings Spark's Parquet writer runs with, for these session settings ({@code base} is copied,
     * {@code sql} read) and data schema.
     */
    static Configuration writeConf(Configuration base, SQLConf sql, StructType dataSchema) {
        Configuration conf = new Configuration(base);
        ParquetWriteSupport.setSchema(dataSchema, conf);
        conf.set(SQLConf.PARQUET_WRITE_LEGACY_FORMAT().key(), String.valueOf(sql.writeLegacyParquetFormat()));
        conf.set(SQLConf.PARQUET_OUTPUT_TIMESTAMP_TYPE().key(), sql.parquetOutputTimestampType().toString());
        conf.set(SQLConf.PARQUET_FIELD_ID_WRITE_ENABLED().key(), String.valueOf(sql.parquetFieldIdWriteEnabled()));
        conf.set(SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(), String.valueOf(sql.legacyParquetNanosAsLong()));
        conf.set(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().key(),
                sql.getConfString(SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().key(),
                        SQLConf.PARQUET_ANNOTATE_VARIANT_LOGICAL_TYPE().defaultValueString()));
        return conf;
    }

    private static void writeFile(OutputFile file, Configuration conf, CompressionCodecName codec,
                                  List<InternalRow> rows, DataType[] types, int partitionIndex) throws IOException {
        // The sizes and encodings Spark's writer takes from the Hadoop settings (parquet.block.size, ...).
        try (ParquetWriter<InternalRow> writer = new Builder(file).withConf(conf).withCompressionCodec(codec)
                .withRowGroupSize(ParquetOutputFormat.getLongBlockSize(conf))
                .withPageSize(ParquetOutputFormat.getPageSize(conf))
                .withDictionaryPageSize(ParquetOutputFormat.getDictionaryPageSize(conf))
                .withDictionaryEncoding(ParquetOutputFormat.getEnableDictionary(conf))
                .withWriterVersion(ParquetOutputFormat.getWriterVersion(conf))
                .withPageWriteChecksumEnabled(ParquetOutputFormat.getPageWriteChecksumEnabled(conf))
                .withWriteMode(ParquetFileWriter.Mode.CREATE).build()) {
            for (InternalRow row : rows) {
                writer.write(partitionIndex < 0 ? row : withoutColumn(row, types, partitionIndex));
            }
        }
    }

    private static InternalRow withoutColumn(InternalRow row, DataType[] types, int skipped) {
        Object[] values = new Object[types.length - 1];
        for (int i = 0, j = 0; i < types.length; i++) {
            if (i != skipped) {
                values[j++] = row.isNullAt(i) ? null : row.get(i, types[i]);
            }
        }
        return new GenericInternalRow(values);
    }

    private static final class Builder extends ParquetWriter.Builder<InternalRow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<InternalRow> getWriteSupport(Configuration conf) {
            return new ParquetWriteSupport();
        }
    }
}
