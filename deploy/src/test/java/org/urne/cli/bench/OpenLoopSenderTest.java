package org.urne.cli.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-model sender accounts for every request it was asked to send, even one it could not make, and sends
 * every request due before the phase's end, even when its pacing thread wakes after it.
 */
class OpenLoopSenderTest
{
    @Test
    void aRequestThatCannotBeMadeCountsAsNoAnswerAndTheOthersGoOut() throws Exception
    {
        final Vertx vertx = Vertx.vertx();
        final List<String> notices = new CopyOnWriteArrayList<>();
        try
        {
            final HttpServer server = accepting(vertx);
            final long started = System.nanoTime();
            final PhaseResult result;
            try (OpenLoopSender sender = new OpenLoopSender(vertx, URI.create("http://127.0.0.1:" +
                server.actualPort()), 1, 4, notices::add))
            {
                result = sender.run("test 200/s", 200, 20, 5, i ->
                {
                    if (i == 3 || i == 4)
                    {
                        throw new IllegalStateException("no ballot " + i);
                    }
                    return new Post();
                }, new HistogramLogWriter(new ByteArrayOutputStream()));
            }

            assertThat(result.sent()).isEqualTo(20);
            assertThat(result.statuses()).isEqualTo(Map.of(0, 2L, 202, 18L));
            // Before, the two requests were lost with their batch and the phase waited out the 35-s drain.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
            assertThat(notices).singleElement().asString().contains("test 200/s: request 3 was not sent")
                .contains("no ballot 3");
        }
        finally
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestsDueBeforeThePhaseEndsAreSentEvenWhenThePacingThreadWakesAfterIt() throws Exception
    {
        final Vertx vertx = Vertx.vertx();
        try
        {
            final HttpServer server = accepting(vertx);
            final PhaseResult result;
            try (OpenLoopSender sender = new OpenLoopSender(vertx, URI.create("http://127.0.0.1:" +
                server.actualPort()), 1, 4, notice -> { }))
            {
                // 20 requests due within 20 µs: the pacing thread parks until the phase starts and wakes after its
                // end (a park overshoots by more than that), which used to leave every request unsent.
                result = sender.run("test 1,000,000/s", 1_000_000, 20, 20e-6, i -> new Post(),
                    new HistogramLogWriter(new ByteArrayOutputStream()));
            }

            assertThat(result.sent()).isEqualTo(20);
            assertThat(result.statuses()).isEqualTo(Map.of(202, 20L));
        }
        finally
        {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A server that answers every request 202. */
    private static HttpServer accepting(final Vertx vertx) throws Exception
    {
        return vertx.createHttpServer()
            .requestHandler(request -> request.response().setStatusCode(202).end("{}"))
            .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static final class Post implements Exchange
    {
        @Override
        public HttpMethod method()
        {
            return HttpMethod.POST;
        }

        @Override
        public String path()
        {
            return "/ballots";
        }

        @Override
        public void headers(final HttpClientRequest request)
        {
            request.putHeader("Content-Type", "application/json");
        }

        @Override
        public Buffer body()
        {
            return Buffer.buffer("{}");
        }

        @Override
        public void answered(final int status, final String etag, final Buffer body)
        {
        }
    }
}
