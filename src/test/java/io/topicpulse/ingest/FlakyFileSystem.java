package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local file system under the scheme {@code flaky:}, whose streams fail as a plan says: a real Hadoop
 * FileSystem, so the readers' own open, retry and reject code runs unchanged.
 *
 * <p>Each open of a file takes the next entry of the plan in its Configuration ({@link #PLAN}, comma-separated):
 * a byte offset (the stream delivers the bytes before it, then every read fails), {@code open} (opening fails) or
 * {@code clean}; opens past the end of the plan are clean. The Configuration holds what is left of the plan, so
 * each reader given its own Configuration ({@link #conf}) meets its own failures.
 */
public class FlakyFileSystem extends RawLocalFileSystem {

    static final String PLAN = "flaky.plan";
    /** At most this many bytes per read (default: as many as asked), to put buffer ends anywhere in a file. */
    static final String MAX_READ = "flaky.max-read";
    private static final URI NAME = URI.create("flaky:///");

    /** A Configuration whose opens of {@code flaky:} files follow {@code plan}, e.g. {@code "120,open"}. */
    static Configuration conf(String plan) {
        // Without the default resources: parsing them for each of the many readers a test makes is most of its time.
        Configuration conf = new Configuration(false);
        conf.set("fs.flaky.impl", FlakyFileSystem.class.getName());
        // A cached instance would keep the Configuration of whoever opened first.
        conf.setBoolean("fs.flaky.impl.disable.cache", true);
        conf.set(PLAN, plan);
        return conf;
    }

    /** A local file as an input read through this file system. */
    static InputFile inputFile(java.nio.file.Path file) {
        return InputFiles.expand(conf("clean"), List.of("flaky://" + file.toAbsolutePath())).files().get(0);
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return NAME.getScheme();
    }

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        String step = nextStep();
        if (step.equals("open")) {
            throw new IOException("flaky: cannot open " + path);
        }
        long failAt = step.equals("clean") ? -1 : Long.parseLong(step);
        return new FSDataInputStream(new FlakyStream(super.open(path, bufferSize), failAt,
                getConf().getInt(MAX_READ, Integer.MAX_VALUE)));
    }

    private synchronized String nextStep() {
        List<String> plan = new ArrayList<>(Arrays.asList(getConf().get(PLAN, "").split(",")));
        plan.removeIf(String::isBlank);
        if (plan.isEmpty()) {
            return "clean";
        }
        String step = plan.remove(0).trim();
        getConf().set(PLAN, String.join(",", plan));
        return step;
    }

    private static final class FlakyStream extends FSInputStream {

        private final FSDataInputStream in;
        private final long failAt;
        private final int maxRead;
        private long position;

        FlakyStream(FSDataInputStream in, long failAt, int maxRead) {
            this.in = in;
            this.failAt = failAt;
            this.maxRead = maxRead;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int allowed = Math.min(length, maxRead);
            if (failAt >= 0) {
                if (position >= failAt) {
                    throw new IOException("flaky: connection lost at byte " + position);
                }
                allowed = (int) Math.min(allowed, failAt - position);
            }
            int n = in.read(bytes, offset, allowed);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void seek(long target) throws IOException {
            in.seek(target);
            position = target;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public boolean seekToNewSource(long target) {
            return false;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
