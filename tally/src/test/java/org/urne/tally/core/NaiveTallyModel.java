package org.urne.tally.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.BallotValidator;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.PollDefinitionValidator;
import org.urne.tally.domain.PollKind;
import org.urne.tally.domain.RevotePolicy;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.TallySheetValidator;

/**
 * The semantics of DESIGN.md written as plainly as possible, to check the core against: no incremental counters,
 * no tables; it keeps the whole list of records and recomputes everything from it, deciding each ballot by
 * looking back over the records before it.
 */
final class NaiveTallyModel
{
    private final List<RandomJournal.Timed> journal;
    private final String pollId;
    private PollDefinition definition;
    private int definedAt = -1;

    /** Every ballot of the poll that was judged, with its verdict, in journal order. */
    private final List<Verdict> verdicts = new ArrayList<>();

    record Verdict(int position, Ballot ballot, ReceiptStatus firstStatus, RejectReason reason)
    {
    }

    NaiveTallyModel(final List<RandomJournal.Timed> journal, final String pollId)
    {
        this.journal = journal;
        this.pollId = pollId;
        for (int position = 0; position < journal.size(); position++)
        {
            if (journal.get(position).entry() instanceof JournalEntry.PollDefined defined &&
                defined.definition().id().equals(pollId) && PollDefinitionValidator.validate(defined.definition()).isEmpty())
            {
                definition = defined.definition();
                definedAt = position;
                break;
            }
        }
        if (definition != null)
        {
            judgeBallots();
        }
    }

    PollDefinition definition()
    {
        return definition;
    }

    private void judgeBallots()
    {
        final Set<Object> seenReceipts = new HashSet<>();
        for (int position = definedAt + 1; position < journal.size(); position++)
        {
            if (!(journal.get(position).entry() instanceof JournalEntry.BallotCast cast) ||
                !cast.ballot().pollId().equals(pollId))
            {
                continue;
            }
            final Ballot ballot = cast.ballot();
            if (!seenReceipts.add(ballot.receipt()))
            {
                continue;
            }
            if (!isOpen(position))
            {
                verdicts.add(new Verdict(position, ballot, ReceiptStatus.REJECTED, RejectReason.POLL_NOT_OPEN));
            }
            else if (!BallotValidator.validate(definition, ballot).isEmpty())
            {
                verdicts.add(new Verdict(position, ballot, ReceiptStatus.REJECTED, RejectReason.INVALID));
            }
            else
            {
                verdicts.add(judgeAgainstEarlier(position, ballot));
            }
        }
    }

    private Verdict judgeAgainstEarlier(final int position, final Ballot ballot)
    {
        final List<Verdict> earlier = acceptedOfUnit(unit(ballot));
        if (definition.revote() == RevotePolicy.FIRST)
        {
            final boolean counted = earlier.stream().anyMatch(v -> !isWithdrawal(v.ballot()));
            return counted ? new Verdict(position, ballot, ReceiptStatus.REJECTED, RejectReason.ALREADY_COUNTED) :
                new Verdict(position, ballot, ReceiptStatus.COUNTED, null);
        }
        final boolean stale = earlier.stream().anyMatch(v -> v.ballot().castAt() > ballot.castAt());
        return new Verdict(position, ballot, stale ? ReceiptStatus.STALE : ReceiptStatus.COUNTED, null);
    }

    private List<Verdict> acceptedOfUnit(final Object unit)
    {
        final List<Verdict> accepted = new ArrayList<>();
        for (final Verdict verdict : verdicts)
        {
            if (verdict.firstStatus() == ReceiptStatus.COUNTED && unit(verdict.ballot()).equals(unit))
            {
                accepted.add(verdict);
            }
        }
        return accepted;
    }

    /** The ballot that counts for a unit now, or null: the last accepted one (replace) or the first vote (first). */
    private Verdict current(final Object unit)
    {
        final List<Verdict> accepted = acceptedOfUnit(unit);
        if (definition.revote() == RevotePolicy.FIRST)
        {
            return accepted.stream().filter(v -> !isWithdrawal(v.ballot())).findFirst().orElse(null);
        }
        return accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
    }

    private boolean isOpen(final int position)
    {
        final long time = journal.get(position).timeMicros();
        boolean opened = definition.opensAtMicros() != PollDefinition.NO_TIME && time >= definition.opensAtMicros();
        for (int p = definedAt + 1; p < position; p++)
        {
            final JournalEntry entry = journal.get(p).entry();
            if (entry instanceof JournalEntry.PollClosed closed && closed.pollId().equals(pollId))
            {
                return false;
            }
            if (entry instanceof JournalEntry.PollOpened opening && opening.pollId().equals(pollId))
            {
                opened = true;
            }
        }
        final boolean pastClose = definition.closesAtMicros() != PollDefinition.NO_TIME &&
            time > definition.closesAtMicros();
        return opened && !pastClose;
    }

    /** The counted unit: the voter, or for opinion polls the voter and the proposal. */
    private Object unit(final Ballot ballot)
    {
        if (definition.kind() != PollKind.OPINION)
        {
            return ballot.voter();
        }
        final int item = ballot.content() instanceof BallotContent.Opinion opinion ? opinion.item() :
            ((BallotContent.Withdrawal)ballot.content()).item();
        return List.of(ballot.voter(), item);
    }

