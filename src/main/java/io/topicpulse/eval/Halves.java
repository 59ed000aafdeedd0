package io.topicpulse.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Splits a data set into two halves by a hash of each page's id, so that rules can be developed on one half (A)
 * and checked on the other (B), which no one looked at while writing them.
 */
public final class Halves {

    /** The half that date confidence was fitted on. */
    public static final String DEVELOPMENT = "A";
    /** The half kept aside. */
    public static final String HELD_OUT = "B";

    private Halves() {
    }

    /** {@link #DEVELOPMENT} when the first byte of the SHA-256 of the id is even, else {@link #HELD_OUT}. */
    public static String of(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 1) == 0 ? DEVELOPMENT : HELD_OUT;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
