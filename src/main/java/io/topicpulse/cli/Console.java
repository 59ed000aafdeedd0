package io.topicpulse.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What the console shows: by default topicpulse's progress lines, warnings and summary, and none of Spark's own
 * chatter below a warning (jobs/log4j2.properties); {@code --quiet} leaves only warnings and the summary,
 * {@code --verbose} shows Spark's logs too.
 */
final class Console {

    private Console() {
    }

    static void levels(boolean quiet, boolean verbose) {
        if (quiet) {
            Configurator.setLevel("io.topicpulse", Level.WARN);
            Configurator.setLevel("io.topicpulse.summary", Level.INFO);
        } else if (verbose) {
            Configurator.setRootLevel(Level.INFO);
        }
    }
}
