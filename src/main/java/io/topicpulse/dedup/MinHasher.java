package io.topicpulse.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * MinHash signatures over word shingles of {@link TextFingerprint#normalize(String) normalised} text, deterministic
 * for a given seed so signatures stored on earlier nights stay comparable with tonight's.
 *
 * <p>One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle is hashed once, the
 * hash picks one of the signature's bins and the bin keeps the smallest value it is given; each bin that no shingle
 * fell into then takes the value of the first filled bin on a probe sequence fixed by the seed and the bin alone.
 * Two texts' bins hold equal values with probability equal to the Jaccard similarity of their shingle sets, as
 * with one hash function per slot, at one hash per shingle instead of 128.
 */
public final class MinHasher implements Serializable {

    // Serializable so Spark can ship it to executors inside a UDF.
    private static final long serialVersionUID = 2L;

    /**
     * Names the way signatures are computed; signatures of different schemes are not comparable, so tables whose
     * stored signatures came from another scheme must be rebuilt. 1 was one hash function per slot.
     */
    public static final String SCHEME_VERSION = "2";

    /** Default number of slots; 128 estimates Jaccard similarity within about ±0.09 (2 sigma). */
    public static final int DEFAULT_HASHES = 128;
    /** Default shingle length in words. */
    public static final int DEFAULT_SHINGLE_WORDS = 5;
    /** Default seed; changing it invalidates every stored signature. */
    public static final long DEFAULT_SEED = 0x70b1c9a15eL;

    /** Value of every slot of a text without words; {@link #similarity} treats it as similar to nothing. */
    public static final int EMPTY_SLOT = -1;

    private final int hashes;
    private final int shingleWords;
    private final long seed;

    public MinHasher(int hashes, int shingleWords, long seed) {
        if (hashes < 1) {
            throw new IllegalArgumentException("hashes must be >= 1, was " + hashes);
        }
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingleWords must be >= 1, was " + shingleWords);
        }
        this.hashes = hashes;
        this.shingleWords = shingleWords;
        this.seed = mix(seed);
    }

    /** 128 slots over word 5-shingles with the default seed. */
    public static MinHasher standard() {
        return new MinHasher(DEFAULT_HASHES, DEFAULT_SHINGLE_WORDS, DEFAULT_SEED);
    }

    public int hashes() {
        return hashes;
    }

    /**
     * The signature of a text: per slot, the smallest 32-bit value among its shingles' hashes that fell into that
     * slot (or the value a densified slot took), as an unsigned value stored in an int so it fits a Parquet
     * {@code array<int>} column. A text shorter than one shingle is one shingle; a text without words gets the
     * empty signature.
     */
    public int[] signature(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return signatureOfNormalized(TextFingerprint.normalize(text));
    }

    /** {@link #signature} of a text already {@link TextFingerprint#normalize(String) normalised}. */
    public int[] signatureOfNormalized(String normalized) {
        int[] signature = new int[hashes];
        Arrays.fill(signature, EMPTY_SLOT);
        if (normalized.isEmpty()) {
            return signature;
        }
        long[] words = wordHashes(normalized);
        long[] minima = new long[hashes];
        Arrays.fill(minima, Long.MAX_VALUE);
        int shingles = Math.max(1, words.length - shingleWords + 1);
        for (int start = 0; start < shingles; start++) {
            long shingle = 0x9e3779b97f4a7c15L;
            for (int w = start; w < Math.min(words.length, start + shingleWords); w++) {
                shingle = mix(shingle * 31 + words[w]);
            }
            long h = mix(shingle ^ seed);
            // The upper 32 bits choose the bin, the lower 32 bits are the value: independent halves of one hash.
            int bin = bin(h >>> 32);
            long value = h & 0xffffffffL;
            if (value < minima[bin]) {
                minima[bin] = value;
            }
        }
        for (int i = 0; i < hashes; i++) {
            long value = minima[i];
            for (long attempt = 1; value == Long.MAX_VALUE; attempt++) {
                // Optimal densification: borrow from a filled bin (never a densified one) on a probe sequence
                // that depends only on this bin and the seed, so every text probes in the same order.
                value = minima[bin(mix(seed + i * 0x100000000L + attempt) >>> 32)];
            }
            signature[i] = (int) value == EMPTY_SLOT ? EMPTY_SLOT - 1 : (int) value; // the sentinel is for empty texts
        }
        return signature;
    }

    /** A bin in [0, hashes) from 32 uniform bits, without the bias of a modulus. */
    private int bin(long bits) {
        return (int) ((bits * hashes) >>> 32);
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

    /** A hash of each space-separated word of a normalised text, read in place without splitting it. */
    private static long[] wordHashes(String normalized) {
        long[] hashes = new long[16];
        int count = 0;
        long h = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs, unlike String.hashCode mixing choices
        for (int c = 0; c <= normalized.length(); c++) {
            char ch = c < normalized.length() ? normalized.charAt(c) : ' ';
            if (ch != ' ') {
                h = (h ^ ch) * 0x100000001b3L;
                continue;
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = mix(h);
            h = 0xcbf29ce484222325L;
        }
        return Arrays.copyOf(hashes, count);
    }

    /** SplitMix64 finaliser: a cheap bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
