package io.topicpulse.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands input paths, folders and globs into the input files to read, each real file once however many paths lead
 * to it (rules in {@code docs/input-listing.md}).
 */
public final class InputFiles {

    private static final Logger LOG = LoggerFactory.getLogger(InputFiles.class);

    /** The scheme of Hadoop's local file system, whose folders this class walks itself to see symbolic links. */
    private static final String LOCAL_SCHEME = "file";

    private InputFiles() {
    }

    /**
     * What a set of input paths expanded to.
     *
     * @param files   readable inputs, sorted by {@link InputFile#uri()} (the real path), each once
     * @param ignored real paths of files found in walked folders or named directly whose name matches no
     *                {@link InputFormat}, each once
     * @param skipped paths not followed or not read because they lead to something listed already, to a cycle or
     *                nowhere: for the console and {@code run_stats}
     */
    public record Expansion(List<InputFile> files, List<String> ignored, SkippedPaths skipped) {
        public Expansion {
            files = List.copyOf(files);
            ignored = List.copyOf(ignored);
            Objects.requireNonNull(skipped, "skipped");
        }

        /** An expansion that skipped nothing. */
        public Expansion(List<InputFile> files, List<String> ignored) {
            this(files, ignored, SkippedPaths.none());
        }
    }

    /**
     * Lists every input file under {@code paths}: files as given, folders walked recursively (skipping names that
     * start with {@code .} or {@code _}, as Spark and Hadoop do), globs expanded. Each real file is listed once: on
     * the local file system symbolic links are resolved, links that loop are cut and links to what was listed
     * already are skipped; on every file system an input inside another input is listed once. Skipped paths are
     * returned and logged as a warning.
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
        List<Root> roots = new ArrayList<>();
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
                    roots.add(Root.of(given, fs, match));
                }
            } catch (IOException e) {
                throw cannotList(given, e);
            }
        }
        // By real path, so an input is listed before any input inside it, which is then skipped whole.
        roots.sort(Comparator.comparing(Root::identity));
        Listing listing = new Listing();
        for (Root root : roots) {
            try {
                listing.list(root);
            } catch (IOException e) {
                throw cannotList(root.given(), e);
            }
        }
        listing.followLinks();
        Expansion expansion = listing.expansion();
        SkippedPaths skipped = expansion.skipped();
        if (!skipped.isEmpty()) {
            LOG.warn("--input: {} paths skipped, so that each real file is read once {}; first: {}",
                    skipped.total(), skipped.byReason(), String.join("; ", skipped.firstPaths()));
        }
        return expansion;
    }

    private static UncheckedIOException cannotList(String given, IOException e) {
        return new UncheckedIOException("--input '" + given + "': cannot list: " + e.getMessage(), e);
    }

    /**
     * One match of an input argument.
     *
     * @param real     the real local path, or null on a file system other than the local one
     * @param identity the real path as a qualified Hadoop path (the match as listed off the local file system)
     */
    private record Root(String given, FileSystem fs, FileStatus status, java.nio.file.Path real, String identity) {

        static Root of(String given, FileSystem fs, FileStatus status) throws IOException {
            if (!LOCAL_SCHEME.equals(fs.getScheme())) {
                return new Root(given, fs, status, null, status.getPath().toString());
            }
            java.nio.file.Path real = java.nio.file.Path.of(status.getPath().toUri().getPath()).toRealPath();
            return new Root(given, fs, status, real, localUri(real));
        }

        String reachedBy() {
            return status.getPath().toString();
        }
    }

    /** The folders of the local walk between its root and a symbolic link: where following the link would loop. */
    private record Hop(java.nio.file.Path folder, Hop previous) {

