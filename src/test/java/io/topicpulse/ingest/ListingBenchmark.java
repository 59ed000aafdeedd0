package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Not a test: times {@link InputFiles#expand} over a local tree of 100,000 files against a plain {@code Files.walk}
 * of it, in one JVM, interleaved round by round so that load on a shared machine hits them alike; prints the median
 * and range of each after a warm-up round. Then adds two links to every day folder (one back to the root, a cycle,
 * and one to another day, listed already) and times {@code expand} again: it still lists each folder once.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) io.topicpulse.ingest.ListingBenchmark \
 *     /tmp/listing-100k [--hadoop]
 * </pre>
 * The tree (100 day folders of 10 site folders of 100 empty {@code .html} files) is made when the folder is absent.
 * With {@code --hadoop} it times instead, once each, Hadoop's recursive listing of the tree (what {@code expand} did
 * before it saw links: without Hadoop's native library it runs a shell command per file for its permissions) and
 * {@code expand}.
 */
public final class ListingBenchmark {

    private static final int DAYS = 100;
    private static final int SITES = 10;
    private static final int PAGES = 100;
    private static final int ROUNDS = 7;

    private ListingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("name the folder of the tree (made when absent), then --hadoop or not");
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        if (!Files.exists(root)) {
            generate(root);
        }
        Configuration conf = new Configuration();
        FileSystem local = FileSystem.getLocal(conf);
        List<String> overlapping = List.of(root.toString(), root + "/d000", root + "/*/s0",
                root + "/d001/s1/p000.html");

        if (args.length == 2 && args[1].equals("--hadoop")) {
            Map<String, LongSupplier> once = new LinkedHashMap<>();
            once.put("Hadoop listFiles (before)", () -> hadoopListing(local, root));
            once.put("InputFiles.expand", () -> expand(conf, List.of(root.toString())));
            time(once, 0);
            return;
        }
        Map<String, LongSupplier> plain = new LinkedHashMap<>();
        plain.put("Files.walk (baseline)", () -> walk(root));
        plain.put("InputFiles.expand", () -> expand(conf, List.of(root.toString())));
        plain.put("InputFiles.expand, 4 overlapping inputs", () -> expand(conf, overlapping));
        time(plain, ROUNDS);

        List<Path> links = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            Path folder = root.resolve(String.format("d%03d", day));
            links.add(Files.createSymbolicLink(folder.resolve("loop"), Path.of("..")));
            links.add(Files.createSymbolicLink(folder.resolve("yesterday"),
                    Path.of(String.format("../d%03d", (day + DAYS - 1) % DAYS))));
        }
        try {
            Map<String, LongSupplier> linked = new LinkedHashMap<>();
            linked.put("Files.walk (baseline, links not followed)", () -> walk(root));
            linked.put("InputFiles.expand, " + links.size() + " links", () -> expand(conf, List.of(root.toString())));
            time(linked, ROUNDS);
            System.out.println("skipped: " + InputFiles.expand(conf, List.of(root.toString())).skipped().byReason());
        } finally {
            for (Path link : links) {
                Files.delete(link);
            }
        }
    }

    private static void generate(Path root) throws IOException {
        for (int day = 0; day < DAYS; day++) {
            for (int site = 0; site < SITES; site++) {
                Path folder = Files.createDirectories(root.resolve(String.format("d%03d/s%d", day, site)));
                for (int page = 0; page < PAGES; page++) {
                    Files.createFile(folder.resolve(String.format("p%03d.html", page)));
                }
            }
        }
    }

    /**
     * Runs each listing once (timed when {@code rounds} is 0, else a warm-up), then {@code rounds} times in turn;
     * prints files found and the median and range of the times.
     */
    private static void time(Map<String, LongSupplier> listings, int rounds) {
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, Long> found = new LinkedHashMap<>();
        listings.forEach((name, listing) -> {
            double first = millis(() -> found.put(name, listing.getAsLong()));
            if (rounds == 0) {
                millis.put(name, List.of(first));
            }
        });
        for (int round = 0; round < rounds; round++) {
            listings.forEach((name, listing) ->
                    millis.computeIfAbsent(name, n -> new ArrayList<>()).add(millis(listing::getAsLong)));
        }
        millis.forEach((name, times) -> {
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-45s %,8d files  median %,8.0f ms  (%.0f-%.0f)%n", name, found.get(name),
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        });
    }

    private static double millis(Runnable listing) {
        long started = System.nanoTime();
        listing.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static long walk(Path root) {
        // Files.find is Files.walk handing on the attributes the walk read anyway: no second stat per file.
        try (Stream<Path> files = Files.find(root, Integer.MAX_VALUE, (path, attrs) -> attrs.isRegularFile())) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long hadoopListing(FileSystem fs, Path root) {
        try {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path(root.toString()),
                    true);
            long count = 0;
            while (files.hasNext()) {
                files.next();
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long expand(Configuration conf, List<String> inputs) {
        return InputFiles.expand(conf, inputs).files().size();
    }
}
