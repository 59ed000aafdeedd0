package io.topicpulse.table.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
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

        /** Describes a local file; {@code withChecksum} reads it whole to compute the SHA-256. */
        public static ProcessedFile of(Path file, boolean withChecksum) throws IOException {
            if (file == null) {
                throw new IllegalArgumentException("file must not be null");
            }
            String sha256 = null;
            if (withChecksum) {
                try (InputStream in = Files.newInputStream(file)) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                    sha256 = HexFormat.of().formatHex(digest.digest());
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every JVM must provide SHA-256", e);
                }
            }
            return new ProcessedFile(file.toAbsolutePath().normalize().toUri().toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toMillis(), sha256);
        }

        /**
         * True when {@code other} is the same file unchanged: same URI, size and modification time, and the same
         * checksum when both have one.
         */
        public boolean sameAs(ProcessedFile other) {
            return other != null && uri.equals(other.uri) && size == other.size
                    && modificationTime == other.modificationTime
                    && (sha256 == null || other.sha256 == null || sha256.equals(other.sha256));
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

    /** Those of {@code found} that this manifest does not list as processed, or lists with other size or time. */
    public List<ProcessedFile> unprocessed(Collection<ProcessedFile> found) {
        if (found == null) {
            throw new IllegalArgumentException("found must not be null");
        }
        Map<String, ProcessedFile> processed = new HashMap<>();
        inputs.forEach(f -> processed.put(f.uri(), f));
        return found.stream().filter(f -> !f.sameAs(processed.get(f.uri()))).toList();
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
