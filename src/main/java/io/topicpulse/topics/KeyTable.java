package io.topicpulse.topics;

/**
 * A small open-addressing map from folded token to value that can look up an ASCII token straight from the text,
 * folding as it reads, so matching allocates no string for the many tokens that match nothing.
 */
final class KeyTable<V> {

    private static final int EMPTY = 0;

    private String[] keys = new String[4];
    private int[] hashes = new int[4];
    private Object[] values = new Object[4];
    private int size;

    V get(String key) {
        int mask = keys.length - 1;
        int hash = stored(key.hashCode());
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int h = hashes[slot];
            if (h == EMPTY) {
                return null;
            }
            if (h == hash && keys[slot].equals(key)) {
                return value(slot);
            }
        }
    }

    /** The value for token {@code index}, looked up by its folded form. */
    V get(Tokens tokens, int index) {
        if (!tokens.isAscii(index)) {
            return get(tokens.folded(index));
        }
        String text = tokens.text();
        int start = tokens.start(index);
        int length = tokens.end(index) - start;
        int hash = stored(tokens.asciiFoldedHash(index));
        int mask = keys.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int h = hashes[slot];
            if (h == EMPTY) {
                return null;
            }
            if (h == hash) {
                String k = keys[slot];
                if (k.length() == length && foldedEquals(k, text, start)) {
                    return value(slot);
                }
            }
        }
    }

    V computeIfAbsent(String key, java.util.function.Supplier<V> create) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        V value = create.get();
        insert(key, value);
        size++;
        return value;
    }

    private static boolean foldedEquals(String key, String text, int start) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != lower(text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Hashes as stored: never {@link #EMPTY}, which marks a free slot. */
    private static int stored(int hash) {
        return hash == EMPTY ? 1 : hash;
    }

    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    @SuppressWarnings("unchecked")
    private V value(int slot) {
        return (V) values[slot];
    }

    private void insert(String key, Object value) {
        int mask = keys.length - 1;
        int hash = stored(key.hashCode());
        int slot = spread(hash) & mask;
        while (hashes[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        hashes[slot] = hash;
        values[slot] = value;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }
}
