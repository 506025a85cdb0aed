package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.ResultsPageServer.CONSULTATION;
import static org.urne.ingest.ResultsPageServer.JUDGMENT;
import static org.urne.ingest.ResultsPageServer.VOTATION;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ReducedMotion;
import com.microsoft.playwright.options.ScreenshotType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.http.ResultsPageRoutes;

/**
 * The results page in a real browser: Debian's headless Chromium driven by Playwright, against a real Urne server
 * on 127.0.0.1 with the three demo polls. Ballots posted through the API must show up on the page (numbers and
 * order) within a bounded wait; the language switch, filters and search, banners, the pause while hidden, the
 * 304s, a strict Content-Security-Policy and the absence of any outside request are checked on the way, and each
 * kind of poll is photographed at desktop and phone widths into target/screenshots/.
 *
 * <p>Every page passes axe-core with no serious or critical violation. Without /usr/bin/chromium or axe-core the
 * test is skipped, unless CI is set: then it fails (run scripts/install-test-tools.sh).
 */
@Timeout(120)
class ResultsPageBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path root;
    static ResultsPageServer urne;
    static Playwright playwright;
    static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> outsideRequests = new CopyOnWriteArrayList<>();
    private Page lastPage;

    @BeforeAll
    static void start() throws Exception
    {
        BrowserTools.requireTools("results page browser test");
        urne = ResultsPageServer.start(root);
        seed();
        final HttpResponse<String> page = urne.get("/polls/" + VOTATION);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
            .hasValue(ResultsPageRoutes.CONTENT_SECURITY_POLICY);

        playwright = BrowserTools.playwright();
        browser = BrowserTools.chromium(playwright);
        Files.createDirectories(SCREENSHOTS);
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
        assertThat(outsideRequests).as("requests that left the server").isEmpty();
    }

    /** Ballots of a believable shape in the three demo polls, then waits for the results to reflect them. */
    private static void seed() throws InterruptedException
    {
        long votation = urne.postBatch(VOTATION, ResultsPageData.priorityBallots(1300, 40, 2022));
        for (int stand = 0; stand < ResultsPageData.STANDS.size(); stand++)
        {
            votation = Math.max(votation, urne.putSheet(VOTATION, "stand-" + stand,
                ResultsPageData.prioritySheet(ResultsPageData.STANDS.get(stand), 40 + 23 * stand, 40, 100 + stand)));
        }
        final long consultation = Math.max(urne.postBatch(CONSULTATION, ResultsPageData.opinionBallots(450, 40, 7)),
            urne.putSheet(CONSULTATION, "stand-0", ResultsPageData.opinionSheet(ResultsPageData.STANDS.get(0), 40, 8)));
        final long judgment = Math.max(urne.postBatch(JUDGMENT, ResultsPageData.judgmentBallots(260, 13, 7, 13)),
            urne.putSheet(JUDGMENT, "stand-0", ResultsPageData.judgmentSheet(ResultsPageData.STANDS.get(1), 85, 13, 7,
                13)));
        urne.resultsAt(VOTATION, votation);
        urne.resultsAt(CONSULTATION, consultation);
        urne.resultsAt(JUDGMENT, judgment);
    }

    @Test
    void priorityResultsFollowNewBallotsInNumbersAndOrder() throws Exception
    {
        final JsonObject before = results(VOTATION);
        final Page page = open("fr-FR", pollPath(VOTATION));
        final Locator rows = page.locator("table.results tbody tr");
        awaitTrue(() -> rows.count() == 40, "40 ranked actions");
        assertThat(page.locator("table.results caption").textContent()).contains("40 actions");
        assertThat(page.locator("table.results thead th[scope=col]").allTextContents())
            .containsExactly("Rang", "N°", "Action", "Papier", "Numérique", "Total");
        assertThat(rows.first().getAttribute("data-item"))
            .isEqualTo(before.getJsonArray("items").getJsonObject(0).getInteger("id").toString());
        assertThat(statValue(page, "stat--total")).isEqualTo(before.getJsonObject("ballots").getLong("total"));

        final JsonObject last = before.getJsonArray("items").getJsonObject(39);
        final int underdog = last.getInteger("id");
        final long leaderVotes = before.getJsonArray("items").getJsonObject(0).getJsonObject("votes").getLong("total");
        final int extra = (int)(leaderVotes - last.getJsonObject("votes").getLong("total") + 25);
        final AtomicInteger notModified = countResponses(page, 304);
        awaitTrue(() -> notModified.get() > 0, "a 304 for an unchanged poll");
        final long position = urne.postBatch(VOTATION, underdogBallots(underdog, extra));

        final Locator underdogRow = page.locator("table.results tbody tr[data-item='" + underdog + "']");
        awaitTrue(() -> Integer.toString(underdog).equals(rows.first().getAttribute("data-item")),
            "action " + underdog + " moves from last to first");
        final long expectedTotal = last.getJsonObject("votes").getLong("total") + extra;
        assertThat(digits(underdogRow.locator("td.col-total").textContent())).isEqualTo(expectedTotal);
        assertThat(underdogRow.locator(".rank").textContent()).isEqualTo("1");
        assertThat(statValue(page, "stat--total")).isEqualTo(before.getJsonObject("ballots").getLong("total") + extra);
        final JsonObject after = urne.resultsAt(VOTATION, position);
        awaitTrue(() -> digits(page.locator("[data-position]").textContent()) == after.getLong("position"),
            "the journal position of the results shown");
        assertThat(page.locator(".live-bar").getAttribute("data-state")).isEqualTo("live");
        assertThat(page.locator("a[href$='/results.csv']").getAttribute("download")).endsWith(".csv");
        assertThat(page.locator("a[href$='/results']").getAttribute("download")).endsWith(".json");

        screenshot(page, "priority-desktop");
        screenshot(openPhone(pollPath(VOTATION)), "priority-phone");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void everyPageHasNoSeriousOrCriticalAxeViolation() throws Exception
    {
        final Map<String, List<String>> violations = new LinkedHashMap<>();
        final long started = System.nanoTime();
        final Page list = open("fr-FR", "/");
        awaitTrue(() -> list.locator(".poll-card__ballots").count() >= 3, "the list of polls");
        violations.put("/", BrowserTools.seriousViolations(list.mainFrame()));
        for (final String poll : List.of(VOTATION, JUDGMENT))
        {
            final String locale = VOTATION.equals(poll) ? "fr-FR" : "en-GB";
            final Page page = open(locale, pollPath(poll));
            awaitTrue(() -> page.locator("table.results tbody tr").count() > 0, poll + "'s table");
            violations.put(pollPath(poll) + " " + locale, BrowserTools.seriousViolations(page.mainFrame()));
        }
        final Page phone = openPhone(pollPath(CONSULTATION));
        violations.put(pollPath(CONSULTATION) + " phone", BrowserTools.seriousViolations(phone.mainFrame()));
        violations.values().removeIf(List::isEmpty);
        System.out.printf("ResultsPageBrowserTest: axe-core on 4 pages took %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
        assertThat(violations).as("serious or critical axe-core violations per page").isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void filtersAndSearchNarrowTheTable()
    {
        final Page page = open("fr-FR", pollPath(VOTATION));
        final Locator rows = page.locator("table.results tbody tr");
        awaitTrue(() -> rows.count() == 40, "40 ranked actions");

        page.getByLabel("Transition").selectOption("Transition sociale");
        awaitTrue(() -> rows.count() == 11, "11 actions of the social transition");
        assertThat(page.locator(".result-count").textContent()).isEqualTo("11 sur 40 affichées");
        assertThat(page.locator("#filter-subject option").count()).isEqualTo(1 + 3);
        page.getByLabel("Thème").selectOption(
            "Lutte contre les discriminations envers les personnes en situation de précarité");
        awaitTrue(() -> rows.count() == 7, "7 actions of that subject");
        page.getByLabel("Thème").selectOption("");
        page.getByLabel("Transition").selectOption("");
        awaitTrue(() -> rows.count() == 40, "all actions again");

        page.getByLabel("Rechercher dans les titres").fill("vegetalisation");
        awaitTrue(() -> rows.count() == 2, "two titles with « Végétalisation »");
        assertThat(rows.evaluateAll("rows => rows.map(r => r.dataset.item).sort()").toString()).isEqualTo("[14, 15]");
        assertThat(page.locator("table.results caption").textContent()).endsWith("2 affichées");
        page.getByLabel("Rechercher dans les titres").fill("aucun titre ne dit cela");
        awaitTrue(() -> page.locator("p.empty").isVisible(), "the no-match message");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void speaksTheVisitorsLanguageAndSwitches()
    {
        final JsonObject results = results(VOTATION);
        final long total = results.getJsonObject("ballots").getLong("total");
        assertThat(total).isGreaterThan(999);

        final Page english = open("en-GB", pollPath(VOTATION));
        awaitTrue(() -> english.locator("table.results").isVisible(), "the table");
        assertThat(english.locator("html").getAttribute("lang")).isEqualTo("en");
        assertThat(english.locator("#turnout-heading").textContent()).isEqualTo("Ballots counted");
        assertThat(english.locator(".stat--total dd").textContent())
            .isEqualTo(NumberFormat.getIntegerInstance(Locale.UK).format(total));
        assertThat(english.locator("table.results thead th").first().textContent()).isEqualTo("Rank");

        english.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Français")).click();
        awaitTrue(() -> "fr".equals(english.locator("html").getAttribute("lang")), "French after the switch");
        assertThat(english.locator("#turnout-heading").textContent()).isEqualTo("Bulletins comptés");
        assertThat(english.locator(".stat--total dd").textContent()).isEqualTo(frenchNumber(total));
        assertThat(english.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Français"))
            .getAttribute("aria-pressed")).isEqualTo("true");
        english.reload();
        awaitTrue(() -> english.locator("#turnout-heading").isVisible(), "the page again");
        assertThat(english.locator("#turnout-heading").textContent()).as("the choice is remembered")
            .isEqualTo("Bulletins comptés");

        final Page french = open("de-DE", "/");
        awaitTrue(() -> french.locator(".poll-card").count() >= 3, "the list of polls");
        assertThat(french.locator("h1").textContent()).as("French by default").isEqualTo("Votes et consultations");
        final Page asked = open("fr-FR", "/?lang=en");
        awaitTrue(() -> asked.locator(".poll-card").count() >= 3, "the list of polls");
        assertThat(asked.locator("h1").textContent()).isEqualTo("Votes and consultations");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aSealedPollSaysFinalWithItsSealAndAnEmbargoedOneShowsTurnoutOnly() throws Exception
    {
        urne.define(smallPoll("page-sealed", "live"));
        urne.open("page-sealed");
        urne.postBatch("page-sealed", ResultsPageData.priorityBallots(30, 8, 5));
        urne.close("page-sealed");
        final Page closed = open("en-GB", pollPath("page-sealed"));
        awaitTrue(() -> closed.locator(".banner").count() > 0, "the closed poll's banner");
        assertThat(closed.locator(".banner").first().textContent()).contains("counting paper");
        final JsonObject seal = urne.seal("page-sealed");
        final Page sealed = open("fr-FR", pollPath("page-sealed"));
        awaitTrue(() -> sealed.locator(".seal").isVisible(), "the seal");
        assertThat(sealed.locator(".poll-head .status").textContent()).isEqualTo("Définitif");
        assertThat(sealed.locator(".banner--closed").textContent()).contains("définitifs");
        assertThat(sealed.locator(".seal").textContent()).contains(seal.getString("resultsSha256"),
            seal.getString("receiptsSha256"));
        assertThat(BrowserTools.seriousViolations(sealed.mainFrame())).as("axe-core on the sealed poll").isEmpty();

        urne.define(smallPoll("page-embargo", "at-seal"));
        urne.open("page-embargo");
        urne.resultsAt("page-embargo", urne.postBatch("page-embargo", ResultsPageData.priorityBallots(30, 8, 6)));
        final Page embargoed = open("en-GB", pollPath("page-embargo"));
        awaitTrue(() -> embargoed.locator(".stat--total dd").isVisible(), "the turnout");
        assertThat(embargoed.locator(".stat--total dd").textContent()).isEqualTo("30");
        assertThat(embargoed.locator("table.results").count()).as("no count before publication").isZero();
        assertThat(embargoed.locator(".downloads").count()).isZero();
        assertThat(embargoed.locator(".banners").textContent()).contains("Until then only turnout is shown");
        assertThat(consoleErrors).isEmpty();
    }

    private static JsonObject smallPoll(final String id, final String publication)
    {
        final JsonArray items = new JsonArray();
        for (int item = 1; item <= 8; item++)
        {
            items.add(new JsonObject().put("id", item).put("title", "Action " + item));
        }
        return new JsonObject().put("id", id).put("title", "Poll " + id).put("kind", "priority")
            .put("channels", new JsonArray().add("paper").add("digital")).put("minSelections", 1)
            .put("maxSelections", 5).put("publication", publication).put("items", items);
    }

    @Test
    void listsThePollsAndLinksToEach()
    {
        final Page page = open("fr-FR", "/");
        final Locator cards = page.locator(".poll-card");
        awaitTrue(() -> cards.count() >= 3 && page.locator(".poll-card__ballots").count() >= 3, "three polls");
        final Locator link = page.getByRole(AriaRole.LINK,
            new Page.GetByRoleOptions().setName("Jugement majoritaire : actions de la transition démocratique (démo)"));
        assertThat(link.getAttribute("href")).isEqualTo("/polls/" + JUDGMENT);
        assertThat(page.locator(".poll-card .status").first().textContent()).isEqualTo("En cours");
        screenshot(page, "list-desktop");
        link.click();
        awaitTrue(() -> page.locator("table.results--judgment").isVisible(), "the judgment poll's page");
        assertThat(page.url()).endsWith("/polls/" + JUDGMENT);
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void opinionResultsShowChoicesAndArguments() throws Exception
    {
        final JsonObject before = results(CONSULTATION);
        final JsonObject item14 = item(before, 14);
        final Page page = open("fr-FR", pollPath(CONSULTATION));
        final Locator row = page.locator("table.results tbody tr[data-item='14']");
        awaitTrue(() -> row.isVisible(), "proposal 14");
        assertThat(page.locator("table.results thead th[scope=col]").allTextContents())
            .containsExactly("N°", "Proposition", "Pour", "Mitigé", "Contre", "Total", "Arguments");
        final List<String> cells = row.locator("td.num").allTextContents();
        assertThat(cells.stream().map(ResultsPageBrowserTest::digits).toList()).containsExactly(
            item14.getJsonObject("for").getLong("total"), item14.getJsonObject("mixed").getLong("total"),
            item14.getJsonObject("against").getLong("total"), item14.getJsonObject("total").getLong("total"),
            item14.getLong("arguments"));
        assertThat(row.locator(".bar").getAttribute("aria-label")).startsWith("Pour : ");

        // The proposal set out in detail, folded under its title; opened, it stays open through the next update.
        final Locator details = row.locator("details.item-details");
        assertThat(details.locator("summary").textContent()).isEqualTo("Présentation détaillée");
        details.locator("summary").click();
        assertThat(details.locator("p").first().textContent()).startsWith("Démo : une action peut être exposée");
        assertThat(details.locator("p").count()).as("two paragraphs and the link").isEqualTo(3);
        assertThat(details.locator("a").getAttribute("href")).isEqualTo("https://www.clermont-ferrand.fr/");
        assertThat(page.locator("details.item-details").count()).as("only item 14 has details").isEqualTo(1);

        urne.postBatch(CONSULTATION, new JsonArray().add(new JsonObject().put("ballotId", "page-o-1")
            .put("voter", "page-voter").put("item", 14).put("choice", "against")
            .put("argument", "Il faut d'abord entretenir les arbres existants.")));
        awaitTrue(() -> digits(row.locator("td.col-arguments").textContent()) == item14.getLong("arguments") + 1,
            "one more argument on proposal 14");
        assertThat(digits(row.locator("td.col-choice").nth(2).textContent()))
            .isEqualTo(item14.getJsonObject("against").getLong("total") + 1);
        assertThat(details.getAttribute("open")).as("still open after the update").isNotNull();

        page.getByLabel("Ordre").selectOption("votes");
        final JsonObject most = before.getJsonArray("items").stream().map(JsonObject.class::cast)
            .max((a, b) -> Long.compare(a.getJsonObject("total").getLong("total"),
                b.getJsonObject("total").getLong("total"))).orElseThrow();
        awaitTrue(() -> digits(page.locator("table.results tbody tr td.col-total").first().textContent()) >=
            most.getJsonObject("total").getLong("total"), "the most voted proposal first");
        page.getByLabel("Ordre").selectOption("definition");

        screenshot(page, "opinion-desktop");
        screenshot(openPhone(pollPath(CONSULTATION)), "opinion-phone");
        assertThat(consoleErrors).isEmpty();
    }

    /**
     * The mid-term consultation as it ran: proposals arriving during the vote listed with the defined ones, the
     * opinions per subject, a proposal hidden by moderation shown by its number only, one withdrawn shown as such.
     */
    @Test
    void aConsultationShowsItsSubjectsAndItsProposalsAsTheyArrive() throws Exception
    {
        final JsonObject definition = new JsonObject(new String(ResultsPageServer.class
            .getResourceAsStream("/results-page/2-clermont-2022-consultation.json").readAllBytes(),
            StandardCharsets.UTF_8)).put("id", "mi-mandat").put("title", "Consultation mi-mandat")
            .put("proposals", "citizens");
        urne.define(definition);
        urne.open("mi-mandat");
        final String subject = definition.getJsonArray("items").getJsonObject(0).getString("subject");
        final int fountains = urne.addItem("mi-mandat", new JsonObject().put("title", "Des fontaines à boire")
            .put("subject", subject).put("voter", "citoyenne-12")).getInteger("id");
        final int offensive = urne.addItem("mi-mandat", new JsonObject().put("title", "Un texte injurieux")
            .put("subject", subject)).getInteger("id");
        final int withdrawn = urne.addItem("mi-mandat", new JsonObject().put("title", "Une idée reprise ailleurs")
            .put("subject", subject)).getInteger("id");
        urne.itemStatus("mi-mandat", offensive, "hidden");
        urne.itemStatus("mi-mandat", withdrawn, "withdrawn");
        final long position = urne.postBatch("mi-mandat", new JsonArray()
            .add(new JsonObject().put("ballotId", "mm-1").put("voter", "mm-1").put("item", fountains)
                .put("choice", "for"))
            .add(new JsonObject().put("ballotId", "mm-2").put("voter", "mm-2").put("item", 1).put("choice", "mixed"))
            .add(argued("mm-3", fountains, "against", "Trop d'entretien pour la ville."))
            .add(argued("mm-4", fountains, "for", "Il fait si chaud l'été."))
            .add(argued("mm-5", fountains, "for", "Les enfants en ont besoin.")));
        final JsonObject results = urne.resultsAt("mi-mandat", position);

        final Page page = open("fr-FR", "/polls/mi-mandat");
        final Locator added = page.locator("table.results tbody tr[data-item='" + fountains + "']");
        awaitTrue(() -> added.isVisible(), "the proposal added during the vote");
        assertThat(added.locator(".item-title").textContent()).isEqualTo("Des fontaines à boire");
        final Locator hidden = page.locator("table.results tbody tr[data-item='" + offensive + "']");
        assertThat(hidden.locator(".item-title").textContent()).isEqualTo("Proposition masquée par la modération");
        assertThat(page.content()).doesNotContain("injurieux");
        assertThat(page.locator("tr[data-item='" + withdrawn + "'] [data-item-status=withdrawn]").textContent())
            .isEqualTo("retirée");
        assertThat(statValue(page, "stat--participants")).isEqualTo(results.getLong("participants")).isEqualTo(5);

        // The arguments, per stance: the stance with the most first, the newest first.
        final Locator reader = added.locator("details.item-arguments");
        assertThat(reader.locator("summary").textContent()).isEqualTo("Lire les arguments (3)");
        reader.locator("summary").click();
        final Locator arguments = reader.locator("li.argument .argument__text");
        awaitTrue(() -> arguments.count() == 2, "the two arguments for");
        assertThat(arguments.allTextContents()).containsExactly("Les enfants en ont besoin.", "Il fait si chaud l'été.");
        assertThat(reader.locator("button[data-stance=for]").getAttribute("aria-pressed")).isEqualTo("true");
        reader.locator("button[data-stance=against]").click();
        awaitTrue(() -> arguments.count() == 1, "the argument against");
        assertThat(arguments.first().textContent()).isEqualTo("Trop d'entretien pour la ville.");
        // A new opinion rebuilds the table: the reader stays open on the stance chosen, drawn from what it loaded.
        final long next = urne.post("mi-mandat", argued("mm-6", 2, "for", "Plus de bus.")).getLong("position");
        awaitTrue(() -> digits(page.locator("[data-position]").textContent()) == next, "the update");
        assertThat(reader.getAttribute("open")).as("still open").isNotNull();
        assertThat(reader.locator("button[data-stance=against]").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(arguments.allTextContents()).containsExactly("Trop d'entretien pour la ville.");
        added.evaluate("row => row.scrollIntoView({block: 'center'})");
        screenshot(page, "consultation-arguments");
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();

        final Locator subjects = page.locator("details.subjects-slot");
        awaitTrue(() -> subjects.isVisible(), "the opinions by subject");
        subjects.locator("summary").click();
        final Locator rows = subjects.locator("tbody tr");
        final JsonObject now = urne.resultsAt("mi-mandat", next);
        assertThat(rows.count()).isEqualTo(now.getJsonArray("subjects").size());
        final JsonObject first = now.getJsonArray("subjects").getJsonObject(0);
        assertThat(first.getString("subject")).isEqualTo(subject);
        assertThat(rows.first().locator("td.num").allTextContents().stream().map(ResultsPageBrowserTest::digits)
            .toList()).containsExactly((long)first.getInteger("items"), first.getLong("for"), first.getLong("mixed"),
                first.getLong("against"), first.getLong("total"));
        screenshot(page, "consultation-subjects");
        assertThat(BrowserTools.seriousViolations(page.mainFrame())).isEmpty();

        final Page english = open("en-GB", "/polls/mi-mandat");
        final Locator englishSubjects = english.locator("details.subjects-slot summary");
        awaitTrue(() -> englishSubjects.isVisible(), "the subjects in English");
        assertThat(englishSubjects.textContent()).startsWith("Opinions by subject");
        assertThat(english.locator("tr[data-item='" + offensive + "'] .item-title").textContent())
            .isEqualTo("Proposal hidden by moderation");
        assertThat(consoleErrors).isEmpty();
    }

    private static JsonObject argued(final String voter, final int item, final String choice, final String argument)
    {
        return new JsonObject().put("ballotId", voter).put("voter", voter).put("item", item).put("choice", choice)
            .put("argument", argument);
    }

    @Test
    void judgmentResultsShowMeritProfilesAndMajorityGrades()
    {
        final JsonObject results = results(JUDGMENT);
        final Page page = open("fr-FR", pollPath(JUDGMENT));
        final Locator rows = page.locator("table.results tbody tr");
        awaitTrue(() -> rows.count() == 13, "13 graded actions");
        for (int i = 0; i < 13; i++)
        {
            final JsonObject item = results.getJsonArray("items").getJsonObject(i);
            assertThat(rows.nth(i).getAttribute("data-item")).isEqualTo(item.getInteger("id").toString());
            assertThat(rows.nth(i).locator(".grade").textContent()).isEqualTo(item.getString("majorityGradeLabel"));
        }
        assertThat(page.locator(".legend__entry").allTextContents()).containsExactly("À rejeter", "Insuffisant",
            "Passable", "Assez bien", "Bien", "Très bien", "Excellent");
        assertThat(rows.first().locator(".bar").getAttribute("aria-label")).startsWith("À rejeter : ");
        assertThat(rows.first().locator(".bar__median").count()).isEqualTo(1);

        screenshot(page, "judgment-desktop");
        screenshot(openPhone(pollPath(JUDGMENT)), "judgment-phone");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void bannersForAClosedPollAndAnUnreachableService()
    {
        final String pollId = "page-closing";
        urne.define(new JsonObject().put("id", pollId).put("title", "Un vote que l'on va clore").put("kind", "priority")
            .put("channels", new JsonArray().add("digital")).put("revote", "replace")
            .put("minSelections", 1).put("maxSelections", 1)
            .put("items", new JsonArray().add(new JsonObject().put("id", 1).put("title", "Oui"))
                .add(new JsonObject().put("id", 2).put("title", "Non"))));
        urne.open(pollId);
        final Page page = open("fr-FR", pollPath(pollId));
        awaitTrue(() -> page.locator("table.results").isVisible(), "the poll's table");
        assertThat(page.locator(".banner").count()).isZero();
        assertThat(page.locator(".poll-head .status").textContent()).isEqualTo("En cours");

        page.route("**/v1/polls/*/results", Route::abort);
        final Locator alert = page.locator(".banner--error[role=alert]");
        awaitTrue(alert::isVisible, "the unreachable banner");
        assertThat(alert.textContent()).startsWith("Le service est injoignable.");
        assertThat(page.locator(".live-bar").getAttribute("data-state")).isEqualTo("offline");
        page.unroute("**/v1/polls/*/results");
        awaitTrue(() -> alert.count() == 0, "the banner gone once the service answers");

        urne.close(pollId);
        awaitTrue(() -> "closed".equals(results(pollId).getString("status")), "the API to report the poll closed");
        final Locator closed = page.locator(".banner:has-text('Ce vote est clos')");
        awaitTrue(closed::isVisible, "the closed banner");
        assertThat(closed.textContent()).as("not final before the seal").contains("dépouillement");
        assertThat(page.locator(".poll-head .status").textContent()).isEqualTo("Clos");
        assertThat(consoleErrors).allMatch(message -> message.contains("net::ERR_FAILED"));
    }

    @Test
    void pausesWhileTheTabIsHidden()
    {
        final Page page = open("fr-FR", pollPath(JUDGMENT));
        awaitTrue(() -> page.locator("table.results").isVisible(), "the table");
        final AtomicInteger checks = new AtomicInteger();
        page.onRequest(request -> {
            if (request.url().endsWith("/results"))
            {
                checks.incrementAndGet();
            }
        });
        awaitTrue(() -> checks.get() > 0, "checks every second while visible");
        setVisibility(page, "hidden");
        awaitTrue(() -> page.locator(".live-bar").textContent().contains("en pause"), "the paused notice");
        page.waitForTimeout(300);
        final int whenHidden = checks.get();
        page.waitForTimeout(2500);
        assertThat(checks.get()).as("no checks while hidden").isEqualTo(whenHidden);
        setVisibility(page, "visible");
        awaitTrue(() -> checks.get() > whenHidden, "a check as soon as the tab shows again");
        assertThat(consoleErrors).isEmpty();
    }

    private Page open(final String locale, final String path)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setLocale(locale).setTimezoneId("Europe/Paris").setViewportSize(1280, 900).setReducedMotion(
                ReducedMotion.REDUCE));
        return watch(context, path);
    }

    private Page openPhone(final String path)
    {
        final BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setLocale("fr-FR").setTimezoneId("Europe/Paris").setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
            .setReducedMotion(ReducedMotion.REDUCE));
        final Page page = watch(context, path);
        awaitTrue(() -> page.locator("table.results, .poll-card").count() > 0, "the phone page");
        page.locator(".results-section, .poll-list").first().evaluate("section => section.scrollIntoView()");
        return page;
    }

    /** A fresh context that records console errors (CSP violations among them) and requests to other origins. */
    private Page watch(final BrowserContext context, final String path)
    {
        contexts.add(context);
        final String base = urne.baseUrl();
        context.onRequest(request -> {
            if (!request.url().startsWith(base + "/"))
            {
                outsideRequests.add(request.url());
            }
        });
        final Page page = context.newPage();
        lastPage = page;
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || message.text().contains("Content Security Policy"))
            {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add(error));
        page.navigate(base + path);
        return page;
    }

    private static String pollPath(final String pollId)
    {
        return "/polls/" + pollId + "?refresh=1";
    }

    private static void setVisibility(final Page page, final String state)
    {
        page.evaluate("state => { Object.defineProperty(document, 'visibilityState', " +
            "{ configurable: true, get: () => state }); document.dispatchEvent(new Event('visibilitychange')); }",
            state);
    }

    private static AtomicInteger countResponses(final Page page, final int status)
    {
        final AtomicInteger count = new AtomicInteger();
        page.onResponse(response -> {
            if (response.status() == status && response.url().endsWith("/results"))
            {
                count.incrementAndGet();
            }
        });
        return count;
    }

    private static JsonArray underdogBallots(final int item, final int count)
    {
        final JsonArray ballots = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            ballots.add(new JsonObject().put("ballotId", "page-u-" + i).put("voter", "page-u-" + i)
                .put("selections", new JsonArray().add(item)));
        }
        return ballots;
    }

    private static JsonObject results(final String pollId)
    {
        return new JsonObject(urne.get("/v1/polls/" + pollId + "/results").body());
    }

    private static JsonObject item(final JsonObject results, final int id)
    {
        return results.getJsonArray("items").stream().map(JsonObject.class::cast)
            .filter(item -> item.getInteger("id") == id).findFirst().orElseThrow();
    }

    private static long statValue(final Page page, final String statClass)
    {
        return digits(page.locator("." + statClass + " dd").textContent());
    }

    private static long digits(final String text)
    {
        final String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    private static String frenchNumber(final long value)
    {
        // Intl.NumberFormat('fr') groups thousands with a narrow no-break space (U+202F).
        return NumberFormat.getIntegerInstance(Locale.US).format(value).replace(',', '\u202f');
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
            // Playwright delivers events (requests, responses, console) only while the test calls into it.
            lastPage.waitForTimeout(50);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s in vain for " + what + "; browser errors: " +
            consoleErrors);
    }
}
