package io.topicpulse.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;

import java.io.File;

/**
 * A dev tool: copies a local file or folder to any Hadoop file system, e.g. the inputs of a run into S3Proxy or HDFS
 * started by {@link DevCluster}. {@code hadoop fs -put} would do, but no Hadoop distribution is installed here, and
 * Hadoop's FsShell (which it runs) creates an empty folder marker first and then looks for it, which S3Proxy's
 * filesystem backend does not list; S3A writes each object without needing one.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/classpath-test.txt) io.topicpulse.jobs.PutFiles \
 *     [-Dfs.s3a.endpoint=... ...] LOCAL URI
 * </pre>
 * The {@code -D} settings are Hadoop's (as {@code spark.hadoop.*} without the prefix).
 */
public final class PutFiles {

    private PutFiles() {
    }

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        int i = 0;
        for (; i < args.length && args[i].startsWith("-D") && args[i].contains("="); i++) {
            String setting = args[i].substring(2);
            conf.set(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        if (args.length - i != 2) {
            System.err.println("usage: PutFiles [-Dkey=value ...] LOCAL URI");
            System.exit(2);
        }
        Path from = new Path(new File(args[i]).getAbsoluteFile().toURI());
        Path to = new Path(args[i + 1]);
        FileSystem target = to.getFileSystem(conf);
        if (!FileUtil.copy(from.getFileSystem(conf), from, target, to, false, true, conf)) {
            System.err.println("PutFiles: nothing copied");
            System.exit(1);
        }
        System.out.println(from + " -> " + target.makeQualified(to));
    }
}