    private static boolean isWithdrawal(final Ballot ballot)
    {
        return ballot.content() instanceof BallotContent.Withdrawal;
    }

    /** counts[item][cell][channel], by item index. */
    long[][][] counts()
    {
        final int channels = definition.channels().size();
        final long[][][] counts = new long[definition.items().size()][definition.cellsPerItem()][channels];
        for (final Ballot ballot : countedBallots())
        {
            final int channel = definition.channelIndex(ballot.channel());
            if (ballot.content() instanceof BallotContent.Selection selection)
            {
                for (final int item : selection.items())
                {
                    counts[index(item)][0][channel]++;
                }
            }
            else if (ballot.content() instanceof BallotContent.Opinion opinion)
            {
                counts[index(opinion.item())][opinion.choice().ordinal()][channel]++;
            }
            else
            {
                final BallotContent.Grades grades = (BallotContent.Grades)ballot.content();
                for (int i = 0; i < definition.items().size(); i++)
                {
                    final int item = definition.items().get(i).id();
                    int grade = definition.missingGrade();
                    for (int g = 0; g < grades.items().length; g++)
                    {
                        if (grades.items()[g] == item)
                        {
                            grade = grades.grades()[g];
                        }
                    }
                    counts[i][grade][channel]++;
                }
            }
        }
        for (final TallySheet sheet : latestSheets())
        {
            final int channel = definition.channelIndex(sheet.channel());
            for (int i = 0; i < definition.items().size(); i++)
            {
                long marks = 0;
                for (int s = 0; s < sheet.items().length; s++)
                {
                    if (sheet.items()[s] == definition.items().get(i).id())
                    {
                        for (int cell = 0; cell < sheet.counts()[s].length; cell++)
                        {
                            counts[i][cell][channel] += sheet.counts()[s][cell];
                            marks += sheet.counts()[s][cell];
                        }
                    }
                }
                if (definition.kind() == PollKind.JUDGMENT)
                {
                    counts[i][definition.missingGrade()][channel] += sheet.ballots() - marks;
                }
            }
        }
        return counts;
    }

    long[] ballots()
    {
        final long[] ballots = new long[definition.channels().size()];
        for (final Ballot ballot : countedBallots())
        {
            ballots[definition.channelIndex(ballot.channel())]++;
        }
        for (final TallySheet sheet : latestSheets())
        {
            ballots[definition.channelIndex(sheet.channel())] += sheet.ballots();
        }
        return ballots;
    }

    long[] arguments()
    {
        final long[] arguments = new long[definition.items().size()];
        for (final Ballot ballot : countedBallots())
        {
            if (ballot.content() instanceof BallotContent.Opinion opinion && opinion.argument() != null &&
                !opinion.argument().isBlank())
            {
                arguments[index(opinion.item())]++;
            }
        }
        return arguments;
    }

    /** What each receipt's lookup should say now. */
    Map<Object, ReceiptLookup> receipts()
    {
        final Map<Object, ReceiptLookup> receipts = new LinkedHashMap<>();
        for (final Verdict verdict : verdicts)
        {
            ReceiptStatus status = verdict.firstStatus();
            if (status == ReceiptStatus.COUNTED)
            {
                final Verdict current = current(unit(verdict.ballot()));
                status = current == null || isWithdrawal(current.ballot()) ? ReceiptStatus.WITHDRAWN :
                    current.position() == verdict.position() ? ReceiptStatus.COUNTED : ReceiptStatus.SUPERSEDED;
            }
            receipts.put(verdict.ballot().receipt(),
                new ReceiptLookup(verdict.ballot().receipt(), verdict.position(), status, verdict.reason()));
        }
        return receipts;
    }

    private List<Ballot> countedBallots()
    {
        final Map<Object, Verdict> units = new LinkedHashMap<>();
        for (final Verdict verdict : verdicts)
        {
            units.putIfAbsent(unit(verdict.ballot()), null);
        }
        final List<Ballot> counted = new ArrayList<>();
        for (final Object unit : units.keySet())
        {
            final Verdict current = current(unit);
            if (current != null && !isWithdrawal(current.ballot()))
            {
                counted.add(current.ballot());
            }
        }
        return counted;
    }

    private List<TallySheet> latestSheets()
    {
        final Map<String, TallySheet> latest = new HashMap<>();
        for (int position = definedAt + 1; position < journal.size(); position++)
        {
            if (journal.get(position).entry() instanceof JournalEntry.TallySheetRecorded recorded &&
                recorded.sheet().pollId().equals(pollId) &&
                TallySheetValidator.validate(definition, recorded.sheet()).isEmpty())
            {
                latest.put(recorded.sheet().sheetId(), recorded.sheet());
            }
        }
        return new ArrayList<>(latest.values());
    }

    private int index(final int itemId)
    {
        for (int i = 0; i < definition.items().size(); i++)
        {
            if (definition.items().get(i).id() == itemId)
            {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown item " + itemId + " in " + Objects.toString(definition.id()));
    }
}
