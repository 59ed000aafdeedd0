package io.topicpulse.aggregate;

/** Rates recomputed from counts, never averaged: null where the denominator is zero (no data, not zero). */
public final class Rates {

    private Rates() {
    }

    /** {@code count / tokens × 1,000,000}, or null when {@code tokens} is 0. */
    public static Double perMillion(long count, long tokens) {
        requireCount(count, "count");
        requireCount(tokens, "tokens");
        return tokens == 0 ? null : count * 1e6 / tokens;
    }

    /** {@code part / whole}, or null when {@code whole} is 0. */
    public static Double share(long part, long whole) {
        requireCount(part, "part");
        requireCount(whole, "whole");
        if (part > whole) {
            throw new IllegalArgumentException("part (" + part + ") must not exceed whole (" + whole + ")");
        }
        return whole == 0 ? null : (double) part / whole;
    }

    static long requireCount(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
