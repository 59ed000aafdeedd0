package io.topicpulse.report;

import io.topicpulse.aggregate.Bucket;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, so it
 * opens offline in any browser and prints. Every text that comes from pages or tables is escaped ({@link Html}).
 */
public final class ReportWriter {

    /** The id of the page's own top element, which a reader (or a test) can find intact. */
    public static final String MARKER_ID = "topicpulse-report";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #1b1b1b; background: #fff; margin: 0; }
            main { max-width: 1000px; margin: 0 auto; padding: 16px 20px 40px; }
            h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px;
                 border-bottom: 1px solid #ccc; padding-bottom: 3px; } h3 { font-size: 16px; margin: 20px 0 6px; }
            .meta, .note, figcaption { color: #555; font-size: 13px; }
            .warn { background: #fff4d6; border-left: 4px solid #e69f00; padding: 4px 8px; }
            svg.chart { max-width: 100%; height: auto; display: block; }
            svg.chart text { fill: #333; font-family: inherit; }
            figure { margin: 8px 0 4px; }
            table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
            th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px; text-align: right; vertical-align: top; }
            th { background: #f4f4f4; } td.l, th.l { text-align: left; }
            table.spikes td:first-child, table.numbers td:first-child { white-space: nowrap; }
            tr.spike td { background: #fde8dc; }
            ol.kwic { padding-left: 20px; } ol.kwic li { margin: 6px 0; }
            .src { color: #555; font-size: 12px; } .src a { color: #0b57a4; }
            .ctx { display: block; margin: 2px 0 0; } .ctx.title { font-style: italic; }
            mark { background: #ffe08a; color: inherit; padding: 0 1px; }
            .copies { color: #555; font-size: 12px; }
            .terms { display: flex; flex-wrap: wrap; gap: 4px 6px; padding: 0; list-style: none; }
            .terms li { background: #eef3f8; border-radius: 3px; padding: 1px 6px; font-size: 12px; }
            nav ul { columns: 3; padding-left: 18px; margin: 4px 0; }
            footer { margin-top: 30px; color: #555; font-size: 12px; border-top: 1px solid #ccc; padding-top: 6px; }
            @media print { main { max-width: none; padding: 0; } a { color: inherit; }
                           figure, table, li, section.topic { break-inside: avoid; } nav { display: none; } }
            """;

    private ReportWriter() {
    }

    /** The whole page. */
    public static String render(Report report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                // No script, no fetch: even text that slipped past escaping could not run or call out.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"topicpulse\">")
                .append("<title>topicpulse report ").append(report.from()).append(" to ").append(report.until())
                .append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<main id=\"").append(MARKER_ID).append("\" data-from=\"").append(report.from())
                .append("\" data-until=\"").append(report.until()).append("\">\n");
        header(h, report);
        comparison(h, report);
        spikes(h, report);
        topics(h, report);
        details(h, report);
        health(h, report);
        h.append("<footer>Made by topicpulse on ").append(STAMP.format(report.generatedAt()))
                .append(". Rates are mentions per million tokens of the day's dated articles (title and text). ")
                .append("A spike is a day whose rate lies at least 3 robust standard deviations above its trailing ")
                .append("28-day, weekday-aware baseline, with at least 3 mentions in at least 3 articles.</footer>\n");
        return h.append("</main></body></html>\n").toString();
    }

    private static void header(StringBuilder h, Report r) {
        h.append("<header><h1>Topics, ").append(r.from()).append(" to ").append(r.until()).append("</h1>")
                .append("<p class=\"meta\">").append(r.topics().size()).append(" topics · ")
                .append(r.spikeCount()).append(" spike days").append("</p>");
        for (String note : r.notes()) {
            h.append("<p class=\"warn\">").append(Html.escape(note)).append("</p>");
        }
        h.append("<nav><ul><li><a href=\"#compare\">All topics compared</a></li>")
                .append("<li><a href=\"#spikes\">Spikes</a></li>");
        for (int i = 0; i < r.topics().size(); i++) {
            h.append("<li><a href=\"#topic-").append(i + 1).append("\">").append(Html.escape(r.topics().get(i).topic()))
                    .append("</a></li>");
        }
        h.append("<li><a href=\"#behind\">Behind the spikes</a></li><li><a href=\"#health\">Run health</a></li>")
                .append("</ul></nav></header>\n");
    }

    private static void comparison(StringBuilder h, Report r) {
        Bucket bucket = Periods.bucketFor(r.from(), r.until());
        String unit = bucket == Bucket.WEEK ? "week" : "month";
        SvgChart chart = new SvgChart("Mentions per million tokens by " + unit + ", all topics",
                "mentions per million tokens, per " + unit, bucket.start(r.from()),
                bucket == Bucket.WEEK ? bucket.start(r.until()).plusDays(6)
                        : bucket.start(r.until()).plusMonths(1).minusDays(1));
        int i = 0;
        for (Report.TopicSeries s : r.topics()) {
            List<LocalDate> dates = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Periods.Period p : Periods.sum(s, bucket)) {
                dates.add(p.start());
                values.add(p.perMillion());
            }
            chart.line(SvgChart.gapped(s.topic(), SvgChart.PALETTE[i % SvgChart.PALETTE.length], 2,
                    i >= SvgChart.PALETTE.length, dates, values,
                    bucket == Bucket.WEEK ? d -> d.plusWeeks(1) : d -> d.plusMonths(1)));
            i++;
        }
        h.append("<section id=\"compare\"><h2>All topics compared, by ").append(unit).append("</h2><figure>")
                .append(chart.render()).append("<figcaption>Each point is one ").append(unit)
                .append(": the mentions of the ").append(unit).append(" over its tokens, so busy and quiet ")
                .append(unit).append("s compare fairly").append(bucket == Bucket.WEEK ? "; weeks start on Monday (ISO)"
                        : "").append(". A line breaks where a ").append(unit).append(" has no dated article.")
                .append("</figcaption></figure>")
                .append("</section>\n");
    }

    private static void spikes(StringBuilder h, Report r) {
        h.append("<section id=\"spikes\"><h2>Spikes</h2>");
        if (r.spikes().isEmpty()) {
            h.append("<p>No spike day in this period.</p></section>\n");
            return;
        }
        if (r.spikeCount() > r.spikes().size()) {
            h.append("<p class=\"note\">The ").append(r.spikes().size()).append(" strongest of ")
                    .append(r.spikeCount()).append(" spike days.</p>");
        }
        h.append("<table class=\"spikes\"><thead><tr><th class=\"l\">date</th><th class=\"l\">topic</th>")
                .append("<th>z-score</th><th>mentions</th><th>baseline</th><th>per million</th>")
                .append("<th>baseline per million</th><th class=\"l\">top sources (share of mentions)</th>")
                .append("<th>duplicate share</th></tr></thead><tbody>");
        for (Report.Spike s : r.spikes()) {
            h.append("<tr data-date=\"").append(s.date()).append("\"><td class=\"l\">");
            boolean detailed = r.details().stream().anyMatch(d -> d.spike().equals(s));
            h.append(detailed ? "<a href=\"#" + spikeId(s) + "\">" + s.date() + "</a>" : s.date().toString())
                    .append("</td><td class=\"l\">").append(Html.escape(s.topic())).append("</td><td>")
                    .append(fixed(s.zscore(), 1)).append("</td><td>").append(s.mentions()).append("</td><td>")
                    .append(fixed(s.expectedMentions(), 1)).append("</td><td>").append(fixed(s.perMillion(), 0))
                    .append("</td><td>").append(fixed(s.baselinePerMillion(), 0)).append("</td><td class=\"l\">");
            List<String> parts = new ArrayList<>();
            for (Report.SourceShare src : s.topSources()) {
                parts.add(Html.escape(src.host()) + " " + percent(src.share()));
            }
            h.append(String.join(", ", parts)).append("</td><td>").append(percent(s.duplicateShare()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table><p class=\"note\">Baseline: what the median rate of the 28 days before would ")
                .append("give on the day's tokens. Duplicate share: mentions in near-duplicate copies (wire ")
                .append("stories, re-posts) over all mentions.</p></section>\n");
    }

    private static void topics(StringBuilder h, Report r) {
        Bucket bucket = Periods.bucketFor(r.from(), r.until());
        int i = 0;
        for (Report.TopicSeries s : r.topics()) {
            i++;
            h.append("<section class=\"topic\" id=\"topic-").append(i).append("\"><h2>")
                    .append(Html.escape(s.topic())).append("</h2><figure>").append(topicChart(s, r).render())
                    .append("<figcaption>Daily mentions per million tokens, the centred 7-day average, spike days ")
                    .append("and the days whose mentioning articles were mostly dated from their URL or text only.")
                    .append("</figcaption></figure>");
            numbers(h, s, bucket);
            h.append("</section>\n");
        }
    }

    private static SvgChart topicChart(Report.TopicSeries s, Report r) {
        List<LocalDate> dates = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> ma7 = new ArrayList<>();
        List<SvgChart.Marker> spikes = new ArrayList<>();
        List<SvgChart.Band> weak = new ArrayList<>();
        for (Report.Day d : s.days()) {
            dates.add(d.date());
            rates.add(d.perMillion());
            ma7.add(d.ma7());
            if (d.spike() && d.perMillion() != null) {
                spikes.add(new SvgChart.Marker(d.date(), d.perMillion(), d.date() + ": " + d.mentions()
                        + " mentions, z = " + fixed(d.zscore(), 1)));
            }
            if (d.mostlyWeakDates()) {
                SvgChart.Band last = weak.isEmpty() ? null : weak.get(weak.size() - 1);
                if (last != null && last.last().plusDays(1).equals(d.date())) {
                    weak.set(weak.size() - 1, new SvgChart.Band(last.first(), d.date()));
                } else {
                    weak.add(new SvgChart.Band(d.date(), d.date()));
                }
            }
        }
        return new SvgChart(s.topic() + ": mentions per million tokens per day", "mentions per million tokens",
                r.from(), r.until())
                .line(SvgChart.gapped("per day", "#9bbcd6", 1, false, dates, rates, d -> d.plusDays(1)))
                .line(SvgChart.gapped("7-day average", "#0072B2", 2.5, false, dates, ma7, d -> d.plusDays(1)))
                .markers("spike", spikes)
                .bands("mostly weak dates", weak);
    }

    private static void numbers(StringBuilder h, Report.TopicSeries s, Bucket bucket) {
        long mentions = 0;
        long mentioning = 0;
        long articles = 0;
        long dedup = 0;
        h.append("<table class=\"numbers\"><thead><tr><th class=\"l\">").append(bucket == Bucket.WEEK ? "week" : "month")
                .append("</th><th>mentions</th><th>articles mentioning</th><th>article share</th>")
                .append("<th>mentions, copies once</th><th>per million</th></tr></thead><tbody>");
        for (Periods.Period p : Periods.sum(s, bucket)) {
            h.append("<tr><td class=\"l\">").append(bucket.label(p.start())).append("</td><td>").append(p.mentions())
                    .append("</td><td>").append(p.articlesMentioning()).append("</td><td>")
                    .append(percent(p.articleShare())).append("</td><td>").append(p.mentionsDedup()).append("</td><td>")
                    .append(fixed(p.perMillion(), 1)).append("</td></tr>");
            mentions += p.mentions();
            mentioning += p.articlesMentioning();
            articles += p.articlesTotal();
            dedup += p.mentionsDedup();
        }
        h.append("<tr><th class=\"l\">all</th><th>").append(mentions).append("</th><th>").append(mentioning)
                .append("</th><th>").append(percent(articles == 0 ? null : (double) mentioning / articles))
                .append("</th><th>").append(dedup).append("</th><th></th></tr></tbody></table>");
    }

    private static void details(StringBuilder h, Report r) {
        h.append("<section id=\"behind\"><h2>Behind the spikes</h2>");
        if (r.details().isEmpty()) {
            h.append("<p>No spike day in this period.</p>");
        }
        for (Report.SpikeDetail d : r.details()) {
            Report.Spike s = d.spike();
            h.append("<section class=\"spike-detail\" id=\"").append(spikeId(s)).append("\" data-date=\"")
                    .append(s.date()).append("\"><h3>").append(Html.escape(s.topic())).append(", ").append(s.date())
                    .append("</h3><p class=\"meta\">").append(s.mentions()).append(" mentions in ")
                    .append(d.articlesMentioning()).append(" articles; z = ").append(fixed(s.zscore(), 1))
                    .append("</p>");
            if (!d.rising().isEmpty()) {
                h.append("<p class=\"note\">What rose with it (that day against the 28 days before):</p>")
                        .append("<ul class=\"terms\">");
                for (Report.RisingTerm t : d.rising()) {
                    h.append("<li title=\"").append(t.count()).append(" that day, ").append(t.baselineCount())
                            .append(" in the 28 days before\">").append(Html.escape(t.term())).append(" ×")
                            .append(fixed(t.ratio(), 1)).append("</li>");
                }
                h.append("</ul>");
            }
            h.append("<ol class=\"kwic\">");
            int shown = 0;
            for (Report.KwicEntry e : d.kwic()) {
                shown += 1 + e.copies();
                h.append("<li><span class=\"src\">").append(e.date()).append(" · ").append(Html.escape(e.host()))
                        .append(" · ").append(Html.link(e.url(), e.title() == null || e.title().isBlank()
                                ? "(no title)" : e.title()));
                if (!e.authors().isEmpty()) {
                    h.append(" · ").append(Html.escape(String.join(", ", e.authors())));
                }
                h.append("</span>");
                for (Snippet sn : e.snippets()) {
                    h.append("<span class=\"ctx").append(sn.inTitle() ? " title" : "").append("\">")
                            .append(sn.highlighted("<mark>", "</mark>")).append("</span>");
                }
                if (e.copies() > 0) {
                    h.append("<span class=\"copies\">and ").append(e.copies()).append(e.copies() == 1 ? " copy" : " copies")
                            .append(" of the same text");
                    if (!e.copyHosts().isEmpty()) {
                        List<String> hosts = e.copyHosts().stream().map(Html::escape).toList();
                        h.append(" (").append(String.join(", ", hosts)).append(')');
                    }
                    h.append("</span>");
                }
                h.append("</li>");
            }
            h.append("</ol>");
            if (d.articlesMentioning() > shown) {
                h.append("<p class=\"note\">").append(d.articlesMentioning() - shown)
                        .append(" more mentioning articles not shown; <code>topicpulse kwic --topic … --date ")
                        .append(s.date()).append("</code> lists them.</p>");
            }
            h.append("</section>");
        }
        h.append("</section>\n");
    }

    private static void health(StringBuilder h, Report r) {
        h.append("<section id=\"health\"><h2>Run health</h2>");
        Report.RunHealth x = r.health();
        if (x == null) {
            h.append("<p>No run recorded in run_stats.</p></section>\n");
            return;
        }
        h.append("<table class=\"health\"><tbody>")
                .append(row("latest run", Html.escape(x.runId()) + " (" + Html.escape(x.command()) + ")"))
                .append(row("ran", STAMP.format(x.startedAt()) + " to " + STAMP.format(x.finishedAt())))
                .append(row("input files", String.valueOf(x.inputFiles())))
                .append(row("input records", String.valueOf(x.inputRecords())))
                .append(row("articles", x.articles() + " (" + x.articlesDated() + " dated, " + x.articlesUndated()
                        + " undated)"))
                .append(row("undated share", percent(x.undatedShare())))
                .append(row("rejects", String.valueOf(x.rejects())));
        for (Map.Entry<String, Long> e : new TreeMap<>(x.rejectsByReason()).entrySet()) {
            h.append(row("· " + Html.escape(e.getKey()), String.valueOf(e.getValue())));
        }
        h.append(row("weak-date share", percent(x.weakDateShare()) + " of " + x.datedTotal()
                        + " dated articles in the tables (dated from the URL or the text only)"))
                .append("</tbody></table></section>\n");
    }

    private static String row(String label, String valueHtml) {
        return "<tr><th class=\"l\">" + label + "</th><td class=\"l\">" + valueHtml + "</td></tr>";
    }

    /** The anchor of a spike's section: from its date and its topic's position, never from page text. */
    private static String spikeId(Report.Spike s) {
        return "spike-" + s.date() + "-" + Integer.toHexString(s.topic().hashCode());
    }

    static String fixed(Double v, int decimals) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ENGLISH, "%,." + decimals + "f", v);
    }

    static String percent(Double v) {
        return v == null ? "–" : String.format(Locale.ENGLISH, "%.0f%%", v * 100);
    }
}
