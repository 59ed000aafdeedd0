package io.topicpulse.jobs;

import io.topicpulse.table.Tables;
import io.topicpulse.topics.MatchResult;
import io.topicpulse.topics.Mention;
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
