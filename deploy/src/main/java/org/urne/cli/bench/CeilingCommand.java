package org.urne.cli.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code urne ceiling}: the raw HTTP + JSON ceiling ({@link CeilingServer}) as a process of its own, for an external
 * load generator (wrk in {@code bench/run-ratio.sh}) to load exactly as it loads {@code urne serve}, so that neither
 * side shares a JVM with the client. Serves on 127.0.0.1 until SIGTERM or Ctrl-C.
 */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
    description = {"Serve the raw HTTP + JSON ceiling for load comparisons: each POST body is parsed as JSON and "
        + "answered 202 with a body the size of a ballot's receipt (400 if it names no ballotId and voter); "
        + "nothing else is validated, and nothing is journaled or counted.",
        "Listens on 127.0.0.1 with as many event loops as `urne serve` (by default). Stops on SIGTERM or Ctrl-C."})
public final class CeilingCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, defaultValue = "0", paramLabel = "PORT",
        description = "Listen on this port of 127.0.0.1 (0: any free one, printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--event-loops", defaultValue = "0", paramLabel = "N",
        description = "Event loops and server instances (0: Vert.x's default, twice the cores, where the ceiling "
            + "takes the most requests). Default: ${DEFAULT-VALUE}.")
    int eventLoops;

    @Override
    public Integer call() throws Exception
    {
        if (port < 0 || port > 65535)
        {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
        }
        if (eventLoops < 0)
        {
            throw new ParameterException(spec.commandLine(), "--event-loops must be 0 or more, got " + eventLoops);
        }
        final int loops = eventLoops > 0 ? eventLoops : CeilingServer.DEFAULT_EVENT_LOOPS;
        final CeilingServer server = CeilingServer.start(loops, port);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "urne-ceiling-shutdown"));
        // Scripts wait for this exact line and read the URL from it, as they do for serve's "Urne is serving".
        System.out.printf("Ceiling is serving %s with %d event loops%nStop with Ctrl-C.%n", server.baseUrl(), loops);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
