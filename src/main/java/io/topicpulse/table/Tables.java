package io.topicpulse.table;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * Every output table, declared once: the schema is a public API and the README's reference is generated from here.
 */
public final class Tables {

    private static final DataType STRINGS = DataTypes.createArrayType(StringType, true);
    private static final DataType COUNTS_BY_KEY = DataTypes.createMapType(StringType, LongType, true);

    public static final TableSpec ARTICLES = table("articles",
            "One row per dated article: the main text and metadata of a page, boilerplate left out. "
                    + "Partitioned by publication day. Articles without a trustworthy date are in "
                    + "`articles_undated`, never on a crawl day.", "date")
            .col("doc_id", StringType, false, "Stable article id: hex SHA-256 (first 128 bits) of the page URL, "
                    + "else its canonical URL, else `source@offset`.")
            .col("url", StringType, true, "The URL the page was fetched from (WARC target URI, JSONL `url`), "
                    + "else its canonical URL.")
            .col("canonical_url", StringType, true, "The page's own canonical URL (link rel=canonical, og:url).")
            .col("host", StringType, true, "Lower-case host of `url` without a leading `www.`: the source outlet.")
            .col("title", StringType, true, "Headline, without the site-name suffix.")
            .col("subtitle", StringType, true, "Sub-headline or description.")
            .col("authors", STRINGS, false, "Author names in page order; empty when none was found.")
            .col("section", StringType, true, "Site section (World, Economy, ...).")
            .col("language", StringType, true, "ISO 639-1 code of the text, detected; null when undetermined.")
            .col("published_date", DateType, true, "Publication day, in the page's own time zone; null when the "
                    + "page gives no trustworthy date (never the crawl day).")
            .col("published_at", TimestampType, true, "Publication instant (UTC), only when the page gives a time.")
            .col("published_offset", StringType, true, "The UTC offset the page gave with its time (`+03:00`, `Z`).")
            .col("date_source", StringType, false, "Where the date came from: json-ld, meta, time-element, url, "
                    + "text; `none` when published_date is null.")
            .col("date_detail", StringType, true, "The raw value the date was read from and the pattern of evidence "
                    + "behind it (which of json-ld, meta, time, url and byline agree or differ), or why there is "
                    + "none: for a date below --min-date-confidence, the rejected day, its confidence and evidence.")
            .col("date_confidence", DoubleType, true, "Estimated chance that published_date is right, in [0, 1], "
                    + "read from the pattern of evidence and calibrated on pages with known dates "
                    + "(docs/extraction.md); null when published_date is null.")
            .col("fetched_at", TimestampType, true, "When the page was fetched (WARC-Date, JSONL fetched_at, "
                    + "file modification time).")
            .col("text", StringType, false, "Main text: paragraphs, headings and list items separated by a blank "
                    + "line.")
            .col("word_count", IntegerType, false, "Tokens in `text` (the topic tokenizer's definition).")
            .col("token_count", IntegerType, false, "Tokens in title and text: what `tokens_total` sums.")
            .col("content_hash", StringType, false, "SHA-256 of the normalised text (case, punctuation and spacing "
                    + "folded); equal for exact copies.")
            .col("cluster_id", StringType, false, "doc_id of the first article of its near-duplicate cluster "
                    + "(itself when it has no copy); copies are texts whose MinHash-estimated Jaccard similarity of "
                    + "word 5-shingles is at least 0.5.")
            .col("minhash", DataTypes.createArrayType(IntegerType, true), false, "MinHash signature of the text "
                    + "(128 values), kept so later runs find copies of this article.")
            .col("charset", StringType, true, "Charset the page was decoded with.")
            .col("source", StringType, false, "Input file the page came from.")
            .col("source_offset", LongType, false, "Byte offset (WARC) or line number (JSONL) in `source`; -1 for a "
                    + "file that is one page.")
            .col("run_id", StringType, false, "The run that extracted this article.")
            .col("date", DateType, false, "Partition column: equal to published_date.")
            .build();

    public static final TableSpec ARTICLES_UNDATED = new TableSpec("articles_undated",
            "The articles whose page gives no trustworthy publication date: the columns of `articles` without "
                    + "the partition column, published_date always null. They count in no series and their "
                    + "mentions are not in `mentions`.",
            ARTICLES.columns().stream().filter(c -> !c.name().equals("date")).toList(), null);

    public static final TableSpec MENTIONS = table("mentions",
            "One row per dated article × topic × term with at least one mention in the article's title or "
                    + "text.", "date")
            .col("doc_id", StringType, false, "The article (articles.doc_id).")
            .col("host", StringType, true, "The article's host.")
            .col("cluster_id", StringType, false, "The article's near-duplicate cluster.")
            .col("topic", StringType, false, "Topic name from the lexicon.")
            .col("term", StringType, false, "The lexicon term as written (not the surface form matched).")
            .col("count", IntegerType, false, "Mentions in title + text (= in_title + in_lead + in_body).")
            .col("in_title", IntegerType, false, "Mentions in the title.")
            .col("in_lead", IntegerType, false, "Mentions in the first paragraph.")
            .col("in_body", IntegerType, false, "Mentions in the rest of the text.")
            .col("lexicon_hash", StringType, false, "Content hash of the lexicon that defined the topic.")
            .col("date", DateType, false, "Partition column: the article's publication day.")
            .build();

