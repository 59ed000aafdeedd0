package io.topicpulse.topics;

/** The tokens of one normalised text, as {@link Tokenizer} defines them. */
public final class Tokens {

    private final String text;
    private final int[] starts;
    private final int[] ends;
    static final byte JOINED = 1;
    static final byte ASCII = 2;

    private final byte[] flags;
    private final int[] asciiHashes;
    private String[] folded;
    private final int size;

    Tokens(String text, int[] starts, int[] ends, byte[] flags, int[] asciiHashes, int size) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.flags = flags;
        this.asciiHashes = asciiHashes;

        this.size = size;
    }

    /** The normalised text the offsets point into. */
    public String text() {
        return text;
    }

    /** The number of tokens. */
    public int size() {
        return size;
    }

    /** The token as written in the normalised text. */
    public String surface(int index) {
        check(index);
        return text.substring(starts[index], ends[index]);
    }

    /** The token lower-cased with {@code Locale.ROOT}. */
    public String folded(int index) {
        check(index);
        if (folded == null) {
            folded = new String[size];
        }
        String fold = folded[index];
        if (fold == null) {
            fold = Tokenizer.fold(text.substring(starts[index], ends[index]));
            folded[index] = fold;
        }
        return fold;
    }

    /** Offset of the token's first char in {@link #text()}. */
    public int start(int index) {
        check(index);
        return starts[index];
    }

    /** Offset just past the token's last char in {@link #text()}. */
    public int end(int index) {
        check(index);
        return ends[index];
    }

    /** True when only spaces, hyphens and apostrophes stand between this token and the one before. */
    public boolean joinedToPrevious(int index) {
        check(index);
        return (flags[index] & JOINED) != 0;
    }

    /** True when the token is made of ASCII chars only, so it can be folded char by char. */
    boolean isAscii(int index) {
        return (flags[index] & ASCII) != 0;
    }

    /** For an ASCII token, the {@code hashCode()} of its folded form. */
    int asciiFoldedHash(int index) {
        return asciiHashes[index];
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("token index " + index + " not in [0, " + size + ")");
        }
    }
}
