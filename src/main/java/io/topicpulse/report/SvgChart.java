package io.topicpulse.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A time chart as inline SVG: dated x axis, a y axis with its unit, lines, marked points, shaded days, a legend. */
public final class SvgChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 300;
    private static final int LEFT = 78;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;
    private static final int LEGEND_ROW = 20;

    /** Colours that stay apart in print and for the commonest colour blindness (Okabe-Ito). */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
            "#F0E442"};

    private final String title;
    private final String yUnit;
    private final LocalDate from;
    private final LocalDate until;
    private final List<Line> lines = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private String bandLabel;
    private String markerLabel;

    /**
     * A line: one value per date (null for none, which breaks the line).
     *
     * @param width stroke width in pixels
     * @param dashed whether it is drawn dashed
     */
    public record Line(String label, String colour, double width, boolean dashed, List<LocalDate> dates,
                       List<Double> values) {
    }

    /**
     * A line over periods that starts again after a period without data instead of joining across it: a null
     * value goes in after each point whose next period ({@code next}) is missing.
     */
    public static Line gapped(String label, String colour, double width, boolean dashed, List<LocalDate> dates,
                              List<Double> values, java.util.function.UnaryOperator<LocalDate> next) {
        List<LocalDate> d = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            d.add(dates.get(i));
            v.add(values.get(i));
            LocalDate following = next.apply(dates.get(i));
            if (i + 1 < dates.size() && dates.get(i + 1).isAfter(following)) {
                d.add(following);
                v.add(null);
            }
        }
        return new Line(label, colour, width, dashed, d, v);
    }

    /** A marked point, e.g. a spike, with the text a pointer shows over it. */
    public record Marker(LocalDate date, double value, String tooltip) {
    }

    /** Days shaded behind the lines, both included. */
    public record Band(LocalDate first, LocalDate last) {
    }

    /** A chart of the days {@code from} to {@code until}, both included. */
    public SvgChart(String title, String yUnit, LocalDate from, LocalDate until) {
        this.title = title;
        this.yUnit = yUnit;
        this.from = from;
        this.until = until.isBefore(from) ? from : until;
    }

    public SvgChart line(Line line) {
        lines.add(line);
        return this;
    }

    /** Marks points, listed in the legend as {@code label}. */
    public SvgChart markers(String label, List<Marker> points) {
        markerLabel = label;
        markers.addAll(points);
        return this;
    }

    /** Shades runs of days, listed in the legend as {@code label}. */
    public SvgChart bands(String label, List<Band> runs) {
        bandLabel = label;
        bands.addAll(runs);
        return this;
    }

    /** The chart as an {@code <svg>} element; every text from data is escaped. */
    public String render() {
        int legendItems = lines.size() + (markers.isEmpty() ? 0 : 1) + (bands.isEmpty() ? 0 : 1);
        int legendRows = (legendItems + 3) / 4;
        int height = HEIGHT + 12 + legendRows * LEGEND_ROW;
        double max = 0;
        for (Line l : lines) {
            for (Double v : l.values()) {
                max = v != null && v > max ? v : max;
            }
        }
        for (Marker m : markers) {
            max = Math.max(max, m.value());
        }
        double step = niceStep(max > 0 ? max / 5 : 1);
        double top = Math.max(step, Math.ceil(max / step) * step);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\"><title>").append(Html.escape(title)).append("</title>");
        for (Band b : bands) {
            double x0 = x(b.first());
            double x1 = x(b.last().plusDays(1));
            svg.append("<rect class=\"weak\" x=\"").append(f(x0)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(f(Math.max(1, x1 - x0))).append("\" height=\"")
                    .append(HEIGHT - TOP - BOTTOM).append("\" fill=\"#f3e3b5\"/>");
        }
        yAxis(svg, step, top);
        xAxis(svg);
        for (Line l : lines) {
            path(svg, l, top);
        }
        for (Marker m : markers) {
            svg.append("<circle class=\"spike\" cx=\"").append(f(x(m.date()) + dayWidth() / 2)).append("\" cy=\"")
                    .append(f(y(m.value(), top))).append("\" r=\"4.5\" fill=\"#D55E00\" stroke=\"#fff\"><title>")
                    .append(Html.escape(m.tooltip())).append("</title></circle>");
        }
        legend(svg, legendItems);
        return svg.append("</svg>").toString();
    }

    private void yAxis(StringBuilder svg, double step, double top) {
        int bottom = HEIGHT - BOTTOM;
        for (double v = 0; v <= top + step / 2; v += step) {
            double y = y(v, top);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(number(v, step)).append("</text>");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>")
                .append("<text x=\"12\" y=\"").append((TOP + bottom) / 2).append("\" font-size=\"11\" ")
                .append("text-anchor=\"middle\" transform=\"rotate(-90 12 ").append((TOP + bottom) / 2).append(")\">")
                .append(Html.escape(yUnit)).append("</text>");
    }

    private void xAxis(StringBuilder svg) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(bottom).append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>");
        for (Tick t : ticks(from, until)) {
            double x = x(t.date());
            svg.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(bottom)
                    .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"#888\"/>")
                    .append("<text x=\"").append(f(x)).append("\" y=\"").append(bottom + 18)
                    .append("\" text-anchor=\"middle\" font-size=\"11\">").append(Html.escape(t.label()))
                    .append("</text>");
        }
        svg.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(bottom + 36)
                .append("\" text-anchor=\"middle\" font-size=\"11\">publication date (days: ").append(from)
                .append(" to ").append(until).append(")</text>");
    }

    private void path(StringBuilder svg, Line l, double top) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < l.dates().size(); i++) {
            Double v = l.values().get(i);
            if (v == null) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(f(x(l.dates().get(i)) + dayWidth() / 2)).append(' ').append(f(y(v, top)));
            boolean alone = !pen && (i + 1 == l.dates().size() || l.values().get(i + 1) == null);
            if (alone) {
                // A point with no neighbour draws nothing as a line: a tiny stroke with round caps shows it as a dot.
                d.append("h0.01");
            }
            pen = true;
        }
        if (d.length() == 0) {
            return;
        }
        svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(l.colour())
                .append("\" stroke-width=\"").append(l.width()).append("\" stroke-linecap=\"round\"")
                .append(l.dashed() ? " stroke-dasharray=\"5 3\"" : "").append("><title>").append(Html.escape(l.label()))
                .append("</title></path>");
    }

    private void legend(StringBuilder svg, int items) {
        int i = 0;
        for (Line l : lines) {
            double[] at = legendAt(i++);
            svg.append("<line x1=\"").append(f(at[0])).append("\" x2=\"").append(f(at[0] + 22)).append("\" y1=\"")
                    .append(f(at[1])).append("\" y2=\"").append(f(at[1])).append("\" stroke=\"").append(l.colour())
                    .append("\" stroke-width=\"").append(Math.max(2, l.width())).append('"')
                    .append(l.dashed() ? " stroke-dasharray=\"5 3\"" : "").append("/>");
            legendText(svg, at, l.label());
        }
        if (!markers.isEmpty()) {
            double[] at = legendAt(i++);
            svg.append("<circle cx=\"").append(f(at[0] + 11)).append("\" cy=\"").append(f(at[1]))
                    .append("\" r=\"4.5\" fill=\"#D55E00\"/>");
            legendText(svg, at, markerLabel);
        }
        if (!bands.isEmpty()) {
            double[] at = legendAt(i);
            svg.append("<rect x=\"").append(f(at[0])).append("\" y=\"").append(f(at[1] - 6))
                    .append("\" width=\"22\" height=\"12\" fill=\"#f3e3b5\"/>");
            legendText(svg, at, bandLabel);
        }
    }

    private static double[] legendAt(int item) {
        return new double[] {LEFT + (item % 4) * 215.0, HEIGHT + 8.0 + (item / 4) * LEGEND_ROW};
    }

    private static void legendText(StringBuilder svg, double[] at, String label) {
        svg.append("<text x=\"").append(f(at[0] + 28)).append("\" y=\"").append(f(at[1] + 4))
                .append("\" font-size=\"12\">").append(Html.escape(label)).append("</text>");
    }

    private double dayWidth() {
        return (WIDTH - LEFT - RIGHT) / (double) (ChronoUnit.DAYS.between(from, until) + 1);
    }

    private double x(LocalDate date) {
        return LEFT + ChronoUnit.DAYS.between(from, date) * dayWidth();
    }

    private static double y(double value, double top) {
        return HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP);
    }

    /** A tick on the date axis. */
    record Tick(LocalDate date, String label) {
    }

    /** Mondays for up to ten weeks, month starts up to 15 months, quarters up to 5 years, else years. */
    static List<Tick> ticks(LocalDate from, LocalDate until) {
        long days = ChronoUnit.DAYS.between(from, until) + 1;
        List<Tick> ticks = new ArrayList<>();
        if (days <= 70) {
            int weeks = days <= 35 ? 1 : 2;
            LocalDate d = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            for (; !d.isAfter(until); d = d.plusWeeks(weeks)) {
                boolean withYear = ticks.isEmpty() || d.getDayOfYear() <= 7 * weeks;
                ticks.add(new Tick(d, d.getDayOfMonth() + " " + month(d) + (withYear ? " " + d.getYear() : "")));
            }
            return ticks;
        }
        int months = days <= 460 ? 1 : days <= 5 * 366 ? 3 : days <= 12 * 366 ? 12 : 24;
        LocalDate d = from.withDayOfMonth(1);
        if (d.isBefore(from)) {
            d = d.plusMonths(1);
        }
        while ((d.getMonthValue() - 1) % Math.min(months, 12) != 0 || (months == 24 && d.getYear() % 2 != 0)) {
            d = d.plusMonths(1);
        }
        for (; !d.isAfter(until); d = d.plusMonths(months)) {
            boolean withYear = ticks.isEmpty() || d.getMonthValue() == 1;
            ticks.add(new Tick(d, months >= 12 ? String.valueOf(d.getYear())
                    : month(d) + (withYear ? " " + d.getYear() : "")));
        }
        return ticks;
    }

    private static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * 0.999) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** An axis value with thousands separators and as many decimals as the step needs. */
    static String number(double v, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ENGLISH, "%,." + decimals + "f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
