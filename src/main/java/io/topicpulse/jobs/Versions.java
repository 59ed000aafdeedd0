package io.topicpulse.jobs;

/** The project version, as built. */
public final class Versions {

    /** topicpulse's own version; keep in step with pom.xml (a test checks). */
    public static final String TOPICPULSE = "0.1.0";

    private Versions() {
    }
}
