package io.topicpulse.cli;

import io.topicpulse.extract.meta.DateConfidence;
import io.topicpulse.topics.Lexicon;
import io.topicpulse.topics.LexiconException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Checks shared by the commands: every failure names the option and happens before Spark starts. */
final class Options {

    /** Where the default lexicon (jobs/lexicon.yaml) sits inside the jar. */
    static final String DEFAULT_LEXICON_RESOURCE = "/io/topicpulse/lexicon.yaml";

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Options() {
    }

    /** The lexicon named by --lexicon, or the default one shipped in the jar. */
    static Lexicon lexicon(CommandSpec spec, Path file) {
        try {
            if (file == null) {
                try (InputStream in = Options.class.getResourceAsStream(DEFAULT_LEXICON_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("the default lexicon is missing from the jar");
                    }
                    return Lexicon.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default lexicon");
                }
            }
            if (!Files.isRegularFile(file)) {
                throw fail(spec, "--lexicon '" + file + "': no such file");
            }
            return Lexicon.load(file);
        } catch (LexiconException e) {
            throw fail(spec, "--lexicon: " + e.getMessage());
        } catch (IOException e) {
            throw fail(spec, "--lexicon '" + file + "': " + e.getMessage());
        }
    }

    /**
     * The output folder, as a path or URI of any Hadoop file system ({@code file:}, {@code hdfs://},
     * {@code s3a://}, …); a plain path is made absolute. Refuses a file, and an output written by the snapshot store
     * of earlier versions, before Spark starts.
     */
    static String output(CommandSpec spec, String output, org.apache.hadoop.conf.Configuration hadoop) {
        if (output == null || output.isBlank()) {
            throw fail(spec, "--output must name a folder");
        }
        String uri = output.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? output
                : Path.of(output).toAbsolutePath().normalize().toUri().toString();
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
            org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(hadoop);
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                throw fail(spec, "--output '" + output + "' exists and is not a folder");
            }
            if (fs.exists(new org.apache.hadoop.fs.Path(root, "_CURRENT"))
                    || fs.exists(new org.apache.hadoop.fs.Path(root, "_snapshots"))) {
                throw fail(spec, "--output '" + output + "' holds tables of an earlier topicpulse (a _CURRENT "
                        + "snapshot), which this version does not read: move it aside and rebuild the tables with "
                        + "`topicpulse run --input ... --output " + output + "`");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw fail(spec, "--output '" + output + "': " + e.getMessage());
        }
        return uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** A day in the form YYYY-MM-DD, or null when the option was not given. */
    static java.time.LocalDate day(CommandSpec spec, String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw fail(spec, option + " must be a day like 2024-11-30, was '" + value + "'");
        }
    }

    /** A date floor: a number in [0, 1] ({@link DateConfidence}). */
    static double dateFloor(CommandSpec spec, String option, double value) {
        if (!DateConfidence.isValidFloor(value)) {
            throw fail(spec, option + " must be a number from 0 to 1, was " + value);
        }
        return value;
    }

    /** Fails when --until is before --from. */
    static void ordered(CommandSpec spec, java.time.LocalDate from, java.time.LocalDate until) {
        if (from != null && until != null && until.isBefore(from)) {
            throw fail(spec, "--until " + until + " is before --from " + from);
        }
    }

    static int atLeast(CommandSpec spec, String option, int value, int min) {
        if (value < min) {
            throw fail(spec, option + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** A run id that sorts by start time and never collides: 20241130T101500Z-3fa2c1. */
    static String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return RUN_STAMP.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
    }

    static CommandLine.ParameterException fail(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
