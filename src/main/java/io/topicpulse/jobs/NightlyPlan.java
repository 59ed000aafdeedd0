package io.topicpulse.jobs;

import io.topicpulse.ingest.InputFile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a nightly run reads: the listed input files compared with the manifest of the files already in the tables.
 *
 * <p>A file is identified by its URI and compared by size and modification time. A listed file whose URI is not in
 * the manifest is <em>new</em>; one whose size or modification time differs is <em>changed</em> (its earlier rows
 * are dropped by {@code source} and it is read again); the rest are <em>unchanged</em> and not read. Files in the
 * manifest that are no longer listed keep their rows (dumps get archived or rotated away; deleting them does not
 * delete news). With {@code reprocess}, every selected file already in the manifest counts as changed.
 *
 * <p>{@code since}/{@code until} (inclusive, either may be null) select files by their {@link #fileDay day}; files
 * outside the range are left alone: not read, and if already processed, kept as they are.
 *
 * @param toRead    new and changed files, to extract tonight
 * @param changed   URIs of the files in {@code toRead} that were processed before: their earlier rows go
 * @param unchanged listed, selected files already processed as they are now
 */
public record NightlyPlan(List<InputFile> toRead, Set<String> changed, List<InputFile> unchanged) {

    /** An input file as the {@code inputs} table recorded it when it was read. */
    public record ProcessedFile(String uri, long size, long modificationTime) {
    }

    // A day in the path: 2024-11-30, 2024/11/30, 2024_11_30, 20241130 or a 20241130093000 time stamp (CC-NEWS),
    // not inside a longer run of digits.
    private static final Pattern PATH_DAY = Pattern.compile(
            "(?<!\\d)(\\d{4})([-_/]?)(0[1-9]|1[0-2])\\2(0[1-9]|[12]\\d|3[01])(?:\\d{6})?(?!\\d)");

    public NightlyPlan {
        toRead = List.copyOf(toRead);
        changed = Set.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }

    /**
     * @param processed what the inputs table lists (empty before the first run)
     * @param listed    the input files found under the input root now
     * @param since     first day of files to consider, or null
     * @param until     last day of files to consider, or null
     * @param reprocess read again every selected file already processed
     */
    public static NightlyPlan of(List<ProcessedFile> processed, List<InputFile> listed, LocalDate since,
                                 LocalDate until, boolean reprocess) {
        if (processed == null || listed == null) {
            throw new IllegalArgumentException("processed and listed must not be null");
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new IllegalArgumentException("--since " + since + " is after --until " + until);
        }
        Map<String, ProcessedFile> before = new LinkedHashMap<>();
        for (ProcessedFile f : processed) {
            before.put(f.uri(), f);
        }
        List<InputFile> toRead = new ArrayList<>();
        Set<String> changed = new TreeSet<>();
        List<InputFile> unchanged = new ArrayList<>();
        for (InputFile file : listed) {
            LocalDate day = fileDay(file);
            if ((since != null && day.isBefore(since)) || (until != null && day.isAfter(until))) {
                continue;
            }
            ProcessedFile earlier = before.get(file.uri());
            if (earlier == null) {
                toRead.add(file);
            } else if (reprocess || earlier.size() != file.size()
                    || earlier.modificationTime() != file.modificationTime()) {
                toRead.add(file);
                changed.add(file.uri());
            } else {
                unchanged.add(file);
            }
        }
        return new NightlyPlan(toRead, changed, unchanged);
    }

    /**
     * The day a file belongs to for {@code --since/--until}: the last date written in its path (dumps are usually
     * named or filed by day: {@code 2024-11-30/}, {@code CC-NEWS-20241130...}), else its modification day in UTC.
     */
    public static LocalDate fileDay(InputFile file) {
        return pathDay(file.uri()).orElseGet(() ->
                Instant.ofEpochMilli(file.modificationTime()).atZone(ZoneOffset.UTC).toLocalDate());
    }

    static Optional<LocalDate> pathDay(String uri) {
        Matcher m = PATH_DAY.matcher(uri);
        LocalDate last = null;
        while (m.find()) {
            try {
                last = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)));
            } catch (java.time.DateTimeException e) {
                // 2024-02-31 and the like: not a date
            }
        }
        return Optional.ofNullable(last);
    }

    /** True when there is nothing to extract. */
    public boolean nothingToRead() {
        return toRead.isEmpty();
    }
}
