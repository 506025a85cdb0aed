package org.urne.cli.faults;

import java.io.IOException;
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
 * Client threads posting ballots to whichever server is up, each one request at a time, each with a
 * {@link BallotPlanner} of its own: few voters (so revotes are common), withdrawals, a third on paper (through the
 * operator token), over the three demo polls. The controller
 * {@link #serve opens} a server to them and {@link #withdraw withdraws} it before killing it; a thread whose
 * request got no answer from a withdrawn server records it unanswered and parks until the next one, so between a
 * kill and the next {@code serve} the model is still. On the next server a thread retries its unanswered ballot
 * (half the time) or gives up on it; after a 202 it sometimes posts the same ballot again (a plain retry).
 */
final class CrashLoad implements AutoCloseable
{
    private static final long PARK_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long RETRY_PAUSE_MILLIS = 20;
    private static final int VOTERS_PER_THREAD = 25;
    private static final double REVOTE_SHARE = 0.5;
    private static final double PAPER_SHARE = 0.3;
    private static final double WITHDRAW_SHARE = 0.05;

    private final UrneClient client = Deployment.client();
    private final BallotModel model;
    private final List<Thread> threads = new ArrayList<>();
    private String url;
    private int generation;
    private int parked;
    private boolean stopped;

    CrashLoad(final BallotModel model, final List<PollShape> polls, final int threadCount, final long seed)
    {
        this.model = model;
        for (int t = 0; t < threadCount; t++)
        {
            final Random random = new Random(seed * 31 + t);
            final BallotPlanner planner = new BallotPlanner(polls, random.nextLong(), "t" + t, VOTERS_PER_THREAD,
                REVOTE_SHARE, 0, PAPER_SHARE, WITHDRAW_SHARE);
            final Thread thread = new Thread(() -> run(planner, random), "crash-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Opens {@code serverUrl} to the threads. */
    synchronized void serve(final String serverUrl)
    {
        url = serverUrl;
        generation++;
        notifyAll();
    }

    /** Takes the server away: no thread sends a new request to it; those in flight get whatever answer comes. */
    synchronized void withdraw()
    {
        url = null;
        notifyAll();
    }

    /** Waits (bounded) until every thread is parked: the server is gone and every request has had its outcome. */
    synchronized void awaitParked() throws InterruptedException
    {
        final long deadline = System.nanoTime() + PARK_LIMIT_NANOS;
        while (parked < threads.size())
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                throw new AssertionError("client threads did not park within 120 s: " + parked + " of " +
                    threads.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Stops the threads: each ends at its next wait for a server, at the latest when its request times out. */
    @Override
    public void close()
    {
        synchronized (this)
        {
            stopped = true;
            url = null;
            notifyAll();
        }
        try
        {
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The server URL of a generation after {@code seen}, or null once stopped. Counts the thread parked meanwhile. */
    private synchronized Target awaitServer(final int seen) throws InterruptedException
    {
        parked++;
        notifyAll();
        try
        {
            while (!stopped && (url == null || generation == seen))
            {
                wait();
            }
            return stopped ? null : new Target(url, generation);
        }
        finally
        {
            parked--;
        }
    }

    private synchronized boolean isServing(final int targetGeneration)
    {
        return url != null && generation == targetGeneration;
    }

    private void run(final BallotPlanner planner, final Random random)
    {
        try
        {
            PlannedBallot unanswered = null;
            PlannedBallot lastAcknowledged = null;
            Target target = awaitServer(0);
            while (target != null)
            {
                final PlannedBallot ballot;
                if (unanswered != null && random.nextBoolean())
                {
                    ballot = unanswered;
                }
                else if (lastAcknowledged != null && random.nextInt(10) == 0)
                {
                    ballot = lastAcknowledged;
                }
                else
                {
                    ballot = planner.next();
                }
                unanswered = null;
                if (post(target, ballot))
                {
                    lastAcknowledged = ballot;
                }
                else
                {
                    unanswered = ballot;
                    target = awaitServer(target.generation);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Posts until answered while the server serves: true once answered (a 202, or any other refusal, which the
     * test counts as a broken promise), false when the server was taken away with the request unanswered. A 503
     * or a timeout from a live server is retried with the same ballot.
     */
    private boolean post(final Target target, final PlannedBallot ballot) throws InterruptedException
    {
        while (isServing(target.generation))
        {
            try
            {
                final UrneClient.Answer answer = client.post(target.url, ballot);
                if (answer.status() == 202)
                {
                    model.acknowledged(ballot, answer.json());
                    return true;
                }
                if (answer.status() != 503)
                {
                    model.refused(ballot, answer.status(), answer.body());
                    return true;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
            catch (final IOException noAnswer)
            {
                if (!isServing(target.generation))
                {
                    break;
                }
            }
        }
        model.unanswered(ballot);
        return false;
    }

    private record Target(String url, int generation)
    {
    }
}
