package org.urne.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.UrneServer;
import org.urne.ingest.config.UrneConfig;

/**
 * Hostile poll and item titles, grade and channel names, stand names and citizens' arguments, through every path
 * that writes a CSV: {@code results.csv} over HTTP, {@code urne replay --format csv} and {@code urne export
 * --format csv}. A spreadsheet opening any of them finds no cell that starts like a formula, the texts are there
 * behind a {@code '}, every row has the header's cell count, and the numbers are the same numbers.
 */
class CsvInjectionTest
{
    private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"clic\")",
        "+SUM(1,2)", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final String CHANNEL = "-paper";

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noCsvCellStartsLikeAFormulaAndNumbersStayNumbers() throws Exception
    {
        final Path journal = directory.resolve("journal");
        final UrneConfig config = UrneConfig.defaults().withPort(0).withJournalDir(journal.toString());
        final Map<String, String> served = new LinkedHashMap<>();
        try (UrneServer server = UrneServer.start(config, Map.of()))
        {
            final String token = server.demoTokens().get("operator");
            define(server, token, poll("prio", "priority").put("minSelections", 1).put("maxSelections", 1));
            define(server, token, poll("opin", "opinion").put("maxArgumentLength", 200));
            define(server, token, poll("juge", "judgment").put("grades", new JsonArray(HOSTILE)));
            for (int i = 0; i < HOSTILE.size(); i++)
            {
                send(server, token, "POST", "/v1/polls/prio/ballots", new JsonObject().put("ballotId", "p" + i)
                    .put("voter", "v" + i).put("selections", new JsonArray().add(i + 1)));
                send(server, token, "POST", "/v1/polls/opin/ballots", new JsonObject().put("ballotId", "o" + i)
                    .put("voter", "v" + i).put("item", i + 1).put("choice", "for").put("argument", HOSTILE.get(i)));
                send(server, token, "POST", "/v1/polls/juge/ballots", new JsonObject().put("ballotId", "j" + i)
                    .put("voter", "v" + i).put("grades", new JsonObject().put("1", i).put("2", i)));
            }
            send(server, token, "PUT", "/v1/polls/prio/tally-sheets/-sheet", new JsonObject()
                .put("stand", HOSTILE.get(0)).put("channel", CHANNEL).put("ballots", 9)
                .put("counts", new JsonObject().put("1", 4).put("2", 5)));
            final long last = lastPosition(server, token);
            for (final String pollId : List.of("prio", "opin", "juge"))
            {
                served.put(pollId, resultsCsv(server, pollId, last));
            }
        }
        final Path replayed = directory.resolve("replayed");
        final CliRun replay = CliRun.of("replay", "-j", journal.toString(), "-f", "csv", "-o", replayed.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        final CliRun export = CliRun.of("export", "-j", journal.toString(), "-f", "csv");
        assertThat(export.exitCode()).as(export.err()).isZero();

        for (final Map.Entry<String, String> poll : served.entrySet())
        {
            assertThat(Files.readString(replayed.resolve(poll.getKey() + ".csv"))).as("replay of " + poll.getKey())
                .isEqualTo(poll.getValue());
            assertSafe(poll.getKey() + " results.csv", poll.getValue());
        }
        final List<List<String>> prio = assertSafe("prio results.csv", served.get("prio"));
        assertThat(prio.get(0)).containsExactly("rank", "id", "title", "digital", "'" + CHANNEL, "total");
        assertThat(prio.get(1)).containsExactly("1", "2", "'" + HOSTILE.get(1), "2", "5", "7");
        assertThat(prio.stream().map(row -> row.get(2)).toList()).containsAll(withQuote(HOSTILE));
        final List<List<String>> juge = assertSafe("juge results.csv", served.get("juge"));
        assertThat(juge.get(0).get(4)).isEqualTo("'" + HOSTILE.get(0) + " digital");
        assertThat(juge.subList(1, juge.size()).stream().map(row -> row.get(3)).toList())
            .isSubsetOf(withQuote(HOSTILE)).isNotEmpty();

        final List<List<String>> exported = assertSafe("export", export.out());
        final List<String> texts = new ArrayList<>();
        exported.forEach(texts::addAll);
        assertThat(texts).containsAll(withQuote(HOSTILE)).contains("'" + CHANNEL, "'-sheet");
    }

    private static List<String> withQuote(final List<String> texts)
    {
        return texts.stream().map(text -> "'" + text).toList();
    }

    /** Every row has the header's cell count, and no cell starts like a formula unless it is a whole number. */
    private static List<List<String>> assertSafe(final String what, final String csv)
    {
        final List<List<String>> rows = CsvCells.parse(csv);
        assertThat(rows).as(what).hasSizeGreaterThan(1);
        for (final List<String> row : rows)
        {
            assertThat(row).as(what + ": " + row).hasSameSizeAs(rows.get(0));
            for (final String cell : row)
            {
                if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0)
                {
                    assertThat(cell).as(what + ": a cell a spreadsheet would evaluate").matches(NUMBER);
                }
            }
        }
        return rows;
    }

    private static JsonObject poll(final String id, final String kind)
    {
        final JsonArray items = new JsonArray();
        for (int i = 0; i < HOSTILE.size(); i++)
        {
            items.add(new JsonObject().put("id", i + 1).put("title", HOSTILE.get(i)).put("group", HOSTILE.get(0)));
        }
        return new JsonObject().put("id", id).put("title", HOSTILE.get(0)).put("kind", kind)
            .put("channels", new JsonArray().add("digital").add(CHANNEL)).put("revote", "replace").put("items", items);
    }

    private void define(final UrneServer server, final String token, final JsonObject definition) throws Exception
    {
        final String id = definition.getString("id");
        assertThat(send(server, token, "PUT", "/v1/polls/" + id, definition).statusCode()).isEqualTo(201);
        assertThat(send(server, token, "POST", "/v1/polls/" + id + "/open", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(final UrneServer server, final String token, final String method,
        final String path, final JsonObject body) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body.encode()))
            .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return response;
    }

    /** Journals one more ballot: every other write lies before the position it gets. */
    private long lastPosition(final UrneServer server, final String token) throws Exception
    {
        return new JsonObject(send(server, token, "POST", "/v1/polls/prio/ballots", new JsonObject()
            .put("ballotId", "last").put("voter", "last").put("selections", new JsonArray().add(2))).body())
            .getLong("position");
    }

    /** The results CSV once it reflects the journal up to {@code position} (bounded wait). */
    private String resultsCsv(final UrneServer server, final String pollId, final long position) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline)
        {
            final HttpResponse<String> csv = http.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/v1/polls/" + pollId + "/results.csv")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            final String etag = csv.headers().firstValue("ETag").orElse("\"-1\"");
            if (csv.statusCode() == 200 && Long.parseLong(etag.replace("\"", "")) >= position)
            {
                return csv.body();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("results of " + pollId + " never reached position " + position);
    }
}
