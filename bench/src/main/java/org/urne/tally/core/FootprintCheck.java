package org.urne.tally.core;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import org.openjdk.jol.info.GraphLayout;
import org.urne.tally.bench.Election;

/**
 * Cross-checks {@link TallyCore#footprintBytes()}, which counts the core's tables by their lengths, with two
 * measures of its own: JOL, which walks every heap object reachable from the core and sizes it as this JVM lays it
 * out (headers, padding, the maps and definitions around the tables), and the JVM's direct buffer pool, which holds
 * the rows (outside the heap, where JOL does not look): its capacity after the election, less before, once the
 * collector has freed the buffers growth left behind. Applies one election as {@link CoreApplyBenchmark} does and
 * prints all three.
 *
 * <pre>java -Djdk.attach.allowAttachSelf=true -cp bench/target/benchmarks.jar org.urne.tally.core.FootprintCheck
 *     [PRIORITY|OPINION|JUDGMENT] [voters]</pre>
 *
 * <p>Without the flag JOL cannot attach its agent, and without the agent it cannot size a record's fields.
 */
public final class FootprintCheck
{
    private FootprintCheck()
    {
    }

    public static void main(final String[] args)
    {
        final Election election = Election.fromArguments(args);
        final long directBefore = directCapacity();
        final TallyCore core = new TallyCore();
        election.applyTo(core, (position, ballot) -> { });
        final int voters = election.voters;
        final long reported = core.footprintBytes();
        final long walked = GraphLayout.parseInstance(core).totalSize();
        final long direct = directCapacity() - directBefore;
        System.out.printf("kind=%s voters=%d footprintBytes=%d (%.2f per voter) jolHeapBytes=%d directBytes=%d" +
            " (%.2f per voter together) measured/footprint=%.5f%n", election.kind, voters, reported,
            (double)reported / voters, walked, direct, (double)(walked + direct) / voters,
            (double)(walked + direct) / reported);
    }

    /**
     * Bytes of the direct buffers alive, once collections have freed those no longer reachable: a buffer's memory
     * is released by its cleaner shortly after the collection, so this waits for two readings in a row to agree.
     */
    private static long directCapacity()
    {
        long last = -1;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            System.gc();
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the collector", ex);
            }
            final long now = directPool().getTotalCapacity();
            if (now == last)
            {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the direct buffer pool never settled: last read " + last + " bytes");
    }

    private static BufferPoolMXBean directPool()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool;
            }
        }
        throw new IllegalStateException("this JVM reports no direct buffer pool");
    }
}