        boolean leadsBackTo(java.nio.file.Path target) {
            for (Hop hop = this; hop != null; hop = hop.previous) {
                if (hop.folder.startsWith(target)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A symbolic link met in a local walk, followed once every plain path is listed. */
    private record Link(String given, String reachedBy, java.nio.file.Path path, Hop hop) {
    }

    /** A local folder to read, with the path the walk reached it through. */
    private record Folder(java.nio.file.Path real, String reachedBy) {
    }

    /** One expansion's state: what is listed, by real path, and what was skipped. */
    private static final class Listing {
        private final TreeMap<String, InputFile> files = new TreeMap<>();
        private final TreeSet<String> ignored = new TreeSet<>();
        private final Set<String> listedFolders = new HashSet<>();
        private final SkippedPaths.Builder skipped = new SkippedPaths.Builder();
        private final List<Link> links = new ArrayList<>();

        void list(Root root) throws IOException {
            FileStatus status = root.status();
            if (!status.isDirectory()) {
                add(root.identity(), root.reachedBy(), status.getLen(), status.getModificationTime());
            } else if (isListed(root.identity())) {
                skipped.add(root.reachedBy(), SkippedPaths.Reason.ALREADY_LISTED, root.identity());
            } else if (root.real() != null) {
                listedFolders.add(root.identity());
                walk(root.given(), root.reachedBy(), root.real(), null);
            } else {
                listedFolders.add(root.identity());
                listRecursively(root);
            }
        }

        // A folder inside a listed one was listed with it, unless a hidden name on the way kept the walk out.
        private boolean isListed(String folder) {
            if (listedFolders.contains(folder)) {
                return true;
            }
            for (Path parent = new Path(folder).getParent(); parent != null; parent = parent.getParent()) {
                String ancestor = parent.toString();
                if (listedFolders.contains(ancestor) && !isHidden(folder.substring(ancestor.length()))) {
                    return true;
                }
            }
            return false;
        }

        // One recursive listing, not a listStatus per folder: object stores (s3a) list whole prefixes at once.
        private void listRecursively(Root root) throws IOException {
            String rootPath = root.status().getPath().toUri().getPath();
            RemoteIterator<LocatedFileStatus> listing = root.fs().listFiles(root.status().getPath(), true);
            while (listing.hasNext()) {
                LocatedFileStatus status = listing.next();
                String path = status.getPath().toUri().getPath();
                String relative = path.startsWith(rootPath) ? path.substring(rootPath.length())
                        : status.getPath().getName();
                if (!isHidden(relative)) {
                    String uri = status.getPath().toString();
                    add(uri, uri, status.getLen(), status.getModificationTime());
                }
            }
        }

        /**
         * Walks a local folder (already marked listed) without following symbolic links: they are kept for
         * {@link #followLinks()}, so a file reached by a plain path and a link is listed under the plain one.
         */
        private void walk(String given, String reachedBy, java.nio.file.Path real, Hop hop) throws IOException {
            Deque<Folder> folders = new ArrayDeque<>();
            folders.push(new Folder(real, reachedBy));
            while (!folders.isEmpty()) {
                Folder folder = folders.pop();
                try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(folder.real())) {
                    for (java.nio.file.Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (isHidden(name)) {
                            continue;
                        }
                        String entryReachedBy = folder.reachedBy() + "/" + name;
                        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                                LinkOption.NOFOLLOW_LINKS);
                        if (attributes.isSymbolicLink()) {
                            links.add(new Link(given, entryReachedBy, entry, new Hop(folder.real(), hop)));
                        } else if (attributes.isDirectory()) {
                            String identity = localUri(entry);
                            if (listedFolders.add(identity)) {
                                folders.push(new Folder(entry, entryReachedBy));
                            } else {
                                skipped.add(entryReachedBy, SkippedPaths.Reason.ALREADY_LISTED, identity);
                            }
                        } else {
                            addLocal(entry, entryReachedBy, attributes);
                        }
                    }
                }
            }
        }

        /** Follows the links the local walks met, in rounds (a followed folder may hold links), each sorted. */
        void followLinks() {
            while (!links.isEmpty()) {
                List<Link> round = new ArrayList<>(links);
                links.clear();
                round.sort(Comparator.comparing(Link::reachedBy));
                for (Link link : round) {
                    try {
                        follow(link);
                    } catch (IOException e) {
                        throw cannotList(link.given(), e);
                    }
                }
            }
        }

        private void follow(Link link) throws IOException {
            java.nio.file.Path target;
            BasicFileAttributes attributes;
            try {
                target = link.path().toRealPath();
                attributes = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (IOException e) {
                // A dangling link, a link to itself or to a place we may not read: nothing to list, not a failure.
                skipped.add(link.reachedBy(), SkippedPaths.Reason.BROKEN_LINK, null);
                return;
            }
            String identity = localUri(target);
            if (!attributes.isDirectory()) {
                addLocal(target, link.reachedBy(), attributes);
            } else if (link.hop().leadsBackTo(target)) {
                skipped.add(link.reachedBy(), SkippedPaths.Reason.CYCLE, identity);
            } else if (!listedFolders.add(identity)) {
                skipped.add(link.reachedBy(), SkippedPaths.Reason.ALREADY_LISTED, identity);
            } else {
                walk(link.given(), link.reachedBy(), target, link.hop());
            }
        }

        private void addLocal(java.nio.file.Path real, String reachedBy, BasicFileAttributes attributes) {
            String identity = localUri(real);
            if (attributes.isRegularFile()) {
                add(identity, reachedBy, attributes.size(), attributes.lastModifiedTime().toMillis());
            } else {
                // Pipes, sockets and devices are no input: reading one could block forever.
                ignored.add(identity);
            }
        }

        private void add(String identity, String reachedBy, long size, long modificationTime) {
            if (files.containsKey(identity) || ignored.contains(identity)) {
                skipped.add(reachedBy, SkippedPaths.Reason.ALREADY_LISTED, identity);
                return;
            }
            Optional<InputFormat> format = InputFormat.ofFileName(identity.substring(identity.lastIndexOf('/') + 1));
            if (format.isPresent()) {
                files.put(identity, new InputFile(identity, format.get(), size, modificationTime, reachedBy));
            } else {
                ignored.add(identity);
            }
        }

        Expansion expansion() {
            return new Expansion(new ArrayList<>(files.values()), new ArrayList<>(ignored), skipped.build());
        }
    }

    // The form Hadoop's local file system gives its paths, so an input without links keeps the URI it always had.
    private static String localUri(java.nio.file.Path real) {
        return LOCAL_SCHEME + ":" + real;
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
