package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.ResultsPageServer.VOTATION;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.config.UrneConfig;
import org.urne.ingest.http.ResultsPageRoutes;

/**
 * The embeddable results ({@code /embed/{pollId}}) and CORS, in headless Chromium, as a city's own site would use
 * them: two other loopback servers stand for two sites, one configured ({@code embedding.allowedOrigins} and
 * {@code frameAncestors}), one not. The allowed site frames the embed, which shows the poll's numbers and follows
 * new ballots; its page's {@code fetch} of the API works. The other site can neither frame the embed nor read the
 * API; nobody can frame the results page itself.
 */
@Timeout(90)
class EmbedBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path root;
    static ResultsPageServer urne;
    static Playwright playwright;
    static Browser browser;
    static HttpServer allowedSite;
    static HttpServer otherSite;
    static String allowed;
    static String other;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private Page lastPage;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserTools.requireTools("embed browser test");
        allowedSite = site();
        otherSite = site();
        allowed = "http://127.0.0.1:" + allowedSite.getAddress().getPort();
        other = "http://127.0.0.1:" + otherSite.getAddress().getPort();
        urne = ResultsPageServer.start(root, new UrneConfig.Embedding(List.of(allowed), List.of(allowed)));
        urne.resultsAt(VOTATION, urne.postBatch(VOTATION, ResultsPageData.priorityBallots(300, 40, 14)));
        playwright = BrowserTools.playwright();
        browser = BrowserTools.chromium(playwright);
    }

    /** A loopback site whose {@code /frame?src=URL} frames URL, and whose {@code /} is an empty page. */
    private static HttpServer site() throws IOException
    {
        final HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange ->
        {
            final String query = exchange.getRequestURI().getQuery();
            final String src = query != null && query.startsWith("src=") ? query.substring(4) : null;
            final String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A city" +
                "</title></head><body><main><h1>Our votation</h1>" + (src == null ? "" :
                "<iframe title=\"Live results\" width=\"900\" height=\"700\" src=\"" + src + "\"></iframe>") +
                "</main></body></html>";
            final byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        return site;
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
        for (final HttpServer site : new HttpServer[]{allowedSite, otherSite})
        {
            if (site != null)
            {
                site.stop(0);
            }
        }
    }

    @AfterEach
    void closeContexts()
    {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void anotherSitesFrameShowsThePollsNumbersLiveWithoutNavigation() throws Exception
    {
        final Page page = open(allowed + "/frame?src=" + urne.baseUrl() + "/embed/" + VOTATION + "?lang=en%26refresh=1");
        final FrameLocator embed = page.frameLocator("iframe");
        final Locator rows = embed.locator("table.results tbody tr");
        awaitTrue(() -> rows.count() == 40, "40 ranked actions in the frame");
        final JsonObject before = results();
        final JsonObject leader = before.getJsonArray("items").getJsonObject(0);
        assertThat(rows.first().getAttribute("data-item")).isEqualTo(leader.getInteger("id").toString());
        assertThat(embed.locator("table.results thead th[scope=col]").first().textContent()).isEqualTo("Rank");
        assertThat(embed.locator(".stat--total dd").textContent()).isEqualTo(
            NumberFormat.getIntegerInstance(Locale.UK).format(before.getJsonObject("ballots").getLong("total")));
        assertThat(embed.locator("a[href], nav, form").count()).as("no navigation, no filters").isZero();
        assertThat(BrowserTools.seriousViolations(page.frames().get(1))).as("axe-core, in the frame").isEmpty();

        final int last = before.getJsonArray("items").getJsonObject(39).getInteger("id");
        final long position = urne.postBatch(VOTATION, ResultsPageData.priorityBallots(1, 40, 3)
            .add(new JsonObject().put("ballotId", "embed-live").put("voter", "embed-live")
                .put("selections", new JsonArray().add(last))));
        final long total = urne.resultsAt(VOTATION, position).getJsonObject("ballots").getLong("total");
        awaitTrue(() -> NumberFormat.getIntegerInstance(Locale.UK).format(total)
            .equals(embed.locator(".stat--total dd").textContent()), "the new ballots counted in the frame");
        assertThat(pageErrors).isEmpty();
    }

    @Test
    void theEmbedInFrenchPassesAxe() throws Exception
    {
        final Page page = open(urne.baseUrl() + "/embed/" + VOTATION);
        awaitTrue(() -> page.locator("table.results tbody tr").count() == 40, "the embed's table");
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        page.getByText("Français").click();
        awaitTrue(() -> "fr".equals(page.locator("html").getAttribute("lang")), "French after the switch");
        assertThat(page.locator("table.results thead th[scope=col]").first().textContent()).isEqualTo("Rang");
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).as("axe-core").isEmpty();
    }

    @Test
    void theEmbedIsFramedByConfiguredSitesOnlyAndTheResultsPageByNone() throws Exception
    {
        assertThat(urne.get("/embed/" + VOTATION).headers().firstValue("Content-Security-Policy").orElseThrow())
            .endsWith("frame-ancestors " + allowed);
        assertThat(urne.get("/polls/" + VOTATION).headers().firstValue("Content-Security-Policy"))
            .hasValue(ResultsPageRoutes.CONTENT_SECURITY_POLICY);
        final HttpResponse<String> unknown = urne.get("/embed/no-such-poll");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertNotFramed(open(other + "/frame?src=" + urne.baseUrl() + "/embed/" + VOTATION), "the embed, on another site");
        assertNotFramed(open(allowed + "/frame?src=" + urne.baseUrl() + "/polls/" + VOTATION), "the results page");
    }

    @Test
    void anAllowedSitesPageReadsTheApiAndAnotherSitesCannot() throws Exception
    {
        final String script = "async (url) => { try { const r = await fetch(url, {headers: {'If-None-Match': '\"0\"'}});" +
            " return r.status + ' ' + r.headers.get('ETag'); } catch (e) { return 'blocked'; } }";
        final String results = urne.baseUrl() + "/v1/polls/" + VOTATION + "/results";
        final Page allowedPage = open(allowed + "/");
        assertThat((String)allowedPage.evaluate(script, results)).as("a fetch with a preflight")
            .matches("200 \"[0-9]+\"");
        assertThat((String)open(other + "/").evaluate(script, results)).isEqualTo("blocked");

        final HttpClient http = HttpClient.newHttpClient();
        final HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(results))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", allowed)
            .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "if-none-match")
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(allowed);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        final HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(results))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", other)
            .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        final HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(results)).header("Origin", other)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /**
     * Once {@code page} has loaded (its load event waits for its frames), its frame holds no document of Urne's (both
     * pages have {@code main#main} in their HTML): the browser refused to render it there.
     */
    private void assertNotFramed(final Page page, final String what)
    {
        page.waitForLoadState();
        assertThat(page.frames()).as("the page and its frame").hasSize(2);
        final Frame frame = page.frames().get(1);
        assertThat(frame.url()).as(what).doesNotStartWith(urne.baseUrl());
        assertThat(frame.locator("main#main").count()).as(what + " is not shown in a frame").isZero();
    }

    private JsonObject results()
    {
        return new JsonObject(urne.get("/v1/polls/" + VOTATION + "/results").body());
    }

    private Page open(final String url)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")
            .setTimezoneId("Europe/Paris").setViewportSize(1280, 900));
        contexts.add(context);
        final Page page = context.newPage();
        page.onPageError(pageErrors::add);
        lastPage = page;
        page.navigate(url);
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
