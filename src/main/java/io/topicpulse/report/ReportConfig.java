package io.topicpulse.report;

import io.topicpulse.topics.Lexicon;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The settings of one {@code report}.
 *
 * @param output  the output folder of a run
 * @param to      the HTML file to write
 * @param topics  topics to show, in this order; empty for all in topic_daily
 * @param from    first day, or null for the first day in the tables
 * @param until   last day, or null for the last day in the tables
 * @param lexicon the lexicon KWIC lines are found with: the one the tables were counted with
 */
public record ReportConfig(String output, Path to, List<String> topics, LocalDate from, LocalDate until,
                           Lexicon lexicon) {

    public ReportConfig {
        topics = List.copyOf(topics);
    }
}
