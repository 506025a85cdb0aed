package org.urne.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ScreenshotType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.assembly.AssemblyView;
import org.urne.tally.assembly.RankedOption;
import org.urne.tally.assembly.RoundView;
import org.urne.tally.core.TallyCore;
import org.urne.tally.journal.JournalReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.AssemblyHttpTest.FACILITATOR;
import static org.urne.ingest.AssemblyHttpTest.ROOM;
import static org.urne.ingest.AssemblyHttpTest.VIEWER;

/**
 * Issue 17's session in headless Chromium: 3 members on real phone pages, 21 more over HTTP, a facilitator and the
 * projector page. A proposal gets two red cards, is reformulated twice and reaches consent, the projector showing
 * each round's counts within a second or so; then a judgment round over 10 actions, its results hidden until the
 * close; the decision record and the replayed journal agree. A phone whose code another phone takes is told. Both
 * pages pass axe-core with no serious or critical violation; their screenshots go to target/screenshots/.
 */
@Timeout(120)
class AssemblyRoomBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int MEMBERS = 24;
    private static final int PHONES = 3;

    @TempDir
    Path root;
    private TestServer server;
    private Playwright playwright;
    private Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private Page lastPage;

    @BeforeEach
    void start() throws Exception
    {
        BrowserTools.requireTools("assembly room browser test");
        server = new TestServer(root, AssemblyHttpTest::withRoomTokens);
        playwright = BrowserTools.playwright();
        browser = BrowserTools.chromium(playwright);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop()
    {
        contexts.forEach(BrowserContext::close);
        if (browser != null)
        {
            browser.close();
        }
        if (playwright != null)
        {
            playwright.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void aSessionReachesConsentAfterTwoReformulationsThenRanksTenActions() throws Exception
    {
        assertThat(server.putJson(ROOM, TestServer.OPERATOR, AssemblyHttpTest.assembly(MEMBERS)).status)
            .isEqualTo(201);
        final List<String> codes = new ArrayList<>();
        for (int m = 1; m <= PHONES; m++)
        {
            codes.add(server.postJson(ROOM + "/members/m" + m + "/device-code", FACILITATOR, null).json()
                .getString("code"));
        }
        final Page projector = open(1280, 800, "/room/convention#token=" + VIEWER);
        final List<Page> phones = new ArrayList<>();
        for (final String code : codes)
        {
            phones.add(open(390, 844, "/room/convention/phone#code=" + code));
        }
        consentRound(projector, phones, 1, null, List.of("red", "red", "green"));
        screenshot(projector, "room-projector");
        screenshot(phones.get(0), "room-phone");
        assertThat(BrowserTools.seriousViolations(projector.mainFrame())).as("projector").isEmpty();
        assertThat(BrowserTools.seriousViolations(phones.get(0).mainFrame())).as("phone").isEmpty();
        close("r1");
        consentRound(projector, phones, 2, "Membre 1: the budget", List.of("green", "red", "green"));
        close("r2");
        consentRound(projector, phones, 3, "Membre 2: the calendar", List.of("green", "green", "green"));
        awaitTrue(() -> projector.locator(".consent").count() == 1, "consent on the projector");
        close("r3");
        judgmentRound(projector, phones);
        decisionRecordAgreesWithTheReplayedJournal();
        final Page newer = open(390, 844, "/room/convention/phone#code=" + codes.get(0));
        awaitTrue(() -> phones.get(0).locator("#round").textContent().contains("autre téléphone"),
            "the older phone told another took its code");
        assertThat(newer.locator("#title").textContent()).contains("Membre 1");
        assertThat(pageErrors).isEmpty();
    }

    /** One consent round: the phones raise {@code phoneCards}, the 21 others green over HTTP; the projector counts. */
    private void consentRound(final Page projector, final List<Page> phones, final int version, final String answers,
        final List<String> phoneCards)
    {
        final String roundId = server.postJson(ROOM + "/rounds", FACILITATOR, AssemblyHttpTest.consent(version,
            answers)).json().getString("roundId");
        for (int p = 0; p < phones.size(); p++)
        {
            final Page phone = phones.get(p);
            final String text = "Proposition, version " + version;
            awaitTrue(() -> phone.locator(".proposal").count() == 1 &&
                phone.locator(".proposal").textContent().equals(text), "round " + roundId + " on phone " + p);
            phone.locator(".buttons button.card-" + phoneCards.get(p)).click();
        }
        for (int m = PHONES + 1; m <= MEMBERS; m++)
        {
            final TestServer.Response raised = server.postJson(ROOM + "/rounds/" + roundId + "/cards", FACILITATOR,
                new JsonObject().put("member", "m" + m).put("card", "green"));
            assertThat(raised.status).as(raised.body).isEqualTo(200);
        }
        final long red = phoneCards.stream().filter("red"::equals).count();
        final long green = MEMBERS - red;
        awaitTrue(() -> count(projector, "red") == red && count(projector, "green") == green,
            "round " + roundId + "'s counts on the projector: " + red + " red, " + green + " green");
        awaitTrue(() -> phones.get(0).locator(".buttons button[aria-pressed=true]").count() == 1,
            "the phone shows its card");
    }

    private static long count(final Page projector, final String card)
    {
        final String text = projector.locator(".count.card-" + card + " .count__n").textContent();
        return text == null || text.isBlank() ? -1 : Long.parseLong(text.trim());
    }

    private void judgmentRound(final Page projector, final List<Page> phones)
    {
        final JsonArray options = new JsonArray();
        for (int a = 1; a <= 10; a++)
        {
            options.add(new JsonObject().put("id", "a" + a).put("title", "Action " + a));
        }
        final String roundId = server.postJson(ROOM + "/rounds", FACILITATOR,
            new JsonObject().put("kind", "judgment").put("options", options)).json().getString("roundId");
        for (final Page phone : phones)
        {
            awaitTrue(() -> phone.locator("#round select").count() == 10, "the judgment form on a phone");
            for (int a = 1; a <= 10; a++)
            {
                phone.locator("#option-a" + a).selectOption(String.valueOf(a % 7));
            }
            phone.locator("#round button[type=submit]").click();
            awaitTrue(() -> phone.locator("#answer").textContent().contains("Vote envoyé"), "the vote sent");
        }
        for (int m = PHONES + 1; m <= MEMBERS; m++)
        {
            final JsonObject grades = new JsonObject();
            for (int a = 1; a <= 10; a++)
            {
                grades.put("a" + a, (a + m) % 7);
            }
            assertThat(server.postJson(ROOM + "/rounds/" + roundId + "/cards", FACILITATOR,
                new JsonObject().put("member", "m" + m).put("grades", grades)).status).isEqualTo(200);
        }
        awaitTrue(() -> projector.locator(".tally").first().textContent().startsWith(MEMBERS + " "),
            "every vote counted on the projector");
        assertThat(projector.locator(".ranking").count()).as("results hidden while open").isZero();
        assertThat(server.send(HttpMethod.GET, ROOM + "/rounds/" + roundId, FACILITATOR, null, null).json()
            .containsKey("ranking")).as("even from the facilitator").isFalse();
        close(roundId);
        awaitTrue(() -> projector.locator(".ranking li").count() == 10, "the ranking on the projector");
        screenshot(projector, "room-projector-judgment");
    }

    private void decisionRecordAgreesWithTheReplayedJournal()
    {
        final JsonObject record = server.send(HttpMethod.GET, ROOM + "/decisions", FACILITATOR, null, null).json();
        final TallyCore core = new TallyCore();
        try (JournalReader reader = JournalReader.open(root.resolve("journal"), 0))
        {
            reader.replay(core, Long.MAX_VALUE);
        }
        final AssemblyView replayed = core.assembly("convention");
        final JsonArray rounds = record.getJsonArray("items").getJsonObject(0).getJsonArray("rounds");
        assertThat(rounds).hasSize(3);
        for (int r = 0; r < 3; r++)
        {
            final RoundView round = replayed.round("r" + (r + 1));
            assertThat(rounds.getJsonObject(r).getJsonObject("counts").encode())
                .isEqualTo(new JsonObject(new LinkedHashMap<>(round.counts())).encode());
            assertThat(rounds.getJsonObject(r).getBoolean("consent")).isEqualTo(round.consent());
        }
        assertThat(rounds.getJsonObject(0).getJsonObject("raisedBy").getJsonArray("red"))
            .containsExactly("Membre 1", "Membre 2");
        assertThat(record.getJsonArray("items").getJsonObject(0).getBoolean("consent")).isTrue();
        final JsonArray ranking = record.getJsonArray("votes").getJsonObject(0).getJsonArray("ranking");
        final List<String> recorded = new ArrayList<>();
        ranking.forEach(option -> recorded.add(((JsonObject)option).getString("id")));
        assertThat(recorded).isEqualTo(replayed.round("r4").ranking().stream().map(RankedOption::id).toList());
    }

    private void close(final String roundId)
    {
        final TestServer.Response closed = server.postJson(ROOM + "/rounds/" + roundId + "/close", FACILITATOR, null);
        assertThat(closed.status).as(closed.body).isEqualTo(200);
    }

    private Page open(final int width, final int height, final String path)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")
            .setTimezoneId("Europe/Paris").setViewportSize(width, height));
        contexts.add(context);
        final Page page = context.newPage();
        page.onPageError(pageErrors::add);
        lastPage = page;
        page.navigate(server.server.baseUrl() + path);
        return page;
    }

    private static void screenshot(final Page page, final String name)
    {
        page.waitForTimeout(150);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
            .setType(ScreenshotType.PNG).setFullPage(false));
    }

    private void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
            lastPage.waitForTimeout(50);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s in vain for " + what + "; page errors: " +
            pageErrors);
    }
}
