package org.urne.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.urne.tally.agent.Csv;
import org.urne.tally.core.TallyCore;
import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.JournalEntry;
import org.urne.tally.domain.Key128;
import org.urne.tally.domain.PollDefinition;
import org.urne.tally.domain.TallyIn;
import org.urne.tally.domain.TallySheet;
import org.urne.tally.domain.Times;
import org.urne.tally.journal.JournalReader;

/**
 * Applies each record to a core (so each ballot's outcome is the one the live tally gave it) and writes the ballots
 * and tally sheets as CSV rows, each with the name of the token that made it (empty for format version 1 records).
 */
final class BallotExporter implements TallyIn, AutoCloseable
{
    private static final String CSV_HEADER =
        "position,time,type,poll,receipt_or_sheet,voter_key,channel,cast_at,content,argument,outcome,reason,by\n";

    private final TallyCore core;
    private final JournalReader reader;
    private final OutputStream out;
    private final String onlyPoll;

    /** @param reader the reader dispatching to this exporter: it says who made each record. */
    BallotExporter(final TallyCore core, final JournalReader reader, final OutputStream out, final String onlyPoll)
        throws IOException
    {
        this.core = core;
        this.reader = reader;
        this.out = out;
        this.onlyPoll = onlyPoll;
        out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
    }

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
        if (onlyPoll != null && !onlyPoll.equals(ballot.pollId()))
        {
            return;
        }
        final Row row = new Row(position, timeMicros, "ballot", ballot.pollId(), ballot.receipt().toHex(),
            ballot.voter().toHex(), ballot.channel(), Times.toInstant(ballot.castAt()).toString(),
            ballot.stand() == null ? content(ballot.content()) : content(ballot.content()) + " stand=" + ballot.stand(),
            argument(ballot.content()));
        write(row);
    }

    @Override
    public void onTallySheet(final long position, final long timeMicros, final TallySheet sheet)
    {
        core.onTallySheet(position, timeMicros, sheet);
        if (onlyPoll != null && !onlyPoll.equals(sheet.pollId()))
        {
            return;
        }
        final StringBuilder counts = new StringBuilder("ballots=").append(sheet.ballots());
        for (int i = 0; i < sheet.items().length; i++)
        {
            counts.append(' ').append(sheet.items()[i]).append('=');
            final long[] cells = sheet.counts()[i];
            for (int cell = 0; cell < cells.length; cell++)
            {
                counts.append(cell == 0 ? "" : "/").append(cells[cell]);
            }
        }
        figure(counts, "blank", sheet.blank());
        figure(counts, "spoiled", sheet.spoiled());
        figure(counts, "signatures", sheet.signatures());
        write(new Row(position, timeMicros, "tally-sheet", sheet.pollId(), sheet.sheetId(), null, sheet.channel(),
            null, counts.toString(), sheet.stand()));
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
        if (onlyPoll == null || onlyPoll.equals(pollId))
        {
            write(new Row(position, timeMicros, "annulment", pollId, receipt.toHex(), null, null, null, null, null));
        }
    }

    /** An added item or a status change is no ballot or sheet: applied, not exported (the audit export has it). */
    @Override
    public void onItemAdded(final long position, final long timeMicros, final JournalEntry.ItemAdded added)
    {
        core.onItemAdded(position, timeMicros, added);
    }

    @Override
    public void onItemStatusChanged(final long position, final long timeMicros,
        final JournalEntry.ItemStatusChanged changed)
    {
        core.onItemStatusChanged(position, timeMicros, changed);
    }

    /** A row naming the argument (the position of its ballot's row) and, in the argument column, why it is hidden. */
    @Override
    public void onArgumentHidden(final long position, final long timeMicros, final JournalEntry.ArgumentHidden hidden)
    {
        core.onArgumentHidden(position, timeMicros, hidden);
        if (onlyPoll == null || onlyPoll.equals(hidden.pollId()))
        {
            write(new Row(position, timeMicros, "argument-hidden", hidden.pollId(),
                Long.toString(hidden.argument()), null, null, null, "hidden", hidden.reason()));
        }
    }

    /** A row naming the argument whose text was erased (the position of its ballot's row). */
    @Override
    public void onArgumentErased(final long position, final long timeMicros, final JournalEntry.ArgumentErased erased)
    {
        core.onArgumentErased(position, timeMicros, erased);
        if (onlyPoll == null || onlyPoll.equals(erased.pollId()))
        {
            write(new Row(position, timeMicros, "argument-erased", erased.pollId(),
                Long.toString(erased.argument()), null, null, null, "erased", null));
        }
    }

    private static void figure(final StringBuilder counts, final String name, final long value)
    {
        if (value != TallySheet.NOT_GIVEN)
        {
            counts.append(' ').append(name).append('=').append(value);
        }
    }

    private record Row(long position, long timeMicros, String type, String poll, String id, String voter,
        String channel, String castAt, String content, String argument)
    {
    }

    private void write(final Row row)
    {
        final String outcome = core.lastOutcome().name().toLowerCase(Locale.ROOT);
        final String reason = core.lastRejectReason() == null ? null : core.lastRejectReason().description();
        final StringBuilder line = new StringBuilder();
        line.append(row.position()).append(',').append(Times.toInstant(row.timeMicros())).append(',')
            .append(row.type()).append(',');
        for (final String field : new String[]{row.poll(), row.id(), row.voter(), row.channel(), row.castAt(),
            row.content(), row.argument(), outcome, reason, reader.current().by()})
        {
            Csv.appendText(line, field);
            line.append(',');
        }
        line.setCharAt(line.length() - 1, '\n');
        try
        {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static String content(final BallotContent content)
    {
        if (content instanceof BallotContent.Selection selection)
        {
            final StringBuilder text = new StringBuilder("selections=");
            for (int i = 0; i < selection.items().length; i++)
            {
                text.append(i == 0 ? "" : " ").append(selection.items()[i]);
            }
            return text.toString();
        }
        if (content instanceof BallotContent.Opinion opinion)
        {
            return opinion.item() + "=" + (opinion.choice() == null ? "?" : opinion.choice().wireName());
        }
        if (content instanceof BallotContent.Grades grades)
        {
            final StringBuilder text = new StringBuilder("grades=");
            for (int i = 0; i < grades.items().length; i++)
            {
                text.append(i == 0 ? "" : " ").append(grades.items()[i]).append(':').append(grades.grades()[i]);
            }
            return text.toString();
        }
        final int item = ((BallotContent.Withdrawal)content).item();
        return item == BallotContent.NO_ITEM ? "withdraw" : "withdraw " + item;
    }

    private static String argument(final BallotContent content)
    {
        return content instanceof BallotContent.Opinion opinion ? opinion.argument() : null;
    }

    @Override
    public void close() throws IOException
    {
        out.flush();
    }
}
