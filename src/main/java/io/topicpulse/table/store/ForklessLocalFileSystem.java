package io.topicpulse.table.store;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}), with the owner, group and permissions of files read and set through
 * {@code java.nio} instead of a child process. Without Hadoop's native library (Maven brings none), its local file
 * system runs {@code ls -ld} for the permissions of every file it lists and {@code chmod} for every file and folder
 * it creates: some 1,200 processes in a small night, most of them on the driver's main thread. Every job's
 * {@code file:} file system unless the user names another ({@code SparkSessions.applyTableSettings}); on a file
 * system without POSIX attributes it does what Hadoop's does.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

    /** The Hadoop setting that names the class of the {@code file:} file system. */
    public static final String IMPL_KEY = "fs.file.impl";

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (checksum-free) side, where Hadoop forks. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> posix = posix(permission);
            if (posix == null) {
                super.setPermission(p, permission);
                return;
            }
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, posix);
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new FileNotFoundException("File " + p + " does not exist");
            }
        }

        @Override
        public FileStatus getFileStatus(Path f) throws IOException {
            return withAttributes(super.getFileStatus(f));
        }

        @Override
        public FileStatus[] listStatus(Path f) throws IOException {
            FileStatus[] listed = super.listStatus(f);
            if (listed == null) {
                return null;
            }
            FileStatus[] out = new FileStatus[listed.length];
            for (int i = 0; i < listed.length; i++) {
                out[i] = withAttributes(listed[i]);
            }
            return out;
        }

        /**
         * The status with its owner, group and permissions read now through {@code java.nio}: Hadoop's own status
         * reads them lazily, with {@code ls -ld}, when first asked (and Spark's listings ask for every file).
         */
        private FileStatus withAttributes(FileStatus status) throws IOException {
            if (status == null) {
                return null;
            }
            File file = pathToFile(status.getPath());
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
            } catch (UnsupportedOperationException | IOException e) {
                return status; // Hadoop's own status, which reads them its way if asked
            }
            return new FileStatus(status.getLen(), status.isDirectory(), status.getReplication(),
                    status.getBlockSize(), status.getModificationTime(), status.getAccessTime(),
                    permission(attributes.permissions()), attributes.owner().getName(),
                    attributes.group().getName(), status.getPath());
        }
    }

    /** Hadoop's permission as POSIX permissions; null when it has bits they cannot say (sticky, setuid). */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        int bits = permission.toShort();
        if ((bits & ~0777) != 0) {
            return null;
        }
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((bits & bit(p)) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** POSIX permissions as Hadoop's. */
    static FsPermission permission(Set<PosixFilePermission> posix) {
        int bits = 0;
        for (PosixFilePermission p : posix) {
            bits |= bit(p);
        }
        return new FsPermission((short) bits);
    }

    /** A permission's bit in the octal mode: PosixFilePermission runs from OWNER_READ (0400) to OTHERS_EXECUTE (01). */
    private static int bit(PosixFilePermission p) {
        return 1 << (8 - p.ordinal());
    }
}