    public static final TableSpec TOPIC_DAILY = series("topic_daily",
            "One row per day × topic for every day that has dated articles: volume, rates, smoothing, spikes "
                    + "and audit columns.", true, false);

    public static final TableSpec TOPIC_BY_SOURCE_DAILY = series("topic_by_source_daily",
            "topic_daily per host, so one prolific outlet cannot pass for a trend: one row per day × host × "
                    + "topic for every day the host has dated articles.", true, true);

    public static final TableSpec TOPIC_WEEKLY = rollup("topic_weekly", "ISO weeks (Monday to Sunday)",
            "week_start", "Monday of the ISO week.", "week", "ISO week label, e.g. `2024-W46`.");

    public static final TableSpec TOPIC_MONTHLY = rollup("topic_monthly", "calendar months",
            "month_start", "First day of the month.", "month", "Month label, e.g. `2024-11`.");

    public static final TableSpec TERM_DAILY = table("term_daily",
            "Every lower-cased word and two-word phrase per day with at least the run's minimum count, so a "
                    + "notebook can chart a term no lexicon named without re-running extraction.", "date")
            .col("term", StringType, false, "A word or two words joined by one space, lower-cased.")
            .col("ngram", IntegerType, false, "1 for a word, 2 for a two-word phrase.")
            .col("count", LongType, false, "Occurrences in that day's articles (title + text).")
            .col("articles", LongType, false, "Articles that day containing the term.")
            .col("date", DateType, false, "Partition column: publication day.")
            .build();

    public static final TableSpec REJECTS = table("rejects",
            "One row per input record that did not become an article, with the reason and where it came from.",
            null)
            .col("source", StringType, false, "Input file.")
            .col("source_offset", LongType, false, "Byte offset (WARC), line number (JSONL), or -1 (whole file).")
            .col("url", StringType, true, "The page URL when known.")
            .col("reason", StringType, false, "read_failed, malformed_record, not_html, http_status, "
                    + "decode_failed, empty_text, extract_failed, duplicate, too_large.")
            .col("detail", StringType, true, "Human-readable detail: the exception, content type, kept doc_id, ...")
            .col("run_id", StringType, false, "The run that rejected it.")
            .build();

    public static final TableSpec RUN_STATS = table("run_stats",
            "One row per run: what went in, what came out, rejects by reason, stage durations and versions. "
                    + "input_records = articles + rejects, or the run fails.", null)
            .col("run_id", StringType, false, "Unique run id (UTC start time and a random suffix).")
            .col("command", StringType, false, "run, extract, topics, aggregate or nightly.")
            .col("started_at", TimestampType, false, "Start of the run.")
            .col("finished_at", TimestampType, false, "End of the run, before publishing.")
            .col("input_paths", STRINGS, false, "The --input arguments.")
            .col("input_files", LongType, false, "Input files read.")
            .col("ignored_files", LongType, false, "Files under the inputs that are of no known format.")
            .col("skipped_paths", COUNTS_BY_KEY, false, "Input paths the listing skipped, per reason: cycle (a "
                    + "link back into its own tree), already_listed (another path leads to the same file), "
                    + "broken_link. Each real file is read once.")
            .col("input_records", LongType, false, "Candidate pages found: HTML files, WARC responses, JSONL lines.")
            .col("articles", LongType, false, "Articles written (dated and undated).")
            .col("articles_dated", LongType, false, "Articles with a publication date.")
            .col("articles_undated", LongType, false, "Articles without one: kept, but in no daily series.")
            .col("rejects", LongType, false, "Records rejected.")
            .col("rejects_by_reason", COUNTS_BY_KEY, false, "Rejects per reason code.")
            .col("skipped_records", COUNTS_BY_KEY, false, "Records that are not candidate pages (WARC request, "
                    + "metadata, revisit, warcinfo...), per kind.")
            .col("read_warnings", COUNTS_BY_KEY, false, "Pages kept despite a defect, per kind (truncated, "
                    + "warc:bad-date, content-encoding-not-applied, jsonl:bad-fetched_at...).")
            .col("mentions", LongType, false, "Mentions counted over all articles.")
            .col("stage_seconds", DataTypes.createMapType(StringType, DoubleType, true), false,
                    "Wall time per stage in seconds.")
            .col("versions", DataTypes.createMapType(StringType, StringType, true), false,
                    "topicpulse, extractor, Spark and Java versions, lexicon hash and version.")
            .col("accounting_ok", BooleanType, false, "input_records = articles + rejects.")
            .col("table_versions", DataTypes.createMapType(StringType, LongType, true), false,
                    "The Delta version of every table once this run's commits were in: read them together with "
                            + "`series --as-of RUN_ID` or Delta's versionAsOf.")
            .build();

