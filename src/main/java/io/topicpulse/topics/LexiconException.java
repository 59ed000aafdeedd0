package io.topicpulse.topics;

/** A lexicon that cannot be read or makes no sense; the message names the file, the topic and the problem. */
public class LexiconException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public LexiconException(String message) {
        super(message);
    }

    public LexiconException(String message, Throwable cause) {
        super(message, cause);
    }
}
