package org.urne.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.security.TokenAuthenticator;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.RoundView;
import org.urne.tally.core.TallyCore;
import org.urne.tally.journal.JournalReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 over HTTP: an assembly, presence, device codes, consent rounds reformulated until consent, a judgment
 * round hidden until closed, an approval round; every mistake a problem with nothing journaled; and the journal,
 * replayed, rebuilds the same assembly.
 */
class AssemblyHttpTest
{
    static final String FACILITATOR = "facilitator-token-for-tests";
    static final String VIEWER = "viewer-token-for-tests";
    static final String OTHER_FACILITATOR = "other-facilitator-token";
    static final String ROOM = "/v1/assemblies/convention";

    @TempDir
    Path root;
    private TestServer server;

    @BeforeEach
    void start() throws Exception
    {
        server = new TestServer(root, AssemblyHttpTest::withRoomTokens);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    /** The test server's tokens, with a facilitator and a viewer of {@code convention} and another's facilitator. */
    static UrneConfig withRoomTokens(final UrneConfig config)
    {
        final List<UrneConfig.Token> tokens = new ArrayList<>(config.security().tokens());
        tokens.add(new UrneConfig.Token("facilitation", "facilitator", TokenAuthenticator.sha256Hex(FACILITATOR), null,
            null, null, "convention"));
        tokens.add(new UrneConfig.Token("projector", "viewer", TokenAuthenticator.sha256Hex(VIEWER), null,
            null, null, "convention"));
        tokens.add(new UrneConfig.Token("elsewhere", "facilitator", TokenAuthenticator.sha256Hex(OTHER_FACILITATOR),
            null, null, null, "other"));
        return config.withSecurity(new UrneConfig.Security(config.security().voterSecretFile(), tokens));
    }

    static JsonObject assembly(final int members)
    {
        final JsonArray list = new JsonArray();
        for (int i = 1; i <= members; i++)
        {
            list.add(new JsonObject().put("id", "m" + i).put("name", "Membre " + i)
                .put("role", i <= 2 ? "élu" : "member"));
        }
        return new JsonObject().put("name", "Convention citoyenne").put("members", list);
    }

    static JsonObject consent(final int version, final String answers)
    {
        return new JsonObject().put("kind", "consent").put("item", "mobility").put("version", version)
            .put("text", "Proposition, version " + version).put("answers", answers);
    }

    private TestServer.Response card(final String roundId, final String member, final String card)
    {
        return server.postJson(ROOM + "/rounds/" + roundId + "/cards", FACILITATOR,
            new JsonObject().put("member", member).put("card", card));
    }

    private String open(final JsonObject round)
    {
        final TestServer.Response opened = server.postJson(ROOM + "/rounds", FACILITATOR, round);
        assertThat(opened.status).as(opened.body).isEqualTo(201);
        return opened.json().getString("roundId");
    }

    private void close(final String roundId)
    {
        final TestServer.Response closed = server.postJson(ROOM + "/rounds/" + roundId + "/close", FACILITATOR, null);
        assertThat(closed.status).as(closed.body).isEqualTo(200);
    }

    @Test
    void aProposalWithTwoObjectionsIsReformulatedTwiceAndReachesConsent() throws Exception
    {
        assertThat(server.putJson(ROOM, TestServer.OPERATOR, assembly(4)).status).isEqualTo(201);
        final JsonObject read = server.send(HttpMethod.GET, ROOM, VIEWER, null, null).json();
        assertThat(read.getJsonArray("cards").getJsonObject(0).getString("id")).isEqualTo("green");
        assertThat(read.getJsonArray("present")).hasSize(4);
        final String r1 = open(consent(1, null));
        card(r1, "m1", "red");
        card(r1, "m2", "red");
        card(r1, "m3", "orange");
        card(r1, "m4", "green");
        final JsonObject seen = server.send(HttpMethod.GET, ROOM + "/rounds/" + r1, FACILITATOR, null, null).json();
        assertThat(seen.getJsonObject("counts").getMap()).containsEntry("red", 2).containsEntry("green", 1);
        assertThat(seen.getBoolean("consent")).isFalse();
        assertThat(seen.getJsonArray("speakers").stream().map(s -> ((JsonObject)s).getString("member")))
            .as("objections first, then improvements").containsExactly("m1", "m2", "m3");
        final JsonObject projected = server.send(HttpMethod.GET, ROOM + "/rounds/" + r1, VIEWER, null, null).json();
        assertThat(projected.containsKey("speakers")).as("the projector shows counts only").isFalse();
        close(r1);
        final String r2 = open(consent(2, "Membre 1: the budget"));
        card(r2, "m1", "green");
        card(r2, "m2", "red");
        card(r2, "m3", "green");
        card(r2, "m4", "green");
        close(r2);
        final String r3 = open(consent(3, "Membre 2: the calendar"));
        for (final String member : List.of("m1", "m2", "m3", "m4"))
        {
            assertThat(card(r3, member, "yellow").status).isEqualTo(200);
            assertThat(card(r3, member, "green").status).as("a second card replaces the first").isEqualTo(200);
        }
        close(r3);
        final JsonObject decided = server.send(HttpMethod.GET, ROOM + "/decisions", FACILITATOR, null, null).json();
        final JsonObject item = decided.getJsonArray("items").getJsonObject(0);
        assertThat(item.getBoolean("consent")).isTrue();
        assertThat(item.getJsonArray("versions")).hasSize(3);
        assertThat(item.getJsonArray("rounds").getJsonObject(0).getJsonObject("raisedBy").getJsonArray("red"))
            .containsExactly("Membre 1", "Membre 2");
        assertThat(item.getJsonArray("rounds").getJsonObject(1).getJsonObject("raisedBy").getJsonArray("red"))
            .containsExactly("Membre 2");
        server.postJson(ROOM + "/rounds/" + r3 + "/publish", FACILITATOR, null);
        final String published = server.get(ROOM + "/published").body;
        assertThat(new JsonObject(published).getJsonArray("decisions").getJsonObject(0).getBoolean("consent")).isTrue();
        assertThat(published).as("the public sees counts, never who raised what").doesNotContain("speakers",
            "waitingFor", "raisedBy", "\"member\"", "Membre 1\"");
        server.stop();
        server.start();
        assertThat(server.send(HttpMethod.GET, ROOM + "/decisions", FACILITATOR, null, null).json())
            .as("the decision record after a restart, from the journal replayed").isEqualTo(decided);
        final AssemblyView replayed = replayed().assembly("convention");
        for (final RoundView round : replayed.rounds())
        {
            final JsonObject live = server.send(HttpMethod.GET, ROOM + "/rounds/" + round.roundId(), FACILITATOR, null,
                null).json();
            assertThat(live.getJsonObject("counts").encode()).as("the replayed journal agrees with the live counts")
                .isEqualTo(new JsonObject(new LinkedHashMap<>(round.counts())).encode());
            assertThat(live.getBoolean("consent")).isEqualTo(round.consent());
        }
        assertThat(replayed.rounds()).extracting(RoundView::consent).containsExactly(false, false, true);
    }

    @Test
    void aJudgmentRoundIsHiddenUntilClosedAndAnApprovalRoundCountsChoices()
    {
        server.putJson(ROOM, TestServer.OPERATOR, assembly(3));
        final JsonArray options = new JsonArray();
        for (int i = 1; i <= 3; i++)
        {
            options.add(new JsonObject().put("id", "a" + i).put("title", "Action " + i));
        }
        final String j = open(new JsonObject().put("kind", "judgment").put("options", options));
        final int[][] grades = {{6, 2, 0}, {5, 4, 0}, {0, 4, 3}};
        for (int m = 0; m < 3; m++)
        {
            final JsonObject given = new JsonObject();
            for (int o = 0; o < 3; o++)
            {
                given.put("a" + (o + 1), grades[m][o]);
            }
            final TestServer.Response voted = server.postJson(ROOM + "/rounds/" + j + "/cards", FACILITATOR,
                new JsonObject().put("member", "m" + (m + 1)).put("grades", given));
            assertThat(voted.status).as(voted.body).isEqualTo(200);
        }
        final JsonObject open = server.send(HttpMethod.GET, ROOM + "/rounds/" + j, FACILITATOR, null, null).json();
        assertThat(open.getInteger("voted")).isEqualTo(3);
        assertThat(open.containsKey("ranking")).as("hidden until closed, even from the facilitator").isFalse();
        close(j);
        assertThat(server.get(ROOM + "/published").json().getJsonArray("decisions")).as("nothing public yet").isEmpty();
        final TestServer.Response published = server.postJson(ROOM + "/rounds/" + j + "/publish", FACILITATOR, null);
        assertThat(published.status).as(published.body).isEqualTo(200);
        final JsonObject decision = server.get(ROOM + "/published").json().getJsonArray("decisions").getJsonObject(0);
        assertThat(decision.getString("roundId")).isEqualTo(j);
        assertThat(decision.getJsonArray("ranking")).hasSize(3);
        assertThat(server.postJson(ROOM + "/rounds/" + j + "/publish", FACILITATOR, null).status)
            .as("publishing again changes nothing").isEqualTo(200);
        final JsonObject ranked = server.send(HttpMethod.GET, ROOM + "/rounds/" + j, VIEWER, null, null).json();
        assertThat(ranked.getJsonArray("ranking").getJsonObject(0).getString("id")).isEqualTo("a1");
        assertThat(ranked.getJsonArray("ranking").getJsonObject(0).getString("majorityGradeLabel")).isEqualTo("Très bien");
        final String s = open(new JsonObject().put("kind", "approval").put("options", options).put("choose", 2));
        server.postJson(ROOM + "/rounds/" + s + "/cards", FACILITATOR,
            new JsonObject().put("member", "m1").put("choices", new JsonArray().add("a3").add("a2")));
        server.postJson(ROOM + "/rounds/" + s + "/cards", FACILITATOR,
            new JsonObject().put("member", "m2").put("choices", new JsonArray().add("a3")));
        assertThat(server.postJson(ROOM + "/rounds/" + s + "/publish", FACILITATOR, null).problem())
            .as("an open round's result").isEqualTo("/problems/round-still-open");
        close(s);
        final JsonArray ranking = server.send(HttpMethod.GET, ROOM + "/rounds/" + s, VIEWER, null, null).json()
            .getJsonArray("ranking");
        assertThat(ranking.getJsonObject(0).getString("id")).isEqualTo("a3");
        assertThat(ranking.getJsonObject(0).getLong("approvals")).isEqualTo(2L);
    }

    @Test
    void mistakesAreProblemsAndNothingIsJournaled()
    {
        assertThat(server.putJson(ROOM, FACILITATOR, assembly(3)).status).as("only operators define").isEqualTo(403);
        assertThat(server.putJson(ROOM, TestServer.OPERATOR, new JsonObject().put("name", "x")
            .put("members", new JsonArray().add(new JsonObject().put("id", "a").put("name", "A").put("role", "king"))))
            .problem()).isEqualTo("/problems/invalid-assembly");
        server.putJson(ROOM, TestServer.OPERATOR, assembly(3));
        final long position = journalPosition();
        assertThat(server.send(HttpMethod.GET, ROOM, OTHER_FACILITATOR, null, null).status).isEqualTo(403);
        assertThat(server.send(HttpMethod.GET, "/v1/assemblies/nope", TestServer.OPERATOR, null, null)
            .problem()).isEqualTo("/problems/unknown-assembly");
        assertThat(server.postJson(ROOM + "/rounds", VIEWER, consent(1, null)).status).isEqualTo(403);
        assertThat(server.postJson(ROOM + "/rounds", FACILITATOR, new JsonObject().put("kind", "approval")
            .put("options", new JsonArray()).put("choose", 1)).problem()).isEqualTo("/problems/invalid-round");
        assertThat(server.postJson(ROOM + "/rounds/r9/cards", FACILITATOR,
            new JsonObject().put("member", "m1").put("card", "red")).problem()).isEqualTo("/problems/unknown-round");
        assertThat(journalPosition()).as("nothing journaled").isEqualTo(position);
        final String r1 = open(consent(2, null));
        assertThat(card(r1, "m9", "red").problem()).isEqualTo("/problems/not-a-member");
        assertThat(card(r1, "m1", "purple").problem()).isEqualTo("/problems/invalid-vote");
        assertThat(server.postJson(ROOM + "/rounds", FACILITATOR, consent(3, null)).problem())
            .isEqualTo("/problems/round-still-open");
        assertThat(server.putJson(ROOM + "/presence", FACILITATOR,
            new JsonObject().put("present", new JsonArray().add("m1").add("m2"))).status).isEqualTo(200);
        assertThat(card(r1, "m3", "red").problem()).isEqualTo("/problems/member-not-present");
        assertThat(server.putJson(ROOM + "/presence", FACILITATOR,
            new JsonObject().put("present", new JsonArray().add("zz"))).problem())
            .isEqualTo("/problems/not-a-member");
        close(r1);
        assertThat(card(r1, "m1", "red").problem()).isEqualTo("/problems/round-closed");
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/close", FACILITATOR, null).problem())
            .isEqualTo("/problems/round-closed");
        assertThat(server.postJson(ROOM + "/rounds", FACILITATOR, consent(1, null)).problem())
            .isEqualTo("/problems/version-superseded");
        final long closedAt = journalPosition();
        assertThat(server.postJson(ROOM + "/rounds", FACILITATOR, new JsonObject().put("kind", "consent"))
            .status).isEqualTo(400);
        assertThat(journalPosition()).as("nothing journaled").isEqualTo(closedAt);
    }

    @Test
    void aMemberVotesWithTheirDeviceCodeAndWrongCodesAreLimited() throws IOException
    {
        server.putJson(ROOM, TestServer.OPERATOR, assembly(2));
        final TestServer.Response issued = server.postJson(ROOM + "/members/m1/device-code", FACILITATOR, null);
        assertThat(issued.status).as(issued.body).isEqualTo(201);
        final String code = issued.json().getString("code");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
        final String r1 = open(consent(1, null));
        final TestServer.Response raised = server.postJson(ROOM + "/rounds/" + r1 + "/cards", code.toLowerCase(),
            new JsonObject().put("card", "red"));
        assertThat(raised.status).as(raised.body).isEqualTo(200);
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/cards", code,
            new JsonObject().put("member", "m2").put("card", "red")).status).as("the code says who").isEqualTo(400);
        final JsonObject state = server.send(HttpMethod.GET, ROOM + "/state", code, null, null).json();
        assertThat(state.getJsonObject("member").getString("card")).isEqualTo("red");
        final String rotated = server.postJson(ROOM + "/members/m1/device-code", FACILITATOR, null).json()
            .getString("code");
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/cards", code, new JsonObject().put("card", "green"))
            .status).as("the old code stops working").isEqualTo(401);
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/cards", rotated, new JsonObject().put("card", "green"))
            .status).isEqualTo(200);
        int status = 0;
        for (int attempt = 0; attempt < 12 && status != 429; attempt++)
        {
            status = server.postJson(ROOM + "/rounds/" + r1 + "/cards", "WRONG-CODE-" + attempt,
                new JsonObject().put("card", "green")).status;
        }
        assertThat(status).as("wrong codes are limited").isEqualTo(429);
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/cards", rotated, new JsonObject().put("card", "red"))
            .status).as("a code that worked before still works from the same address").isEqualTo(200);
        assertThat(server.postJson(ROOM + "/rounds/" + r1 + "/cards", code, new JsonObject().put("card", "red"))
            .status).as("a replaced code stays refused").isEqualTo(401);
        assertThat(PrivacyScan.firstLeak(journalBytes(), List.of(code, rotated))).as("codes in the journal").isNull();
    }

    @Test
    void theNewerPhoneWinsAndTheOlderIsToldOverServerSentEvents() throws Exception
    {
        server.putJson(ROOM, TestServer.OPERATOR, assembly(2));
        final String code = server.postJson(ROOM + "/members/m1/device-code", FACILITATOR, null).json()
            .getString("code");
        final String r1 = open(consent(1, null));
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final URI events = URI.create(server.server.baseUrl() + ROOM + "/events?access_token=" + code);
        final HttpResponse<Stream<String>> older = http.send(HttpRequest.newBuilder(events)
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(older.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/event-stream"));
        final Iterator<String> olderLines = older.body().iterator();
        final String olderPhone = phone(olderLines);
        final HttpResponse<Stream<String>> newer = http.send(HttpRequest.newBuilder(events)
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofLines());
        final Iterator<String> newerLines = newer.body().iterator();
        final String newerPhone = phone(newerLines);
        assertThat(newerPhone).isNotEqualTo(olderPhone);
        assertThat(lineAfter(olderLines, "event: replaced")).as("the older phone is told").isEqualTo("data: {}");
        final String cards = ROOM + "/rounds/" + r1 + "/cards";
        assertThat(server.send(HttpMethod.POST, cards, code, "application/json", new JsonObject().put("card", "red"),
            MultiMap.caseInsensitiveMultiMap().add("Urne-Phone", olderPhone)).problem())
            .isEqualTo("/problems/device-replaced");
        assertThat(server.send(HttpMethod.POST, cards, code, "application/json", new JsonObject().put("card", "green"),
            MultiMap.caseInsensitiveMultiMap().add("Urne-Phone", newerPhone)).status).isEqualTo(200);
        final String state = lineAfter(newerLines, "event: state", "\"card\":\"green\"");
        assertThat(new JsonObject(state.substring("data: ".length())).getJsonObject("round")
            .getJsonObject("counts").getInteger("green")).as("the newer phone sees its card live").isEqualTo(1);
        newer.body().close();
        older.body().close();
    }

    /** The phone number a member's stream starts with. */
    private static String phone(final Iterator<String> lines)
    {
        assertThat(lines.next()).isEqualTo("event: phone");
        return new JsonObject(lines.next().substring("data: ".length())).getLong("phone").toString();
    }

    /** The data line after the next {@code event} line whose data holds {@code containing}; bounded to 200 lines. */
    private static String lineAfter(final Iterator<String> lines, final String event, final String... containing)
    {
        for (int read = 0; read < 200 && lines.hasNext(); read++)
        {
            if (lines.next().equals(event))
            {
                final String data = lines.next();
                if (containing.length == 0 || data.contains(containing[0]))
                {
                    return data;
                }
            }
        }
        throw new AssertionError("no " + event + " in 200 lines");
    }

    /** The journal as it stands, read beside the running server. */
    private TallyCore replayed()
    {
        final TallyCore core = new TallyCore();
        try (JournalReader reader = JournalReader.open(root.resolve("journal"), 0))
        {
            reader.replay(core, Long.MAX_VALUE);
        }
        return core;
    }

    private long journalPosition()
    {
        return replayed().lastPosition();
    }

    private byte[] journalBytes() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(root.resolve("journal")))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                bytes.write(Files.readAllBytes(file));
            }
        }
        return bytes.toByteArray();
    }
}