    public static final TableSpec INPUTS = table("inputs",
            "One row per input file a run has read, as it was then: a night reads the files listed under its "
                    + "inputs that are not here, or that changed size or modification time since.", null)
            .col("uri", StringType, false, "The file's fully qualified path (file:, hdfs://, s3a://).")
            .col("size", LongType, false, "Length in bytes when read.")
            .col("modification_time", TimestampType, false, "Last modification when read.")
            .col("records", LongType, false, "Input records read from it (articles and rejects).")
            .col("run_id", StringType, false, "The run that read it.")
            .build();

    /** All tables, in the order the README documents them. */
    public static final List<TableSpec> ALL = List.of(ARTICLES, ARTICLES_UNDATED, MENTIONS, TOPIC_DAILY, TOPIC_WEEKLY, TOPIC_MONTHLY,
            TOPIC_BY_SOURCE_DAILY, TERM_DAILY, REJECTS, INPUTS, RUN_STATS);

    private Tables() {
    }

    public static TableSpec byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table named " + name));
    }

    private static TableSpec series(String name, String description, boolean withStats, boolean perHost) {
        Builder b = table(name, description, "date");
        if (perHost) {
            b.col("host", StringType, false, "The source outlet.");
        }
        b.col("topic", StringType, false, "Topic name from the lexicon.");
        volumeColumns(b, perHost);
        if (withStats) {
            b.col("ma7", DoubleType, true, "Centred 7-day moving average of mentions_per_million.")
                    .col("zscore", DoubleType, true, "Deviation of mentions_per_million from a trailing 28-day, "
                            + "weekday-aware baseline, in robust standard deviations; null on a short baseline.")
                    .col("spike", BooleanType, false, "zscore ≥ 3 with at least 3 mentions in at least 3 articles.")
                    .col("weak_date_share", DoubleType, true, "Share of the mentioning articles whose "
                            + "date_confidence is below 0.9.");
            if (!perHost) {
                b.col("top_source_share", DoubleType, true, "Share of the mentions from the single biggest host.");
            }
        }
        b.col("lexicon_hash", StringType, false, "Content hash of the lexicon that defined the topic.");
        b.col("date", DateType, false, "Partition column: publication day.");
        return b.build();
    }

    private static void volumeColumns(Builder b, boolean perHost) {
        b.col("mentions", LongType, false, "Mentions of the topic's terms in that period's articles.")
                .col("articles_mentioning", LongType, false, "Articles with at least one mention.")
                .col("articles_total", LongType, false, "Dated articles in the period, mentioning or not.");
        if (!perHost) {
            b.col("sources_mentioning", LongType, false, "Distinct hosts with a mentioning article.")
                    .col("sources_active", LongType, false, "Distinct hosts with any article.");
        }
        b.col("tokens_total", LongType, false, "Tokens (title + text) of all articles in the period.")
                .col("mentions_per_million", DoubleType, true, "mentions / tokens_total × 1,000,000.")
                .col("article_share", DoubleType, true, "articles_mentioning / articles_total.");
        if (!perHost) {
            b.col("source_share", DoubleType, true, "sources_mentioning / sources_active.");
        }
        b.col("mentions_dedup", LongType, false, "Mentions counting each near-duplicate cluster once.")
                .col("articles_mentioning_dedup", LongType, false, "Mentioning clusters: copies count once.");
    }

    private static TableSpec rollup(String name, String period, String startColumn, String startDescription,
                                    String labelColumn, String labelDescription) {
        Builder b = table(name, "topic_daily summed over " + period + ": counts are sums, rates are recomputed "
                + "from the sums (never averaged).", null)
                .col(startColumn, DateType, false, startDescription)
                .col(labelColumn, StringType, false, labelDescription)
                .col("topic", StringType, false, "Topic name from the lexicon.");
        volumeColumns(b, false);
        b.col("lexicon_hash", StringType, false, "Content hash of the lexicon that defined the topic.");
        return b.build();
    }

    private static Builder table(String name, String description, String partitionBy) {
        return new Builder(name, description, partitionBy);
    }

    private static final class Builder {
        private final String name;
        private final String description;
        private final String partitionBy;
        private final List<Column> columns = new ArrayList<>();

        Builder(String name, String description, String partitionBy) {
            this.name = name;
            this.description = description;
            this.partitionBy = partitionBy;
        }

        Builder col(String columnName, DataType type, boolean nullable, String columnDescription) {
            columns.add(new Column(columnName, type, nullable, columnDescription));
            return this;
        }

        TableSpec build() {
            return new TableSpec(name, description, columns, partitionBy);
        }
    }
}
