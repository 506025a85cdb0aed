package org.urne.ingest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Playwright;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser tests share: Debian's headless Chromium launched through Playwright (which never downloads a
 * browser of its own), and the axe-core accessibility check, from the npm package scripts/install-test-tools.sh
 * puts in {@code $URNE_TEST_TOOLS} (default {@code ~/.cache/urne-test-tools}). A missing tool skips the test, unless
 * CI is set: then it fails.
 */
final class BrowserTools
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserTools()
    {
    }

    /** Skips (or, with CI set, fails) the calling test class when Chromium or axe-core is not installed. */
    static void requireTools(final String test)
    {
        for (final Path tool : List.of(CHROMIUM, axeScript()))
        {
            if (Files.isReadable(tool))
            {
                continue;
            }
            final String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank())
            {
                fail("CI is set and " + tool + " is missing: run scripts/install-test-tools.sh first");
            }
            Assumptions.abort(test + " skipped: " + tool + " is missing (install it with " +
                "scripts/install-test-tools.sh, as root); with CI set this is a failure instead");
        }
    }

    static Playwright playwright()
    {
        final Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return Playwright.create(new Playwright.CreateOptions().setEnv(env));
    }

    /** Playwright gives every launch a fresh, empty --user-data-dir of its own (and refuses one in args). */
    static Browser chromium(final Playwright playwright)
    {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(CHROMIUM)
            .setHeadless(true)
            .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    static Path axeScript()
    {
        final String dir = System.getenv("URNE_TEST_TOOLS");
        final Path tools = dir == null || dir.isBlank() ?
            Path.of(System.getProperty("user.home"), ".cache", "urne-test-tools") : Path.of(dir);
        return tools.resolve("node_modules/axe-core/axe.min.js");
    }

    /**
     * The serious and critical axe-core violations of the document in {@code frame} (WCAG 2.x A and AA rules and
     * axe's best practices), each as "rule: what, where". axe is evaluated through the DevTools protocol, which the
     * page's Content-Security-Policy does not govern, so the page's own policy stays as strict as it is.
     */
    static List<String> seriousViolations(final Frame frame) throws IOException
    {
        frame.evaluate(Files.readString(axeScript(), StandardCharsets.UTF_8));
        final String report = (String)frame.evaluate("async () => JSON.stringify((await axe.run(document, " +
            "{resultTypes: ['violations']})).violations)");
        final List<String> serious = new ArrayList<>();
        for (final Object entry : new JsonArray(report))
        {
            final JsonObject violation = (JsonObject)entry;
            final String impact = violation.getString("impact");
            if ("serious".equals(impact) || "critical".equals(impact))
            {
                final List<String> targets = new ArrayList<>();
                for (final Object node : violation.getJsonArray("nodes"))
                {
                    targets.add(((JsonObject)node).getJsonArray("target").encode());
                }
                serious.add(violation.getString("id") + " (" + impact + "): " + violation.getString("help") +
                    ", at " + targets);
            }
        }
        return serious;
    }
}
