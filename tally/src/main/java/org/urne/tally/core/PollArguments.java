package org.urne.tally.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.urne.tally.domain.Ballot;
import org.urne.tally.domain.BallotContent;
import org.urne.tally.domain.Choice;
import org.urne.tally.domain.Key128;

/**
 * One opinion poll's arguments: every argument an accepted opinion carried, which of them count now (their ballot is
 * its voter's current one on the item: a revote or a withdrawal takes it out, an annulment takes it out or brings an
 * earlier one back), which ones moderation hid and which texts were erased. Fed in journal order by the core, which
 * decides from its own receipts which ballot counts, so the arguments served are always those of the votes counted.
 * The counts never read it: the poll's counters count arguments themselves.
 */
final class PollArguments
{
    private static final int STANCES = Choice.values().length;

    private final PollTally poll;
    /**
     * Every entry's id, in id order (ids are journal positions, which only grow: see {@link #add}), and the entry at
     * the same index: found by binary search, with no boxed id and no map node kept per argument.
     */
    private long[] ids = new long[16];
    private Entry[] entries = new Entry[16];
    private int count;
    private final Map<Key128, Entry> byReceipt = new HashMap<>();
    /**
     * The first argument of each unit (a voter on an item), the later ones linked from it in journal order
     * ({@link Entry#nextOfUnit}): a unit rarely has more than one, and a list per unit cost two objects more.
     */
    private final Map<Unit, Entry> firstByUnit = new HashMap<>();
    /**
     * {@code served[itemIndex * 3 + choice]}: the arguments served, kept up to date as entries change; longer as
     * items are added ({@link #servedList}).
     */
    private IdOrderedBuilder<ArgumentView.Argument>[] served = newLists(0);
    /** What moderation knows of every argument, kept up to date as entries change. */
    private final IdOrderedBuilder<ArgumentView.Known> known = new IdOrderedBuilder<>(ArgumentView.Known::id);
    /** The last view built, or null once something changed since. */
    private ArgumentView view;

    /** A voter on one item: the opinion poll's counting unit. */
    private record Unit(Key128 voter, int item)
    {
    }

    /** One argument and where it stands. */
    private static final class Entry
    {
        final long id;
        final long atMicros;
        final int itemIndex;
        final Choice stance;
        final Key128 receipt;
        final Unit unit;
        /** The unit's next argument in journal order, or null. */
        Entry nextOfUnit;
        String text;
        boolean counted;
        String hiddenReason;
        boolean erased;

        Entry(final long id, final long atMicros, final int itemIndex, final Choice stance, final String text,
            final Key128 receipt, final Unit unit)
        {
            this.id = id;
            this.atMicros = atMicros;
            this.itemIndex = itemIndex;
            this.stance = stance;
            this.text = text;
            this.receipt = receipt;
            this.unit = unit;
        }
    }

    PollArguments(final PollTally poll)
    {
        this.poll = poll;
    }

    /** After the core applied a ballot of this poll with {@code outcome}. */
    void onBallot(final long position, final long timeMicros, final Ballot ballot, final Outcome outcome)
    {
        if (outcome != Outcome.ACCEPTED)
        {
            // Stale, duplicate and rejected ballots never count, and never will.
            return;
        }
        final BallotContent content = ballot.content();
        final int item = content instanceof BallotContent.Opinion opinion ? opinion.item() :
            ((BallotContent.Withdrawal)content).item();
        final Unit unit = new Unit(ballot.voter(), item);
        if (content instanceof BallotContent.Opinion opinion && opinion.argued())
        {
            final Entry entry = new Entry(position, timeMicros, poll.itemIndex(item), opinion.choice(),
                opinion.argument(), ballot.receipt(), unit);
            add(entry);
            byReceipt.put(ballot.receipt(), entry);
            final Entry first = firstByUnit.putIfAbsent(unit, entry);
            if (first != null)
            {
                Entry last = first;
                while (last.nextOfUnit != null)
                {
                    last = last.nextOfUnit;
                }
                last.nextOfUnit = entry;
            }
            changed(entry);
        }
        recount(unit);
    }

    /** After the core accepted an annulment, which may have brought back the ballot of {@code restored}. */
    void onAnnulled(final Key128 annulled, final Key128 restored)
    {
        for (final Key128 receipt : new Key128[] {annulled, restored})
        {
            final Entry entry = receipt == null ? null : byReceipt.get(receipt);
            if (entry != null)
            {
                recount(entry.unit);
            }
        }
    }

