package io.topicpulse.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a data set's {@code truth.jsonl}; a field the set does not give is null (lists: empty).
 *
 * @param published "YYYY-MM-DD" or "YYYY-MM", or null when the page has no known date
 */
public record Truth(String id, String url, String title, String author, String published, String body,
                    List<String> mustInclude, List<String> mustExclude) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Truth {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        mustInclude = mustInclude == null ? List.of() : List.copyOf(mustInclude);
        mustExclude = mustExclude == null ? List.of() : List.copyOf(mustExclude);
    }

    /** True when the truth gives must_include or must_exclude snippets. */
    public boolean hasSnippets() {
        return !mustInclude.isEmpty() || !mustExclude.isEmpty();
    }

    /** Reads every line of a truth.jsonl file; blank lines are skipped, a malformed line fails with its number. */
    public static List<Truth> read(Path file) throws IOException {
        List<Truth> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(JSON.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static Truth parse(JsonNode n) {
        return new Truth(text(n, "id"), text(n, "url"), text(n, "title"), text(n, "author"), text(n, "published"),
                text(n, "body"), list(n, "must_include"), list(n, "must_exclude"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> list(JsonNode n, String field) {
        JsonNode v = n.get(field);
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> {
                if (!e.isNull()) {
                    out.add(e.asText());
                }
            });
        }
        return out;
    }
}
