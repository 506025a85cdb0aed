package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.ingest.TestServer.Response;
import org.urne.tally.core.ArgumentView;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Key128;
import org.urne.tally.journal.ArgumentKeys;
import org.urne.tally.journal.JournalReader;
import org.urne.tally.journal.JournalVerifier;

/**
 * Erasure with an append-only journal (issue 16), end to end on a server: an argument's text never reaches the
 * journal in clear; once erased it is gone from the answers, after a restart, from a replay, and from every file
 * under the data directory, while the vote, every count and the journal's chain stay; and a key store restored
 * from an older backup loses the erased key again at start.
 */
class ArgumentErasureTest
{
    private static final String POLL = "erasure";
    private static final String ERASED = "Erase-me-7f3a9c: mon voisin Jean Dupont, 12 rue Blatin";
    private static final String KEPT = "Keep-me-2b8e41: plus d'arbres";

    @TempDir
    Path root;

    @Test
    void anErasedTextIsGoneEverywhereAndEveryCountStays() throws Exception
    {
        final Path keyStore;
        final JsonObject before;
        final long erasedId;
        final Key128 erasedReceipt;
        final Path backup = root.resolve("keys-backup");
        try (TestServer urne = new TestServer(root, config -> config))
        {
            urne.openPoll(ArgumentsHttpTest.opinionPoll(POLL));
            final Response erased = ArgumentsHttpTest.opinion(urne, POLL, "x-1", "citizen-1", 14, "for", ERASED);
            erasedId = erased.json().getLong("position");
            erasedReceipt = Key128.fromHex(erased.json().getString("receipt"));
            final long last = ArgumentsHttpTest.opinion(urne, POLL, "x-2", "citizen-2", 14, "for", KEPT).json()
                .getLong("position");
            before = urne.resultsAt(POLL, last);
            assertThat(texts(urne)).containsExactly(KEPT, ERASED);
            keyStore = ArgumentKeys.pathFor(Path.of(urne.config.journal().dir()));
            assertThat(filesHolding(ERASED)).as("the journal holds ciphertext only").isEmpty();
            Files.copy(keyStore, backup, StandardCopyOption.REPLACE_EXISTING);

            final Response answer = urne.send(HttpMethod.POST, "/v1/polls/" + POLL + "/arguments/" + erasedId +
                "/erase", OPERATOR, null, null);
            assertThat(answer.status).as("%s", answer).isEqualTo(200);
            assertThat(answer.json().getString("status")).isEqualTo("erased");
            assertThat(texts(urne)).as("gone before the answer").containsExactly(KEPT);
            assertThat(urne.send(HttpMethod.POST, "/v1/polls/" + POLL + "/arguments/" + erasedId + "/erase",
                OPERATOR, null, null).problem()).isEqualTo("/problems/argument-erased");
            assertThat(ArgumentKeys.readOnly(keyStore).holds(POLL, erasedReceipt)).as("the key destroyed").isFalse();
            assertThat(counts(urne.resultsAt(POLL, answer.json().getLong("position")))).isEqualTo(counts(before));

            urne.stop();
            urne.start();
            assertThat(texts(urne)).as("after a restart").containsExactly(KEPT);
            assertThat(counts(urne.resultsAt(POLL, 0))).isEqualTo(counts(before));

            // A key store restored from a backup taken before the erasure: the erasure is applied again at start.
            urne.stop();
            Files.copy(backup, keyStore, StandardCopyOption.REPLACE_EXISTING);
            assertThat(ArgumentKeys.readOnly(keyStore).holds(POLL, erasedReceipt)).isTrue();
            urne.start();
            assertThat(ArgumentKeys.readOnly(keyStore).holds(POLL, erasedReceipt)).as("erased again").isFalse();
            assertThat(texts(urne)).containsExactly(KEPT);
        }
        Files.delete(backup);

        final Path journal = root.resolve("journal");
        assertThat(JournalVerifier.verify(journal).ok()).as("the chain still verifies").isTrue();
        final TallyCore replayed = new TallyCore();
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            reader.replay(replayed, Long.MAX_VALUE);
        }
        final ArgumentView view = replayed.arguments(POLL);
        assertThat(view.find(erasedId).erased()).isTrue();
        assertThat(view.page(0, Choice.FOR, Long.MAX_VALUE, 10).arguments()).extracting(ArgumentView.Argument::text)
            .containsExactly(KEPT);
        assertThat(filesHolding(ERASED)).as("no file under the data directory holds the text").isEmpty();
        assertThat(filesHolding(KEPT)).as("the grep finds nothing, the text kept included: all ciphertext").isEmpty();
    }

    private static List<String> texts(final TestServer urne)
    {
        final Response page = urne.get("/v1/polls/" + POLL + "/items/14/arguments?stance=for");
        assertThat(page.status).as("%s", page).isEqualTo(200);
        final List<String> texts = new ArrayList<>();
        page.json().getJsonArray("arguments").forEach(a -> texts.add(((JsonObject)a).getString("text")));
        return texts;
    }

    private static JsonObject counts(final JsonObject results)
    {
        final JsonObject item = results.getJsonArray("items").getJsonObject(0);
        return new JsonObject().put("for", item.getJsonObject("for")).put("arguments", item.getInteger("arguments"))
            .put("byStance", item.getJsonObject("argumentsByStance")).put("ballots", results.getJsonObject("ballots"));
    }

    /** Every file under the data directory whose bytes hold {@code text} (in UTF-8). */
    private List<Path> filesHolding(final String text) throws IOException
    {
        final byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        final List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                if (indexOf(Files.readAllBytes(file), needle) >= 0)
                {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
