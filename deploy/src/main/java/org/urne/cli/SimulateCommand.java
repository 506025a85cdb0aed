package org.urne.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Posts random, valid ballots to a running server at a steady rate, so a newcomer sees results move: a population
 * of voters, some of whom vote again or whose platform retries, and in an opinion poll that takes citizens'
 * proposals, now and then a citizen's proposal, which later ballots then vote on. Bounded by a count and a duration,
 * and by default only towards this machine.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Post random ballots to a running server at a given rate, to watch results move.",
        "Stops after --count ballots or --duration, whichever comes first."})
final class SimulateCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status counted for a request that got no HTTP answer (connection refused, reset, timed out). */
    private static final int NO_ANSWER = 0;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The server. Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--token", required = true, description = "A platform or operator token (operator: paper too).")
    String token;

    @Option(names = "--poll", paramLabel = "ID", description = "Polls to vote in (repeatable). Default: every open poll.")
    List<String> polls = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "20", description = "Ballots per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--count", defaultValue = "1000", description = "The most ballots to send. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--duration", defaultValue = "60", description = "The most seconds to run. Default: ${DEFAULT-VALUE}.")
    long durationSeconds;

    @Option(names = "--voters", defaultValue = "500", description = "Distinct voters. Default: ${DEFAULT-VALUE}.")
    int voters;

    @Option(names = "--paper", defaultValue = "0", description = "Share of paper ballots, 0 to 1 (needs an operator "
        + "token). Default: ${DEFAULT-VALUE}.")
    double paperShare;

    @Option(names = "--retry", defaultValue = "0.05", description = "Share of ballots sent twice, as a platform "
        + "retrying would. Default: ${DEFAULT-VALUE}.")
    double retryShare;

    @Option(names = "--proposals", defaultValue = "0.02", description = "Share of steps that post a citizen's "
        + "proposal to an opinion poll taking them (proposals: citizens). Default: ${DEFAULT-VALUE}.")
    double proposalShare;

    @Option(names = "--seed", description = "Random seed, to repeat a run. Default: random.")
    Long seed;

    @Option(names = "--allow-remote", description = "Allow a server that is not on this machine.")
    boolean allowRemote;

    @Override
    public Integer call() throws Exception
    {
        checkArguments();
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        final List<JsonNode> targets = targetPolls(http);
        final Random random = new Random(seed == null ? System.nanoTime() : seed);
        final BallotGenerator generator = new BallotGenerator(random, voters, paperShare);
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final List<CompletableFuture<?>> inFlight = new ArrayList<>();
        final long periodNanos = (long)(1e9 / rate);
        final long start = System.nanoTime();
        final long deadline = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        long sent = 0;
        long proposed = 0;
        final Map<Integer, Long> proposals = new TreeMap<>();
        System.out.printf("Posting up to %d ballots at %.1f/s for at most %d s to %s (%d polls)%n", count, rate,
            durationSeconds, url, targets.size());
        while (sent < count && System.nanoTime() < deadline)
        {
            final long intended = start + sent * periodNanos;
            final long wait = intended - System.nanoTime();
            if (wait > 0)
            {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            final int target = random.nextInt(targets.size());
            final JsonNode poll = targets.get(target);
            if (takesProposals(poll) && random.nextDouble() < proposalShare)
            {
                // One at a time and waited for: the ballots after it vote on the poll as it now stands.
                proposals.merge(propose(http, poll, generator.proposal(poll)), 1L, Long::sum);
                targets.set(target, get(http, "/v1/polls/" + poll.get("id").asText()));
                proposed++;
                continue;
            }
            final String body = generator.ballot(poll).toString();
            final int copies = random.nextDouble() < retryShare ? 2 : 1;
            for (int copy = 0; copy < copies; copy++)
            {
                inFlight.add(post(http, poll.get("id").asText(), body)
                    .thenAccept(status -> statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet()));
            }
            sent++;
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Sent %d ballots (plus retries) in %.1f s. Answers by status (0: no answer): %s%n", sent,
            seconds, new TreeMap<>(statuses));
        if (proposed > 0)
        {
            System.out.printf("Sent %d proposals. Answers by status: %s%n", proposed, proposals);
        }
        // A proposal may be 409: its title drawn twice in the same subject.
        return statuses.keySet().stream().allMatch(status -> status == 202) &&
            proposals.keySet().stream().allMatch(status -> status == 201 || status == 409) ? 0 : 1;
    }

    private void checkArguments() throws Exception
    {
        if (rate <= 0 || count <= 0 || durationSeconds <= 0 || voters <= 0 || paperShare < 0 || paperShare > 1 ||
            retryShare < 0 || retryShare > 1 || proposalShare < 0 || proposalShare > 1)
        {
            throw new ParameterException(spec.commandLine(), "--rate, --count, --duration and --voters must be "
                + "positive; --paper, --retry and --proposals between 0 and 1");
        }
        final InetAddress host = InetAddress.getByName(url.getHost());
        if (!allowRemote && !host.isLoopbackAddress())
        {
            throw new ParameterException(spec.commandLine(), url.getHost() + " is not this machine: simulate sends "
                + "load, so it needs --allow-remote for another server");
        }
    }

    private List<JsonNode> targetPolls(final HttpClient http) throws Exception
    {
        final JsonNode list = get(http, "/v1/polls");
        final List<JsonNode> targets = new ArrayList<>();
        for (final JsonNode summary : list)
        {
            final String id = summary.get("id").asText();
            if (polls.isEmpty() ? "open".equals(summary.path("status").asText()) : polls.contains(id))
            {
                targets.add(get(http, "/v1/polls/" + id));
            }
        }
        if (targets.isEmpty())
        {
            throw new ParameterException(spec.commandLine(), polls.isEmpty() ? "the server has no open poll" :
                "the server has none of the polls " + polls);
        }
        return targets;
    }

    private JsonNode get(final HttpClient http, final String path) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " +
                response.body());
        }
        return JSON.readTree(response.body());
    }

    private static boolean takesProposals(final JsonNode poll)
    {
        return "opinion".equals(poll.path("kind").asText()) && "citizens".equals(poll.path("proposals").asText());
    }

    private int propose(final HttpClient http, final JsonNode poll, final JsonNode proposal)
    {
        final HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/polls/" + poll.get("id").asText() +
                "/items"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(proposal.toString())).build();
        try
        {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (final IOException e)
        {
            return NO_ANSWER;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }

    private CompletableFuture<Integer> post(final HttpClient http, final String pollId, final String body)
    {
        final HttpRequest request = HttpRequest.newBuilder(url.resolve("/v1/polls/" + pollId + "/ballots"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) ->
            failure == null ? response.statusCode() : NO_ANSWER);
    }
}
