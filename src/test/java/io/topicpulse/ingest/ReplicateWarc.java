package io.topicpulse.ingest;

import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Benchmark input: the response records of a WARC file copied until there are N of them, each copy under a new URL
 * ({@code ?copy=K}), written as WARC files of one copy of the input each. Not a test.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) io.topicpulse.ingest.ReplicateWarc \
 *     ../shared/data/warc/news-pages-985.warc.gz 10000 /tmp/pages-10k
 * </pre>
 */
public final class ReplicateWarc {

    private ReplicateWarc() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ReplicateWarc IN.warc.gz PAGES OUT_DIR");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        long wanted = Long.parseLong(args[1]);
        Path out = Files.createDirectories(Path.of(args[2]));
        long written = 0;
        for (int copy = 0; written < wanted; copy++) {
            Path file = out.resolve(String.format("copy-%04d.warc.gz", copy));
            try (WarcReader reader = new WarcReader(FileChannel.open(in));
                 WarcWriter writer = new WarcWriter(FileChannel.open(file, StandardOpenOption.CREATE,
                         StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), WarcCompression.GZIP)) {
                for (WarcRecord record : reader) {
                    if (!(record instanceof WarcResponse response) || written >= wanted) {
                        continue;
                    }
                    String target = response.target();
                    URI uri = URI.create(target + (target.contains("?") ? "&" : "?") + "copy=" + copy);
                    byte[] block = response.body().stream().readAllBytes();
                    writer.write(new WarcResponse.Builder(uri).date(response.date())
                            .body(MediaType.HTTP_RESPONSE, block).build());
                    written++;
                }
            }
            if (copy > 0 && written == 0) {
                throw new IOException(in + " holds no response record");
            }
        }
        System.out.println(written + " pages in " + out);
    }
}
