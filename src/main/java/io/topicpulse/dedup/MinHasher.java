package io.topicpulse.dedup;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles of {@link TextFingerprint#normalize(String) normalised} text, deterministic
 * for a given seed so signatures stored on earlier nights stay comparable with tonight's.
 */
public final class MinHasher implements Serializable {

    // Serializable so Spark can ship it to executors inside a UDF.
    private static final long serialVersionUID = 1L;

    /** Default number of hash functions; 128 estimates Jaccard similarity within about ±0.09 (2 sigma). */
    public static final int DEFAULT_HASHES = 128;
    /** Default shingle length in words. */
    public static final int DEFAULT_SHINGLE_WORDS = 5;
    /** Default seed; changing it invalidates every stored signature. */
    public static final long DEFAULT_SEED = 0x70b1c9a15eL;

    /** Value of every slot of a text without words; {@link #similarity} treats it as similar to nothing. */
    static final int EMPTY_SLOT = -1;

    private final int shingleWords;
    private final long[] seeds;

    public MinHasher(int hashes, int shingleWords, long seed) {
        if (hashes < 1) {
            throw new IllegalArgumentException("hashes must be >= 1, was " + hashes);
        }
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingleWords must be >= 1, was " + shingleWords);
        }
        this.shingleWords = shingleWords;
        SplittableRandom random = new SplittableRandom(seed);
        this.seeds = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            seeds[i] = random.nextLong();
        }
    }

    /** 128 hashes over word 5-shingles with the default seed. */
    public static MinHasher standard() {
        return new MinHasher(DEFAULT_HASHES, DEFAULT_SHINGLE_WORDS, DEFAULT_SEED);
    }

    public int hashes() {
        return seeds.length;
    }

    /**
     * The signature of a text: per hash function, the smallest hash over its shingles (upper 32 bits, as an
     * unsigned value stored in an int so it fits a Parquet {@code array<int>} column). A text shorter than one
     * shingle is one shingle; a text without words gets the empty signature.
     */
    public int[] signature(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String normalized = TextFingerprint.normalize(text);
        int[] signature = new int[seeds.length];
        Arrays.fill(signature, EMPTY_SLOT);
        if (normalized.isEmpty()) {
            return signature;
        }
        long[] words = wordHashes(normalized.split(" "));
        long[] minima = new long[seeds.length];
        Arrays.fill(minima, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - shingleWords + 1);
        for (int start = 0; start < shingles; start++) {
            long shingle = 0x9e3779b97f4a7c15L;
            for (int w = start; w < Math.min(words.length, start + shingleWords); w++) {
                shingle = mix(shingle * 31 + words[w]);
            }
            for (int i = 0; i < seeds.length; i++) {
                // Compare unsigned so the full 64-bit range counts; only the top 32 bits are kept.
                long h = mix(shingle ^ seeds[i]) >>> 1;
                if (h < minima[i]) {
                    minima[i] = h;
                }
            }
        }
        for (int i = 0; i < seeds.length; i++) {
            signature[i] = (int) (minima[i] >>> 31);
            if (signature[i] == EMPTY_SLOT) {
                signature[i] = EMPTY_SLOT - 1; // keep the sentinel for empty texts only
            }
        }
        return signature;
    }

    /** Estimated Jaccard similarity of two signatures' shingle sets: the share of equal slots; 0 for empty texts. */
    public static double similarity(int[] a, int[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("signatures must not be null");
        }
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("signatures must have the same, non-zero length: "
                    + a.length + " vs " + b.length);
        }
        if (isEmpty(a) || isEmpty(b)) {
            return 0;
        }
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        return (double) equal / a.length;
    }

    /** True for the signature of a text without words. */
    public static boolean isEmpty(int[] signature) {
        for (int slot : signature) {
            if (slot != EMPTY_SLOT) {
                return false;
            }
        }
        return true;
    }

    private static long[] wordHashes(String[] words) {
        long[] hashes = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            long h = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs, unlike String.hashCode mixing choices
            String word = words[w];
            for (int c = 0; c < word.length(); c++) {
                h = (h ^ word.charAt(c)) * 0x100000001b3L;
            }
            hashes[w] = mix(h);
        }
        return hashes;
    }

    /** SplitMix64 finaliser: a cheap bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
