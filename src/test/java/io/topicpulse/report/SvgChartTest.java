package io.topicpulse.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    @Test
    void choosesRoundAxisSteps() {
        assertEquals(5000, SvgChart.niceStep(4988.6), 1e-9);
        assertEquals(0.2, SvgChart.niceStep(0.13), 1e-9);
        assertEquals(1, SvgChart.niceStep(1), 1e-9);
        assertEquals("25,000", SvgChart.number(25000, 5000));
        assertEquals("0.4", SvgChart.number(0.4, 0.2));
    }

    @Test
    void labelsTheDateAxisByWeeksMonthsOrYearsAsTheSpanNeeds() {
        assertEquals(List.of("7 Oct 2024", "14 Oct", "21 Oct", "28 Oct"), labels("2024-10-01", "2024-10-31"));
        assertEquals(List.of("Oct 2024", "Nov", "Dec", "Jan 2025", "Feb", "Mar"), labels("2024-10-01", "2025-03-31"));
        assertEquals("2015", labels("2014-06-01", "2024-06-01").get(0));
        assertEquals(List.of("Jan 2020", "Apr", "Jul", "Oct", "Jan 2021", "Apr"), labels("2020-01-01", "2021-06-30"));
    }

    private static List<String> labels(String from, String until) {
        return SvgChart.ticks(LocalDate.parse(from), LocalDate.parse(until)).stream().map(SvgChart.Tick::label)
                .toList();
    }

    @Test
    void startsALineAgainAfterAPeriodWithoutData() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        SvgChart.Line line = SvgChart.gapped("x", "#000", 1, false, List.of(d, d.plusMonths(1), d.plusMonths(5)),
                List.of(1.0, 2.0, 3.0), m -> m.plusMonths(1));
        assertEquals(List.of(d, d.plusMonths(1), d.plusMonths(2), d.plusMonths(5)), line.dates());
        assertEquals(Arrays.asList(1.0, 2.0, null, 3.0), line.values());
    }

    @Test
    void breaksALineWhereAValueIsMissing() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        String svg = new SvgChart("t", "per million", d, d.plusDays(4))
                .line(new SvgChart.Line("x", "#000", 1, false, List.of(d, d.plusDays(1), d.plusDays(2), d.plusDays(3)),
                        Arrays.asList(1.0, 2.0, null, 3.0)))
                .render();
        String path = svg.substring(svg.indexOf("<path d=\""), svg.indexOf("\" fill=\"none\""));
        assertEquals(2, path.chars().filter(c -> c == 'M').count(), path);
        assertTrue(svg.startsWith("<svg class=\"chart\""));
        assertTrue(svg.contains(">per million</text>"));
    }
}
