package org.urne.tally.agent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.urne.tally.domain.Key128;

/**
 * The typed paper ballots by poll and receipt, as the tally agent applied them: each one's stand and whether it was
 * annulled. Written by the agent before it answers, read by event loops checking an annulment (which stand, so which
 * paper tokens may annul it; not typed or already annulled, so refused before journaling). A map of its own rather
 * than part of the published paper view: a stand types thousands, and copying them at each publication would cost
 * the square of that.
 *
 * <p>Per poll, {@link ReceiptRows} (single writer, readers without locks) whose word is the stand's number in the
 * poll's list of stands and an annulled bit: no object per ballot. A map of boxed receipts to records kept three
 * objects per typed ballot alive, which every young collection copied until they were tenured.
 */
public final class TypedBallots
{
    private static final long ANNULLED = 1;

    private final Map<String, PollTyped> byPoll = new ConcurrentHashMap<>();

    /** A typed ballot's stand, and whether it was annulled. */
    public record Typed(String stand, boolean annulled)
    {
    }

    /**
     * On the agent's thread: a ballot typed at {@code stand}, journaled at {@code position}; a receipt already
     * known keeps what it has.
     */
    void typed(final String pollId, final Key128 receipt, final String stand, final long position)
    {
        final PollTyped poll = byPoll.computeIfAbsent(pollId, id -> new PollTyped());
        if (poll.rows.find(receipt.hi(), receipt.lo()) < 0)
        {
            poll.rows.add(receipt.hi(), receipt.lo(), position, (long)poll.standNumber(stand) << 1);
        }
    }

    /** On the agent's thread: the typed ballot with this receipt was annulled; nothing for any other receipt. */
    void annulled(final String pollId, final Key128 receipt)
    {
        final PollTyped poll = byPoll.get(pollId);
        if (poll == null)
        {
            return;
        }
        final int row = poll.rows.find(receipt.hi(), receipt.lo());
        if (row >= 0)
        {
            poll.rows.updateWord(row, poll.rows.word(row) | ANNULLED);
        }
    }

    /** From any thread: the typed ballot with this receipt, or null. */
    Typed find(final String pollId, final Key128 receipt)
    {
        final PollTyped poll = byPoll.get(pollId);
        if (poll == null)
        {
            return null;
        }
        final int row = poll.rows.find(receipt.hi(), receipt.lo());
        if (row < 0)
        {
            return null;
        }
        // The row was published after its stand: the stands read now hold its number.
        final long word = poll.rows.word(row);
        return new Typed(poll.stands[(int)(word >>> 1)], (word & ANNULLED) != 0);
    }

    /** One poll's typed ballots, and the stands they name, numbered in the order they were first seen. */
    private static final class PollTyped
    {
        private final ReceiptRows rows = new ReceiptRows(64);
        /** For readers, by number: replaced whole when a stand is added, before any entry names it. */
        private volatile String[] stands = new String[0];
        /**
         * For the writer, by name. A poll's stands need not be listed in its definition (then any name goes), so
         * the definition's order cannot number them.
         */
        private final Map<String, Integer> numbers = new HashMap<>();

        private int standNumber(final String stand)
        {
            final Integer known = numbers.get(stand);
            if (known != null)
            {
                return known;
            }
            final int number = stands.length;
            final String[] more = Arrays.copyOf(stands, number + 1);
            more[number] = stand;
            stands = more;
            numbers.put(stand, number);
            return number;
        }
    }
}
