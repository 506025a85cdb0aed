package org.urne.tally.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts what a benchmark invocation processed when that number depends on a parameter (an election of
 * {@code voters} ballots, a journal of a million records), which {@code @OperationsPerInvocation} cannot express.
 * JMH reports it as a secondary result, {@code <benchmark>:records}, in records per second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordsCounter
{
    /** Records (ballots, journal records) processed in this iteration. */
    public long records;

    @Setup(Level.Iteration)
    public void reset()
    {
        records = 0;
    }
}
