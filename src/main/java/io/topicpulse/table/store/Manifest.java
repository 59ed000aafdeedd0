package io.topicpulse.table.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a snapshot was made from: the input files processed so far, the run that published it and the versions of
 * the code that produced its tables; stored as {@code _manifest.json} beside the tables.
 *
 * @param runId      id of the run that published the snapshot
 * @param createdAt  when it was published, ISO-8601 UTC
 * @param inputs     every input file whose records are in the tables, not only tonight's
 * @param versions   component name to version (e.g. "extractor" -> "3", "lexicon" -> a checksum)
 * @param properties free-form values for later use (row counts, run statistics)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String runId, String createdAt, List<ProcessedFile> inputs, Map<String, String> versions,
                       Map<String, String> properties) {

    /** File name of the manifest inside a snapshot. */
    public static final String FILE_NAME = "_manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One processed input file, identified the way the next run checks it for changes.
     *
     * @param uri              the file's URI
     * @param size             its length in bytes
     * @param modificationTime its last-modified time in epoch milliseconds
     * @param sha256           hex SHA-256 of its bytes, or null when not computed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProcessedFile(String uri, long size, long modificationTime, String sha256) {
        public ProcessedFile {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri must not be blank");
            }
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0, was " + size + " for " + uri);
            }
        }
    }

    public Manifest {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
        if (createdAt == null || createdAt.isBlank()) {
            throw new IllegalArgumentException("createdAt must not be blank");
        }
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        versions = versions == null ? Map.of() : new TreeMap<>(versions);
        properties = properties == null ? Map.of() : new TreeMap<>(properties);
    }

    /** The manifest as indented JSON with sorted keys, so equal manifests are equal bytes. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest of run " + runId, e);
        }
    }

    /** Parses {@link #toJson()} output; unknown fields (from newer versions) are ignored. */
    public static Manifest fromJson(byte[] json) throws IOException {
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        return JSON.readValue(json, Manifest.class);
    }
}
