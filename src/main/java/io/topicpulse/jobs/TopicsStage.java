package io.topicpulse.jobs;

import io.topicpulse.table.Tables;
import io.topicpulse.topics.MatchResult;
import io.topicpulse.topics.Mention;
import io.topicpulse.topics.TopicMatcher;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/** Articles → mentions: every lexicon term counted in each article's title and text, split by where it stands. */
final class TopicsStage {

    private TopicsStage() {
    }

    static Dataset<Row> mentions(SparkSession spark, Dataset<Row> articles, TopicMatcher matcher) {
        Broadcast<TopicMatcher> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(matcher);
        String lexiconHash = matcher.lexicon().contentHash();
        Dataset<Row> input = articles.select("doc_id", "host", "cluster_id", "title", "text", "date");
        var rows = input.javaRDD().flatMap(article -> {
            MatchResult result = shipped.value().match(article.getString(3), article.getString(4));
            List<Row> out = new ArrayList<>(result.mentions().size());
            for (Mention m : result.mentions()) {
                out.add(RowFactory.create(article.getString(0), article.getString(1), article.getString(2),
                        m.topic(), m.term(), m.count(), m.inTitle(), m.inLead(), m.inBody(), lexiconHash,
                        article.get(5)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, Tables.MENTIONS.sparkSchema());
    }
}
