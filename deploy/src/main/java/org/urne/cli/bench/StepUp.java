package org.urne.cli.bench;

import org.urne.cli.harness.BallotModel;

/**
 * Finds the highest rate an endpoint sustains: steps of a few seconds at a rising rate, until a step's p99 crosses
 * the limit, an error appears, or the throughput falls short of the offered rate (the server, or this machine,
 * queues instead of keeping up). The answer is the last rate that passed.
 */
final class StepUp
{
    /** A step whose throughput is below this share of the offered rate did not keep up. */
    private static final double KEPT_UP = 0.95;

    private StepUp()
    {
    }

    /**
     * @param sustainable the last rate that passed, 0 if none did.
     * @param peak        the highest throughput seen in any step, passed or not.
     */
    record Result(double sustainable, double peak)
    {
    }

    static Result run(final PhaseRunner runner, final Endpoint endpoint, final BallotModel model, final double start,
        final double factor, final double stepSeconds, final int maxSteps, final double p99LimitMillis)
    {
        double rate = start;
        double sustainable = 0;
        double peak = 0;
        for (int step = 0; step < maxSteps; step++)
        {
            final PhaseResult result = runner.ingest(endpoint.name() + " " + Math.round(rate) + "/s", endpoint, model,
                rate, runner.plan(rate, Long.MAX_VALUE, stepSeconds), stepSeconds, 0);
            peak = Math.max(peak, result.throughput(202));
            if (result.percentileMillis(99) > p99LimitMillis || result.errors(202) > 0 ||
                result.throughput(202) < KEPT_UP * rate)
            {
                break;
            }
            sustainable = rate;
            rate *= factor;
        }
        return new Result(sustainable, peak);
    }
}
