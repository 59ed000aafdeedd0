package io.topicpulse.jobs;

import io.topicpulse.extract.ArticleRecord;
import io.topicpulse.extract.ExtractedArticle;
import io.topicpulse.extract.PageOutcome;
import io.topicpulse.extract.PageProcessor;
import io.topicpulse.ingest.InputFile;
import io.topicpulse.ingest.PageIterator;
import io.topicpulse.ingest.PageReaders;
import io.topicpulse.ingest.Reject;
import io.topicpulse.ingest.RejectReason;
import io.topicpulse.table.Column;
import io.topicpulse.table.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows the extract stage's executors emit, one per input record (an article or a reject) plus one per kind of
 * skipped record per file: a single pass over the inputs feeds every table.
 */
final class OutcomeRows {

    static final String ARTICLE = "article";
    static final String REJECT = "reject";
    static final String SKIPPED = "skipped";
    static final String WARNING = "warning";

    /** Article columns the executors fill; run_id, cluster_id and the partition column are added later. */
    static final List<String> ARTICLE_COLUMNS = List.of("doc_id", "url", "canonical_url", "host", "title",
            "subtitle", "authors", "section", "language", "published_date", "published_at", "published_offset",
            "date_source", "date_detail", "date_confidence", "fetched_at", "text", "word_count", "token_count", "content_hash", "minhash",
            "charset", "source", "source_offset");

    static final StructType SCHEMA = schema();

    private OutcomeRows() {
    }

    private static StructType schema() {
        StructType s = new StructType().add("kind", DataTypes.StringType, false);
        for (String name : ARTICLE_COLUMNS) {
            Column c = Tables.ARTICLES.column(name).orElseThrow();
            s = s.add(c.name(), c.type(), true);
        }
        return s.add("reason", DataTypes.StringType, true)
                .add("detail", DataTypes.StringType, true)
                .add("skipped_count", DataTypes.LongType, true);
    }

    /**
     * Reads one input file, or one stripe of it ({@link PageReaders#open(Configuration, InputFile, int, int)}),
     * and yields its rows lazily, so a large WARC never sits in memory whole; after the records come one row per
     * kind of skipped record and per kind of read warning (pages kept despite a defect).
     */
    static Reading read(InputFile file, int stripe, int stripes, Configuration conf, double minDateConfidence) {
        PageIterator pages = PageReaders.open(conf, file, stripe, stripes);
        PageProcessor processor = new PageProcessor(minDateConfidence);
        return new Reading() {
            private Iterator<Row> tail;

            @Override
            public long bytesRead() {
                return pages.bytesRead();
            }

            @Override
            public boolean hasNext() {
                if (tail != null) {
                    return tail.hasNext();
                }
                if (pages.hasNext()) {
                    return true;
                }
                close();
                List<Row> skipped = new ArrayList<>();
                for (Map.Entry<String, Long> e : pages.skippedRecords().entrySet()) {
                    skipped.add(countRow(SKIPPED, file.uri(), e.getKey(), e.getValue()));
                }
                for (Map.Entry<String, Long> e : pages.warnings().entrySet()) {
                    skipped.add(countRow(WARNING, file.uri(), e.getKey(), e.getValue()));
                }
                tail = skipped.iterator();
                return tail.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (tail != null) {
                    return tail.next();
                }
                PageOutcome outcome;
                try {
                    outcome = processor.process(pages.next());
                } catch (RuntimeException e) {
                    // Readers and processor promise not to throw on bad data; if one does, lose nothing.
                    outcome = new PageOutcome.Rejected(new Reject(file.uri(), -1, null,
                            RejectReason.EXTRACT_FAILED.code(), e.toString()));
                }
                return toRow(outcome);
            }

            private void close() {
                pages.close();
            }
        };
    }

    /** The rows of one file (or stripe) as they are read, and how far into the file reading has come. */
    interface Reading extends Iterator<Row> {
        /** {@link PageIterator#bytesRead()} of the file's reader. */
        long bytesRead();
    }

    static Row toRow(PageOutcome outcome) {
        if (outcome instanceof PageOutcome.Rejected r) {
            Reject j = r.reject();
            Object[] v = new Object[SCHEMA.size()];
            v[0] = REJECT;
            v[index("url")] = j.url();
            v[index("source")] = j.source();
            v[index("source_offset")] = j.offset();
            v[index("reason")] = j.reason();
            v[index("detail")] = j.detail();
            return RowFactory.create(v);
        }
        ArticleRecord a = ((PageOutcome.Extracted) outcome).article();
        ExtractedArticle x = a.article();
        return RowFactory.create(ARTICLE, a.docId(), a.url(), x.canonicalUrl(), a.host(), x.title(), x.subtitle(),
                scala.jdk.javaapi.CollectionConverters.asScala(x.authors()).toSeq(), x.section(), x.language(),
                x.publishedDate() == null ? null : Date.valueOf(x.publishedDate()),
                x.publishedAt() == null ? null : Timestamp.from(x.publishedAt()), x.timezone(), x.dateSource(),
                x.dateDetail(), x.dateConfidence(), a.fetchedAt() == null ? null : Timestamp.from(a.fetchedAt()), x.text(), a.wordCount(),
                a.tokenCount(), a.contentHash(),
                scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.stream(a.minhash()).boxed().toList())
                        .toSeq(), a.charset(), a.source(), a.offset(), null, null, null);
    }

    private static Row countRow(String rowKind, String source, String kind, long count) {
        Object[] v = new Object[SCHEMA.size()];
        v[0] = rowKind;
        v[index("source")] = source;
        v[index("source_offset")] = -1L;
        v[index("reason")] = kind;
        v[index("skipped_count")] = count;
        return RowFactory.create(v);
    }

    private static int index(String column) {
        return SCHEMA.fieldIndex(column);
    }
}
