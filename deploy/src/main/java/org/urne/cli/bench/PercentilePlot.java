package org.urne.cli.bench;

import java.util.List;
import java.util.Locale;

import org.HdrHistogram.HistogramIterationValue;

/**
 * A self-contained HTML page (inline SVG, no script) plotting each phase's latency against percentile on
 * HdrHistogram's usual axis, where 90%, 99%, 99.9% and 99.99% are equally spaced, so the tail is as visible as the
 * median.
 */
final class PercentilePlot
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 60;
    /** The axis ends at 99.999%: x = log10(1 / (1 - p)). */
    private static final double MAX_NINES = 5;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private PercentilePlot()
    {
    }

    static String html(final List<PhaseResult> phases, final String summary)
    {
        double maxMillis = 1;
        for (final PhaseResult phase : phases)
        {
            maxMillis = Math.max(maxMillis, phase.maxMillis());
        }
        final double top = niceAbove(maxMillis);
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' " +
            "font-family='sans-serif' font-size='12'>%n", WIDTH + 260, HEIGHT + 2 * MARGIN));
        axes(svg, top);
        for (int i = 0; i < phases.size(); i++)
        {
            final String colour = COLOURS[i % COLOURS.length];
            svg.append("<polyline fill='none' stroke-width='1.5' stroke='").append(colour).append("' points='");
            for (final HistogramIterationValue value : phases.get(i).latencyMicros().percentiles(5))
            {
                final double nines = Math.min(MAX_NINES, -Math.log10(Math.max(1e-9,
                    1 - value.getPercentileLevelIteratedTo() / 100)));
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(nines), y(value.getValueIteratedTo() / 1000.0,
                    top)));
            }
            svg.append("'/>\n");
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>%n", WIDTH + 10,
                MARGIN + 16 * i, colour, escape(phases.get(i).name())));
        }
        svg.append("</svg>\n");
        return "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Urne load generator</title></head><body>\n" +
            "<h1>Latency by percentile, from the intended send time</h1>\n" + svg +
            "<pre>" + escape(summary) + "</pre>\n</body></html>\n";
    }

    private static void axes(final StringBuilder svg, final double top)
    {
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", MARGIN,
            MARGIN + HEIGHT, MARGIN + WIDTH - MARGIN, MARGIN + HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", MARGIN,
            MARGIN, MARGIN, MARGIN + HEIGHT));
        final String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            svg.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>%n",
                x(nines), MARGIN + HEIGHT + 18, labels[nines]));
        }
        for (int i = 0; i <= 4; i++)
        {
            final double millis = top * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end'>%s ms</text>%n",
                MARGIN - 6, y(millis, top) + 4, trim(millis)));
            svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>%n",
                MARGIN, y(millis, top), WIDTH, y(millis, top)));
        }
    }

    /** The least of 1, 2 or 5 times a power of ten at or above {@code millis}, so the axis has round ticks. */
    private static double niceAbove(final double millis)
    {
        final double power = Math.pow(10, Math.floor(Math.log10(millis)));
        for (final int step : new int[] {1, 2, 5, 10})
        {
            if (step * power >= millis)
            {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double x(final double nines)
    {
        return MARGIN + nines / MAX_NINES * (WIDTH - 2 * MARGIN);
    }

    private static double y(final double millis, final double top)
    {
        return MARGIN + HEIGHT - millis / top * HEIGHT;
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? String.valueOf((long)value) : String.valueOf(value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
