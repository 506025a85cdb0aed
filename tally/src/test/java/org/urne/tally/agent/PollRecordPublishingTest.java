package org.urne.tally.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.urne.tally.core.CanonicalResults;
import org.urne.tally.core.RandomJournal;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.Publication;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.Sha256;

/** The seal and commitments the agent publishes, and the results it renders with and without counts. */
class PollRecordPublishingTest
{
    private static final String POLL = RandomJournal.POLL;

    @Test
    void aSealIsPublishedWithTheBytesItsDigestsVouchFor()
    {
        final List<RandomJournal.Timed> journal = new ArrayList<>(openPoll(Publication.AT_SEAL));
        journal.add(new RandomJournal.Timed(20, new JournalEntry.CommitmentMade(POLL)));
        journal.add(new RandomJournal.Timed(30, new JournalEntry.CommitmentMade(POLL)));
        journal.add(new RandomJournal.Timed(2_000_030, new JournalEntry.CommitmentMade(POLL)));
        journal.add(new RandomJournal.Timed(2_000_040, new JournalEntry.PollClosed(POLL)));
        final TallyCore shadow = new TallyCore();
        for (int position = 0; position < journal.size(); position++)
        {
            journal.get(position).entry().dispatch(position, journal.get(position).timeMicros(), shadow);
        }
        final byte[] results = Sha256.ofUtf8(shadow.canonicalCsv(POLL));
        final byte[] receipts = shadow.countedReceiptsSha256(POLL);
        journal.add(new RandomJournal.Timed(2_000_050, new JournalEntry.PollSealed(POLL, results, receipts,
            CanonicalResults.FORMAT, null)));

        final TallyAgent agent = new TallyAgent(new TallyCore(), new ListRecordSource(journal, journal.size()),
            () -> 0, 0, 64, Long.MAX_VALUE);
        agent.catchUp();

        final Seal seal = agent.record(POLL).seal();
        assertThat(seal.position()).isEqualTo(journal.size() - 1);
        assertThat(seal.sealedAtMicros()).isEqualTo(2_000_050);
        assertThat(Sha256.of(seal.resultsCsv())).isEqualTo(results);
        assertThat(Sha256.of(seal.receipts())).isEqualTo(receipts);
        assertThat(new String(seal.receipts(), StandardCharsets.UTF_8))
            .isEqualTo(RandomJournal.receipt("b1").toHex() + "\n");
        assertThat(seal.resultsCsv()).isEqualTo(agent.snapshot().poll(POLL).csv());
        assertThat(agent.record(POLL).commitments()).extracting(Commitment::atMicros)
            .as("the second came less than commitEvery after the first").containsExactly(20L, 2_000_030L);
        assertThat(agent.polls().poll(POLL).sealed()).isTrue();
        assertThat(new String(agent.snapshot().poll(POLL).json(), StandardCharsets.UTF_8))
            .contains("\"sealed\":true", "\"votes\"");
    }

    @Test
    void theWithheldResultsShowTurnoutButNoCount()
    {
        final List<RandomJournal.Timed> journal = openPoll(Publication.AT_CLOSE);
        final TallyAgent agent = new TallyAgent(new TallyCore(), new ListRecordSource(journal, journal.size()),
            () -> 0, 0, 64, Long.MAX_VALUE);
        agent.catchUp();
        final String withheld = new String(agent.snapshot().poll(POLL).withheldJson(), StandardCharsets.UTF_8);
        assertThat(withheld).contains("\"countsPublished\":false", "\"publication\":\"at-close\"",
            "\"ballots\":{\"paper\":0,\"digital\":1,\"total\":1}", "\"title\":\"Item 3\"");
        assertThat(withheld).doesNotContain("votes", "rank");
        assertThat(agent.record(POLL).seal()).isNull();
        assertThat(agent.record(POLL).commitments()).isEmpty();
    }

    private static List<RandomJournal.Timed> openPoll(final Publication publication)
    {
        final PollDefinition base = RandomJournal.definition(PollKind.PRIORITY, RevotePolicy.REPLACE, false);
        final PollDefinition definition = new PollDefinition(base.id(), base.title(), base.kind(), base.channels(),
            null, null, base.revote(), base.minSelections(), base.maxSelections(), base.items(), base.grades(),
            base.missingGrade(), base.maxArgumentLength(), null, publication, 2);
        final List<RandomJournal.Timed> journal = new ArrayList<>();
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollDefined(definition)));
        journal.add(new RandomJournal.Timed(0, new JournalEntry.PollOpened(POLL)));
        journal.add(new RandomJournal.Timed(10, new JournalEntry.BallotCast(new Ballot(POLL, "b1",
            RandomJournal.voter(1), RandomJournal.receipt("b1"), "digital", 10,
            new BallotContent.Selection(new int[]{3})))));
        return journal;
    }
}
