package io.topicpulse.jobs;

import io.topicpulse.aggregate.TermTotals;
import io.topicpulse.table.Tables;
import io.topicpulse.topics.MatchResult;
import io.topicpulse.topics.Mention;
import io.topicpulse.topics.TermCounter;
import io.topicpulse.topics.Tokenizer;
import io.topicpulse.topics.Tokens;
import io.topicpulse.topics.TopicMatcher;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/** Articles → mentions: every lexicon term counted in each article's title and text, split by where it stands. */
final class TopicsStage {

    private TopicsStage() {
    }

    static Dataset<Row> mentions(SparkSession spark, Dataset<Row> articles, TopicMatcher matcher) {
        Broadcast<TopicMatcher> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(matcher);
        String lexiconHash = matcher.lexicon().contentHash();
        var rows = articles.select(INPUT).javaRDD().flatMap(article ->
                mentionsOf(article, shipped.value(), lexiconHash).iterator());
        return spark.createDataFrame(rows, Tables.MENTIONS.sparkSchema());
    }

    /** The names of {@link #INPUT}. */
    static final String[] INPUT_NAMES = {"doc_id", "host", "cluster_id", "title", "text", "date"};
    /** The columns of an article that its mentions are made of. */
    static final Column[] INPUT = java.util.Arrays.stream(INPUT_NAMES).map(org.apache.spark.sql.functions::col)
            .toArray(Column[]::new);

    /**
     * What {@link #mentions(SparkSession, Dataset, TopicMatcher)} gives, for articles already on the driver as
     * their {@link #INPUT} columns (a night's few), matched on the driver's cores; with their term totals
     * (term_daily's sums), from the same tokens.
     */
    static Matched mentionsAndTerms(SparkSession spark, List<Row> articles, TopicMatcher matcher) {
        return mentionsAndTerms(OnDriver.cores(spark), articles, matcher);
    }

    /** {@link #mentionsAndTerms(SparkSession, List, TopicMatcher)} on {@code threads} threads, with no session. */
    static Matched mentionsAndTerms(int threads, List<Row> articles, TopicMatcher matcher) {
        String lexiconHash = matcher.lexicon().contentHash();
        List<Row> rows = new ArrayList<>();
        TermTotals terms = new TermTotals();
        for (Matched part : OnDriver.inSlices(articles, threads, slice -> {
            TermCounter counter = new TermCounter();
            List<Row> out = new ArrayList<>();
            TermTotals counted = new TermTotals();
            for (Row article : slice) {
                Tokens title = Tokenizer.tokenize(article.getString(3));
                Tokens text = Tokenizer.tokenize(article.getString(4));
                out.addAll(mentionRows(article, matcher.matchTokens(title, text), lexiconHash));
                counted.add(article.getDate(5).toLocalDate(), counter.countTokens(title, text));
            }
            return new Matched(out, counted);
        })) {
            rows.addAll(part.mentionRows());
            terms.addAll(part.terms());
        }
        return new Matched(rows, terms);
    }

    /** Mention rows (the mentions table's columns) and term totals of some articles. */
    record Matched(List<Row> mentionRows, TermTotals terms) {
    }

    /** The mention rows of one article, given as the {@link #INPUT} columns. */
    private static List<Row> mentionsOf(Row article, TopicMatcher matcher, String lexiconHash) {
        return mentionRows(article, matcher.match(article.getString(3), article.getString(4)), lexiconHash);
    }

    private static List<Row> mentionRows(Row article, MatchResult result, String lexiconHash) {
        List<Row> out = new ArrayList<>(result.mentions().size());
        for (Mention m : result.mentions()) {
            out.add(RowFactory.create(article.getString(0), article.getString(1), article.getString(2),
                    m.topic(), m.term(), m.count(), m.inTitle(), m.inLead(), m.inBody(), lexiconHash,
                    article.get(5)));
        }
        return out;
    }
}