    /** Hides an argument; returns why it cannot be, or null when it is hidden now. */
    RejectReason hide(final long id, final String reason)
    {
        final Entry entry = byId(id);
        if (entry == null)
        {
            return RejectReason.ARGUMENT_UNKNOWN;
        }
        if (entry.hiddenReason != null)
        {
            return RejectReason.ARGUMENT_HIDDEN;
        }
        entry.hiddenReason = reason == null ? "" : reason;
        changed(entry);
        return null;
    }

    /** Forgets an argument's text; returns why it cannot, or null when it is erased now. */
    RejectReason erase(final long id)
    {
        final Entry entry = byId(id);
        if (entry == null)
        {
            return RejectReason.ARGUMENT_UNKNOWN;
        }
        if (entry.erased)
        {
            return RejectReason.ARGUMENT_ERASED;
        }
        entry.erased = true;
        entry.text = null;
        changed(entry);
        return null;
    }

    /** The ballot key of the ballot that carried an argument, or null when there is no such argument. */
    Key128 receiptOf(final long id)
    {
        final Entry entry = byId(id);
        return entry == null ? null : entry.receipt;
    }

    /**
     * The arguments as they stand, detached; the same instance until something changes. It costs the chunks of the
     * lists, not the arguments: the lists are kept up to date as each argument changes ({@link #changed}).
     */
    ArgumentView view()
    {
        if (view == null)
        {
            @SuppressWarnings("unchecked")
            final IdOrdered<ArgumentView.Argument>[] lists = new IdOrdered[poll.itemCount() * STANCES];
            for (int i = 0; i < lists.length; i++)
            {
                lists[i] = servedList(i).snapshot();
            }
            view = new ArgumentView(lists, known.snapshot());
        }
        return view;
    }

    /** Brings the lists up to date with an entry that is new or changed. */
    private void changed(final Entry entry)
    {
        known.put(new ArgumentView.Known(entry.id, entry.itemIndex, entry.counted, entry.hiddenReason, entry.erased));
        final IdOrderedBuilder<ArgumentView.Argument> list = servedList(entry.itemIndex * STANCES +
            entry.stance.ordinal());
        // Served when counted, not hidden and not erased. A put of an argument the list holds replaces it by an equal
        // one, and a remove of one it lacks does nothing, so no flag needs to say which the list holds.
        if (entry.counted && entry.hiddenReason == null && entry.text != null)
        {
            list.put(new ArgumentView.Argument(entry.id, entry.stance, entry.text, entry.atMicros));
        }
        else
        {
            list.remove(entry.id);
        }
        view = null;
    }

    /** The served list at {@code index}, made with those before it when an item was added since. */
    private IdOrderedBuilder<ArgumentView.Argument> servedList(final int index)
    {
        if (index >= served.length)
        {
            final IdOrderedBuilder<ArgumentView.Argument>[] more = newLists(index + 1);
            System.arraycopy(served, 0, more, 0, served.length);
            served = more;
        }
        return served[index];
    }

    @SuppressWarnings("unchecked")
    private static IdOrderedBuilder<ArgumentView.Argument>[] newLists(final int count)
    {
        final IdOrderedBuilder<ArgumentView.Argument>[] lists = new IdOrderedBuilder[count];
        for (int i = 0; i < count; i++)
        {
            lists[i] = new IdOrderedBuilder<>(ArgumentView.Argument::id);
        }
        return lists;
    }

    /** Appends: ids are positions, which the core takes in journal order only ({@code TallyCore.advance}). */
    private void add(final Entry entry)
    {
        if (count == ids.length)
        {
            ids = Arrays.copyOf(ids, count * 2);
            entries = Arrays.copyOf(entries, count * 2);
        }
        ids[count] = entry.id;
        entries[count] = entry;
        count++;
    }

    /** The entry of argument {@code id}, or null. */
    private Entry byId(final long id)
    {
        final int index = Arrays.binarySearch(ids, 0, count, id);
        return index < 0 ? null : entries[index];
    }

    /** Asks the core which of the unit's arguments counts now: at most one, its current ballot's. */
    private void recount(final Unit unit)
    {
        for (Entry entry = firstByUnit.get(unit); entry != null; entry = entry.nextOfUnit)
        {
            final ReceiptLookup lookup = poll.lookup(entry.receipt);
            final boolean counted = lookup != null && lookup.status() == ReceiptStatus.COUNTED;
            if (counted != entry.counted)
            {
                entry.counted = counted;
                changed(entry);
            }
        }
    }
}
