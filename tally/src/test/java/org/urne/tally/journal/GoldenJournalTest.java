package org.urne.tally.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urne.tally.core.ItemJournals;
import org.urne.tally.core.Outcome;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.RejectReason;
import org.urne.tally.core.SheetEntry;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Old journals stay readable: the golden journals of every record format version (written by {@link GoldenJournals},
 * committed under test resources) still verify and replay to the state they held when they were written, pinned by
 * its state hash, and to the hash chain they held, pinned by its head. A change to the codec, the chain, the core's
 * counting or Chronicle that breaks this breaks every journal of that version in the field. A new format version
 * adds its own golden file; the older ones stay.
 *
 * <p>To write the file of a new version (never to make this test pass): from the tally module, after
 * {@code ../mvnw test-compile}, {@code java $FLAGS -cp "target/test-classes:target/classes:$(../mvnw -q
 * dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" org.urne.tally.journal.GoldenJournals}, with
 * {@code $FLAGS} the {@code urne.jvm.flags} of the top-level pom (Chronicle's {@code --add-opens}).
 */
class GoldenJournalTest
{
    /**
     * The state hash each seed's journal replays to, as written on 2026-11-30: the same in both versions, which
     * journal the same records (version 2 adds who made them and the chain, neither of which the counts depend on).
     */
    private static final Map<Long, String> STATE_HASHES = Map.of(
        1L, "a251287e19ff7891",
        2L, "9a071d95b92ed18e",
        3L, "a32297f37c011be9");
    /** The chain head of each seed's version 1 journal: derived, as version 1 stores none. */
    private static final Map<Long, String> V1_CHAIN_HEADS = Map.of(
        1L, "f50cd33a218f8b8246e4e6e3b545489b1263881258af38e1ec2e3c5012e9f7d9",
        2L, "3b7ddebee3f5287b86e99584755d4f350637279d0dbee5d0502b4c7be70914ce",
        3L, "b0d4e26990f754e2b8e5458d0032bb3b136b095215cc2f7fb2b42b87892808d2");
    /**
     * The chain head of each seed's version 2 journal, as stored in its last record. Written again on 2026-12-01,
     * before any server wrote version 2: its definitions now say sheetsUntil 9999-12-31T23:59:59.999999Z (sheets
     * at any time, as these journals always counted them), where a missing sheetsUntil now means none after the close.
     */
    private static final Map<Long, String> V2_CHAIN_HEADS = Map.of(
        1L, "a9a1d245d49f9004802caef8fb947710ade26ae0ad0cb06afcf33ee641cab2e9",
        2L, "0e4137ababbda7e8e8abcb2b664ffe2d3854b1a4d7da0ed0e8f9f0d5850df5fd",
        3L, "72e971c2ee24b24a170136ddefcbd587c5d83ab444c7e6bdc01d0d0d01daab63");

    /**
     * The chain head of each seed's version 3 journal, written on 2026-12-01: seeds 1 to 3 replay to the same states
     * as in versions 1 and 2; the paper seeds add stands, typed ballots and annulments, and double entry.
     */
    private static final Map<Long, String> V3_CHAIN_HEADS = Map.of(
        1L, "322d0316d303d4454b372a936d50e10d0c89f84ce9e51bfd2630511c054262a8",
        2L, "0ef04305c34baef5890bcd1c651d26fd15fac58b4a4330d30b1b911e16ed4112",
        3L, "9cc0881dcb6de3cd283e0559f420e7d13dfc24cc945a8989964860fe66042471",
        4L, "7f000f6889d492ef87df84374104afdb9fa9d74447d7e19576c553f52057a3e4",
        5L, "1e0dbdc12c3048ab8390c07e8459852aa2276b57811af488c16e02e4da718e83",
        6L, "e82b147e5d576fe296858d31d407f7ab707c75c197e42b1e11cf726309926340");
    /** The state hash each paper seed's journal replays to, written on 2026-12-01. */
    private static final Map<Long, String> PAPER_STATE_HASHES = Map.of(
        4L, "bcfdb3f8e0159c9",
        5L, "948acd97e0f4dfe8",
        6L, "3fdd7493efad7b44");

    /**
     * The chain head of each seed's version 4 journal, written on 2026-12-01: seeds 1 to 6 replay to the same states
     * as in version 3; seeds 7 and 8 hold arguments (encrypted, with their key stores), 9 and 10 a consultation whose
     * items are added and moderated while it runs.
     */
    private static final Map<Long, String> V4_CHAIN_HEADS = Map.of(
        1L, "13c804d0bca2cf7e3b3ac18148a3f72a9327cf04299a3fc30fa5fd6a034e143b",
        2L, "cd82f6c7a084d33892cef6dce04fc8a20dbdf3425b78b4daf5cbb21ddf9dff3c",
        3L, "f2515719000dff3f94704848e2c033f18f6f9b60e150305c367e1a5c82c36d9d",
        4L, "2a044a7be8720dfdd76f15e8dc206c7173788a142ff87d42da8274c01088386e",
        5L, "9527b10a5c8d699b75546e7a55141835804264848643516c3113ca5b2a800cf8",
        6L, "1b51341500157adfd639ac7e61b253409a39a458e99dce5ffe60216c562ccd67",
        7L, "8eb60121fd1acfad1f5754bda6814969f237a8fc61fde091d495e3170ff680c4",
        8L, "c2e625e2111e1d684eb088a5bb8dfb5a1075b3488031133d5e2f565cc37b3ea8",
        9L, "770b1d26f4d0a9d5c8d28a7d2ebcdea6e5cae792bacf6f46c7a67f4d3a0d0423",
        10L, "7f20dfd2f89794d44d31bbe4662b887d3f4b332dbb4614a2dc7abe133fc90328");
    /** The state hash each version 4 seed of arguments or items replays to, written on 2026-12-01. */
    private static final Map<Long, String> V4_STATE_HASHES = Map.of(
        7L, "be127c72383c80af",
        8L, "dece0b14e0a49427",
        9L, "984cb3b9e931447c",
        10L, "9de6e2ca9c268de3");

    @TempDir
    Path directory;

    @Test
    void theVersion1JournalsStillVerifyAndReplayToTheStateTheyHeld() throws IOException
    {
        replaysAsPinned("golden-v1.zip", V1_CHAIN_HEADS);
    }

    @Test
    void theVersion2JournalsStillVerifyAndReplayToTheStateAndChainTheyHeld() throws IOException
    {
        replaysAsPinned("golden-v2.zip", V2_CHAIN_HEADS);
    }

    @Test
    void theVersion3JournalsStillVerifyAndReplayToTheStateAndChainTheyHeld() throws IOException
    {
        replaysAsPinned("golden-v3.zip", V3_CHAIN_HEADS);
        for (final long seed : GoldenJournals.PAPER_SEEDS)
        {
            final Path journal = directory.resolve("seed-" + seed);
            final JournalVerifier.Report report = JournalVerifier.verify(journal);
            assertThat(report.badRecords()).as("seed %d", seed).isZero();
            assertThat(report.chainHead()).as("seed %d's chain head", seed).isEqualTo(V3_CHAIN_HEADS.get(seed));
            final PaperCases cases = new PaperCases();
            try (JournalReader reader = JournalReader.open(journal, 0))
            {
                assertThat(reader.replay(cases, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS);
            }
            assertThat(Long.toHexString(cases.core.stateHash())).as("seed %d's state", seed)
                .isEqualTo(PAPER_STATE_HASHES.get(seed));
            assertThat(cases.seen).as("seed %d holds the paper channel's cases", seed)
                .contains("annulled", "agreed", "disputed", "box refused");
            assertThat(stateOf(RandomJournal.generatePaper(seed, GoldenJournals.RECORDS))).as("seed %d regenerated", seed)
                .isEqualTo(cases.core.stateHash());
        }
    }

    @Test
    void theVersion4JournalsStillVerifyAndReplayToTheStateAndChainTheyHeld() throws IOException
    {
        replaysAsPinned("golden-v4.zip", V4_CHAIN_HEADS);
        for (final long seed : GoldenJournals.PAPER_SEEDS)
        {
            final PaperCases cases = verifiedReplay(seed, V4_CHAIN_HEADS);
            assertThat(Long.toHexString(cases.core.stateHash())).as("seed %d's state, as in version 3", seed)
                .isEqualTo(PAPER_STATE_HASHES.get(seed));
        }
        for (final long seed : GoldenJournals.ARGUMENT_SEEDS)
        {
            final Path journal = directory.resolve("seed-" + seed);
            assertThat(JournalVerifier.verify(journal).chainHead()).as("seed %d's chain head", seed)
                .isEqualTo(V4_CHAIN_HEADS.get(seed));
            final TallyCore core = new TallyCore();
            try (JournalReader reader = JournalReader.open(journal, 0))
            {
                assertThat(reader.replay(core, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS);
            }
            assertThat(Long.toHexString(core.stateHash())).as("seed %d's state", seed)
                .isEqualTo(V4_STATE_HASHES.get(seed));
        }
        for (final long seed : GoldenJournals.ITEM_SEEDS)
        {
            final PaperCases cases = verifiedReplay(seed, V4_CHAIN_HEADS);
            assertThat(Long.toHexString(cases.core.stateHash())).as("seed %d's state", seed)
                .isEqualTo(V4_STATE_HASHES.get(seed));
            assertThat(cases.seen).as("seed %d holds a consultation's cases", seed)
                .contains("item added", "item refused", "item hidden", "item withdrawn", "item published");
            assertThat(stateOf(ItemJournals.generate(seed, GoldenJournals.RECORDS))).as("seed %d regenerated", seed)
                .isEqualTo(cases.core.stateHash());
        }
    }

    /** Verifies a seed's journal against its pinned chain head and replays it through {@link PaperCases}. */
    private PaperCases verifiedReplay(final long seed, final Map<Long, String> chainHeads) throws IOException
    {
        final Path journal = directory.resolve("seed-" + seed);
        final JournalVerifier.Report report = JournalVerifier.verify(journal);
        assertThat(report.badRecords()).as("seed %d", seed).isZero();
        assertThat(report.chainHead()).as("seed %d's chain head", seed).isEqualTo(chainHeads.get(seed));
        final PaperCases cases = new PaperCases();
        try (JournalReader reader = JournalReader.open(journal, 0))
        {
            assertThat(reader.replay(cases, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS);
        }
        return cases;
    }

    /** The state a fresh core reaches applying {@code records} at positions 0, 1, 2, ... as the writer times them. */
    private static long stateOf(final List<RandomJournal.Timed> records)
    {
        final TallyCore fresh = new TallyCore();
        long time = Long.MIN_VALUE;
        for (int position = 0; position < records.size(); position++)
        {
            time = Math.max(time, records.get(position).timeMicros());
            records.get(position).entry().dispatch(position, time, fresh);
        }
        return fresh.stateHash();
    }

    private void replaysAsPinned(final String golden, final Map<Long, String> chainHeads) throws IOException
    {
        unzip(golden, directory);
        for (final long seed : GoldenJournals.SEEDS)
        {
            final Path journal = directory.resolve("seed-" + seed);
            final JournalVerifier.Report report = JournalVerifier.verify(journal);
            assertThat(report.records()).as("seed %d: %s", seed, report).isEqualTo(GoldenJournals.RECORDS);
            assertThat(report.badRecords()).as("seed %d", seed).isZero();
            assertThat(report.chainHead()).as("seed %d's chain head", seed).isEqualTo(chainHeads.get(seed));
            final TallyCore core = new TallyCore();
            try (JournalReader reader = JournalReader.open(journal, 0))
            {
                assertThat(reader.replay(core, Long.MAX_VALUE)).isEqualTo(GoldenJournals.RECORDS);
            }
            assertThat(core.lastPosition()).isEqualTo(GoldenJournals.RECORDS - 1);
            assertThat(Long.toHexString(core.stateHash())).as("seed %d's state", seed)
                .isEqualTo(STATE_HASHES.get(seed));
            // And the same records, applied as a fresh core applies them, give that state: the file holds what the
            // generator made of the seed, nothing else.
            assertThat(stateOf(RandomJournal.generate(seed, GoldenJournals.RECORDS))).as("seed %d regenerated", seed)
                .isEqualTo(core.stateHash());
        }
    }

    /**
     * Writes an entry leaving its runs of zeros as holes: a Chronicle cycle file is an 84 MB mapping of which a few
     * kilobytes are written, and the copy should not cost 84 MB of disk.
     */
    private static void copySparse(final InputStream in, final Path file) throws IOException
    {
        final byte[] block = new byte[64 * 1024];
        long length = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            int read;
            while ((read = in.readNBytes(block, 0, block.length)) > 0)
            {
                if (!allZero(block, read))
                {
                    out.write(ByteBuffer.wrap(block, 0, read), length);
                }
                length += read;
            }
            if (out.size() < length)
            {
                out.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        }
    }

    private static boolean allZero(final byte[] block, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (block[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    /** Unzips a golden file of this package's test resources into {@code directory}. */
    static void unzip(final String resource, final Path directory) throws IOException
    {
        try (InputStream in = GoldenJournalTest.class.getResourceAsStream(resource);
            ZipInputStream zip = new ZipInputStream(in))
        {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null)
            {
                final Path file = directory.resolve(entry.getName()).normalize();
                assertThat(file).startsWithRaw(directory);
                Files.createDirectories(file.getParent());
                copySparse(zip, file);
            }
        }
    }

    /** Applies records to a core and notes which of the paper channel's cases they hit. */
    private static final class PaperCases implements TallyIn
    {
        final TallyCore core = new TallyCore();
        final Set<String> seen = new HashSet<>();

        @Override
        public void onPollDefined(final long position, final long timeMicros, final PollDefinition definition)
        {
            core.onPollDefined(position, timeMicros, definition);
        }

        @Override
        public void onPollOpened(final long position, final long timeMicros, final String pollId)
        {
            core.onPollOpened(position, timeMicros, pollId);
        }

        @Override
        public void onPollClosed(final long position, final long timeMicros, final String pollId)
        {
            core.onPollClosed(position, timeMicros, pollId);
        }

        @Override
        public void onBallot(final long position, final long timeMicros, final Ballot ballot)
        {
            core.onBallot(position, timeMicros, ballot);
            if (core.lastRejectReason() == RejectReason.BOX_ENTERED_OTHERWISE)
            {
                seen.add("box refused");
            }
        }

        @Override
        public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
        {
            core.onTallySheet(position, timeMicros, sheet);
            if (core.lastSheetEntry() == SheetEntry.IN_DISPUTE)
            {
                seen.add("disputed");
            }
            if (core.lastSheetEntry() == SheetEntry.COUNTED)
            {
                seen.add("agreed");
            }
        }

        @Override
        public void onPollSealed(final long position, final long timeMicros, final JournalEntry.PollSealed seal)
        {
            core.onPollSealed(position, timeMicros, seal);
        }

        @Override
        public void onCommitment(final long position, final long timeMicros, final String pollId)
        {
            core.onCommitment(position, timeMicros, pollId);
        }

        @Override
        public void onBallotAnnulled(final long position, final long timeMicros, final String pollId,
            final Key128 receipt)
        {
            core.onBallotAnnulled(position, timeMicros, pollId, receipt);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                seen.add("annulled");
            }
        }

        @Override
        public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
        {
            core.onItemAdded(position, timeMicros, added);
            seen.add(core.lastOutcome() == Outcome.ACCEPTED ? "item added" : "item refused");
        }

        @Override
        public void onItemStatusChanged(final long position, final long timeMicros,
            final JournalEntry.ItemStatusChanged changed)
        {
            core.onItemStatusChanged(position, timeMicros, changed);
            if (core.lastOutcome() == Outcome.ACCEPTED)
            {
                seen.add("item " + changed.status().wireName());
            }
        }
    }
}
