package io.topicpulse.eval;

import io.topicpulse.extract.ExtractedArticle;
import io.topicpulse.extract.meta.DateEvidence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scores of one data set. Each field is scored only over the pages whose truth gives it.
 *
 * @param bodyPages       pages with a true body; body precision and recall are averaged over them
 * @param bodyExact       share of those pages whose extracted text has exactly the true token sequence
 * @param datePages       pages whose truth has a day or month; date accuracy = dateCorrect / datePages
 * @param dateOutput      of those, pages where the extractor gave a date; date precision = dateCorrect / dateOutput
 * @param authorPages     pages whose truth names an author; author accuracy = authorCorrect / authorPages
 * @param authorSpurious  pages whose truth has no author (while the set has authors) but the extractor gave one
 * @param speed           the extractor (work) against bare {@code Jsoup.parse(html).text()} (baseline) on the same
 *                        pages, one thread, warm
 */
public record EvalReport(String name, int pages, int errors,
                         int bodyPages, double bodyPrecision, double bodyRecall, double bodyExact,
                         int snippetTp, int snippetFp, int snippetFn,
                         int titlePages, int titleCorrect,
                         int datePages, int dateOutput, int dateCorrect,
                         int authorPages, int authorCorrect, int authorSpurious,
                         SpeedTrial speed,
                         List<PageResult> results,
                         List<DatePage> datedPages) {

    /**
     * One page whose truth has a date, with what the extractor made of it.
     *
     * @param half       the page's half of the data set ({@link Halves})
     * @param got        the extracted day, or null
     * @param confidence its confidence, or null
     * @param evidence   what the page said about its date, or null when the page failed
     * @param detail     the article's date_source and date_detail, or null when the page failed
     * @param correct    true when {@code got} matches the truth
     */
    public record DatePage(String id, String half, String truth, LocalDate got, Double confidence,
                           DateEvidence evidence, String detail, boolean correct) {
    }

    /** What went wrong on one page (a field per entry), with the page's body scores. */
    public record PageResult(String id, String url, double bodyPrecision, double bodyRecall, List<Miss> misses) {

        public double bodyF1() {
            return BodyMetric.f1(bodyPrecision, bodyRecall);
        }
    }

    /** One wrong field: what the truth says and what the extractor gave. */
    public record Miss(String field, String expected, String got) {
    }

    public double bodyF1() {
        return BodyMetric.f1(bodyPrecision, bodyRecall);
    }

    public double snippetPrecision() {
        return ratio(snippetTp, snippetTp + snippetFp);
    }

    public double snippetRecall() {
        return ratio(snippetTp, snippetTp + snippetFn);
    }

    public double snippetF1() {
        return BodyMetric.f1(snippetPrecision(), snippetRecall());
    }

    /** Pages/s of the whole extractor. */
    public double extractPerSecond() {
        return speed.rate();
    }

    /** Pages/s of bare jsoup parse + text on the same pages. */
    public double jsoupPerSecond() {
        return speed.baselineRate();
    }

    /** Extractor speed over jsoup's: the median of the interleaved rounds' ratios. */
    public double speedRatio() {
        return speed.ratio();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** A plain-text table of the figures this data set has truth for. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "== %s: %d pages%s%n", name, pages,
                errors == 0 ? "" : " (" + errors + " failed with an exception)"));
        if (bodyPages > 0) {
            s.append(String.format(Locale.ROOT, "body      P %.3f  R %.3f  F1 %.3f  exact %.3f   (%d pages)%n",
                    bodyPrecision, bodyRecall, bodyF1(), bodyExact, bodyPages));
        }
        if (snippetTp + snippetFp + snippetFn > 0) {
            s.append(String.format(Locale.ROOT,
                    "snippets  P %.3f  R %.3f  F1 %.3f   (TP %d, FP %d = must_exclude present, FN %d = must_include missing)%n",
                    snippetPrecision(), snippetRecall(), snippetF1(), snippetTp, snippetFp, snippetFn));
        }
        if (titlePages > 0) {
            s.append(String.format(Locale.ROOT, "title     accuracy %.3f   (%d/%d)%n",
                    ratio(titleCorrect, titlePages), titleCorrect, titlePages));
        }
        if (datePages > 0) {
            s.append(String.format(Locale.ROOT, "date      accuracy %.3f (%d/%d)  precision %.3f (%d/%d dated)%n",
                    ratio(dateCorrect, datePages), dateCorrect, datePages,
                    ratio(dateCorrect, dateOutput), dateCorrect, dateOutput));
            s.append(DateTradeOff.format(datedPages));
        }
        if (authorPages > 0) {
            s.append(String.format(Locale.ROOT, "author    accuracy %.3f (%d/%d)  spurious on %d pages without author%n",
                    ratio(authorCorrect, authorPages), authorCorrect, authorPages, authorSpurious));
        }
        if (speed.rounds() > 0) {
            s.append(String.format(Locale.ROOT, "speed     %s%n", speed.describe("extractor", "jsoup parse+text")));
        }
        return s.toString();
    }

    /** Accumulates page scores. */
    static final class Builder {
        private final String name;
        private final SnippetMetric snippets = new SnippetMetric();
        private final List<PageResult> results = new ArrayList<>();
        private final List<DatePage> datedPages = new ArrayList<>();
        private boolean setHasAuthors;
        private int pages;
        private int errors;
        private int bodyPages;
        private double precisionSum;
        private double recallSum;
        private int exact;
        private int titlePages;
        private int titleCorrect;
        private int datePages;
        private int dateOutput;
        private int dateCorrect;
        private int authorPages;
        private int authorCorrect;
        private int noAuthorButGiven;
        private SpeedTrial speed = SpeedTrial.NONE;

        Builder(String name) {
            this.name = name;
        }

        void add(Truth truth, ExtractedArticle got, String error) {
            pages++;
            List<Miss> misses = new ArrayList<>();
            if (error != null) {
                errors++;
                misses.add(new Miss("exception", "", error));
            }
            String text = got == null ? "" : got.text();
            double p = Double.NaN;
            double r = Double.NaN;
            if (truth.body() != null) {
                BodyMetric.Match m = BodyMetric.match(truth.body(), text);
                p = m.precision();
                r = m.recall();
                bodyPages++;
                precisionSum += p;
                recallSum += r;
                if (BodyMetric.exact(truth.body(), text)) {
                    exact++;
                }
            }
            if (truth.hasSnippets()) {
                SnippetMetric.SnippetMisses sm = snippets.add(text, truth.mustInclude(), truth.mustExclude());
                sm.missing().forEach(x -> misses.add(new Miss("must_include", x, "")));
                sm.present().forEach(x -> misses.add(new Miss("must_exclude", "", x)));
            }
            if (truth.title() != null) {
                titlePages++;
                String title = got == null ? null : got.title();
                if (FieldMatch.title(truth.title(), title)) {
                    titleCorrect++;
                } else {
                    misses.add(new Miss("title", truth.title(), title));
                }
            }
            LocalDate date = got == null ? null : got.publishedDate();
            if (FieldMatch.hasDate(truth.published())) {
                datePages++;
                if (date != null) {
                    dateOutput++;
                }
                boolean right = FieldMatch.date(truth.published(), date);
                datedPages.add(new DatePage(truth.id(), Halves.of(truth.id()), truth.published(), date,
                        got == null ? null : got.dateConfidence(), got == null ? null : got.dateEvidence(),
                        got == null ? null : got.dateSource() + ": " + got.dateDetail(), right));
                if (right) {
                    dateCorrect++;
                } else {
                    misses.add(new Miss("published", truth.published(), date == null ? null : date.toString()));
                }
            }
            List<String> authors = got == null ? List.of() : got.authors();
            if (truth.author() != null) {
                setHasAuthors = true;
                authorPages++;
                if (FieldMatch.author(truth.author(), authors)) {
                    authorCorrect++;
                } else {
                    misses.add(new Miss("author", truth.author(), String.join("; ", authors)));
                }
            } else if (!authors.isEmpty()) {
                noAuthorButGiven++;
            }
            if (truth.body() != null && BodyMetric.f1(p, r) < 1) {
                misses.add(0, new Miss("body", truth.body(), text));
            }
            if (!misses.isEmpty()) {
                results.add(new PageResult(truth.id(), truth.url(), Double.isNaN(p) ? 1 : p, Double.isNaN(r) ? 1 : r,
                        misses));
            }
        }

        void speed(SpeedTrial trial) {
            this.speed = trial;
        }

        EvalReport build() {
            results.sort(Evaluator.worstFirst());
            return new EvalReport(name, pages, errors, bodyPages,
                    bodyPages == 0 ? 0 : precisionSum / bodyPages, bodyPages == 0 ? 0 : recallSum / bodyPages,
                    bodyPages == 0 ? 0 : (double) exact / bodyPages,
                    snippets.truePositives(), snippets.falsePositives(), snippets.falseNegatives(),
                    titlePages, titleCorrect, datePages, dateOutput, dateCorrect,
                    authorPages, authorCorrect, setHasAuthors ? noAuthorButGiven : 0,
                    speed, List.copyOf(results), List.copyOf(datedPages));
        }
    }
}
