package org.urne.ingest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.TestServer.Response;
import org.urne.ingest.problem.ProblemType;

import static org.urne.ingest.TestServer.OPERATOR;

/**
 * The requests that cause each assembly problem type (issue 17), for {@code ProblemTypesTest}: each on an assembly
 * of its own, so the order the types are driven in does not matter.
 */
final class AssemblyProblems
{
    private AssemblyProblems()
    {
    }

    /** The answer to the request that causes {@code type}, one of the assembly types. */
    static Response cause(final TestServer server, final ProblemType type)
    {
        return switch (type)
        {
            case UNKNOWN_ASSEMBLY -> server.send(HttpMethod.GET, "/v1/assemblies/nowhere", OPERATOR, null, null);
            case UNKNOWN_ROUND -> server.send(HttpMethod.GET, defined(server, "pu") + "/rounds/r99", OPERATOR, null,
                null);
            case INVALID_ASSEMBLY -> server.putJson("/v1/assemblies/bad", OPERATOR, new JsonObject().put("name", "Bad")
                .put("members", new JsonArray().add(new JsonObject().put("id", "m1").put("name", "A")
                    .put("role", "king"))));
            case INVALID_ROUND -> server.postJson(defined(server, "pr") + "/rounds", OPERATOR,
                new JsonObject().put("kind", "approval").put("options", new JsonArray()).put("choose", 1));
            case INVALID_VOTE -> card(server, opened(server, "pv", 1), "m1", "purple");
            case NOT_A_MEMBER -> server.putJson(defined(server, "pn") + "/presence", OPERATOR,
                new JsonObject().put("present", new JsonArray().add("zz")));
            case MEMBER_NOT_PRESENT -> notPresent(server);
            case ROUND_CLOSED -> closeTwice(server);
            case ROUND_STILL_OPEN -> server.postJson(opened(server, "po", 1), OPERATOR, consent(2));
            case VERSION_SUPERSEDED -> superseded(server);
            case DEVICE_CODE_ATTEMPTS -> wrongCodes(server);
            case DEVICE_REPLACED -> olderPhone(server);
            default -> throw new IllegalArgumentException(type + " is not an assembly's problem");
        };
    }

    private static String defined(final TestServer server, final String assemblyId)
    {
        final JsonArray members = new JsonArray().add(new JsonObject().put("id", "m1").put("name", "Ada"))
            .add(new JsonObject().put("id", "m2").put("name", "Bo"));
        final Response defined = server.putJson("/v1/assemblies/" + assemblyId, OPERATOR,
            new JsonObject().put("name", "Assembly " + assemblyId).put("members", members));
        if (defined.status != 201)
        {
            throw new AssertionError("define " + assemblyId + ": " + defined);
        }
        return "/v1/assemblies/" + assemblyId;
    }

    private static JsonObject consent(final int version)
    {
        return new JsonObject().put("kind", "consent").put("item", "i").put("version", version).put("text", "Text");
    }

    /** Defines the assembly and opens a consent round on version {@code version}: its rounds route. */
    private static String opened(final TestServer server, final String assemblyId, final int version)
    {
        final String path = defined(server, assemblyId) + "/rounds";
        final Response opened = server.postJson(path, OPERATOR, consent(version));
        if (opened.status != 201)
        {
            throw new AssertionError("open a round of " + assemblyId + ": " + opened);
        }
        return path;
    }

    private static Response card(final TestServer server, final String rounds, final String member, final String card)
    {
        return server.postJson(rounds + "/r1/cards", OPERATOR, new JsonObject().put("member", member).put("card", card));
    }

    private static Response notPresent(final TestServer server)
    {
        final String rounds = opened(server, "pp", 1);
        server.putJson("/v1/assemblies/pp/presence", OPERATOR, new JsonObject().put("present", new JsonArray().add("m1")));
        return card(server, rounds, "m2", "green");
    }

    private static Response closeTwice(final TestServer server)
    {
        final String rounds = opened(server, "pc", 1);
        server.postJson(rounds + "/r1/close", OPERATOR, null);
        return server.postJson(rounds + "/r1/close", OPERATOR, null);
    }

    private static Response superseded(final TestServer server)
    {
        final String rounds = opened(server, "ps", 2);
        server.postJson(rounds + "/r1/close", OPERATOR, null);
        return server.postJson(rounds, OPERATOR, consent(1));
    }

    /**
     * A card from a phone whose connection is not the member's latest (here: one never made). Driven before
     * {@code device-code-attempts} (the catalogue's order), which makes this client wait before a new code.
     */
    private static Response olderPhone(final TestServer server)
    {
        final String rounds = opened(server, "pe", 1);
        final String code = server.postJson("/v1/assemblies/pe/members/m1/device-code", OPERATOR, null).json()
            .getString("code");
        final Response first = server.postJson(rounds + "/r1/cards", code, new JsonObject().put("card", "green"));
        if (first.status != 200)
        {
            throw new AssertionError("a card with the code: " + first);
        }
        return server.send(HttpMethod.POST, rounds + "/r1/cards", code, "application/json",
            new JsonObject().put("card", "red"), MultiMap.caseInsensitiveMultiMap().add("Urne-Phone", "999999"));
    }

    /** Wrong device codes until the client is told to wait (at most a dozen tries). */
    private static Response wrongCodes(final TestServer server)
    {
        final String rounds = opened(server, "pd", 1);
        Response answer = null;
        for (int attempt = 0; attempt < 12 && (answer == null || answer.status != 429); attempt++)
        {
            answer = server.postJson(rounds + "/r1/cards", "NOT-A-CODE-" + attempt, new JsonObject().put("card", "red"));
        }
        return answer;
    }
}
