package io.topicpulse.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The plan of a run that has begun committing and not finished: {@code OUTPUT/_topicpulse/pending.json}, written
 * before a run's first commit and deleted after its last. A run that finds one completes that plan first, with the
 * same run id, so its idempotent commits apply what the interrupted run had not.
 *
 * @param <T> the plan's type, a record Jackson reads and writes
 */
public final class PendingRun<T> {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FileSystem fs;
    private final Path file;
    private final Class<T> type;

    public PendingRun(Configuration conf, String output, Class<T> type) throws IOException {
        this.file = new Path(output, "_topicpulse/pending.json");
        this.fs = file.getFileSystem(conf);
        this.type = type;
    }

    /** The interrupted run's plan, if there is one. */
    public Optional<T> read() throws IOException {
        try (InputStream in = fs.open(file)) {
            return Optional.of(JSON.readValue(in, type));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " holds no readable plan (" + e.getOriginalMessage() + "); it was written "
                    + "by another version of topicpulse. Delete it and rebuild the tables with `run`.", e);
        }
    }

    /** Records the plan: a whole file or none (written beside, then renamed; one PUT on an object store). */
    public void write(T plan) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(plan);
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("cannot rename " + tmp + " to " + file);
        }
    }

    public void clear() throws IOException {
        fs.delete(file, false);
    }
}
