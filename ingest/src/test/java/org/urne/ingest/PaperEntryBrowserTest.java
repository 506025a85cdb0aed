package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ReducedMotion;
import com.microsoft.playwright.options.ScreenshotType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.http.ResultsPageRoutes;
import org.urne.ingest.security.TokenAuthenticator;

/**
 * The paper entry screens ({@code /operator}) in headless Chromium against a real server, as the stands use them: a
 * stand agent on a phone signs in and types a stand's ballots with the keyboard alone, cancels the last one (the
 * voter's earlier online vote counts again); two agents enter another stand's tally sheet on a tablet, disagree, see
 * the differing cells, and agree; the stands' list shows each one's state and reconciliation; the results page shows
 * the paper stand by stand, adding up to the paper channel. A {@code paper} token is refused outside its stands, a
 * platform token on the screens; every refusal reaches the agent as the problem's sentence. The screens pass
 * axe-core with no serious or critical violation, and are photographed into target/screenshots/.
 */
@Timeout(150)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaperEntryBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String POLL = "paper-votation";
    private static final String JUDGMENT = "paper-jugement";
    private static final String PAPER_1 = "paper-token-one-for-the-entry-screens-test";
    private static final String PAPER_2 = "paper-token-two-for-the-entry-screens-test";
    private static final String JAUDE_AGENT = "paper-token-of-the-jaude-stand-only";
    private static final String PLATFORM = "platform-token-for-the-entry-screens-test";
    private static final int ITEMS = 40;

    @TempDir
    static Path root;
    static ResultsPageServer urne;
    static Playwright playwright;
    static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> browserErrors = new CopyOnWriteArrayList<>();
    private Page lastPage;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserTools.requireTools("paper entry screens browser test");
        urne = ResultsPageServer.start(root, UrneConfig.defaults().embedding(), List.of(
            paperToken("paper-1", PAPER_1, List.of(POLL, JUDGMENT), null),
            paperToken("paper-2", PAPER_2, List.of(POLL, JUDGMENT), null),
            paperToken("stand-jaude", JAUDE_AGENT, List.of(POLL), List.of("jaude")),
            new UrneConfig.Token("platform", "platform", TokenAuthenticator.sha256Hex(PLATFORM), null)));
        urne.define(withStands("1-clermont-2022-votation.json", POLL));
        urne.define(withStands("3-clermont-2022-jugement.json", JUDGMENT));
        urne.postBatch(POLL, ResultsPageData.priorityBallots(30, ITEMS, 15));
        urne.post(POLL, new JsonObject().put("ballotId", "online-first").put("voter", "u-both").put("channel", "digital")
            .put("selections", new JsonArray().add(7)));
        // Another stand's sheet, entered by an operator and by paper-1 (so it counts): the Jaude agent must not
        // read it.
        final JsonObject sheet = new JsonObject().put("stand", "croix-neyrat").put("channel", "paper")
            .put("ballots", 3).put("counts", new JsonObject().put("5", 3));
        urne.putSheet(POLL, "croix-neyrat-1", sheet);
        assertThat(urne.send(PAPER_1, "PUT", "/v1/polls/" + POLL + "/tally-sheets/croix-neyrat-1", sheet.encode())
            .body()).contains("\"counted\"");
        final HttpResponse<String> page = urne.get("/operator");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
            .hasValue(ResultsPageRoutes.CONTENT_SECURITY_POLICY);
        playwright = BrowserTools.playwright();
        browser = BrowserTools.chromium(playwright);
        Files.createDirectories(SCREENSHOTS);
    }

    private static UrneConfig.Token paperToken(final String name, final String token, final List<String> polls,
        final List<String> stands)
    {
        return new UrneConfig.Token(name, "paper", TokenAuthenticator.sha256Hex(token), null, polls, stands);
    }

    /** A demo poll under another id, with three declared stands and double entry of its tally sheets. */
    private static JsonObject withStands(final String resource, final String id) throws IOException
    {
        try (InputStream in = PaperEntryBrowserTest.class.getResourceAsStream("/results-page/" + resource))
        {
            final JsonObject poll = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return poll.put("id", id).put("paperEntry", "double").put("stands", new JsonArray()
                .add(stand("jaude", "Place de Jaude", "Centre"))
                .add(stand("st-joseph", "Marché Saint-Joseph", "Nord"))
                .add(stand("croix-neyrat", "Croix-de-Neyrat", "Nord")));
        }
    }

    private static JsonObject stand(final String id, final String name, final String neighbourhood)
    {
        return new JsonObject().put("id", id).put("name", name).put("neighbourhood", neighbourhood);
    }

    @AfterAll
    static void stop()
    {
        if (browser != null)
        {
            browser.close();
        }
        if (playwright != null)
        {
            playwright.close();
        }
        if (urne != null)
        {
            urne.close();
        }
    }

    @AfterEach
    void closeContexts()
    {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    @Order(1)
    void aStandAgentTypesBallotsOnAPhoneWithTheKeyboardAndCancelsTheLastOne() throws Exception
    {
        final Page page = phone("/operator?poll=" + POLL + "#type");
        signIn(page, JAUDE_AGENT);
        // The token's only stand is chosen; the voter's field has the focus.
        assertThat(page.locator("#pick-stand option[value]:not([value=''])").allTextContents())
            .containsExactly("Place de Jaude (Centre)");
        assertThat(page.locator("#pick-poll option").count()).isEqualTo(1);
        awaitTrue(() -> "voter".equals(activeId(page)), "the voter's field focused");
        final long digitalSevenBefore = votes(POLL, 7, "digital");

        final List<String> typed = List.of("3 14 21", "14", "21 5", "1 2 3 4 5");
        for (int i = 0; i < typed.size(); i++)
        {
            typeBallot(page, "jaude-voter-" + i, typed.get(i), i + 1);
        }
        awaitTrue(() -> page.locator(".typed-count").textContent().contains("4"), "4 typed at the stand");

        page.keyboard().type("jaude-voter-9");
        page.keyboard().press("Enter");
        page.keyboard().type("14 99");
        assertThat(page.locator("#ballot-preview").textContent()).contains("99");
        page.keyboard().press("Enter");
        awaitTrue(() -> page.locator(".feedback [data-kind=error]").count() == 1, "the unknown item refused");
        selectAll(page);
        page.keyboard().type("1 2 3 4 5 6");
        page.keyboard().press("Enter");
        awaitTrue(() -> page.locator(".feedback [data-kind=error]").textContent().contains("Refusé"),
            "the server's refusal of six selections, as its detail");
        selectAll(page);
        page.keyboard().press("Backspace");

        // A person who voted online votes again at the stand: the paper ballot replaces the online one...
        page.keyboard().press("Shift+Tab");
        assertThat(activeId(page)).isEqualTo("voter");
        selectAll(page);
        typeBallot(page, "u-both", "21", typed.size() + 1);
        awaitTrue(() -> votes(POLL, 7, "digital") == digitalSevenBefore - 1, "the online vote replaced");
        screenshot(page, "#typing-heading", "operator-typing-phone");
        // ...and cancelling the last ballot, with the keyboard, brings it back.
        tabTo(page, "cancel-last", 20);
        assertThat(page.locator("#cancel-last").textContent()).contains("21");
        page.keyboard().press("Enter");
        awaitTrue(() -> page.locator(".typed--annulled").count() == 1, "the last ballot marked cancelled");
        awaitTrue(() -> votes(POLL, 7, "digital") == digitalSevenBefore, "the online vote counted again");
        awaitTrue(() -> page.locator(".typed-count").textContent().contains("4"), "4 typed ballots count");
        assertThat(page.locator(".feedback").textContent()).contains("annulé");

        page.locator("#nav-stands").press("Enter");
        final Locator jaude = page.locator("tr[data-stand=jaude]");
        awaitTrue(() -> jaude.count() == 1 && "typed".equals(jaude.getAttribute("data-status")), "Jaude typed");
        assertThat(jaude.locator(".stand-status").textContent()).isEqualTo("4 tapés");
        assertThat(page.locator("tr[data-stand]").count()).as("a paper token sees its own stands").isEqualTo(1);
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();
        assertThat(browserErrors).isEmpty();
    }

    @Test
    @Order(2)
    void aPaperTokenIsRefusedOutsideItsStands()
    {
        final JsonObject ballot = new JsonObject().put("ballotId", "elsewhere-1").put("voter", "u-elsewhere")
            .put("channel", "paper").put("stand", "st-joseph").put("selections", new JsonArray().add(3));
        final HttpResponse<String> post = urne.send(JAUDE_AGENT, "POST", "/v1/polls/" + POLL + "/ballots",
            ballot.encode());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(post.body()).getString("type")).isEqualTo("/problems/stand-not-allowed");
        final HttpResponse<String> sheet = urne.send(JAUDE_AGENT, "PUT", "/v1/polls/" + POLL +
            "/tally-sheets/elsewhere", new JsonObject().put("stand", "st-joseph").put("ballots", 1)
            .put("counts", new JsonObject()).encode());
        assertThat(sheet.statusCode()).isEqualTo(403);

        final Page page = open("fr-FR", "/operator?poll=" + POLL + "&stand=jaude#sheet", 1024, 768);
        signIn(page, JAUDE_AGENT);
        awaitTrue(() -> "sheet-id".equals(activeId(page)), "the sheet number's field focused");
        selectAll(page);
        page.keyboard().type("croix-neyrat-1");
        page.locator("text=Revoir cette feuille").press("Enter");
        final Locator refusal = page.locator(".feedback [data-kind=error]");
        awaitTrue(() -> refusal.count() == 1, "the refusal of another stand's sheet");
        assertThat(refusal.textContent()).startsWith("Refusé : ").hasSizeGreaterThan("Refusé : ".length() + 5);
        assertThat(browserErrors).isEmpty();
    }

    @Test
    @Order(3)
    void twoAgentsEnterASheetDisagreeSeeTheCellsAndAgree() throws Exception
    {
        final Map<Integer, Integer> counts = new LinkedHashMap<>(Map.of(3, 10, 14, 30, 21, 22));
        final Page first = open("fr-FR", "/operator?poll=" + POLL + "&stand=st-joseph#sheet", 1024, 1366);
        signIn(first, PAPER_1);
        enterSheet(first, new int[] {40, 1, 0, 43}, counts);
        awaitTrue(() -> first.locator("[data-entry=awaiting-second-entry]").count() == 1, "awaiting second entry");

        final Page second = open("en-GB", "/operator?poll=" + POLL + "&stand=st-joseph#sheet", 820, 1180);
        signIn(second, PAPER_2);
        counts.put(14, 31);
        enterSheet(second, new int[] {40, 0, 0, 43}, counts);
        awaitTrue(() -> second.locator("[data-entry=in-dispute]").count() == 1, "in dispute");
        assertThat(data(second.locator("[data-difference]"), "difference"))
            .containsExactlyInAnyOrder("blank", "counts.14");
        assertThat(data(second.locator(".count--differs"), "field")).containsExactlyInAnyOrder("blank", "counts.14");
        assertThat(second.locator("[data-difference='counts.14']").textContent())
            .contains("paper-1: 30").contains("paper-2: 31");

        first.locator("text=Revoir cette feuille").press("Enter");
        awaitTrue(() -> first.locator(".count--differs").count() == 2, "the first agent sees the differing cells");
        assertThat(first.locator("[data-field='counts.14']").inputValue()).isEqualTo("30");
        screenshot(first, "#sheet-heading", "operator-sheet-dispute");
        assertThat(BrowserTools.seriousViolations(first.mainFrame())).isEmpty();

        // The second agent recounts the two cells on the paper sheet, corrects them, and the sheet counts.
        retype(second, "blank", "1");
        retype(second, "counts.14", "30");
        second.locator("#sheet-submit").press("Enter");
        awaitTrue(() -> second.locator("[data-entry=counted]").count() == 1, "counted once both agree");
        assertThat(second.locator(".differences").count()).isZero();

        second.locator("#nav-stands").press("Enter");
        final Locator joseph = second.locator("tr[data-stand=st-joseph]");
        awaitTrue(() -> joseph.count() == 1 && "counted".equals(joseph.getAttribute("data-status")), "counted");
        assertThat(joseph.locator("[data-issue=signatures-mismatch]").textContent()).contains("43");
        screenshot(second, "h1", "operator-stands");
        assertThat(BrowserTools.seriousViolations(second.mainFrame())).isEmpty();

        // The box was entered as a sheet: a typed ballot for the same stand is refused, and says why.
        second.locator("#nav-type").press("Enter");
        awaitTrue(() -> "voter".equals(activeId(second)), "the typing screen");
        second.keyboard().type("joseph-voter");
        second.keyboard().press("Enter");
        second.keyboard().type("14");
        second.keyboard().press("Enter");
        awaitTrue(() -> second.locator(".feedback [data-kind=error]").count() == 1, "the second way refused");
        assertThat(second.locator(".feedback").textContent()).contains("Refused: ");
        assertThat(browserErrors).isEmpty();
    }

    /** Last, so that its screenshot has the other tests' paper (it checks the sums whatever the order). */
    @Test
    @Order(5)
    void theResultsPageShowsThePaperStandByStand() throws Exception
    {
        final Page page = open("fr-FR", "/polls/" + POLL + "?refresh=1", 1280, 900);
        final Locator details = page.locator("details.stands-slot");
        try
        {
            awaitTrue(() -> details.isVisible(), "the paper per stand");
        }
        catch (final AssertionError e)
        {
            final HttpResponse<String> byStand = urne.get("/v1/polls/" + POLL + "/results?by=stand");
            throw new AssertionError(e.getMessage() + "; the page asked: " + page.evaluate(
                "() => performance.getEntriesByType('resource').map(r => r.name.replace(location.origin, '') + ' '" +
                " + r.responseStatus).join(', ')") + "; its stands: " + page.evaluate(
                "() => (document.querySelector('details.stands-slot') || {outerHTML: 'none'}).outerHTML.slice(0, 200)") +
                "; the page: " + page.locator("main").innerHTML().substring(0, 300) + "; results?by=stand: " +
                byStand.statusCode() + " " +
                byStand.body().substring(0, Math.min(300, byStand.body().length())) + "; poll: " +
                urne.get("/v1/polls/" + POLL).body().substring(0, 300), e);
        }
        details.locator("summary").press("Enter");
        final Locator ballots = details.locator("tr.stands-ballots td");
        awaitTrue(() -> ballots.count() == 4, "three stands and the paper total");
        assertThat(details.locator("thead th[data-stand]").allTextContents())
            .containsExactly("Place de Jaude", "Marché Saint-Joseph", "Croix-de-Neyrat");
        final JsonObject byStand = new JsonObject(urne.get("/v1/polls/" + POLL + "/results?by=stand").body());
        long sum = 0;
        for (final Object stand : byStand.getJsonArray("stands"))
        {
            sum += ((JsonObject)stand).getLong("ballots");
        }
        assertThat(sum).isEqualTo(byStand.getJsonObject("ballots").getLong("paper"));
        final long total = digits(ballots.last().textContent());
        assertThat(ballots.allTextContents().subList(0, 3).stream().mapToLong(PaperEntryBrowserTest::digits).sum())
            .isEqualTo(total);
        assertThat(details.locator("tbody tr[data-item]").count()).isEqualTo(ITEMS);
        screenshot(page, ".turnout", "results-stands");
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();
        assertThat(browserErrors).isEmpty();
    }

    @Test
    @Order(4)
    void aPlatformOrUnknownTokenIsTurnedAwayAndAJudgmentSheetIsAGridOfGrades() throws Exception
    {
        final Page page = phone("/operator?poll=" + JUDGMENT + "&stand=jaude#sheet");
        signIn(page, PLATFORM);
        final Locator message = page.locator("#signin-message");
        awaitTrue(() -> message.count() == 1 && message.textContent().contains("plateforme"), "the platform refused");
        assertThat(page.locator("#who").count()).isZero();
        assertThat(page.evaluate("() => sessionStorage.getItem('urne.operator.token')")).isNull();
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();
        page.locator("#token").fill("");
        signIn(page, "no-such-token");
        awaitTrue(() -> message.count() == 1 && message.textContent().contains("pas reconnu"), "unknown refused");

        page.locator("#token").fill("");
        signIn(page, ResultsPageServer.OPERATOR);
        awaitTrue(() -> page.locator("table.grid").count() == 1, "the judgment grid");
        assertThat(page.locator("#who").textContent()).contains("page-test");
        assertThat(page.locator("table.grid input.count").count()).isEqualTo(13 * 7);
        assertThat(page.locator("table.grid thead th[scope=col]").allTextContents()).hasSize(8).contains("Excellent");
        assertThat(browserErrors).isEmpty();
    }

    // Keyboard helpers: the agent's hands never leave the keyboard.

    private void signIn(final Page page, final String token)
    {
        tabTo(page, "token", 8);
        page.keyboard().type(token);
        page.keyboard().press("Enter");
        if (!PLATFORM.equals(token) && !"no-such-token".equals(token))
        {
            awaitTrue(() -> page.locator("#who").count() == 1, "signed in");
        }
    }

    private void typeBallot(final Page page, final String voter, final String ballot, final int expected)
    {
        page.keyboard().type(voter);
        page.keyboard().press("Enter");
        assertThat(activeId(page)).isEqualTo("ballot");
        page.keyboard().type(ballot);
        page.keyboard().press("Enter");
        awaitTrue(() -> page.locator(".typed-list li").count() == Math.min(expected, 8) &&
            "voter".equals(activeId(page)), "ballot " + expected + " saved");
    }

    /** Enters a sheet from its number's field with Enter between cells: totals, then each item's count. */
    private void enterSheet(final Page page, final int[] totals, final Map<Integer, Integer> counts)
    {
        awaitTrue(() -> "sheet-id".equals(activeId(page)), "the sheet number's field focused");
        assertThat(page.locator("#sheet-id").inputValue()).isEqualTo("st-joseph-1");
        page.keyboard().press("Enter");
        for (final int total : totals)
        {
            page.keyboard().type(Integer.toString(total));
            page.keyboard().press("Enter");
        }
        for (int item = 1; item <= ITEMS; item++)
        {
            if (counts.containsKey(item))
            {
                page.keyboard().type(counts.get(item).toString());
            }
            page.keyboard().press("Enter");
        }
        assertThat(activeId(page)).isEqualTo("sheet-submit");
        page.keyboard().press("Enter");
    }

    private static void retype(final Page page, final String field, final String value)
    {
        page.locator("[data-field='" + field + "']").focus();
        selectAll(page);
        page.keyboard().type(value);
    }

    private void tabTo(final Page page, final String id, final int most)
    {
        for (int i = 0; i < most && !id.equals(activeId(page)); i++)
        {
            page.keyboard().press("Tab");
        }
        assertThat(activeId(page)).as("Tab reaches #" + id).isEqualTo(id);
    }

    private static void selectAll(final Page page)
    {
        page.keyboard().press("Control+A");
    }

    /** The {@code data-<name>} attribute of every element {@code elements} matches, in document order. */
    private static List<String> data(final Locator elements, final String name)
    {
        final List<String> values = new ArrayList<>();
        for (final Locator element : elements.all())
        {
            values.add(element.getAttribute("data-" + name));
        }
        return values;
    }

    private static String activeId(final Page page)
    {
        return (String)page.evaluate("() => document.activeElement ? document.activeElement.id : null");
    }

    // Pages, results, waiting

    private Page phone(final String path)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")
            .setTimezoneId("Europe/Paris").setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true)
            .setHasTouch(true).setReducedMotion(ReducedMotion.REDUCE));
        return watch(context, path);
    }

    private Page open(final String locale, final String path, final int width, final int height)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
            .setTimezoneId("Europe/Paris").setViewportSize(width, height).setReducedMotion(ReducedMotion.REDUCE));
        return watch(context, path);
    }

    private Page watch(final BrowserContext context, final String path)
    {
        contexts.add(context);
        final Page page = context.newPage();
        lastPage = page;
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy"))
            {
                browserErrors.add(message.text());
            }
        });
        page.onPageError(browserErrors::add);
        page.navigate(urne.baseUrl() + path);
        return page;
    }

    private static long votes(final String pollId, final int item, final String channel)
    {
        final JsonObject results = new JsonObject(urne.get("/v1/polls/" + pollId + "/results").body());
        for (final Object entry : results.getJsonArray("items"))
        {
            final JsonObject found = (JsonObject)entry;
            if (found.getInteger("id") == item)
            {
                return found.getJsonObject("votes").getLong(channel, 0L);
            }
        }
        throw new AssertionError("no item " + item);
    }

    private static long digits(final String text)
    {
        final String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    /** A screenshot of the viewport with {@code top} at its top (as far as the page scrolls). */
    private static void screenshot(final Page page, final String top, final String name)
    {
        page.locator(top).first().evaluate("element => element.scrollIntoView({block: 'start'})");
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
            // Playwright delivers events (console, page errors) only while the test calls into it.
            lastPage.waitForTimeout(50);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s in vain for " + what + "; browser errors: " +
            browserErrors);
    }
}
