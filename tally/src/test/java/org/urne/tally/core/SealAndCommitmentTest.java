package org.urne.tally.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Sha256;
import org.urne.tally.domain.TallySheet;

/** Close, then seal; sheetsUntil; commitments: issue 13's rules of the core, one example each, and their mix. */
class SealAndCommitmentTest
{
    private static final String POLL = RandomJournal.POLL;
    private static final long CLOSES_AT = 1_000_000;
    private static final long SHEETS_UNTIL = 2_000_000;

    private final TallyCore core = new TallyCore();
    private long position;

    @Test
    void aPollIsSealedOnlyOnceClosedAndOnlyOnce()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        cast("b1", 1, "digital", 10);
        seal(500_000);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_CLOSED);
        core.onPollClosed(position++, 600_000, POLL);
        seal(700_000);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(core.state(POLL).sealed()).isTrue();
        seal(800_000);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
    }

    @Test
    void aSealWhoseDigestsNoLongerMatchTheResultsIsRefused()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        cast("b1", 1, "digital", 10);
        core.onPollClosed(position++, 600_000, POLL);
        final JournalEntry.PollSealed taken = sealOfNow();
        sheet("stand", 700_000, 4);
        core.onPollSealed(position++, 800_000, taken);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.SEAL_OUTDATED);
        assertThat(core.state(POLL).sealed()).isFalse();
        core.onPollSealed(position++, 800_001, sealOfNow());
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theStateHashTellsASealedPollFromAnUnsealedOne()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        core.onPollClosed(position++, 600_000, POLL);
        final TallyCore refused = new TallyCore();
        refused.onPollDefined(0, 0, core.definitions().get(0));
        refused.onPollClosed(1, 600_000, POLL);
        seal(700_000);
        refused.onPollSealed(2, 700_000, new JournalEntry.PollSealed(POLL, new byte[32], new byte[32],
            CanonicalResults.FORMAT, null));
        assertThat(refused.lastRejectReason()).isEqualTo(RejectReason.SEAL_OUTDATED);
        assertThat(core.stateHash()).isNotEqualTo(refused.stateHash());
    }

    @Test
    void nothingChangesASealedPoll()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        cast("b1", 1, "digital", 10);
        closeAndSeal(600_000);
        final String csv = core.canonicalCsv(POLL);
        final byte[] receipts = core.countedReceipts(POLL).clone();
        cast("b2", 2, "paper", 700_000);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
        sheet("stand", 700_001, 3);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
        core.onPollOpened(position++, 700_002, POLL);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
        core.onPollClosed(position++, 700_003, POLL);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
        core.onPollDefined(position++, 700_004, definition(Publication.AT_SEAL, SHEETS_UNTIL, 60));
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_SEALED);
        assertThat(core.canonicalCsv(POLL)).isEqualTo(csv);
        assertThat(core.countedReceipts(POLL)).isEqualTo(receipts);
    }

    @Test
    void sheetsAndPaperBallotsAreTakenAfterTheCloseUntilSheetsUntilInclusive()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        sheet("s1", SHEETS_UNTIL, 5);
        assertThat(core.lastOutcome()).as("at sheetsUntil").isEqualTo(Outcome.ACCEPTED);
        cast("paper-late", 1, "paper", SHEETS_UNTIL);
        assertThat(core.lastOutcome()).as("typed paper ballot at sheetsUntil").isEqualTo(Outcome.ACCEPTED);
        cast("digital-late", 2, "digital", SHEETS_UNTIL);
        assertThat(core.lastRejectReason()).as("digital after the close").isEqualTo(RejectReason.POLL_NOT_OPEN);
        sheet("s2", SHEETS_UNTIL + 1, 5);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.SHEETS_CLOSED);
        cast("paper-later", 3, "paper", SHEETS_UNTIL + 1);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_OPEN);
    }

    @Test
    void withoutSheetsUntilNothingIsTakenAfterTheClose()
    {
        define(Publication.LIVE, PollDefinition.NO_TIME, 60);
        sheet("before", CLOSES_AT, 5);
        assertThat(core.lastOutcome()).as("at closesAt the poll is still open").isEqualTo(Outcome.ACCEPTED);
        sheet("after", CLOSES_AT + 1, 5);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.SHEETS_CLOSED);
        cast("paper", 1, "paper", CLOSES_AT + 1);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_OPEN);
    }

    @Test
    void aVersion1PollTakesSheetsAtAnyTimeAndPaperBallotsOnlyWhileOpen()
    {
        core.onPollDefined(position++, 0, RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, true));
        sheet("late", 5_000_000_000L, 5);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        cast("paper", 1, "paper", 5_000_000_001L);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.POLL_NOT_OPEN);
    }

    @Test
    void aVersion1DefinitionIsTheSameAsItsRequestWithoutSheetsUntil()
    {
        final PollDefinition version1 = RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, true);
        final PollDefinition requested = new PollDefinition(version1.id(), version1.title(), version1.kind(),
            version1.channels(), version1.opensAt(), version1.closesAt(), version1.revote(),
            version1.minSelections(), version1.maxSelections(), version1.items(), version1.grades(),
            version1.missingGrade(), version1.maxArgumentLength(), null, Publication.LIVE,
            PollDefinition.DEFAULT_COMMIT_EVERY);
        assertThat(version1.sameAs(requested)).isTrue();
        assertThat(requested.sameAs(version1)).as("a poll defined today without sheetsUntil stays so").isFalse();
        assertThat(version1.sameAs(new PollDefinition(requested.id(), "Another title", requested.kind(),
            requested.channels(), requested.opensAt(), requested.closesAt(), requested.revote(),
            requested.minSelections(), requested.maxSelections(), requested.items(), requested.grades(),
            requested.missingGrade(), requested.maxArgumentLength(), null, Publication.LIVE, 60))).isFalse();
    }

    @Test
    void commitmentsComeAtMostEveryCommitEverySecondsWhileResultsAreNotPublic()
    {
        define(Publication.AT_CLOSE, SHEETS_UNTIL, 1);
        commit(0);
        assertThat(core.lastOutcome()).as("the first one").isEqualTo(Outcome.ACCEPTED);
        commit(CLOSES_AT - 1);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.COMMITMENT_TOO_SOON);
        commit(CLOSES_AT);
        assertThat(core.lastOutcome()).as("commitEvery later").isEqualTo(Outcome.ACCEPTED);
        commit(CLOSES_AT + 1);
        assertThat(core.lastRejectReason()).as("public at the close").isEqualTo(RejectReason.RESULTS_PUBLIC);
    }

    @Test
    void anAtSealPollTakesCommitmentsUntilSealedAndALivePollNone()
    {
        define(Publication.AT_SEAL, SHEETS_UNTIL, 1);
        commit(CLOSES_AT + 10);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
        closeAndSeal(CLOSES_AT + 20);
        commit(CLOSES_AT + 5_000_000);
        assertThat(core.lastRejectReason()).isEqualTo(RejectReason.RESULTS_PUBLIC);

        final TallyCore live = new TallyCore();
        live.onPollDefined(0, 0, definition(Publication.LIVE, SHEETS_UNTIL, 1));
        live.onCommitment(1, 10, POLL);
        assertThat(live.lastRejectReason()).isEqualTo(RejectReason.RESULTS_PUBLIC);
    }

    @Test
    void theCountedReceiptsAreTheCurrentBallotsSortedOnePerLine()
    {
        define(Publication.LIVE, SHEETS_UNTIL, 60);
        cast("a", 1, "digital", 10);
        cast("b", 2, "digital", 11);
        cast("c", 2, "digital", 12);
        core.onBallot(position++, 13, new Ballot(POLL, "w", RandomJournal.voter(3), RandomJournal.receipt("w"),
            "digital", 13, new BallotContent.Withdrawal(BallotContent.NO_ITEM)));
        final List<String> expected = new ArrayList<>(List.of(RandomJournal.receipt("a").toHex(),
            RandomJournal.receipt("c").toHex()));
        expected.sort(null);
        assertThat(new String(core.countedReceipts(POLL), StandardCharsets.US_ASCII))
            .isEqualTo(expected.get(0) + "\n" + expected.get(1) + "\n");
        final byte[] digest = core.countedReceiptsSha256(POLL);
        assertThat(digest).isEqualTo(Sha256.of(core.countedReceipts(POLL)));
        cast("d", 4, "digital", 14);
        assertThat(core.countedReceiptsSha256(POLL)).as("a new ballot, a new digest").isNotEqualTo(digest)
            .isEqualTo(Sha256.of(core.countedReceipts(POLL)));
    }

    /** Random mixes of every record, applied twice: the same decisions and state; after a seal, the same counts. */
    @Test
    void replayEqualsLiveAndASealFreezesTheCounts()
    {
        for (long seed = 0; seed < 200; seed++)
        {
            final Random random = new Random(seed);
            final TallyCore first = new TallyCore();
            final TallyCore second = new TallyCore();
            first.onPollDefined(0, 0, definition(Publication.values()[random.nextInt(3)], SHEETS_UNTIL, 1));
            second.onPollDefined(0, 0, first.definitions().get(0));
            String frozen = null;
            long time = 0;
            for (int p = 1; p < 120; p++)
            {
                time += random.nextInt(100_000);
                final JournalEntry entry = randomEntry(random, first, p);
                entry.dispatch(p, time, first);
                entry.dispatch(p, time, second);
                assertThat(second.lastOutcome()).isEqualTo(first.lastOutcome());
                if (frozen == null && first.state(POLL).sealed())
                {
                    frozen = frozen(first);
                }
            }
            assertThat(second.stateHash()).isEqualTo(first.stateHash());
            if (frozen != null)
            {
                assertThat(frozen(first)).as("seed " + seed)
                    .isEqualTo(frozen);
            }
        }
    }

    private static String frozen(final TallyCore core)
    {
        return core.canonicalCsv(POLL) + new String(core.countedReceipts(POLL), StandardCharsets.US_ASCII);
    }

    private static JournalEntry randomEntry(final Random random, final TallyCore core, final int p)
    {
        final int kind = random.nextInt(10);
        final String channel = random.nextBoolean() ? "paper" : "digital";
        return switch (kind)
        {
            case 0 -> new JournalEntry.PollClosed(POLL);
            case 1 -> new JournalEntry.PollOpened(POLL);
            case 2 -> new JournalEntry.CommitmentMade(POLL);
            case 3 -> new JournalEntry.TallySheetRecorded(new TallySheet(POLL, "s" + random.nextInt(3), "Stand",
                "paper", 5, new int[]{3}, new long[][]{{random.nextInt(5)}}));
            case 4 -> new JournalEntry.PollSealed(POLL, Sha256.ofUtf8(core.canonicalCsv(POLL)),
                Sha256.of(core.countedReceipts(POLL)), CanonicalResults.FORMAT, null);
            default -> new JournalEntry.BallotCast(new Ballot(POLL, "b" + p, RandomJournal.voter(random.nextInt(20)),
                RandomJournal.receipt("b" + p), channel, p, new BallotContent.Selection(new int[]{7})));
        };
    }

    private static PollDefinition definition(final Publication publication, final long sheetsUntilMicros,
        final int commitEvery)
    {
        final PollDefinition base = RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false);
        return new PollDefinition(base.id(), base.title(), base.kind(), base.channels(),
            OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), time(CLOSES_AT), base.revote(),
            base.minSelections(), base.maxSelections(), base.items(), base.grades(), base.missingGrade(),
            base.maxArgumentLength(), sheetsUntilMicros == PollDefinition.NO_TIME ? null : time(sheetsUntilMicros),
            publication, commitEvery);
    }

    private static OffsetDateTime time(final long micros)
    {
        return OffsetDateTime.of(1970, 1, 1, 0, 0, (int)(micros / 1_000_000), (int)(micros % 1_000_000) * 1000,
            ZoneOffset.UTC);
    }

    private void define(final Publication publication, final long sheetsUntilMicros, final int commitEvery)
    {
        core.onPollDefined(position++, 0, definition(publication, sheetsUntilMicros, commitEvery));
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
    }

    private void cast(final String ballotId, final int voter, final String channel, final long timeMicros)
    {
        core.onBallot(position++, timeMicros, new Ballot(POLL, ballotId, RandomJournal.voter(voter),
            RandomJournal.receipt(ballotId), channel, timeMicros, new BallotContent.Selection(new int[]{3})));
    }

    private void sheet(final String sheetId, final long timeMicros, final long votes)
    {
        core.onTallySheet(position++, timeMicros, new TallySheet(POLL, sheetId, "Stand", "paper", votes,
            new int[]{3}, new long[][]{{votes}}));
    }

    private void commit(final long timeMicros)
    {
        core.onCommitment(position++, timeMicros, POLL);
    }

    private JournalEntry.PollSealed sealOfNow()
    {
        return new JournalEntry.PollSealed(POLL, Sha256.ofUtf8(core.canonicalCsv(POLL)),
            Sha256.of(core.countedReceipts(POLL)), CanonicalResults.FORMAT, null);
    }

    private void seal(final long timeMicros)
    {
        core.onPollSealed(position++, timeMicros, sealOfNow());
    }

    private void closeAndSeal(final long timeMicros)
    {
        core.onPollClosed(position++, timeMicros, POLL);
        seal(timeMicros + 1);
        assertThat(core.lastOutcome()).isEqualTo(Outcome.ACCEPTED);
    }
}
