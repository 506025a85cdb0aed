package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PAPER_PLATFORM;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.ballot;
import static org.urne.ingest.TestServer.priorityPoll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;

/**
 * Runs the client examples of docs/clients.md as they are written there, against a real server: the curl blocks
 * with bash, the browser JavaScript with node (its fetch is the browser's API), the Python script with python3.
 * Each block is marked {@code <!-- run: ... -->} or {@code <!-- not run: why -->}; a block marked neither fails the
 * test, and so does a missing tool (scripts/install-test-tools.sh installs them). The server allows each token 5
 * requests a second and a burst of 3, and the Python client sends a ballot per batch: it meets 429s and must retry
 * them.
 */
class ClientExamplesTest
{
    private static final String POLL = "examples";
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    static Path root;
    static TestServer urne;
    static String url;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config.withRateLimit(new UrneConfig.RateLimit(5, 3)));
        urne.openPoll(priorityPoll(POLL));
        url = "http://127.0.0.1:" + urne.server.port();
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void everyBlockIsRunOrSaysWhyNot()
    {
        final List<ApiDocs.Block> blocks = ApiDocs.blocks("clients.md");
        assertThat(blocks).isNotEmpty();
        for (final ApiDocs.Block block : blocks)
        {
            assertThat(block.note()).as(block.where() + ": <!-- run: ... --> or <!-- not run: why -->").isNotNull()
                .matches("(run|not run): .+");
        }
        assertThat(blocks).filteredOn(block -> block.note().startsWith("run: ")).hasSize(5);
    }

    @Test
    void theCurlExamplesPostReadAndRevalidate() throws Exception
    {
        final Run ballot = run(List.of("bash", "-euo", "pipefail", "-c", block("run: sh, a ballot").code()),
            PLATFORM, null);
        final JsonObject accepted = new JsonObject(ballot.stdout.trim());
        assertThat(accepted.getString("ballotId")).isEqualTo("b-5f0c");
        urne.resultsAt(POLL, accepted.getLong("position"));

        final Run reads = run(List.of("bash", "-euo", "pipefail", "-c",
            block("run: sh, the receipt and the results").code()), PLATFORM, null);
        final List<String> lines = reads.stdout.lines().toList();
        assertThat(lines).as(reads.toString()).hasSize(2);
        final JsonObject receipt = new JsonObject(lines.get(0));
        assertThat(receipt.getString("receipt")).isEqualTo(accepted.getString("receipt"));
        assertThat(receipt.getLong("position")).as("a retry answers the first copy's position")
            .isEqualTo(accepted.getLong("position"));
        assertThat(receipt.getString("status")).isEqualTo("counted");
        assertThat(lines.get(1)).as("the results revalidated with their ETag").isEqualTo("304");
    }

    @Test
    void theOrderExampleGivesTheVoterEveryItemTheSameWayEachTime() throws Exception
    {
        final String code = block("run: sh, the voter's display order").code();
        // An operator's token, whose rate is its own: the platform token's small burst is the other examples'.
        final Run first = run(List.of("bash", "-euo", "pipefail", "-c", code), OPERATOR, null);
        final Run again = run(List.of("bash", "-euo", "pipefail", "-c", code), OPERATOR, null);
        final List<Object> order = new JsonObject(first.stdout.trim()).getJsonArray("items").getList();
        assertThat(order).as(first.toString()).containsExactlyInAnyOrder(14, 21, 20, 7);
        assertThat(new JsonObject(again.stdout.trim()).getJsonArray("items").getList()).isEqualTo(order);
    }

    @Test
    void theBrowserPollerSendsTheETagBack() throws Exception
    {
        // The token's rate (5/s, a burst of 3) may still be spent by another example's batch: wait as told.
        TestServer.Response posted = urne.postJson("/v1/polls/" + POLL + "/ballots", PAPER_PLATFORM,
            ballot("js-1", "u-js", 21));
        for (int attempt = 0; posted.status == 429 && attempt < 5; attempt++)
        {
            Thread.sleep(1000L * Integer.parseInt(posted.header("Retry-After")));
            posted = urne.postJson("/v1/polls/" + POLL + "/ballots", PAPER_PLATFORM, ballot("js-1", "u-js", 21));
        }
        assertThat(posted.status).as(posted.body).isEqualTo(202);
        final long position = posted.json().getLong("position");
        urne.resultsAt(POLL, position);
        final Path module = root.resolve("results-poller.mjs");
        Files.writeString(module, block("run: node, as a module").code());
        final Path driver = root.resolve("driver.mjs");
        Files.writeString(driver, String.join("\n",
            "import { resultsPoller } from './results-poller.mjs';",
            "const poll = resultsPoller(process.argv[2], process.argv[3]);",
            "const first = await poll();",
            "const second = await poll();",
            "console.log(JSON.stringify({ first: first.changed, position: first.results.position,",
            "  second: second.changed, kept: second.results === first.results }));",
            ""));
        final Run node = run(List.of(tool("node"), driver.toString(), url, POLL), null, null);
        final JsonObject seen = new JsonObject(node.stdout.trim());
        assertThat(seen.getBoolean("first")).as(node.toString()).isTrue();
        assertThat(seen.getLong("position")).isGreaterThanOrEqualTo(position);
        assertThat(seen.getBoolean("second")).as("the second poll was a 304").isFalse();
        assertThat(seen.getBoolean("kept")).isTrue();
    }

    @Test
    void thePythonClientPostsABatchAndRetriesWithTheSameBallotIds() throws Exception
    {
        final Path script = root.resolve("post_ballots.py");
        Files.writeString(script, block("run: python, post_ballots.py").code());
        final JsonArray ballots = new JsonArray()
            .add(ballot("py-1", "u-py1", 14)).add(ballot("py-2", "u-py2", 21, 20))
            .add(ballot("py-3", "u-py3", 99)).add(ballot("py-4", "u-py4", 7))
            .add(ballot("py-1", "u-py1", 14)).add(ballot("py-5", "u-py5", 14));
        final Run python = run(List.of(tool("python3"), script.toString()), PAPER_PLATFORM, ballots.encode());
        final List<String> lines = python.stdout.lines().toList();
        assertThat(lines).as(python.toString()).hasSize(6);
        assertThat(lines.get(0)).startsWith("py-1 accepted ");
        assertThat(lines.get(1)).startsWith("py-2 accepted ");
        assertThat(lines.get(2)).isEqualTo("py-3 refused /problems/invalid-ballot");
        assertThat(lines.get(3)).startsWith("py-4 accepted ");
        assertThat(lines.get(4)).as("the copy of py-1 has py-1's receipt").isEqualTo(lines.get(0));
        assertThat(python.stderr).as("six batches of one ballot, over a burst of three, meet 429s")
            .contains("after 429");
        for (final String line : lines.subList(0, 2))
        {
            final String receipt = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(urne.get("/v1/polls/" + POLL + "/receipts/" + receipt).json().getString("status"))
                .isEqualTo("counted");
        }
    }

    private static ApiDocs.Block block(final String note)
    {
        return ApiDocs.blocks("clients.md").stream().filter(block -> note.equals(block.note())).findFirst()
            .orElseThrow(() -> new AssertionError("docs/clients.md has no block marked <!-- " + note + " -->"));
    }

    /** The tool's path, or a failure saying how to get it: a missing tool is never a skipped test. */
    private static String tool(final String name) throws Exception
    {
        for (final String directory : System.getenv("PATH").split(":"))
        {
            final Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate))
            {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not on the PATH: scripts/install-test-tools.sh installs it");
    }

    private static Run run(final List<String> command, final String token, final String stdin) throws Exception
    {
        final List<String> resolved = new ArrayList<>(command);
        if (!Path.of(command.get(0)).isAbsolute())
        {
            resolved.set(0, tool(command.get(0)));
        }
        final Path out = Files.createTempFile(root, "out", ".txt");
        final Path err = Files.createTempFile(root, "err", ".txt");
        final ProcessBuilder builder = new ProcessBuilder(resolved).redirectOutput(out.toFile())
            .redirectError(err.toFile()).directory(root.toFile());
        builder.environment().putAll(Map.of("URNE_URL", url, "URNE_POLL", POLL, "URNE_BATCH_SIZE", "1"));
        if (token != null)
        {
            builder.environment().put("URNE_TOKEN", token);
        }
        final Process process = builder.start();
        try (var in = process.getOutputStream())
        {
            if (stdin != null)
            {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " ran over " + TIMEOUT_SECONDS + " s");
        }
        final Run run = new Run(process.exitValue(), read(out), read(err));
        assertThat(run.exitCode).as(run.toString()).isZero();
        return run;
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A finished process: its exit code and what it printed. */
    private record Run(int exitCode, String stdout, String stderr)
    {
    }
}
