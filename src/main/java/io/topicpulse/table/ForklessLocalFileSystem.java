package io.topicpulse.table;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system ({@code file:}, checksums included) that sets permissions in the JVM.
 *
 * <p>Without Hadoop's native library, which the Maven artifacts do not ship, every file and folder Hadoop makes on
 * a local disk costs a {@code chmod} process: some 6,900 of them in a run over 39,400 pages, most for the one-day
 * files of the series tables, and each a fork of the whole JVM, which can fail outright when memory is short.
 * {@code io.topicpulse.jobs.SparkSessions} maps {@code file:} here through {@code fs.file.impl}.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system underneath: Hadoop's own but for {@link #setPermission}. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            // java.nio sets the nine rwx bits only: a sticky bit (or Windows) keeps Hadoop's own way.
            if (permission.getStickyBit() || Shell.WINDOWS) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(),
                        PosixFilePermissions.fromString(permission.toString()));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }
    }
}
