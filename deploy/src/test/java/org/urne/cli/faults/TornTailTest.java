package org.urne.cli.faults;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.urne.cli.faults.JournalDocuments.Document;
import org.urne.cli.harness.UrneClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal whose newest file lost or garbled its last records, as a crash, a power loss or a failing disk can
 * leave it: {@code urne serve} stopped (SIGKILL or SIGTERM), the tail damaged at random (truncated inside one of
 * the last records, bytes flipped in the last records, or a complete-looking Chronicle document of garbage
 * appended), then started again on the same journal, round after round. Each start must recover by itself, say
 * in its log how many records it dropped, still count every acknowledged ballot whose bytes are intact, count none
 * that were damaged, and continue the sequence right after the last valid record. The seed is printed; rerun one
 * with {@code -Durne.faults.seed=...}, and run more rounds with {@code -Durne.faults.long=true}.
 */
class TornTailTest
{
    private static final boolean LONG = Boolean.getBoolean("urne.faults.long");
    private static final int ROUNDS_PER_DAMAGE = LONG ? 10 : 2;
    private static final Pattern DROPPED = Pattern.compile("dropped (\\d+) corrupt trailing record");
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([0-9a-f]{32})\"");

    private final UrneClient api = Deployment.client();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    enum Damage
    {
        TRUNCATE, FLIP, GARBAGE_DOCUMENT
    }

    /** An acknowledged ballot. */
    record Acked(String receipt, long position)
    {
    }

    /** What a damage did: the ballots it destroyed, and how many complete documents of garbage it left. */
    record Outcome(List<String> destroyed, int garbageDocuments)
    {
    }

    @Test
    void eachRestartDropsOnlyTheDamagedTailAndCountsEveryIntactAcknowledgedBallot() throws Exception
    {
        final long seed = Long.getLong("urne.faults.seed", System.nanoTime());
        System.out.printf("TornTailTest seed %d (rerun: -Durne.faults.seed=%d), %d rounds per damage%n", seed, seed,
            ROUNDS_PER_DAMAGE);
        final Random random = new Random(seed);
        final Deployment deployment = Deployment.create(directory);
        final Path journal = deployment.journal();
        final List<Damage> plan = new ArrayList<>();
        for (final Damage damage : Damage.values())
        {
            plan.addAll(Collections.nCopies(ROUNDS_PER_DAMAGE, damage));
        }
        Collections.shuffle(plan, random);

        final Map<String, Acked> acked = new LinkedHashMap<>();
        Outcome previous = new Outcome(List.of(), 0);
        final Map<String, Acked> destroyed = new LinkedHashMap<>();
        int ballots = 0;
        int lost = 0;
        final long started = System.nanoTime();
        for (int round = 0; round <= plan.size(); round++)
        {
            try (ServerProcess server = ServerProcess.start(deployment, directory.resolve("serve-" + round + ".log")))
            {
                checkRecovered(server, acked, destroyed, previous, "round " + round + " seed " + seed);
                if (round == plan.size())
                {
                    server.stop();
                    break;
                }
                final int count = 8 + random.nextInt(16);
                for (int i = 0; i < count; i++, ballots++)
                {
                    final String ballotId = "b-" + ballots;
                    final UrneClient.Answer answer = new PaperBallot(ballotId, "voter-" + ballots,
                        1 + random.nextInt(40)).post(api, server.url());
                    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                    acked.put(ballotId, new Acked(match(RECEIPT, answer.body()),
                        Long.parseLong(match(POSITION, answer.body()))));
                }
                if (random.nextBoolean())
                {
                    server.kill();
                }
                else
                {
                    server.stop();
                }
            }
            previous = damage(plan.get(round), journal, acked, random);
            destroyed.clear();
            lost += previous.destroyed().size();
            for (final String ballotId : previous.destroyed())
            {
                destroyed.put(ballotId, acked.remove(ballotId));
            }
        }
        System.out.printf("TornTailTest: %d rounds, %d ballots and %d probes acknowledged, %d destroyed by the " +
            "damage, %d intact ones counted after the last start, %.1f s%n", plan.size(), ballots, plan.size() + 1, lost,
            acked.size(), (System.nanoTime() - started) / 1e9);
    }

    private void checkRecovered(final ServerProcess server, final Map<String, Acked> acked,
        final Map<String, Acked> destroyed, final Outcome damage, final String round) throws Exception
    {
        final Matcher dropped = DROPPED.matcher(server.output());
        if (damage.garbageDocuments() == 0)
        {
            assertThat(dropped.find()).as("%s: nothing to drop, yet:%n%s", round, server.output()).isFalse();
        }
        else
        {
            assertThat(dropped.find()).as("%s: the log says what was dropped:%n%s", round, server.output()).isTrue();
            assertThat(Integer.parseInt(dropped.group(1))).as(round).isEqualTo(damage.garbageDocuments());
        }
        for (final Map.Entry<String, Acked> ballot : acked.entrySet())
        {
            final UrneClient.Answer receipt = api.receipt(server.url(), PaperBallot.POLL, ballot.getValue().receipt());
            assertThat(receipt.status()).as("%s: %s %s", round, ballot, receipt.body()).isEqualTo(200);
            assertThat(receipt.body()).as("%s: %s", round, ballot).contains("\"status\":\"counted\"")
                .contains("\"position\":" + ballot.getValue().position());
        }
        for (final Map.Entry<String, Acked> ballot : destroyed.entrySet())
        {
            assertThat(api.receipt(server.url(), PaperBallot.POLL, ballot.getValue().receipt()).status())
                .as("%s: destroyed %s", round, ballot).isEqualTo(404);
        }
        final long next = acked.values().stream().mapToLong(Acked::position).max().orElse(2) + 1;
        awaitPaperBallots(server, next - 1, acked.size(), round);
        final UrneClient.Answer probe = new PaperBallot("probe-" + next, "probe-voter-" + next, 1)
            .post(api, server.url());
        assertThat(probe.status()).as(probe.body()).isEqualTo(202);
        assertThat(Long.parseLong(match(POSITION, probe.body()))).as("%s: the sequence continues", round)
            .isEqualTo(next);
        acked.put("probe-" + next, new Acked(match(RECEIPT, probe.body()), next));
    }

    /** The published results at {@code position} count exactly {@code expected} paper ballots. */
    private void awaitPaperBallots(final ServerProcess server, final long position, final int expected,
        final String round) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String results = "";
        while (System.nanoTime() < deadline)
        {
            results = api.results(server.url(), PaperBallot.POLL).body();
            if (results.contains("\"position\":" + position + ","))
            {
                assertThat(results).as(round).contains("\"ballots\":{\"paper\":" + expected + ",");
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(round + ": results never reached position " + position + ": " + results);
    }

    private static Outcome damage(final Damage damage, final Path journal, final Map<String, Acked> acked,
        final Random random) throws Exception
    {
        final List<Document> documents = JournalDocuments.read(journal);
        final Path file = JournalDocuments.newestCycleFile(journal);
        final int last = documents.size() - 1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            switch (damage)
            {
                case TRUNCATE ->
                {
                    final Document cut = documents.get(last - random.nextInt(4));
                    final long offset = cut.header() + 1 + random.nextInt((int)(cut.end() - cut.header() - 1));
                    final boolean survives = allZero(channel, offset, cut.end());
                    final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    channel.read(header, cut.header());
                    final long keptBytes = Math.min(JournalDocuments.HEADER_BYTES, offset - cut.header());
                    final int keptHeader = header.getInt(0) & (int)((1L << (8 * keptBytes)) - 1);
                    channel.truncate(offset);
                    System.out.printf("  truncate %s at %d (in %s)%n", file.getFileName(), offset, cut);
                    final int firstLost = documents.indexOf(cut) + (survives ? 1 : 0);
                    return new Outcome(ballotsAt(documents.subList(firstLost, documents.size()), acked),
                        survives || keptHeader == 0 ? 0 : 1);
                }
                case FLIP ->
                {
                    final int flipped = 1 + random.nextInt(3);
                    for (final Document document : documents.subList(documents.size() - flipped, documents.size()))
                    {
                        final long offset = document.payload() + random.nextInt(document.length());
                        final ByteBuffer octet = ByteBuffer.allocate(1);
                        channel.read(octet, offset);
                        octet.put(0, (byte)(octet.get(0) ^ (1 + random.nextInt(255))));
                        channel.write(octet.flip(), offset);
                        System.out.printf("  flip byte %d (in %s)%n", offset, document);
                    }
                    return new Outcome(ballotsAt(documents.subList(documents.size() - flipped, documents.size()),
                        acked), flipped);
                }
                case GARBAGE_DOCUMENT ->
                {
                    final long offset = (documents.get(last).end() + 3) & ~3L;
                    final int length = 16 + random.nextInt(500);
                    final byte[] garbage = new byte[length];
                    random.nextBytes(garbage);
                    final ByteBuffer document = ByteBuffer.allocate(4 + length).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(length).put(garbage).flip();
                    channel.write(document, offset);
                    System.out.printf("  garbage document of %d bytes at %d%n", length, offset);
                    return new Outcome(List.of(), 1);
                }
                default -> throw new IllegalStateException(damage.name());
            }
        }
    }

    private static boolean allZero(final FileChannel channel, final long from, final long to) throws Exception
    {
        final ByteBuffer bytes = ByteBuffer.allocate((int)(to - from));
        channel.read(bytes, from);
        for (int i = 0; i < bytes.capacity(); i++)
        {
            if (bytes.get(i) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private static List<String> ballotsAt(final List<Document> documents, final Map<String, Acked> acked)
    {
        final List<String> ballots = new ArrayList<>();
        for (final Document document : documents)
        {
            acked.forEach((ballotId, ballot) ->
            {
                if (ballot.position() == document.position())
                {
                    ballots.add(ballotId);
                }
            });
        }
        return ballots;
    }

    private static String match(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
