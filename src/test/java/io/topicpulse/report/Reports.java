package io.topicpulse.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports built from rows, without Spark, for the writer's and the browser's tests. */
final class Reports {

    /** Strings a hostile page could carry in its title, text, author, host or URL. */
    static final List<String> HOSTILE = List.of(
            "<script>document.title='pwned'</script>",
            "<img src=x onerror=\"document.title='pwned'\">",
            "<body onload=alert(1)>",
            "</svg><script>alert(1)</script>",
            "</style><script>alert(1)</script>",
            "<!-- ",
            "--><script>alert(1)</script>",
            "\u202Egnp.exe",
            "\"><svg onload=alert(1)>",
            "'><iframe src=javascript:alert(1)>",
            "</textarea></title><script>alert(1)</script>");

    static final String HOSTILE_TITLE = String.join(" ", HOSTILE);

    private Reports() {
    }

    /** Two topics over 40 days, a spike on the 30th day of the first, with KWIC lines made of {@code text}. */
    static Report of(String topicA, String topicB, String title, String text, String url, String host) {
        LocalDate from = LocalDate.of(2024, 10, 1);
        List<Report.Day> a = new ArrayList<>();
        List<Report.Day> b = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LocalDate d = from.plusDays(i);
            boolean spike = i == 29;
            long mentions = spike ? 30 : i % 3;
            a.add(new Report.Day(d, mentions, Math.min(mentions, 5), 10, 10_000, mentions * 100.0, mentions,
                    i > 2 && i < 37 ? 80.0 + i : null, spike ? 12.5 : 0.5, spike, i == 10 || i == 11 ? 0.8 : 0.1));
            b.add(new Report.Day(d, i % 2, i % 2, 10, 10_000, (i % 2) * 100.0, i % 2, 50.0, 0.0, false, null));
        }
        Report.TopicSeries sa = new Report.TopicSeries(topicA, a);
        Report.TopicSeries sb = new Report.TopicSeries(topicB, b);
        List<Report.Spike> spikes = SpikeFigures.spikes(sa, Map.of(from.plusDays(29), Map.of(host, 20L, "b.example", 10L)));
        Snippet snippet = new KwicFinder(KwicFinder.forTerm("sanctions").matcher(), "term").find(title, text).stream()
                .findFirst().orElse(new Snippet(text, List.of(), false));
        Report.KwicEntry entry = new Report.KwicEntry(from.plusDays(29), host, url, title, List.of(title, "A. Writer"), List.of(snippet), 2,
                List.of(host, "c.example"));
        Report.SpikeDetail detail = new Report.SpikeDetail(spikes.get(0), 5, List.of(entry),
                List.of(new Report.RisingTerm(title, 9, 1, 4.5)));
        Report.RunHealth health = new Report.RunHealth("run-" + host, "run", Instant.parse("2024-11-10T10:00:00Z"),
                Instant.parse("2024-11-10T10:05:00Z"), 3, 20, 18, 16, 2, 2, Map.of("not_html", 1L, host, 1L), 4, 16);
        return new Report(from, from.plusDays(39), List.of(sa, sb), spikes, spikes.size(), List.of(detail), health,
                List.of("note: " + title), Instant.parse("2024-11-10T11:00:00Z"));
    }
}
