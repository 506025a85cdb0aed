package org.urne.cli.bench;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * The open model: request {@code i} is due at {@code start + i / rate} whether or not earlier ones were answered,
 * and its latency is measured from that intended time, so a stalled server shows up as latency instead of as a
 * slower schedule (coordinated omission). A pacing thread hands the due requests in batches to the client's event
 * loops, which send them over a pool of keep-alive HTTP/1.1 connections; requests beyond the pool's size wait in
 * its queue, and that wait is latency too.
 */
final class OpenLoopSender implements AutoCloseable
{
    /** An answer's longest wait, and the drain's, before it counts as no answer. */
    static final long ANSWER_TIMEOUT_MILLIS = 30_000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final URI base;
    private final HttpClient client;
    private final Context[] loops;
    private final Consumer<String> notices;

    /**
     * @param vertx       the client's Vert.x, with as many event loops as {@code loops}.
     * @param loops       the event loops the requests are spread over.
     * @param connections the keep-alive connections in the pool.
     * @param notices     where a phase's first request that could not be sent is told (the run's report); called
     *                    from an event loop.
     */
    OpenLoopSender(final Vertx vertx, final URI base, final int loops, final int connections,
        final Consumer<String> notices)
    {
        this.base = base;
        this.notices = notices;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setTcpNoDelay(true).setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(connections).setEventLoopSize(loops).setMaxWaitQueueSize(-1));
        this.loops = new Context[loops];
        for (int i = 0; i < loops; i++)
        {
            this.loops[i] = vertx.getOrCreateContext();
        }
    }

    /**
     * Sends {@code count} requests at {@code rate} per second, for at most {@code maxSeconds}, then waits (at most
     * {@link #ANSWER_TIMEOUT_MILLIS}) for the answers. Writes one interval histogram a second to {@code log}.
     */
    PhaseResult run(final String name, final double rate, final int count, final double maxSeconds,
        final IntFunction<Exchange> exchanges, final HistogramLogWriter log)
    {
        final Recorder recorder = new Recorder(3);
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong lastAnswer = new AtomicLong();
        final AtomicLong unsent = new AtomicLong();
        final Histogram total = new Histogram(3);
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        final long sendDeadline = start + (long)(maxSeconds * 1e9);
        long nextLog = start + LOG_INTERVAL_NANOS;
        int sent = 0;
        int batches = 0;
        while (sent < count)
        {
            final long now = System.nanoTime();
            // Past the deadline, the requests due before it still go out (late, which their latency shows): a
            // pacing thread that woke a moment late used to drop the phase's last requests unsent and uncounted.
            final boolean last = now >= sendDeadline;
            final long upTo = last ? sendDeadline - 1 : now;
            final int due = (int)Math.min(count, Math.max(0, (long)Math.floor((upTo - start) * rate / 1e9) + 1));
            if (due > sent)
            {
                final int from = sent;
                loops[batches++ % loops.length].runOnContext(ignored ->
                {
                    for (int i = from; i < due; i++)
                    {
                        try
                        {
                            send(exchanges.apply(i), start + (long)(i * 1e9 / rate), recorder, statuses, answered,
                                lastAnswer);
                        }
                        catch (final RuntimeException e)
                        {
                            // Thrown out of this task, it would end the batch unseen: its requests would be neither
                            // sent nor counted, and the phase would wait out the drain for them.
                            notSent(name, i, e, unsent, statuses, answered);
                        }
                    }
                });
                sent = due;
            }
            else if (!last)
            {
                LockSupport.parkNanos(start + (long)(sent * 1e9 / rate) - now);
            }
            if (now >= nextLog)
            {
                nextLog = logInterval(recorder, total, log, now);
            }
            if (last)
            {
                break;
            }
        }
        final long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MILLIS + 5_000);
        while (answered.get() < sent && System.nanoTime() < drainDeadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            if (System.nanoTime() >= nextLog)
            {
                nextLog = logInterval(recorder, total, log, System.nanoTime());
            }
        }
        logInterval(recorder, total, log, System.nanoTime());
        final Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, adder) -> counts.put(status, adder.sum()));
        // Still unanswered when the drain ended: no answer, as a timed-out request would be.
        final long unanswered = sent - answered.get();
        if (unanswered > 0)
        {
            counts.merge(0, unanswered, Long::sum);
        }
        final long end = Math.max(lastAnswer.get(), start);
        return new PhaseResult(name, rate, sent, counts, total, (end - start) / 1e9);
    }

    private static long logInterval(final Recorder recorder, final Histogram total, final HistogramLogWriter log,
        final long now)
    {
        final Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        log.outputIntervalHistogram(interval);
        return now + LOG_INTERVAL_NANOS;
    }

    /** Counts a request that failed before it was sent as unanswered; reports the phase's first such failure. */
    private void notSent(final String phase, final int request, final RuntimeException cause,
        final AtomicLong unsent, final Map<Integer, LongAdder> statuses, final AtomicLong answered)
    {
        if (unsent.incrementAndGet() == 1)
        {
            notices.accept(phase + ": request " + request + " was not sent (later failures count as no answer, " +
                "unreported): " + cause);
        }
        statuses.computeIfAbsent(0, status -> new LongAdder()).increment();
        answered.incrementAndGet();
    }

    private void send(final Exchange exchange, final long intended, final Recorder recorder,
        final Map<Integer, LongAdder> statuses, final AtomicLong answered, final AtomicLong lastAnswer)
    {
        final RequestOptions options = new RequestOptions().setMethod(exchange.method()).setHost(base.getHost())
            .setPort(base.getPort()).setURI(exchange.path()).setIdleTimeout(ANSWER_TIMEOUT_MILLIS);
        client.request(options)
            .compose(request ->
            {
                exchange.headers(request);
                return exchange.body() == null ? request.send() : request.send(exchange.body());
            })
            .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                response.getHeader("ETag"), body)))
            .onComplete(result ->
            {
                final long now = System.nanoTime();
                final Answer answer = result.succeeded() ? result.result() : Answer.NONE;
                recorder.recordValue(Math.max(0, (now - intended) / 1000));
                statuses.computeIfAbsent(answer.status, status -> new LongAdder()).increment();
                lastAnswer.accumulateAndGet(now, Math::max);
                try
                {
                    exchange.answered(answer.status, answer.etag, answer.body);
                }
                finally
                {
                    answered.incrementAndGet();
                }
            });
    }

    @Override
    public void close()
    {
        client.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private record Answer(int status, String etag, Buffer body)
    {
        static final Answer NONE = new Answer(0, null, null);
    }
}
