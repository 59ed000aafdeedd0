package io.topicpulse.cli;

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

    /** The output folder: a local or mounted path (the atomic snapshot store needs POSIX renames and links). */
    static Path output(CommandSpec spec, String output) {
        if (output == null || output.isBlank()) {
            throw fail(spec, "--output must name a folder");
        }
        String local = output.startsWith("file://") ? output.substring("file://".length())
                : output.startsWith("file:") ? output.substring("file:".length()) : output;
        if (local.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw fail(spec, "--output '" + output + "': only local or mounted paths are supported for the "
                    + "output (tables are published with atomic renames and links); write to a local path or a "
                    + "mounted file system");
        }
        Path path = Path.of(local).toAbsolutePath().normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw fail(spec, "--output '" + output + "' exists and is not a folder");
        }
        return path;
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
