package io.topicpulse.table;

import io.topicpulse.jobs.SparkSessions;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForklessLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void theSessionsSettingsMapLocalFilesToIt() throws IOException {
        try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"),
                SparkSessions.hadoopConfiguration(new SparkConf()))) {
            assertInstanceOf(ForklessLocalFileSystem.class, fs);
        }
    }

    @Test
    void filesAndFoldersGetHadoopsPermissionsWithoutStartingAProcess() throws IOException {
        List<String> commands = new ArrayList<>();
        java.nio.file.Path recording = dir.resolve("process.jfr");
        try (FileSystem fs = FileSystem.newInstance(URI.create("file:///"),
                SparkSessions.hadoopConfiguration(new SparkConf()));
             Recording r = new Recording()) {
            r.enable("jdk.ProcessStart").withStackTrace();
            r.start();
            Path folder = new Path(dir.toUri().toString(), "table/date=2024-11-13");
            assertTrue(fs.mkdirs(folder));
            try (FSDataOutputStream out = fs.create(new Path(folder, "part-0.parquet"))) {
                out.write(new byte[] {1, 2, 3});
            }
            fs.setPermission(new Path(folder, "part-0.parquet"), new FsPermission((short) 0640));
            r.stop();
            r.dump(recording);
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            commands.add(e.getString("command"));
        }
        assertEquals(List.of(), commands);

        java.nio.file.Path folder = dir.resolve("table/date=2024-11-13");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("part-0.parquet"))));
        // The checksum file of Hadoop's local file system is still written beside the data.
        assertTrue(Files.exists(folder.resolve(".part-0.parquet.crc")));
    }
}
