package io.topicpulse.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What the console shows: by default topicpulse's progress lines, warnings and summary, and none of Spark's own
 * chatter below a warning; {@code --quiet} leaves only warnings and the summary, {@code --verbose} shows Spark's
 * logs too. The levels are set here, not only in jobs/log4j2.properties: under spark-submit the driver logs with
 * the cluster's log4j2 configuration (Spark's default: everything at INFO, thousands of lines a run).
 */
final class Console {

    private Console() {
    }

    static void levels(boolean quiet, boolean verbose) {
        if (!verbose) {
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("io.topicpulse", Level.INFO);
        }
        if (quiet) {
            Configurator.setLevel("io.topicpulse", Level.WARN);
            Configurator.setLevel("io.topicpulse.summary", Level.INFO);
        } else if (verbose) {
            Configurator.setRootLevel(Level.INFO);
        }
    }
}
