package io.topicpulse.table.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForklessLocalFileSystemTest {

    @Test
    void everyModeSurvivesTheWayToPosixPermissionsAndBack() {
        for (short mode = 0; mode <= 0777; mode++) {
            FsPermission permission = new FsPermission(mode);
            assertEquals(permission, ForklessLocalFileSystem.permission(ForklessLocalFileSystem.posix(permission)),
                    Integer.toOctalString(mode));
        }
        assertNull(ForklessLocalFileSystem.posix(new FsPermission((short) 01777)), "the sticky bit is Hadoop's job");
    }

    @Test
    void filesAndFoldersItCreatesAndListsHaveThePermissionsOwnerAndGroupHadoopsOwnFileSystemSees(@TempDir
            java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(ForklessLocalFileSystem.IMPL_KEY, ForklessLocalFileSystem.class.getName());
        conf.set("fs.permissions.umask-mode", "027");
        Path root = new Path(dir.toUri());
        try (FileSystem forkless = FileSystem.newInstance(URI.create("file:///"), conf);
             LocalFileSystem hadoops = new LocalFileSystem()) {
            hadoops.initialize(URI.create("file:///"), new Configuration());
            assertInstanceOf(ForklessLocalFileSystem.class, forkless);

            Path folder = new Path(root, "table/date=2024-11-30");
            forkless.mkdirs(folder, new FsPermission((short) 0750));
            try (FSDataOutputStream out = forkless.create(new Path(folder, "part-0.parquet"))) {
                out.write("rows".getBytes(StandardCharsets.UTF_8));
            }
            java.nio.file.Path written = dir.resolve("table/date=2024-11-30/part-0.parquet");
            assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(written),
                    "created as Hadoop creates, under the umask");
            assertEquals(PosixFilePermissions.fromString("rwxr-x---"),
                    Files.getPosixFilePermissions(dir.resolve("table/date=2024-11-30")));
            forkless.setPermission(new Path(folder, "part-0.parquet"), new FsPermission((short) 0604));
            assertEquals(PosixFilePermissions.fromString("rw----r--"), Files.getPosixFilePermissions(written));

            for (Path path : new Path[] {root, new Path(root, "table"), folder, new Path(folder, "part-0.parquet")}) {
                assertSameStatus(hadoops.getFileStatus(path), forkless.getFileStatus(path));
            }
            FileStatus[] ours = sorted(forkless.listStatus(folder));
            FileStatus[] theirs = sorted(hadoops.listStatus(folder));
            assertEquals(Arrays.stream(theirs).map(FileStatus::getPath).toList(),
                    Arrays.stream(ours).map(FileStatus::getPath).toList(), "the data file and its checksum file");
            for (int i = 0; i < ours.length; i++) {
                assertSameStatus(theirs[i], ours[i]);
            }
            assertArrayEquals("rows".getBytes(StandardCharsets.UTF_8),
                    forkless.open(new Path(folder, "part-0.parquet")).readAllBytes());
        }
    }

    private static void assertSameStatus(FileStatus expected, FileStatus actual) {
        String what = expected.getPath().toString();
        assertEquals(expected.getPath(), actual.getPath(), what);
        assertEquals(expected.isDirectory(), actual.isDirectory(), what);
        assertEquals(expected.getLen(), actual.getLen(), what);
        assertEquals(expected.getModificationTime(), actual.getModificationTime(), what);
        assertEquals(expected.getPermission(), actual.getPermission(), what);
        assertEquals(expected.getOwner(), actual.getOwner(), what);
        assertEquals(expected.getGroup(), actual.getGroup(), what);
    }

    private static FileStatus[] sorted(FileStatus[] statuses) {
        return Arrays.stream(statuses).sorted(Comparator.comparing(FileStatus::getPath)).toArray(FileStatus[]::new);
    }
}
