package org.urne.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urne cluster status}: the members table, as any member's {@code GET /v1/cluster} gives it. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the cluster's members: id, role, URL, pid, applied position and state hash.")
final class ClusterStatusCommand implements Callable<Integer>
{
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
        description = "Any member's HTTP base URL. Default: ${DEFAULT-VALUE} (the demo's first member).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:URNE_OPERATOR_TOKEN}",
        description = "An operator token (default: $URNE_OPERATOR_TOKEN).")
    String token;

    @Override
    public Integer call() throws Exception
    {
        final HttpResponse<String> response = fetch(url, token);
        if (response.statusCode() != 200)
        {
            System.err.println(url + "/v1/cluster answered " + response.statusCode() + ": " + response.body());
            return 1;
        }
        System.out.print(table(new ObjectMapper().readTree(response.body())));
        return 0;
    }

    /**
     * {@code GET /v1/cluster} of the member at {@code url}, with an operator token (none when null or empty).
     *
     * @throws IOException when the member does not answer.
     */
    static HttpResponse<String> fetch(final String url, final String token) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/v1/cluster"))
            .timeout(Duration.ofSeconds(10));
        if (token != null && !token.isEmpty())
        {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The members as aligned columns. */
    static String table(final JsonNode cluster)
    {
        final StringBuilder text = new StringBuilder(String.format("%-3s %-12s %-28s %-8s %-10s %s%n", "id", "role",
            "url", "pid", "position", "stateHash"));
        for (final JsonNode member : cluster.path("members"))
        {
            text.append(String.format("%-3s %-12s %-28s %-8s %-10s %s%n", member.path("id").asText(),
                member.path("role").asText(), member.path("url").asText(), member.path("pid").asText("-"),
                member.path("position").asText("-"), member.path("stateHash").asText("-")));
        }
        return text.toString();
    }
}
