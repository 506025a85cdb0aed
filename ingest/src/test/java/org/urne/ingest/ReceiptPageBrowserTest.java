package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.ResultsPageServer.VOTATION;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt page ({@code /receipt}) in headless Chromium, as a voter uses it: pick the vote, paste the receipt the
 * platform gave, read whether the ballot is counted (in French or English), never its journal position, and the
 * poll's seal once there is one. A malformed or unknown receipt gets a message saying what to check. The page passes
 * axe-core with no serious or critical violation.
 */
@Timeout(90)
class ReceiptPageBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path root;
    static ResultsPageServer urne;
    static Playwright playwright;
    static Browser browser;
    static JsonObject counted;
    static JsonObject superseded;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private Page lastPage;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserTools.requireTools("receipt page browser test");
        urne = ResultsPageServer.start(root);
        // Enough ballots before ours that a journal position would be a number of its own on the page.
        urne.postBatch(VOTATION, ResultsPageData.priorityBallots(1200, 40, 5));
        superseded = urne.post(VOTATION, ballot("receipt-page-1", 14));
        counted = urne.post(VOTATION, ballot("receipt-page-2", 21));
        playwright = BrowserTools.playwright();
        browser = BrowserTools.chromium(playwright);
    }

    private static JsonObject ballot(final String ballotId, final int item)
    {
        return new JsonObject().put("ballotId", ballotId).put("voter", "receipt-page-voter").put("channel", "digital")
            .put("selections", new JsonArray().add(item));
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
    void aVoterSeesTheirBallotCountedAndAReplacedOneSaysSoWithoutAPosition() throws Exception
    {
        final Page page = open("en-GB", "/receipt?poll=" + VOTATION);
        final Locator answer = page.locator("#answer");
        check(page, counted.getString("receipt"));
        awaitTrue(() -> answer.textContent().contains("Your ballot is counted."), "the counted answer");
        assertThat(answer.textContent()).contains("not sealed yet")
            .doesNotContain(String.valueOf(counted.getLong("position")));

        check(page, superseded.getString("receipt").toUpperCase());
        awaitTrue(() -> answer.textContent().contains("the later one counts"), "the superseded answer");
        assertThat(answer.locator("[data-status]").getAttribute("data-status")).isEqualTo("superseded");

        page.locator("[data-lang=fr]").click();
        awaitTrue(() -> answer.textContent().contains("c'est ce dernier qui compte"), "the answer in French");
        assertThat(page.locator("h1").textContent()).isEqualTo("Vérifier mon bulletin");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void aMalformedOrUnknownReceiptSaysWhatToCheck()
    {
        final Page page = open("fr-FR", "/receipt");
        final Locator answer = page.locator("#answer");
        page.locator("#poll").selectOption(VOTATION);
        check(page, "not a receipt");
        awaitTrue(() -> answer.textContent().contains("32 caractères"), "the malformed answer");
        assertThat(page.locator("#receipt").getAttribute("aria-invalid")).isEqualTo("true");

        check(page, "0".repeat(32));
        awaitTrue(() -> answer.textContent().contains("Aucun bulletin de ce vote ne porte ce reçu"),
            "the unknown answer");
        assertThat(page.locator("#receipt").getAttribute("aria-invalid")).isNull();
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void thePageHasNoSeriousOrCriticalAxeViolation() throws Exception
    {
        final Page page = open("fr-FR", "/receipt?poll=" + VOTATION);
        check(page, counted.getString("receipt"));
        awaitTrue(() -> page.locator("#answer p").count() > 0, "an answer");
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();
    }

    private void check(final Page page, final String receipt)
    {
        awaitTrue(() -> page.locator("#poll option").count() >= 3, "the list of votes");
        page.locator("#receipt").fill(receipt);
        page.locator("button[type=submit]").click();
    }

    private Page open(final String locale, final String path)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
            .setTimezoneId("Europe/Paris").setViewportSize(1280, 900));
        contexts.add(context);
        final Page page = context.newPage();
        page.onPageError(pageErrors::add);
        lastPage = page;
        page.navigate(urne.baseUrl() + path);
        return page;
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
