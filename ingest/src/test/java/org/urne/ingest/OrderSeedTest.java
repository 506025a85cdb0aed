package org.urne.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urne.ingest.TestServer.OPERATOR;
import static org.urne.ingest.TestServer.PLATFORM;
import static org.urne.ingest.TestServer.priorityPoll;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.Sha256;
import org.urne.tally.journal.VoterKeys;

/**
 * The display order's seed is committed to with the definition and revealed at close, and with it anyone can
 * recompute a voter's order by docs/api.md's recipe, written here again from the text (not from Urne's code).
 */
class OrderSeedTest
{
    @TempDir
    static Path root;
    static TestServer urne;

    @BeforeAll
    static void start() throws Exception
    {
        urne = new TestServer(root, config -> config);
    }

    @AfterAll
    static void stop()
    {
        urne.close();
    }

    @Test
    void theSeedRevealedAtCloseIsTheOneCommittedToAndGivesEveryOrder() throws Exception
    {
        urne.openPoll(priorityPoll("ordered"));
        final JsonObject open = urne.get("/v1/polls/ordered").json();
        final String digest = open.getString("orderSeedSha256");
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(open.containsKey("orderSeed")).as("not before the close").isFalse();
        final List<Object> shown = urne.postJson("/v1/polls/ordered/order", PLATFORM,
            new JsonObject().put("voter", "u-1842")).json().getJsonArray("items").getList();
        assertThat(urne.putJson("/v1/polls/ordered", OPERATOR, priorityPoll("ordered")).status)
            .as("the same definition again, without the digest only the server adds").isEqualTo(200);

        assertThat(urne.send(HttpMethod.POST, "/v1/polls/ordered/close", OPERATOR, null, null).status).isEqualTo(200);
        final String seed = urne.get("/v1/polls/ordered").json().getString("orderSeed");
        assertThat(Sha256.hex(Sha256.of(HexFormat.of().parseHex(seed)))).isEqualTo(digest);

        // The voter key, as the auditors' record shows it for this voter's ballots.
        final Key128 voter = new VoterKeys(TestServer.SECRET.getBytes(StandardCharsets.UTF_8))
            .voterKey("ordered", "u-1842");
        assertThat(recipe(HexFormat.of().parseHex(seed), voter, new int[] {14, 21, 20, 7})).isEqualTo(shown);
    }

    @Test
    void aClientMayNotSetTheSeedOrItsDigest()
    {
        assertThat(urne.putJson("/v1/polls/seeded", OPERATOR, priorityPoll("seeded")
            .put("orderSeedSha256", "0".repeat(64))).status).isEqualTo(400);
        assertThat(urne.putJson("/v1/polls/seeded", OPERATOR, priorityPoll("seeded")
            .put("orderSeed", "0".repeat(64))).status).isEqualTo(400);
    }

    /** docs/api.md, "Display order": Fisher-Yates over draws from HMAC-SHA256(seed, key || counter) blocks. */
    private static List<Object> recipe(final byte[] seed, final Key128 voter, final int[] items) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(seed, "HmacSHA256"));
        final Draws draws = new Draws(mac, voter);
        final int[] order = items.clone();
        for (int i = order.length - 1; i > 0; i--)
        {
            final int j = draws.below(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return List.of(Arrays.stream(order).boxed().toArray());
    }

    /** The words of the blocks, in turn. */
    private static final class Draws
    {
        private final Mac mac;
        private final Key128 voter;
        private ByteBuffer block = ByteBuffer.allocate(0);
        private long counter;

        Draws(final Mac mac, final Key128 voter)
        {
            this.mac = mac;
            this.voter = voter;
        }

        int below(final int bound)
        {
            final long reject = Long.remainderUnsigned(-bound, bound);
            long word;
            do
            {
                if (!block.hasRemaining())
                {
                    block = ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(24).putLong(voter.hi())
                        .putLong(voter.lo()).putLong(counter++).array()));
                }
                word = block.getLong();
            }
            while (reject != 0 && Long.compareUnsigned(word, -reject) >= 0);
            return (int)Long.remainderUnsigned(word, bound);
        }
    }
}
