package io.topicpulse.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paths the input listing did not follow or read because they lead nowhere new: counts by reason, and the first few
 * paths for the console and {@code run_stats}.
 *
 * <p>A skipped folder counts once, not once per file below it: it stands for the one decision not to list it.
 *
 * @param byReason how many paths were skipped per {@link Reason#code()}, sorted by code; reasons with none are absent
 * @param first    the first {@link #KEPT} skips, in the order the listing met them
 */
public record SkippedPaths(Map<String, Long> byReason, List<Skip> first) {

    /** How many skips are kept with their paths; the rest are only counted. */
    public static final int KEPT = 10;

    /** Why a path was skipped; the lower-case code is what {@code run_stats} and the console show. */
    public enum Reason {
        /** A symbolic link to a folder that holds the link, or to a folder on the way to it: following it loops. */
        CYCLE,
        /** A path to a file or folder that the listing reached already through another path or another input. */
        ALREADY_LISTED,
        /** A symbolic link whose target does not exist or cannot be read: there is nothing to read. */
        BROKEN_LINK;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One skipped path.
     *
     * @param path    the path as the listing reached it (an input argument, or a path below one)
     * @param reason  why it was skipped
     * @param leadsTo the real path it leads to, or null for a broken link
     */
    public record Skip(String path, Reason reason, String leadsTo) {

        @Override
        public String toString() {
            return reason.code() + " " + path + (leadsTo == null || leadsTo.equals(path) ? "" : " -> " + leadsTo);
        }
    }

    public SkippedPaths {
        byReason = Collections.unmodifiableMap(new TreeMap<>(byReason));
        first = List.copyOf(first);
    }

    /** Nothing skipped. */
    public static SkippedPaths none() {
        return new SkippedPaths(Map.of(), List.of());
    }

    /** All skipped paths, kept or only counted. */
    public long total() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return byReason.isEmpty();
    }

    /** The kept skips as {@code "reason path -> real path"} lines, for a log line or an array column. */
    public List<String> firstPaths() {
        return first.stream().map(Skip::toString).toList();
    }

    /** Collects skips while listing. */
    static final class Builder {
        private final Map<String, Long> byReason = new TreeMap<>();
        private final List<Skip> first = new ArrayList<>();

        void add(String path, Reason reason, String leadsTo) {
            byReason.merge(reason.code(), 1L, Long::sum);
            if (first.size() < KEPT) {
                first.add(new Skip(path, reason, leadsTo));
            }
        }

        SkippedPaths build() {
            return new SkippedPaths(byReason, first);
        }
    }
}
