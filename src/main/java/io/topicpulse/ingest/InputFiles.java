package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Expands input paths, folders and globs into the input files to read, through Hadoop's FileSystem. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * What a set of input paths expanded to.
     *
     * @param files   readable inputs, sorted by URI, each once
     * @param ignored URIs of files found in walked folders or named directly whose name matches no {@link InputFormat}
     */
    public record Expansion(List<InputFile> files, List<String> ignored) {
        public Expansion {
            files = List.copyOf(files);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * Lists every input file under {@code paths}: files as given, folders walked recursively (skipping names that
     * start with {@code .} or {@code _}, as Spark and Hadoop do), globs expanded.
     *
     * @throws IllegalArgumentException when a path or glob matches nothing, naming it
     * @throws UncheckedIOException     when the file system fails while listing
     */
    public static Expansion expand(Configuration conf, List<String> paths) {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths must not be empty");
        }
        TreeMap<String, InputFile> files = new TreeMap<>();
        TreeSet<String> ignored = new TreeSet<>();
        for (String given : paths) {
            if (given == null || given.isBlank()) {
                throw new IllegalArgumentException("--input must not be blank");
            }
            try {
                Path path = new Path(given);
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new IllegalArgumentException("--input '" + given + "': no such file or directory");
                }
                for (FileStatus match : matches) {
                    collect(fs, match, files, ignored);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("--input '" + given + "': cannot list: " + e.getMessage(), e);
            }
        }
        return new Expansion(new ArrayList<>(files.values()), new ArrayList<>(ignored));
    }

    private static void collect(FileSystem fs, FileStatus root, TreeMap<String, InputFile> files,
                                TreeSet<String> ignored) throws IOException {
        if (!root.isDirectory()) {
            add(root, files, ignored);
            return;
        }
        // One recursive listing, not a listStatus per folder: object stores (s3a) list whole prefixes at once.
        String rootPath = root.getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root.getPath(), true);
        while (listing.hasNext()) {
            LocatedFileStatus status = listing.next();
            String path = status.getPath().toUri().getPath();
            String relative = path.startsWith(rootPath) ? path.substring(rootPath.length()) : status.getPath().getName();
            if (!isHidden(relative)) {
                add(status, files, ignored);
            }
        }
    }

    private static void add(FileStatus status, TreeMap<String, InputFile> files, TreeSet<String> ignored) {
        String uri = status.getPath().toString();
        Optional<InputFormat> format = InputFormat.ofFileName(status.getPath().getName());
        if (format.isPresent()) {
            files.put(uri, new InputFile(uri, format.get(), status.getLen(), status.getModificationTime()));
        } else {
            ignored.add(uri);
        }
    }

    // Hadoop writes _SUCCESS and .crc files, editors and sync tools leave dot files: none of them are inputs.
    private static boolean isHidden(String relativePath) {
        for (String name : relativePath.split("/")) {
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
