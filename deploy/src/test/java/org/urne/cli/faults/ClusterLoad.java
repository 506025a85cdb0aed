package org.urne.cli.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.urne.cli.harness.BallotModel;
import org.urne.cli.harness.BallotPlanner;
import org.urne.cli.harness.PlannedBallot;
import org.urne.cli.harness.PollShape;
import org.urne.cli.harness.UrneClient;

/**
 * Client threads posting ballots to a cluster while its members die and return: each thread sends one ballot at a
 * time with {@link UrneClient#submit} (no answer, or a 503, and the same ballot goes to the next member, for up to a
 * minute), from a {@link BallotPlanner} of its own (few voters, so revotes are common; withdrawals; a third on paper),
 * and sometimes posts an acknowledged ballot again. The controller {@link #pause pauses} them to compare the
 * members with the model, with nothing in flight.
 */
final class ClusterLoad implements AutoCloseable
{
    private static final Duration SUBMIT_LIMIT = Duration.ofSeconds(60);
    private static final long PAUSE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(150);
    private static final int VOTERS_PER_THREAD = 25;

    private final UrneClient client;
    private final BallotModel model;
    private final List<Thread> threads = new ArrayList<>();
    private int busy;
    private boolean paused = true;
    private boolean stopped;
    private long sent;

    ClusterLoad(final UrneClient client, final BallotModel model, final List<PollShape> polls, final int threadCount,
        final long seed)
    {
        this.client = client;
        this.model = model;
        for (int t = 0; t < threadCount; t++)
        {
            final Random random = new Random(seed * 31 + t);
            final BallotPlanner planner = new BallotPlanner(polls, random.nextLong(), "c" + t, VOTERS_PER_THREAD, 0.5,
                0, 0.3, 0.05);
            final Thread thread = new Thread(() -> run(planner, random), "cluster-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Lets the threads send. */
    synchronized void resume()
    {
        paused = false;
        notifyAll();
    }

    /** Stops new requests and waits (bounded) until none is in flight. */
    synchronized void pause() throws InterruptedException
    {
        paused = true;
        final long deadline = System.nanoTime() + PAUSE_LIMIT_NANOS;
        while (busy > 0)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                throw new AssertionError(busy + " client threads still had a request in flight after 150 s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Ballot requests submitted so far (each to as many members as it took). */
    synchronized long sent()
    {
        return sent;
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            stopped = true;
            notifyAll();
        }
        try
        {
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(90));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean awaitTurn() throws InterruptedException
    {
        busy--;
        notifyAll();
        while (paused && !stopped)
        {
            wait();
        }
        busy++;
        sent++;
        return !stopped;
    }

    private void run(final BallotPlanner planner, final Random random)
    {
        synchronized (this)
        {
            busy++;
        }
        try
        {
            PlannedBallot acknowledged = null;
            while (awaitTurn())
            {
                final PlannedBallot ballot = acknowledged != null && random.nextInt(10) == 0 ? acknowledged :
                    planner.next();
                if (client.submit(ballot, model, SUBMIT_LIMIT) == BallotModel.State.ACKNOWLEDGED)
                {
                    acknowledged = ballot;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            synchronized (this)
            {
                busy--;
                notifyAll();
            }
        }
    }
}
