package org.urne.cli.bench;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What one open-model phase measured: the latency of every answered request from its intended send time, the
 * answers by status, and the achieved throughput.
 *
 * @param name          the phase, e.g. {@code urne 4000/s}.
 * @param offeredRate   the requests per second the schedule asked for.
 * @param sent          the requests sent (fewer than planned if the time bound came first).
 * @param statuses      answers by HTTP status; 0 counts requests that got no answer.
 * @param latencyMicros from intended send time to the end of the answer, in microseconds.
 * @param seconds       from the first intended send time to the last answer.
 */
record PhaseResult(String name, double offeredRate, long sent, Map<Integer, Long> statuses, Histogram latencyMicros,
    double seconds)
{
    PhaseResult
    {
        statuses = new TreeMap<>(statuses);
    }

    long answered(final int status)
    {
        return statuses.getOrDefault(status, 0L);
    }

    /** Requests answered with one of {@code ok}. */
    long answered(final int... ok)
    {
        long sum = 0;
        for (final int status : ok)
        {
            sum += answered(status);
        }
        return sum;
    }

    /** Answers with a status outside {@code ok}, and requests that got none. */
    long errors(final int... ok)
    {
        long all = 0;
        for (final long count : statuses.values())
        {
            all += count;
        }
        return all - answered(ok) + (sent - all);
    }

    double throughput(final int... ok)
    {
        return seconds > 0 ? answered(ok) / seconds : 0;
    }

    double percentileMillis(final double percentile)
    {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis()
    {
        return latencyMicros.getMaxValue() / 1000.0;
    }
}
