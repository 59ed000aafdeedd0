package io.topicpulse.report;

import io.topicpulse.table.Tables;
import io.topicpulse.topics.TermCounter;
import io.topicpulse.topics.TopicMatcher;
import io.topicpulse.topics.Lexicon;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

/**
 * {@code kwic}: the sentences behind a topic's or a term's counts, read through a {@link TableSource}. Only the
 * first {@code limit} articles (by date, then doc_id) are read in full.
 *
 * @param topic   a lexicon topic, or null when {@code term} is given
 * @param term    any word or phrase, or null
 * @param from    first day, or null
 * @param until   last day, or null
 * @param source  a host, or null for all
 * @param limit   most lines printed
 * @param lexicon the lexicon a topic is found with
 */
public record KwicQuery(String topic, String term, LocalDate from, LocalDate until, String source, int limit,
                        Lexicon lexicon) {

    public List<KwicLine> run(TableSource tables) {
        KwicFinder finder = topic != null ? new KwicFinder(new TopicMatcher(lexicon), topic)
                : KwicFinder.forTerm(term);
        Dataset<Row> candidates = topic != null ? topicArticles(tables) : termArticles(tables);
        // One article per near-duplicate cluster, its earliest, with the number of copies beside it: a limit of
        // N shows N stories however many wire copies each has.
        List<Row> firsts = candidates.groupBy("cluster_id")
                .agg(min(struct(col("date"), col("doc_id"))).as("first"), countDistinct("doc_id").as("members"))
                .orderBy(col("first"))
                .limit(limit).collectAsList();
        if (firsts.isEmpty()) {
            return List.of();
        }
        Object[] dates = firsts.stream().map(r -> r.getStruct(1).getDate(0)).distinct().toArray();
        Object[] docIds = firsts.stream().map(r -> r.getStruct(1).getString(1)).toArray();
        Map<String, Row> articles = new HashMap<>();
        for (Row r : tables.read(Tables.ARTICLES).filter(col("date").isin(dates).and(col("doc_id").isin(docIds)))
                .select("doc_id", "date", "url", "host", "title", "text").collectAsList()) {
            articles.put(r.getString(0), r);
        }
        List<KwicLine> lines = new ArrayList<>();
        for (Row first : firsts) {
            Row a = articles.get(first.getStruct(1).getString(1));
            if (a == null) {
                continue;
            }
            int copies = (int) (first.getLong(2) - 1);
            boolean shown = false;
            for (Snippet s : finder.find(a.getString(4), a.getString(5))) {
                // The copies are counted on the story's first line only.
                lines.add(new KwicLine(a.getDate(1).toLocalDate(), a.getString(3), a.getString(2), a.getString(4),
                        s, shown ? 0 : copies));
                shown = true;
            }
        }
        return lines.size() > limit ? lines.subList(0, limit) : lines;
    }

    private Dataset<Row> topicArticles(TableSource tables) {
        Dataset<Row> m = within(tables.read(Tables.MENTIONS)).filter(col("topic").equalTo(topic));
        return source == null ? m : m.filter(col("host").equalTo(source));
    }

    /**
     * Articles of the days term_daily has the term on, whose lower-cased text holds its first word: a cheap filter
     * that the finder then makes exact (it cannot drop an article the finder would match, as both fold case).
     */
    private Dataset<Row> termArticles(TableSource tables) {
        String key = TermCounter.key(term);
        Object[] days = within(tables.read(Tables.TERM_DAILY)).filter(col("term").equalTo(key)).select("date")
                .collectAsList().stream().map(r -> r.getDate(0)).toArray();
        if (days.length == 0) {
            return tables.read(Tables.ARTICLES).filter(lit(false));
        }
        String firstWord = key.contains(" ") ? key.substring(0, key.indexOf(' ')) : key;
        Dataset<Row> a = tables.read(Tables.ARTICLES).filter(col("date").isin(days))
                .filter(lower(concat_ws(" ", col("title"), col("text"))).contains(firstWord));
        return source == null ? a : a.filter(col("host").equalTo(source));
    }

    private Dataset<Row> within(Dataset<Row> rows) {
        Dataset<Row> r = rows;
        if (from != null) {
            r = r.filter(col("date").geq(lit(Date.valueOf(from))));
        }
        if (until != null) {
            r = r.filter(col("date").leq(lit(Date.valueOf(until))));
        }
        return r;
    }
}
