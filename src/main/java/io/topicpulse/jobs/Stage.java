package io.topicpulse.jobs;

/** The pipeline's Spark stages, in order; a command runs one or all of them. */
public enum Stage {
    /** Inputs → articles, articles_undated, rejects. */
    EXTRACT,
    /** articles → mentions. */
    TOPICS,
    /** articles + mentions → the series tables. */
    AGGREGATE
}
